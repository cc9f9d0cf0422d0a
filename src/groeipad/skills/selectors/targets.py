"""Strategic targets against today's workforce (specs/gaps.md, "Strategic targets")."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from django.db.models import Count, Q

from groeipad.people import scope
from groeipad.people.models import Employee
from groeipad.people.scope import Viewer, as_viewer
from groeipad.people.selectors import department_subtree_ids
from groeipad.skills.models import (
    CurrentLevel,
    StrategicTarget,
)

if TYPE_CHECKING:
    from groeipad.people.scope import UserLike


@dataclass
class TargetStatus:
    """A strategic target against today's workforce (``specs/gaps.md``, "Strategic targets").

    ``have`` and ``shortfall`` are the target's own: the same for HR and every manager.
    ``line_have`` is a manager's part of ``have`` (their current line), None for HR.
    """

    target: StrategicTarget
    have: int  # people employed today in the target's department at or above the level
    line_have: int | None  # of them, those in the viewer's current line (None: HR)
    closest: list[tuple[Employee, int]]  # people the viewer may see just below, highest first

    @property
    def shortfall(self) -> int:
        return max(0, self.target.headcount - self.have)


def _viewer_on(viewer: Viewer | UserLike, on: date | None) -> Viewer:
    v = as_viewer(viewer)
    if on is None or on == v.today:
        return v
    return Viewer(
        user=v.user, employee_id=v.employee_id, is_hr=v.is_hr, is_admin=v.is_admin, today=on
    )


def strategic_target_status(
    *, viewer: Viewer | UserLike, on: date | None = None, closest: int = 5
) -> list[TargetStatus]:
    """Each target against the workforce employed ``on`` (default today); two queries each.

    ``have`` counts the whole target (its department with sub-departments, or the whole
    organisation) whoever looks; a manager also gets ``line_have``, their line's part.
    """
    v = _viewer_on(viewer, on)
    day = v.today
    employed = Q(hire_date__lte=day) & (Q(leave_date__isnull=True) | Q(leave_date__gte=day))
    workforce = scope.organisation().filter(employed)
    visible = scope.visible_employees(v).filter(employed)
    statuses = []
    for target in StrategicTarget.objects.select_related("competency", "department"):
        in_target = workforce
        if target.department_id:
            in_target = in_target.filter(
                department_id__in=department_subtree_ids(target.department_id)
            )
        levels = CurrentLevel.objects.filter(competency=target.competency, employee__in=in_target)
        figures = levels.filter(level__gte=target.level).aggregate(
            have=Count("id"),
            line_have=Count("id", filter=Q(employee_id__in=scope.line_ids(v))),
        )
        below = (
            levels.filter(level__lt=target.level, employee__in=visible)
            .select_related("employee", "employee__department")
            .order_by("-level", "employee__last_name", "employee__first_name")[:closest]
        )
        statuses.append(
            TargetStatus(
                target,
                have=figures["have"],
                line_have=None if scope.is_hr(v) else figures["line_have"],
                closest=[(row.employee, row.level) for row in below],
            )
        )
    return statuses
