"""The 70-20-10 mix of a plan's actions, the plan's flags and a check-in's agenda."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING

from groeipad.people.models import Employee
from groeipad.plans.models import (
    Action,
    ActionStatus,
    Category,
    DevelopmentPlan,
    Goal,
    GoalBasis,
    GoalStatus,
    PlanStatus,
)
from groeipad.plans.selectors.common import (
    GUIDELINE,
    OPEN_ACTION,
    OPEN_PLAN,
)

if TYPE_CHECKING:
    pass


# --- The 70-20-10 mix ----------------------------------------------------------------


@dataclass(frozen=True)
class MixPart:
    category: str
    label: str
    amount: Decimal
    percent: int
    guideline: int


@dataclass(frozen=True)
class Mix:
    basis: str  # "hours" or "count"
    total: Decimal
    parts: list[MixPart]


def mix_of(actions) -> Mix:
    """The actual 70-20-10 mix of the actions (cancelled ones left out).

    By hours when any action has hours; otherwise by the number of actions.
    """
    kept = [a for a in actions if a.status != ActionStatus.CANCELLED]
    by_hours = any(a.hours > 0 for a in kept)
    amounts = {c: Decimal(0) for c in GUIDELINE}
    for action in kept:
        amounts[action.category] += action.hours if by_hours else Decimal(1)
    total = sum(amounts.values(), Decimal(0))
    # Largest remainder keeps the shown percentages adding up to 100.
    raw = {c: (amounts[c] * 100 / total if total else Decimal(0)) for c in GUIDELINE}
    percent = {c: int(raw[c]) for c in GUIDELINE}
    if total:
        short = 100 - sum(percent.values())
        for c in sorted(GUIDELINE, key=lambda c: raw[c] - percent[c], reverse=True)[:short]:
            percent[c] += 1
    labels = dict(Category.choices)
    return Mix(
        basis="hours" if by_hours else "count",
        total=total,
        parts=[MixPart(c, str(labels[c]), amounts[c], percent[c], GUIDELINE[c]) for c in GUIDELINE],
    )


# --- Flags and agenda ----------------------------------------------------------------


def plan_flags(plan: DevelopmentPlan, goals: list[Goal]) -> list[str]:
    """Signals from the seed's 'what does not work', as keys the page explains."""
    flags = []
    if goals and not any(g.basis == GoalBasis.STRENGTH for g in goals):
        flags.append("only_weak_points")
    if plan.status == PlanStatus.DRAFT and goals:
        flags.append("not_cosigned")
    open_goals = [g for g in goals if g.status == GoalStatus.OPEN]
    if any(not g.actions.all() for g in open_goals):
        flags.append("goal_without_action")
    return flags


def agenda(employee: Employee, today: date) -> dict:
    """What a check-in talks about: open goals and open actions, overdue first."""
    goals = list(
        Goal.objects.filter(
            plan__employee=employee, plan__status__in=OPEN_PLAN, status=GoalStatus.OPEN
        )
        .select_related("owner")
        .order_by("deadline", "pk")
    )
    actions = list(
        Action.objects.filter(
            goal__plan__employee=employee, goal__plan__status__in=OPEN_PLAN, status__in=OPEN_ACTION
        )
        .select_related("goal", "owner")
        .order_by("due_date", "pk")
    )
    for goal in goals:
        goal.overdue = goal.deadline < today
    for action in actions:
        action.overdue = action.due_date < today
    goals.sort(key=lambda g: not g.overdue)
    actions.sort(key=lambda a: not a.overdue)
    return {"goals": goals, "actions": actions}
