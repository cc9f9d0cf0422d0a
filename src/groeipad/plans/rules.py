"""Who may write what in a development plan. Reads go through plans.selectors.

The plan is the employee's own; their manager line draws it up with them and co-signs.
HR reads progress but writes nothing in a person's plan (it edits the templates).
"""

from __future__ import annotations

from groeipad.people.models import Employee
from groeipad.people.scope import in_line as is_above_in_line
from groeipad.people.visibility import is_hr
from groeipad.plans.models import CheckIn, DevelopmentPlan, PlanStatus


def is_self(user, employee: Employee) -> bool:
    return bool(getattr(user, "employee_id", None)) and user.employee_id == employee.pk


def may_start_plan(user, employee: Employee) -> bool:
    # The employee owns the plan; their manager line may draw one up with them.
    return is_self(user, employee) or is_above_in_line(user, employee)


def may_edit_plan(user, plan: DevelopmentPlan) -> bool:
    if plan.status == PlanStatus.CLOSED:
        return False
    return is_self(user, plan.employee) or is_above_in_line(user, plan.employee)


def may_cosign(user, plan: DevelopmentPlan) -> bool:
    return is_above_in_line(user, plan.employee)


def may_close_plan(user, plan: DevelopmentPlan) -> bool:
    return may_edit_plan(user, plan)


def checkin_side(user, checkin: CheckIn) -> str | None:
    """'employee' or 'manager': whose private notes this user writes and reads; else None."""
    employee_id = getattr(user, "employee_id", None)
    if not employee_id:
        return None
    if employee_id == checkin.employee_id:
        return "employee"
    if employee_id == checkin.manager_id:
        return "manager"
    return None


def may_plan_checkin(user, employee: Employee) -> bool:
    return is_self(user, employee) or is_above_in_line(user, employee)


def may_hold_checkin(user, checkin: CheckIn) -> bool:
    return checkin_side(user, checkin) is not None


def may_set_cadence(user, manager: Employee) -> bool:
    return is_self(user, manager)


def may_edit_templates(user) -> bool:
    return is_hr(user)
