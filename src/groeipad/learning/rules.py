"""Who may write what in the learning catalogue. Who sees whom: ``people.scope``."""

from __future__ import annotations

from typing import TYPE_CHECKING

from groeipad.budgets import rules as budget_rules
from groeipad.people import scope
from groeipad.people.models import Employee
from groeipad.people.scope import Viewer

if TYPE_CHECKING:
    from groeipad.people.scope import UserLike


def may_request_for(viewer: Viewer | UserLike, employee: Employee) -> bool:
    # A request is the employee's own wish; HR may file one on their behalf.
    v = scope.as_viewer(viewer)
    return v.employee_id == employee.pk or v.is_hr


def may_decide(viewer: Viewer | UserLike, employee: Employee) -> bool:
    """The manager in the line decides; HR may too. Nobody approves their own request."""
    v = scope.as_viewer(viewer)
    if v.employee_id == employee.pk:
        return False
    return v.is_hr or scope.in_line(v, employee)


def may_see_queue(viewer: Viewer | UserLike) -> bool:
    """The approval queue: HR and managers."""
    return scope.is_hr(viewer) or scope.is_manager(viewer)


def may_override_budget(viewer: Viewer | UserLike) -> bool:
    return budget_rules.may_override_budget(viewer)


def may_manage_catalogue(viewer: Viewer | UserLike) -> bool:
    return scope.is_hr(viewer)
