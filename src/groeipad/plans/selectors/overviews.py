"""Overviews: what reminders find, the team and HR views, the home page's to-do."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING

from django.db.models import (
    Count,
    Exists,
    IntegerField,
    Min,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
)
from django.db.models.functions import Coalesce

from groeipad.people import scope
from groeipad.people.models import Employee
from groeipad.plans.models import (
    Action,
    CheckIn,
    CheckInStatus,
    DevelopmentPlan,
    Goal,
    PlanStatus,
)
from groeipad.plans.selectors.common import (
    OPEN_ACTION,
    OPEN_PLAN,
)
from groeipad.plans.selectors.visible import plans_visible

if TYPE_CHECKING:
    from groeipad.plans.selectors.common import ViewerLike


# --- For reminders and digests (built elsewhere) -------------------------------------


def overdue_actions(today: date) -> QuerySet[Action]:
    """Open actions past their due date in plans still in progress."""
    return Action.objects.filter(
        status__in=OPEN_ACTION, due_date__lt=today, goal__plan__status__in=OPEN_PLAN
    ).select_related("goal", "goal__plan", "goal__plan__employee", "owner")


def overdue_checkins(today: date) -> QuerySet[CheckIn]:
    """Planned check-ins whose date has passed without being held."""
    return (
        CheckIn.objects.filter(status=CheckInStatus.PLANNED, scheduled_for__lt=today)
        .select_related("employee", "manager")
        .defer("employee_private_notes", "manager_private_notes")
    )


# --- Overviews -----------------------------------------------------------------------


def _current(employees: QuerySet[Employee], today: date) -> QuerySet[Employee]:
    return employees.filter(Q(leave_date__isnull=True) | Q(leave_date__gte=today))


def team_overview(viewer: ViewerLike, today: date) -> QuerySet[Employee]:
    """The viewer's current line with plan status, check-ins and overdue actions.

    One query whatever the team size: each figure is a correlated subquery.
    """
    plan = DevelopmentPlan.objects.filter(employee=OuterRef("pk"), status__in=OPEN_PLAN)
    overdue = (
        Action.objects.filter(
            goal__plan__employee=OuterRef("pk"),
            goal__plan__status__in=OPEN_PLAN,
            status__in=OPEN_ACTION,
            due_date__lt=today,
        )
        .order_by()
        .values("goal__plan__employee")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return (
        _current(scope.line(viewer), today)
        .select_related("department", "manager", "job_profile")
        .annotate(
            plan_id=Subquery(plan.values("pk")[:1]),
            plan_status=Subquery(plan.values("status")[:1]),
            last_checkin=Subquery(
                CheckIn.objects.filter(employee=OuterRef("pk"), status=CheckInStatus.HELD)
                .order_by("-held_on")
                .values("held_on")[:1]
            ),
            next_checkin=Subquery(
                CheckIn.objects.filter(employee=OuterRef("pk"), status=CheckInStatus.PLANNED)
                .order_by("scheduled_for")
                .values("scheduled_for")[:1]
            ),
            next_checkin_id=Subquery(
                CheckIn.objects.filter(employee=OuterRef("pk"), status=CheckInStatus.PLANNED)
                .order_by("scheduled_for")
                .values("pk")[:1]
            ),
            overdue_actions=Coalesce(Subquery(overdue, output_field=IntegerField()), Value(0)),
        )
        .order_by("last_name", "first_name")
    )


@dataclass
class InclusionRow:
    department_id: int | None
    employees: int
    with_active_plan: int
    path: str = ""

    @property
    def share(self) -> float:
        return self.with_active_plan / self.employees if self.employees else 0.0


def inclusion_by_department(viewer: ViewerLike, today: date) -> list[InclusionRow]:
    """Per department: current employees and how many have an active (co-signed) plan."""
    active = DevelopmentPlan.objects.filter(employee=OuterRef("pk"), status=PlanStatus.ACTIVE)
    rows = (
        _current(scope.visible_employees(viewer), today)
        .annotate(has_plan=Exists(active))
        .order_by()
        .values("department_id")
        .annotate(total=Count("pk"), with_plan=Count("pk", filter=Q(has_plan=True)))
    )
    return [InclusionRow(r["department_id"], r["total"], r["with_plan"]) for r in rows]


def plan_status_counts(viewer: ViewerLike) -> dict[str, int]:
    counts = dict(
        plans_visible(viewer)
        .order_by()
        .values("status")
        .annotate(n=Count("pk"))
        .values_list("status", "n")
    )
    return {status: counts.get(status, 0) for status in PlanStatus.values}


# --- What waits for someone (the home page's to-do overview) --------------------------


@dataclass
class ActionDeadlines:
    overdue: int
    soon: int
    first_due: date | None  # the first of the ``soon`` ones


def action_deadlines_of(employee_id: int, today: date, *, horizon_days: int) -> ActionDeadlines:
    """Open actions in the employee's open plan past their due date, or due within the horizon."""
    rows = Action.objects.filter(
        goal__plan__employee_id=employee_id,
        goal__plan__status__in=OPEN_PLAN,
        status__in=OPEN_ACTION,
        due_date__lte=today + timedelta(days=horizon_days),
    ).aggregate(
        overdue=Count("pk", filter=Q(due_date__lt=today)),
        soon=Count("pk", filter=Q(due_date__gte=today)),
        first_due=Min("due_date", filter=Q(due_date__gte=today)),
    )
    return ActionDeadlines(rows["overdue"], rows["soon"], rows["first_due"])


def next_checkin_of(employee_id: int) -> CheckIn | None:
    """The employee's earliest planned check-in (one still open from the past comes first)."""
    return (
        CheckIn.objects.filter(employee_id=employee_id, status=CheckInStatus.PLANNED)
        .defer("employee_private_notes", "manager_private_notes")
        .order_by("scheduled_for", "pk")
        .first()
    )


def plans_awaiting_cosign(viewer: ViewerLike) -> QuerySet[DevelopmentPlan]:
    """Draft plans with at least one goal in the viewer's current line: theirs to co-sign."""
    if scope.as_viewer(viewer).employee_id is None:
        return DevelopmentPlan.objects.none()
    return DevelopmentPlan.objects.filter(
        employee_id__in=scope.line_ids(viewer),
        status=PlanStatus.DRAFT,
    ).filter(Exists(Goal.objects.filter(plan=OuterRef("pk"))))
