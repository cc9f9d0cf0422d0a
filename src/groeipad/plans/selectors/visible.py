"""What a viewer may see: plans, goals, actions, check-ins; a writer's own notes."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from django.db.models import (
    Q,
    QuerySet,
)

from groeipad.people import scope
from groeipad.people.models import Employee
from groeipad.plans.models import (
    Action,
    CheckIn,
    CheckInStatus,
    DevelopmentPlan,
    Goal,
)
from groeipad.plans.rules import checkin_side
from groeipad.plans.selectors.common import (
    OPEN_PLAN,
)

if TYPE_CHECKING:
    from groeipad.plans.selectors.common import ViewerLike


def plans_visible(viewer: ViewerLike) -> QuerySet[DevelopmentPlan]:
    return DevelopmentPlan.objects.filter(employee__in=scope.visible_employees(viewer))


def goals_visible(viewer: ViewerLike) -> QuerySet[Goal]:
    return Goal.objects.filter(plan__in=plans_visible(viewer))


def actions_visible(viewer: ViewerLike) -> QuerySet[Action]:
    return Action.objects.filter(goal__plan__in=plans_visible(viewer))


def checkins_visible(viewer: ViewerLike) -> QuerySet[CheckIn]:
    return CheckIn.objects.filter(employee__in=scope.visible_employees(viewer)).defer(
        "employee_private_notes", "manager_private_notes"
    )


def plan_list(viewer: ViewerLike, employee: Employee | None = None) -> list[DevelopmentPlan]:
    """The plans the viewer may see (of one employee when given), at most 200."""
    plans = plans_visible(viewer).select_related("employee", "template")
    if employee is not None:
        plans = plans.filter(employee=employee)
    return list(plans.order_by("employee__employee_number", "-period_start")[:200])


def checkin_list(viewer: ViewerLike, employee: Employee | None = None) -> list[CheckIn]:
    """The check-ins the viewer may see (of one employee when given), at most 500."""
    checkins = checkins_visible(viewer).select_related("employee", "manager")
    if employee is not None:
        checkins = checkins.filter(employee=employee)
    return list(checkins.order_by("-scheduled_for")[:500])


def goals_of(plan: DevelopmentPlan) -> list[Goal]:
    return list(plan.goals.select_related("owner", "plan"))


def actions_of(goal: Goal) -> list[Action]:
    return list(goal.actions.select_related("owner"))


def next_steps_of(checkin: CheckIn) -> list[Action]:
    return list(checkin.next_steps.select_related("goal", "owner"))


def _participant(employee_id: int, today: date) -> Q:
    # As the manager side only while the employee still works here: a leaver's
    # check-ins leave the manager's calendar the day after the leave date.
    return Q(employee_id=employee_id) | (
        Q(manager_id=employee_id) & scope.employed_on(today, "employee__")
    )


def checkins_taken_part_in(viewer: ViewerLike) -> QuerySet[CheckIn]:
    """The check-ins the viewer takes part in, as employee or as manager (no notes)."""
    v = scope.as_viewer(viewer)
    employee_id = v.employee_id
    if employee_id is None:
        return CheckIn.objects.none()
    return (
        CheckIn.objects.filter(_participant(employee_id, v.today))
        .select_related("employee", "manager")
        .defer("employee_private_notes", "manager_private_notes")
    )


def planned_checkins_taken_part_in(viewer: ViewerLike) -> list[CheckIn]:
    """The viewer's check-ins still planned, first first (their calendar feed)."""
    return list(
        checkins_taken_part_in(viewer)
        .filter(status=CheckInStatus.PLANNED)
        .order_by("scheduled_for", "pk")
    )


def held_checkins_of(plan: DevelopmentPlan) -> list[CheckIn]:
    """The plan's held check-ins with only what both sides share (never private notes)."""
    return list(
        CheckIn.objects.filter(plan=plan, status=CheckInStatus.HELD)
        .only("id", "held_on", "scheduled_for", "shared_notes", "plan_id")
        .order_by("held_on", "pk")
    )


def private_notes_for(viewer: ViewerLike, checkin: CheckIn) -> str | None:
    """The viewer's own private notes of this check-in; None if they are neither side."""
    side = checkin_side(viewer, checkin)
    if side is None:
        return None
    return (
        CheckIn.objects.filter(pk=checkin.pk)
        .values_list(f"{side}_private_notes", flat=True)
        .first()
    )


def open_plan(employee: Employee) -> DevelopmentPlan | None:
    return (
        DevelopmentPlan.objects.filter(employee=employee, status__in=OPEN_PLAN)
        .select_related("template")
        .first()
    )


def plan_history(employee: Employee) -> QuerySet[DevelopmentPlan]:
    return DevelopmentPlan.objects.filter(employee=employee).order_by("-period_start")


def plan_goals(plan: DevelopmentPlan) -> list[Goal]:
    """Goals with their actions, in two queries."""
    return list(
        plan.goals.select_related(
            "owner", "competency", "strategic_target__competency", "seeded_from"
        )
        .prefetch_related("actions__owner")
        .order_by("status", "deadline", "pk")
    )


def checkins_of(employee: Employee) -> QuerySet[CheckIn]:
    return (
        CheckIn.objects.filter(employee=employee)
        .defer("employee_private_notes", "manager_private_notes")
        .order_by("-scheduled_for")
    )
