"""What the plan services share: field lists, period and number checks, who proposed."""

from __future__ import annotations

from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from groeipad.lib.actions import Actor
from groeipad.people.models import Employee
from groeipad.plans import rules
from groeipad.plans.models import ActionStatus, DevelopmentPlan, GoalStatus, Proposer

OPEN_GOAL = GoalStatus.OPEN
OPEN_ACTION = (ActionStatus.PLANNED, ActionStatus.IN_PROGRESS)
PLAN_FIELDS = ("strengths", "ambitions", "development_points", "period_start", "period_end")
GOAL_FIELDS = (
    "title",
    "why",
    "success_criterion",
    "owner",
    "deadline",
    "basis",
    "competency",
    "strategic_target",
)
ACTION_FIELDS = ("description", "instrument", "owner", "due_date", "status", "hours", "cost")


def check_period(period_start: date | None, period_end: date | None) -> None:
    if period_start is None or period_end is None:
        raise ValidationError(_("Plan period: give both a start and an end date."))
    if period_end <= period_start:
        raise ValidationError(
            _("Plan period: the end (%(end)s) must come after the start (%(start)s).")
            % {"start": period_start.isoformat(), "end": period_end.isoformat()}
        )


def open_plan_error(employee: Employee) -> ValidationError:
    return ValidationError(
        _(
            "%(name)s already has a plan in progress. Close it before starting a new one; "
            "an employee has one open plan at a time."
        )
        % {"name": employee.full_name}
    )


def proposer(actor: Actor, plan: DevelopmentPlan) -> str:
    return Proposer.EMPLOYEE if rules.is_self(actor, plan.employee) else Proposer.MANAGER


def decimal_of(value: Any, what: str, where: str) -> Decimal:
    try:
        number = Decimal(str(value if value not in (None, "") else 0))
    except InvalidOperation:
        raise ValidationError(
            _("%(where)s: %(what)s must be a number.") % {"where": where, "what": what}
        ) from None
    if number < 0 or not number.is_finite():
        raise ValidationError(
            _("%(where)s: %(what)s cannot be negative.") % {"where": where, "what": what}
        )
    return number
