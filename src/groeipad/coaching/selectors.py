"""Reads for coaching: who sees which trajectory, the queues, and the budget it draws on."""

from __future__ import annotations

from decimal import Decimal

from django.db.models import Count, Q, QuerySet, Sum

from groeipad.coaching.models import COMMITTED, CoachingTrajectory, TrajectoryStatus
from groeipad.learning import selectors as learning_selectors
from groeipad.people.visibility import can_see_employee, is_hr, visible_employees

ZERO = Decimal("0")


def budget_draws(department_ids: list[int], year: int) -> dict[int, tuple[Decimal, Decimal]]:
    """Per department: what coaching holds on (committed) and spent in a year, one query.

    Registered with learning.selectors as the grouped form of ``budget_draw``: a list of
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

    Registered with learning.selectors, so its budget_status, the approval checks of both
    apps and the budget page all count coaching alongside learning requests. The sum of
    ``budget_draws``, so the single and the grouped answer cannot disagree.
    """
    rows = budget_draws(department_ids, year).values()
    return sum((c for c, _ in rows), ZERO), sum((s for _, s in rows), ZERO)


def _preloaded(trajectories: QuerySet[CoachingTrajectory]) -> QuerySet[CoachingTrajectory]:
    return trajectories.select_related(
        "employee", "internal_coach", "department", "plan_goal"
    ).annotate(session_count=Count("sessions", distinct=True))


def trajectories_for_viewer(user) -> QuerySet[CoachingTrajectory]:
    """Employee: their own. Manager: their line. HR: all. Internal coach: what they coach."""
    seen = Q(employee__in=visible_employees(user))
    coach_id = getattr(user, "employee_id", None)
    if coach_id and getattr(user, "is_authenticated", False) and user.is_active:
        seen |= Q(internal_coach_id=coach_id)
    return _preloaded(CoachingTrajectory.objects.filter(seen))


def sees_only_as_coach(user, trajectory: CoachingTrajectory) -> bool:
    """True when the viewer sees this trajectory only because they coach it.

    The coach then sees the goal and the sessions, not the budget, the decision, the
    plan goal or the evaluations: the employee's other data stay with their line and HR.
    """
    coach_id = getattr(user, "employee_id", None)
    return (
        bool(coach_id)
        and trajectory.internal_coach_id == coach_id
        and not can_see_employee(user, trajectory.employee)
    )


def mine(user) -> QuerySet[CoachingTrajectory]:
    employee_id = getattr(user, "employee_id", None)
    if not employee_id:
        return CoachingTrajectory.objects.none()
    return _preloaded(CoachingTrajectory.objects.filter(employee_id=employee_id))


def coached_by(user) -> QuerySet[CoachingTrajectory]:
    employee_id = getattr(user, "employee_id", None)
    if not employee_id:
        return CoachingTrajectory.objects.none()
    return _preloaded(CoachingTrajectory.objects.filter(internal_coach_id=employee_id))


def approval_queue(user) -> QuerySet[CoachingTrajectory]:
    """Open requests of the viewer's line (HR: everyone's), the viewer's own left out."""
    queue = _preloaded(
        CoachingTrajectory.objects.filter(
            employee__in=visible_employees(user), status=TrajectoryStatus.REQUESTED
        )
    )
    if getattr(user, "employee_id", None):
        queue = queue.exclude(employee_id=user.employee_id)
    return queue.order_by("requested_at", "id")


def running(user) -> QuerySet[CoachingTrajectory]:
    """Approved or in progress in the viewer's line (HR: all), not the viewer's own."""
    rows = _preloaded(
        CoachingTrajectory.objects.filter(
            employee__in=visible_employees(user), status__in=COMMITTED
        )
    )
    if getattr(user, "employee_id", None):
        rows = rows.exclude(employee_id=user.employee_id)
    return rows.order_by("requested_at", "id")


def hr_threshold() -> Decimal:
    """The same threshold as learning: requests from this amount up are shown to HR."""
    return learning_selectors.setting("LEARNING_HR_COST_THRESHOLD")


def hr_attention(user) -> QuerySet[CoachingTrajectory]:
    if not is_hr(user):
        return CoachingTrajectory.objects.none()
    return approval_queue(user).filter(budget__gte=hr_threshold())


def all_for_hr(user) -> QuerySet[CoachingTrajectory]:
    if not is_hr(user):
        return CoachingTrajectory.objects.none()
    return _preloaded(CoachingTrajectory.objects.all())


def remaining_for(trajectory: CoachingTrajectory):
    """The learning budget a trajectory draws on and what is left of it now."""
    budget = learning_selectors.budget_for(trajectory.department, trajectory.budget_year)
    if budget is None:
        return None, None
    return budget, learning_selectors.budget_status(budget.department, budget.year).remaining


def colleague_by_reference(text: str):
    """A current colleague by employee number or e-mail, to name as internal coach.

    Typed, not picked from a list: an employee may not browse everyone's names.
    """
    from django.utils import timezone

    from groeipad.people.models import Employee

    text = (text or "").strip()
    if not text:
        return None
    today = timezone.localdate()
    return (
        Employee.objects.filter(Q(employee_number=text) | Q(email__iexact=text))
        .filter(Q(leave_date__isnull=True) | Q(leave_date__gte=today))
        .first()
    )


def goals_for_request(user):
    """Open plan goals the viewer may link a request to: of the people they may request for."""
    from groeipad.plans.models import Goal

    return (
        Goal.objects.filter(plan__employee__in=visible_employees(user), status="open")
        .select_related("plan__employee")
        .order_by("plan__employee__last_name", "deadline")
    )
