"""Reads for 360 feedback that are not the report (that is anonymity.report_for)."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from groeipad.feedback.services import employees_of_department
from groeipad.people.models import Department, Employee
from groeipad.people.visibility import visible_employees


def group_employees(actor, *, department_id=None, numbers=()) -> list[Employee]:
    """The group HR chose, among the employees HR may see (the command line: everyone);
    unknown numbers are refused."""
    everyone = Employee.objects.all() if isinstance(actor, str) else visible_employees(actor)
    visible = everyone.select_related("job_profile")
    if department_id:
        department = Department.objects.filter(pk=department_id).first()
        if department is None:
            raise ValidationError(_("Unknown department."))
        ids = {e.pk for e in employees_of_department(department)}
        return list(visible.filter(pk__in=ids).order_by("employee_number"))
    found = {e.employee_number: e for e in visible.filter(employee_number__in=numbers)}
    unknown = [n for n in numbers if n not in found]
    if unknown:
        raise ValidationError(
            _("Unknown employee numbers: %(numbers)s.") % {"numbers": ", ".join(unknown)}
        )
    return [found[n] for n in dict.fromkeys(numbers)]
