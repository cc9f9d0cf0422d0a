"""Who may write what about whose competencies, and who sees the workforce figures.

Every "who" question is a scope of ``people.scope``: the employee's own voice, a manager
in the current line (``in_line``), or HR or a manager above in line (``may_see_line_of``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from groeipad.people.models import Employee
from groeipad.people.scope import Viewer, as_viewer, in_line, is_hr, is_manager, may_see_line_of

if TYPE_CHECKING:
    from groeipad.people.scope import UserLike


def may_assess_self(viewer: Viewer | UserLike, employee: Employee) -> bool:
    return as_viewer(viewer).employee_id == employee.pk


def may_assess_as_manager(viewer: Viewer | UserLike, employee: Employee) -> bool:
    """A manager in the employee's current line, directly or further up."""
    return in_line(viewer, employee)


def may_observe_potential(viewer: Viewer | UserLike, employee: Employee) -> bool:
    """HR or a manager above in line; never about oneself."""
    v = as_viewer(viewer)
    return v.employee_id != employee.pk and may_see_line_of(v, employee)


def may_edit_talent_profile(viewer: Viewer | UserLike, employee: Employee) -> bool:
    # The talent profile is the employee's own voice.
    return may_assess_self(viewer, employee)


def may_manage_frameworks(viewer: Viewer | UserLike) -> bool:
    return is_hr(viewer)


def may_see_workforce_figures(viewer: Viewer | UserLike) -> bool:
    """The overview, strategic targets and the heat map: HR, and managers of a line."""
    return is_hr(viewer) or is_manager(viewer)
