"""Reads for coaching: who sees which trajectory, the queues, and the budget it draws on."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING

from django.db.models import Count, Q, QuerySet, Sum
from django.utils import timezone

from groeipad.budgets import selectors as budget_selectors
from groeipad.budgets.models import Budget
from groeipad.coaching.models import (
    COMMITTED,
    CoachingAnswer,
    CoachingEvaluation,
    CoachingTrajectory,
    Perspective,
    TrajectoryStatus,
)
from groeipad.learning import selectors as learning_selectors
from groeipad.people import scope
from groeipad.people.models import Employee
from groeipad.people.scope import Viewer
from groeipad.privacy import anonymity
from groeipad.privacy.anonymity import Cell, Instrument

if TYPE_CHECKING:
    from groeipad.people.scope import UserLike

    ViewerLike = Viewer | UserLike

ZERO = Decimal("0")


def budget_draws(department_ids: list[int], year: int) -> dict[int, tuple[Decimal, Decimal]]:
    """Per department: what coaching holds on (committed) and spent in a year, one query.

    Registered with budgets.registry as the grouped form of ``budget_draw``: a list of
    budgets (page, export, API, HR to-do) reads coaching for all departments at once.
    Departments without coaching that year are left out.
    """
    rows = (
        CoachingTrajectory.objects.filter(department_id__in=department_ids, requested_at__year=year)
        .order_by()
        .values("department_id")
        .annotate(
            committed=Sum("budget", filter=Q(status__in=COMMITTED)),
            spent=Sum("budget", filter=Q(status=TrajectoryStatus.COMPLETED)),
        )
    )
    return {row["department_id"]: (row["committed"] or ZERO, row["spent"] or ZERO) for row in rows}


def budget_draw(department_ids: list[int], year: int) -> tuple[Decimal, Decimal]:
    """What coaching holds on (committed) and spent from these departments' budget in a year.

    Registered with budgets.registry, so its budget_status, the approval checks of both
    apps and the budget page all count coaching alongside learning requests. The sum of
    ``budget_draws``, so the single and the grouped answer cannot disagree.
    """
    rows = budget_draws(department_ids, year).values()
    return sum((c for c, _ in rows), ZERO), sum((s for _, s in rows), ZERO)


def _preloaded(trajectories: QuerySet[CoachingTrajectory]) -> QuerySet[CoachingTrajectory]:
    return trajectories.select_related(
        "employee", "internal_coach", "department", "plan_goal"
    ).annotate(session_count=Count("sessions", distinct=True))


def trajectories_for_viewer(
    viewer: ViewerLike, *, status: str = ""
) -> QuerySet[CoachingTrajectory]:
    """Employee: their own. Manager: their line. HR: all. Internal coach: what they coach.

    ``status``: only those in it.
    """
    v = scope.as_viewer(viewer)
    seen = Q(employee__in=scope.visible_employees(v))
    if v.employee_id and v.is_authenticated:
        seen |= Q(internal_coach_id=v.employee_id)
    rows = _preloaded(CoachingTrajectory.objects.filter(seen))
    return rows.filter(status=status) if status else rows


def employee_ids_seen(viewer: ViewerLike, employee_ids: set[int]) -> set[int]:
    """Which of ``employee_ids`` the viewer sees as HR, themself or their line (one query):
    a list of trajectories marks the rest "seen only as coach" without a query per row."""
    return set(
        scope.visible_employees(viewer).filter(pk__in=employee_ids).values_list("pk", flat=True)
    )


def sees_only_as_coach(viewer: ViewerLike, trajectory: CoachingTrajectory) -> bool:
    """True when the viewer sees this trajectory only because they coach it.

    The coach then sees the goal and the sessions, not the budget, the decision, the
    plan goal or the evaluations: the employee's other data stay with their line and HR.
    """
    v = scope.as_viewer(viewer)
    coach_id = v.employee_id
    return (
        bool(coach_id)
        and trajectory.internal_coach_id == coach_id
        and not scope.can_see_employee(v, trajectory.employee)
    )


def mine(viewer: ViewerLike) -> QuerySet[CoachingTrajectory]:
    employee_id = scope.as_viewer(viewer).employee_id
    if not employee_id:
        return CoachingTrajectory.objects.none()
    return _preloaded(CoachingTrajectory.objects.filter(employee_id=employee_id))


def coached_by(viewer: ViewerLike) -> QuerySet[CoachingTrajectory]:
    employee_id = scope.as_viewer(viewer).employee_id
    if not employee_id:
        return CoachingTrajectory.objects.none()
    return _preloaded(CoachingTrajectory.objects.filter(internal_coach_id=employee_id))


def _others_in_view(viewer: ViewerLike, status: Q) -> QuerySet[CoachingTrajectory]:
    """Trajectories of the viewer's line (HR: all) in ``status``, not the viewer's own."""
    v = scope.as_viewer(viewer)
    rows = _preloaded(
        CoachingTrajectory.objects.filter(status, employee__in=scope.visible_employees(v))
    )
    if v.employee_id:
        rows = rows.exclude(employee_id=v.employee_id)
    return rows.order_by("requested_at", "id")


def approval_queue(viewer: ViewerLike) -> QuerySet[CoachingTrajectory]:
    """Open requests of the viewer's line (HR: everyone's), the viewer's own left out."""
    return _others_in_view(viewer, Q(status=TrajectoryStatus.REQUESTED))


