"""Who may write what in coaching. Reads go through people.visibility (and the coach rule)."""

from __future__ import annotations

from groeipad.learning import rules as learning_rules
from groeipad.people.models import Employee
from groeipad.people.visibility import is_hr
from groeipad.skills.rules import is_above_in_line


def may_request_for(user, employee: Employee) -> bool:
    """The employee themself, a manager in their line, or HR."""
    return (
        getattr(user, "employee_id", None) == employee.pk
        or is_above_in_line(user, employee)
        or is_hr(user)
    )


def may_decide(user, employee: Employee) -> bool:
    """Like a learning request: the manager in the line or HR, never the employee."""
    return learning_rules.may_decide(user, employee)


def may_override_budget(user) -> bool:
    return learning_rules.may_override_budget(user)


def is_coach(user, trajectory) -> bool:
    coach_id = trajectory.internal_coach_id
    return bool(coach_id) and getattr(user, "employee_id", None) == coach_id


def may_log_session(user, trajectory) -> bool:
    """The coachee, their internal coach, a manager in the line or HR."""
    return (
        getattr(user, "employee_id", None) == trajectory.employee_id
        or is_coach(user, trajectory)
        or may_decide(user, trajectory.employee)
    )


def may_cancel(user, trajectory) -> bool:
    return may_request_for(user, trajectory.employee)


def may_edit(user, trajectory) -> bool:
    return may_request_for(user, trajectory.employee)
