"""Who may write what in coaching. Who sees whom: ``people.scope`` (and the coach rule)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from groeipad.budgets import rules as budget_rules
from groeipad.coaching.models import CoachingTrajectory
from groeipad.learning import rules as learning_rules
from groeipad.people import scope
from groeipad.people.models import Employee
from groeipad.people.scope import Viewer

if TYPE_CHECKING:
    from groeipad.people.scope import UserLike


def may_request_for(viewer: Viewer | UserLike, employee: Employee) -> bool:
    """The employee themself, a manager in their line, or HR."""
    v = scope.as_viewer(viewer)
    return v.employee_id == employee.pk or v.is_hr or scope.in_line(v, employee)


def may_decide(viewer: Viewer | UserLike, employee: Employee) -> bool:
    """Like a learning request: the manager in the line or HR, never the employee."""
    return learning_rules.may_decide(viewer, employee)


def may_override_budget(viewer: Viewer | UserLike) -> bool:
    return budget_rules.may_override_budget(viewer)


def is_coach(viewer: Viewer | UserLike, trajectory: CoachingTrajectory) -> bool:
    coach_id = trajectory.internal_coach_id
    return bool(coach_id) and scope.as_viewer(viewer).employee_id == coach_id


def may_log_session(viewer: Viewer | UserLike, trajectory: CoachingTrajectory) -> bool:
    """The coachee, their internal coach, a manager in the line or HR."""
    return (
        scope.as_viewer(viewer).employee_id == trajectory.employee_id
        or is_coach(viewer, trajectory)
        or may_decide(viewer, trajectory.employee)
    )


def may_cancel(viewer: Viewer | UserLike, trajectory: CoachingTrajectory) -> bool:
    return may_request_for(viewer, trajectory.employee)


def may_edit(viewer: Viewer | UserLike, trajectory: CoachingTrajectory) -> bool:
    return may_request_for(viewer, trajectory.employee)
