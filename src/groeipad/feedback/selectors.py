"""Reads for 360 feedback that are not the report (that is anonymity.report_for)."""

from __future__ import annotations

from datetime import date, timedelta

from django.core.exceptions import ValidationError
from django.db.models import Count, F, Q, QuerySet
from django.utils.translation import gettext as _

from groeipad.feedback.models import FeedbackRound, RaterGroup, RoundStatus
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


# --- What waits for someone (the home page's to-do overview) --------------------------


def _with_response(rounds):
    """Invited and answered raters per round, the employee's own self-assessment left out."""
    others = ~Q(raters__group=RaterGroup.SELF)
    return rounds.annotate(
        invited=Count("raters", filter=others, distinct=True),
        answered=Count(
            "raters", filter=others & Q(raters__submitted_at__isnull=False), distinct=True
        ),
    )


def own_rounds_in_progress(user) -> QuerySet[FeedbackRound]:
    """The viewer's own draft and open rounds, with how many raters answered."""
    if not getattr(user, "employee_id", None):
        return FeedbackRound.objects.none()
    return _with_response(
        FeedbackRound.objects.filter(
            employee_id=user.employee_id, status__in=[RoundStatus.DRAFT, RoundStatus.OPEN]
        )
    ).order_by("closes_on", "pk")


def rounds_with_low_response(user, today: date, *, within_days: int = 7) -> QuerySet[FeedbackRound]:
    """Open rounds the viewer may see that close within a week (or should have closed) while
    fewer than half of the invited raters answered: HR can still send a reminder."""
    return (
        _with_response(
            FeedbackRound.objects.filter(
                employee__in=visible_employees(user),
                status=RoundStatus.OPEN,
                closes_on__lte=today + timedelta(days=within_days),
            )
        )
        .alias(answered_twice=F("answered") * 2)
        .filter(answered_twice__lt=F("invited"))
        .order_by("closes_on", "pk")
    )