def running(viewer: ViewerLike) -> QuerySet[CoachingTrajectory]:
    """Approved or in progress in the viewer's line (HR: all), not the viewer's own."""
    return _others_in_view(viewer, Q(status__in=COMMITTED))


def hr_threshold() -> Decimal:
    """The same threshold as learning: requests from this amount up are shown to HR."""
    return learning_selectors.setting("LEARNING_HR_COST_THRESHOLD")


def hr_attention(viewer: ViewerLike) -> QuerySet[CoachingTrajectory]:
    if not scope.is_hr(viewer):
        return CoachingTrajectory.objects.none()
    return approval_queue(viewer).filter(budget__gte=hr_threshold())


def all_for_hr(viewer: ViewerLike, limit: int | None = None) -> list[CoachingTrajectory]:
    """Every trajectory, newest first (HR's list), at most ``limit``."""
    if not scope.is_hr(viewer):
        return []
    rows = _preloaded(CoachingTrajectory.objects.all()).order_by("-requested_at", "-id")
    return list(rows[:limit] if limit is not None else rows)


def remaining_for(trajectory: CoachingTrajectory) -> tuple[Budget | None, Decimal | None]:
    """The department budget a trajectory draws on and what is left of it now."""
    return budget_selectors.department_remaining(trajectory.department, trajectory.budget_year)


def colleague_by_reference(text: str) -> Employee | None:
    """A current colleague by employee number or e-mail, to name as internal coach.

    Typed, not picked from a list: an employee may not browse everyone's names.
    """
    text = (text or "").strip()
    if not text:
        return None
    today = timezone.localdate()
    return (
        Employee.objects.filter(Q(employee_number=text) | Q(email__iexact=text))
        .filter(Q(leave_date__isnull=True) | Q(leave_date__gte=today))
        .first()
    )


def goals_for_request(viewer: ViewerLike) -> QuerySet:
    """Open plan goals the viewer may link a request to: of the people they may request for."""
    from groeipad.plans.models import Goal

    return (
        Goal.objects.filter(plan__employee__in=scope.visible_employees(viewer), status="open")
        .select_related("plan__employee")
        .order_by("plan__employee__last_name", "deadline")
    )


def goal_for_request(viewer: ViewerLike, goal_id: int) -> object | None:
    """One plan goal the viewer may link a request to (None: not one of those)."""
    return goals_for_request(viewer).filter(pk=goal_id).first()


def goal_of_visible_employee(viewer: ViewerLike, goal_id: int) -> object | None:
    """A plan goal of someone the viewer sees, whatever its status (the API links any)."""
    from groeipad.plans.models import Goal

    return (
        Goal.objects.select_related("plan")
        .filter(pk=goal_id, plan__employee__in=scope.visible_employees(viewer))
        .first()
    )


