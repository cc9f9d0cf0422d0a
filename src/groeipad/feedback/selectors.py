"""Reads for 360 feedback that are not the report (that is anonymity.report_for)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta

from django.core.exceptions import ValidationError
from django.db.models import Count, F, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from groeipad.feedback.models import (
    Approval,
    DraftAnswer,
    FeedbackRound,
    Question,
    Rater,
    RaterGroup,
    RoundStatus,
)
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


def saved_answers(rater: Rater) -> dict[int, DraftAnswer]:
    """A rater's own draft by question id (their form, through their own link); empty
    once submitted: a submitted form is a Response nobody can trace back to them."""
    return {a.question_id: a for a in DraftAnswer.objects.filter(rater=rater)}


# --- Raters: the colleague search, the round's list, the approval queue ---------------

SEARCH_LIMIT = 10


def colleague_search(feedback_round: FeedbackRound, query: str) -> list[Employee]:
    """Colleagues to invite, by name or employee number: current employees with an
    e-mail address, never the requester, at most ``SEARCH_LIMIT`` (never everyone)."""
    query = (query or "").strip()
    if len(query) < 2:
        return []
    today = timezone.localdate()
    words = query.split()
    match = Q(employee_number__iexact=query)
    name = Q()
    for word in words:
        name &= Q(first_name__icontains=word) | Q(last_name__icontains=word)
    return list(
        Employee.objects.filter(match | name)
        .filter(Q(leave_date__isnull=True) | Q(leave_date__gte=today))
        .exclude(email="")
        .exclude(pk=feedback_round.employee_id)
        .order_by("last_name", "first_name", "pk")[:SEARCH_LIMIT]
    )


def colleague(employee_id: int) -> Employee | None:
    """A current employee to invite by id (from the search results), or None."""
    today = timezone.localdate()
    return (
        Employee.objects.filter(pk=employee_id)
        .filter(Q(leave_date__isnull=True) | Q(leave_date__gte=today))
        .first()
    )


def colleague_by_number(employee_number: str) -> Employee | None:
    """A current employee to invite by employee number (the API), or None."""
    today = timezone.localdate()
    return (
        Employee.objects.filter(employee_number=employee_number.strip())
        .filter(Q(leave_date__isnull=True) | Q(leave_date__gte=today))
        .first()
    )


def round_raters(feedback_round: FeedbackRound, *, externals_only: bool = False) -> list[Rater]:
    """Whom the requester invited, with the approval of externals; never whether or
    when anyone answered (only counts, through anonymity.group_counts). HR, who approves
    externals but does not manage the round, sees the externals only."""
    raters = Rater.objects.filter(round=feedback_round)
    if externals_only:
        raters = raters.filter(is_external=True)
    return list(
        raters.exclude(group=RaterGroup.SELF)
        .select_related("employee")
        .only(
            "pk",
            "group",
            "email",
            "is_external",
            "approval",
            "employee__first_name",
            "employee__last_name",
            "employee__employee_number",
            "round_id",
        )
        .order_by("group", "email")
    )


def approval_queue(viewer: FeedbackActor) -> QuerySet[Rater]:
    """External raters waiting for this viewer's decision: of their direct reports'
    rounds (while in their line), or, for HR, of every round HR may see."""
    if is_command_line(viewer):
        return Rater.objects.none()
    assert not isinstance(viewer, str)
    v = viewer_for(viewer)
    pending = Rater.objects.filter(
        approval=Approval.PENDING, round__status__in=[RoundStatus.DRAFT, RoundStatus.OPEN]
    )
    if v.is_hr:
        people = scope.visible_employees(v)
    elif v.employee_id is not None:
        people = scope.line(v).filter(manager_id=v.employee_id)
    else:
        return Rater.objects.none()
    return (
        pending.filter(round__employee__in=people)
        .exclude(round__employee_id=v.employee_id or 0)
        .select_related("round__employee")
        .order_by("round__closes_on", "pk")
    )


def pending_externals() -> QuerySet[Rater]:
    """Every external rater waiting for approval (the command line: the whole queue)."""
    return (
        Rater.objects.filter(
            approval=Approval.PENDING, round__status__in=[RoundStatus.DRAFT, RoundStatus.OPEN]
        )
        .select_related("round__employee")
        .order_by("round__closes_on", "pk")
    )


def rater_to_decide(viewer: FeedbackActor, rater_id: int) -> Rater | None:
    """A pending external rater in the viewer's queue, or None."""
    return approval_queue(viewer).filter(pk=rater_id).first()


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
    """Invited (approved) and answered raters of the anonymous groups per round: self and
    the manager (named) left out. Before the round closes only; shown only from k."""
    others = ~Q(raters__group__in=[RaterGroup.SELF, RaterGroup.MANAGER]) & Q(
        raters__approval__in=[Approval.NOT_NEEDED, Approval.APPROVED]
    )
    return rounds.annotate(
        invited=Count("raters", filter=others, distinct=True),
        answered=Count("raters", filter=others & Q(raters__answered=True), distinct=True),
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
