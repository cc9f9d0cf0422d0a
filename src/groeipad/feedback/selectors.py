"""Reads for 360 feedback that are not the report (that is anonymity.report_for)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta

from django.core.exceptions import ValidationError
from django.db.models import Count, F, Q, QuerySet
from django.utils.translation import gettext as _

from groeipad.feedback.models import Answer, FeedbackRound, Question, Rater, RaterGroup, RoundStatus
from groeipad.feedback.rules import FeedbackActor, is_command_line
from groeipad.people import scope
from groeipad.people.models import Department, Employee, User
from groeipad.people.scope import viewer_for


def employees_of_department(department: Department) -> list[Employee]:
    """Current employees of a department and all its sub-departments."""
    from groeipad.people.selectors import department_subtree_ids

    return list(
        Employee.objects.filter(
            department_id__in=department_subtree_ids(department.pk), leave_date__isnull=True
        )
        .select_related("job_profile")
        .order_by("employee_number")
    )


def group_employees(
    actor: FeedbackActor, *, department_id: int | None = None, numbers: Sequence[str] = ()
) -> list[Employee]:
    """The group HR chose, among the employees HR may see (the command line: everyone);
    unknown numbers are refused."""
    if is_command_line(actor):
        everyone = scope.organisation()
    else:
        assert not isinstance(actor, str)
        everyone = scope.visible_employees(viewer_for(actor))
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


def own_employee(viewer: FeedbackActor) -> Employee | None:
    """The viewer's own employee record (with what starting a round needs), or None."""
    if is_command_line(viewer):
        return None
    assert not isinstance(viewer, str)
    return scope.own(viewer_for(viewer)).select_related("job_profile").first()


# --- Rounds ---------------------------------------------------------------------------


def my_rounds(viewer: FeedbackActor) -> QuerySet[FeedbackRound]:
    """The viewer's own rounds, newest first."""
    if is_command_line(viewer):
        return FeedbackRound.objects.none()
    assert not isinstance(viewer, str)
    employee_id = viewer_for(viewer).employee_id
    if employee_id is None:
        return FeedbackRound.objects.none()
    return FeedbackRound.objects.filter(employee_id=employee_id).select_related("employee")


def rounds_for_hr(viewer: FeedbackActor) -> QuerySet[FeedbackRound]:
    """Every round of the employees HR may see (response counts only, never answers)."""
    assert not isinstance(viewer, str)
    v = viewer_for(viewer)
    if not v.is_hr:
        return FeedbackRound.objects.none()
    return FeedbackRound.objects.filter(employee__in=scope.visible_employees(v)).select_related(
        "employee"
    )


def rounds_listed_for(viewer: FeedbackActor) -> QuerySet[FeedbackRound]:
    """The API's list: HR every visible round (counts only), anyone else their own."""
    assert not isinstance(viewer, str)
    return rounds_for_hr(viewer) if viewer_for(viewer).is_hr else my_rounds(viewer)


def round_questions(feedback_round: FeedbackRound) -> list[Question]:
    return list(feedback_round.questions.select_related("competency__scale"))


def saved_answers(rater: Rater) -> dict[int, Answer]:
    """A rater's own saved answers by question id (their form, through their own link)."""
    return {a.question_id: a for a in rater.answers.all()}


def account_by_email(email: str) -> User | None:
    return User.objects.filter(email__iexact=email.strip(), is_active=True).first()


def account_of_employee(employee_id: int) -> User | None:
    return User.objects.filter(employee_id=employee_id, is_active=True).first()


def mentors_of(employee_id: int | None) -> list[Employee]:
    """The employee's mentors from confirmed mentoring pairs (read from mentoring)."""
    from groeipad.mentoring.models import MatchStatus
    from groeipad.mentoring.selectors import matches_of_employee

    if employee_id is None:
        return []
    return [
        match.mentor.employee
        for match in matches_of_employee(employee_id).filter(
            mentee__employee_id=employee_id, status=MatchStatus.CONFIRMED
        )
    ]


# --- What waits for someone (the home page's to-do overview) --------------------------


def _with_response(rounds: QuerySet[FeedbackRound]) -> QuerySet[FeedbackRound]:
    """Invited and answered raters per round, the employee's own self-assessment left out."""
    others = ~Q(raters__group=RaterGroup.SELF)
    return rounds.annotate(
        invited=Count("raters", filter=others, distinct=True),
        answered=Count(
            "raters", filter=others & Q(raters__submitted_at__isnull=False), distinct=True
        ),
    )


def own_rounds_in_progress(user: FeedbackActor) -> QuerySet[FeedbackRound]:
    """The viewer's own draft and open rounds, with how many raters answered."""
    return _with_response(
        my_rounds(user).filter(status__in=[RoundStatus.DRAFT, RoundStatus.OPEN])
    ).order_by("closes_on", "pk")


def rounds_with_low_response(
    user: FeedbackActor, today: date, *, within_days: int = 7
) -> QuerySet[FeedbackRound]:
    """Open rounds the viewer may see that close within a week (or should have closed) while
    fewer than half of the invited raters answered: HR can still send a reminder."""
    assert not isinstance(user, str)
    return (
        _with_response(
            FeedbackRound.objects.filter(
                employee__in=scope.visible_employees(viewer_for(user)),
                status=RoundStatus.OPEN,
                closes_on__lte=today + timedelta(days=within_days),
            )
        )
        .alias(answered_twice=F("answered") * 2)
        .filter(answered_twice__lt=F("invited"))
        .order_by("closes_on", "pk")
    )