def people_to_request_for(viewer: ViewerLike) -> list[Employee]:
    """The people the viewer may ask coaching for, by name: HR everyone, a manager
    themself and their line, an employee themself."""
    v = scope.as_viewer(viewer)
    if not (v.is_hr or v.employee_id is not None):
        return []
    return list(scope.visible_employees(v).order_by("last_name", "first_name"))


def employee_to_request_for(viewer: ViewerLike, employee_number: str) -> Employee | None:
    return scope.visible_employees(viewer).filter(employee_number=employee_number).first()


def sessions_of(trajectory: CoachingTrajectory) -> list:
    """The logged sessions of a trajectory, with who logged them."""
    return list(trajectory.sessions.select_related("logged_by__employee"))


# --- End evaluations: anonymous answers (specs/anonymity.md) --------------------------


def readable_evaluations(viewer: ViewerLike, trajectory: CoachingTrajectory) -> list:
    """The end evaluations of a trajectory the viewer reads: only the manager's, by the
    manager who gave it.

    The employee's end evaluation is an anonymous answer stored linked to nobody
    (``CoachingAnswer``): no one reads it back, not even its author, who sees that they
    answered (``given_perspectives``). The employee, other managers in the line and HR
    see only that the manager's was given and, for HR, the averages of
    ``evaluation_summary``. The internal coach sees none.
    """
    v = scope.as_viewer(viewer)
    if sees_only_as_coach(v, trajectory):
        return []
    return [
        e
        for e in trajectory.evaluations.all()
        if e.perspective == Perspective.MANAGER and e.rater_id is not None and e.rater_id == v.pk
    ]


def answered_any(employee_id: int | None) -> bool:
    """The employee gave their (anonymous) end evaluation on one of their trajectories:
    one answer per person, so no other trajectory of theirs asks again."""
    if not employee_id:
        return False
    return CoachingTrajectory.objects.filter(
        employee_id=employee_id, employee_answered=True
    ).exists()


def given_perspectives(trajectory: CoachingTrajectory) -> set[str]:
    """Which end evaluations have been given (not what they say)."""
    given = {e.perspective for e in trajectory.evaluations.all()}
    if trajectory.employee_answered:
        given.add(Perspective.EMPLOYEE)
    return given


@dataclass(frozen=True)
class EvaluationSummaryRow:
    perspective: str
    label: str
    cell: Cell  # value: the average "goal reached" (1-5, one decimal); n: answers behind it


def evaluation_summary(viewer: ViewerLike) -> list[EvaluationSummaryRow]:
    """For HR: per perspective, the average "goal reached" of all end evaluations.

    Through privacy.anonymity with k = threshold(Instrument.COACHING): shown from k
    answers by distinct people (employees; the rating managers, where an answer no
    longer names its author it counts as one person), over the first ``stepped(n, k)``
    answers in arrival order (by id). The employees' answers are linked to nobody: each is
    one person (the service takes one per employee). Coaching as a whole never **closes**: trajectories
    keep starting, so the figure moves only in steps of k new answers and never by one.
    The two perspectives are separate answer sets and no total over both is shown.
    Empty for anyone but HR.
    """
    if not scope.is_hr(viewer):
        return []
    k = anonymity.threshold(Instrument.COACHING)
    answers: dict[str, list[tuple[int, object]]] = {p: [] for p in Perspective.values}
    for pk, rating in CoachingAnswer.objects.order_by("id").values_list("id", "goal_reached"):
        answers[Perspective.EMPLOYEE].append((rating, ("answer", pk)))
    for pk, rating, rater_id in (
        CoachingEvaluation.objects.filter(perspective=Perspective.MANAGER)
        .order_by("id")
        .values_list("id", "goal_reached", "rater_id")
    ):
        person: object = rater_id or ("unknown", pk)
        answers[Perspective.MANAGER].append((rating, person))
    rows = []
    for perspective, label in Perspective.choices:
        given = answers.get(perspective, [])
        used = anonymity.first_answers(given, anonymity.stepped(len(given), k))
        people = len({person for _rating, person in used})
        value = round(sum(r for r, _p in used) / len(used), 1) if used else None
        rows.append(
            EvaluationSummaryRow(
                perspective, str(label), anonymity.cell(value, len(used), k, hidden=people < k)
            )
        )
    return rows
