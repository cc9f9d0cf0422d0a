"""Who may do what with the budgets. Which budgets one sees: ``people.scope``."""

from __future__ import annotations

from typing import TYPE_CHECKING

from groeipad.people import scope
from groeipad.people.scope import Viewer

if TYPE_CHECKING:
    from groeipad.people.scope import UserLike


def may_see_budgets(viewer: Viewer | UserLike) -> bool:
    """HR and managers: the budget page, its export and the budget API."""
    return scope.is_hr(viewer) or scope.is_manager(viewer)


def may_set_budget(viewer: Viewer | UserLike) -> bool:
    return scope.is_hr(viewer)


def may_override_budget(viewer: Viewer | UserLike) -> bool:
    """Only HR approves beyond a budget (learning and coaching alike)."""
    return scope.is_hr(viewer)
