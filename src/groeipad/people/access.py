"""The one way to turn an employee number from a request into an Employee."""

from __future__ import annotations

from django.http import Http404
from django.utils.translation import gettext as _

from groeipad.people.models import Employee
from groeipad.people.visibility import visible_employees


def employee_for_viewer(user, employee_number: str) -> Employee:
    """The employee, if ``user`` may see them; 404 otherwise, never a hint that it exists."""
    try:
        return (
            visible_employees(user)
            .select_related("department", "job_profile", "manager")
            .get(employee_number=employee_number)
        )
    except Employee.DoesNotExist:
        raise Http404(_("No such employee.")) from None
