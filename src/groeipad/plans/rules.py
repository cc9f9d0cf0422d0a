"""Who may write what in a development plan. Reads go through plans.selectors.

The plan is the employee's own; their manager line draws it up with them and co-signs.
HR reads progress but writes nothing in a person's plan (it edits the templates, in the
admin). Every "who" question is a ``people.scope`` one.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from groeipad.people import scope
from groeipad.people.models import Employee
from groeipad.plans.models import CheckIn, DevelopmentPlan, PlanStatus

if TYPE_CHECKING:
    from groeipad.people.scope import UserLike, Viewer

    Actor = Viewer | UserLike


def is_self(actor: Actor, employee: Employee) -> bool:
    viewer = scope.as_viewer(actor)
    return viewer.employee_id is not None and viewer.employee_id == employee.pk


def may_start_plan(actor: Actor, employee: Employee) -> bool:
    # The employee owns the plan; their manager line may draw one up with them.
    return is_self(actor, employee) or scope.in_line(actor, employee)


def may_edit_plan(actor: Actor, plan: DevelopmentPlan) -> bool:
    if plan.status == PlanStatus.CLOSED:
        return False
    return is_self(actor, plan.employee) or scope.in_line(actor, plan.employee)


def may_cosign(actor: Actor, plan: DevelopmentPlan) -> bool:
    return scope.in_line(actor, plan.employee)


def may_close_plan(actor: Actor, plan: DevelopmentPlan) -> bool:
    return may_edit_plan(actor, plan)


def checkin_side(actor: Actor, checkin: CheckIn) -> str | None:
    """'employee' or 'manager': whose private notes this user writes and reads; else None."""
    employee_id = scope.as_viewer(actor).employee_id
    if not employee_id:
        return None
    if employee_id == checkin.employee_id:
        return "employee"
    if employee_id == checkin.manager_id:
        return "manager"
    return None


def may_plan_checkin(actor: Actor, employee: Employee) -> bool:
    return is_self(actor, employee) or scope.in_line(actor, employee)


def may_set_cadence(actor: Actor, manager: Employee) -> bool:
    return is_self(actor, manager)
