"""The heat map: departments by competencies, within the viewer's scope."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from django.db.models import Count, Q
from django.utils import timezone

from groeipad.people import scope
from groeipad.people.scope import Viewer
from groeipad.people.selectors import department_paths
from groeipad.skills.models import (
    Competency,
    CurrentLevel,
)

if TYPE_CHECKING:
    from groeipad.people.scope import UserLike
from groeipad.skills.selectors.gaps import effective_requirements


@dataclass
class HeatCell:
    required: int = 0  # employees whose job requires the competency
    assessed: int = 0  # of whom assessed
    gap_sum: int = 0  # sum of their gaps
    met: int = 0  # assessed and at or above the required level

    @property
    def average_gap(self) -> float | None:
        return self.gap_sum / self.assessed if self.assessed else None

    def add(self, other: HeatCell) -> None:
        self.required += other.required
        self.assessed += other.assessed
        self.gap_sum += other.gap_sum
        self.met += other.met


@dataclass
class HeatMap:
    departments: list[tuple[int, str]]
    competencies: list[Competency]
    cells: dict[tuple[int, int], HeatCell]

    def cell(self, department_id: int, competency_id: int) -> HeatCell:
        return self.cells.get((department_id, competency_id), HeatCell())


def heat_map(*, viewer: Viewer | UserLike, on: date | None = None) -> HeatMap:
    """Departments by competencies: each cell rolls up the department and its sub-departments.

    Four queries whatever the size of the organisation: departments, requirements
    (two), and one grouped count over employees and their current levels.
    """
    on = on or timezone.localdate()
    requirements = effective_requirements()
    employees = scope.visible_employees(viewer).filter(
        Q(leave_date__isnull=True) | Q(leave_date__gte=on),
        hire_date__lte=on,
        job_profile__isnull=False,
    )
    # Employees per (department, profile), and current levels per (department, profile,
    # competency, level): enough to compute every gap without loading a single person.
    headcounts = employees.values("department_id", "job_profile_id").annotate(n=Count("id"))
    levels = (
        CurrentLevel.objects.filter(employee__in=employees)
        .values("employee__department_id", "employee__job_profile_id", "competency_id", "level")
        .annotate(n=Count("id"))
    )
    own: dict[tuple[int, int], HeatCell] = defaultdict(HeatCell)
    for row in headcounts:
        for competency_id in requirements.get(row["job_profile_id"], {}):
            own[(row["department_id"], competency_id)].required += row["n"]
    for row in levels:
        requirement = requirements.get(row["employee__job_profile_id"], {}).get(
            row["competency_id"]
        )
        if requirement is None:
            continue
        cell = own[(row["employee__department_id"], row["competency_id"])]
        cell.assessed += row["n"]
        cell.gap_sum += max(0, requirement.level - row["level"]) * row["n"]
        cell.met += row["n"] if row["level"] >= requirement.level else 0
    paths = department_paths()
    cells: dict[tuple[int, int], HeatCell] = defaultdict(HeatCell)
    parents = _parents(paths)
    for (department_id, competency_id), cell in own.items():
        step: int | None = department_id
        while step is not None:
            cells[(step, competency_id)].add(cell)
            step = parents.get(step)
    used = {competency_id for (_d, competency_id) in cells}
    departments = sorted(
        ((pk, path) for pk, path in paths.items() if any((pk, c) in cells for c in used)),
        key=lambda item: item[1].casefold(),
    )
    competencies = sorted(Competency.objects.filter(pk__in=used), key=lambda c: c.name.casefold())
    return HeatMap(departments, competencies, dict(cells))


def _parents(paths: dict[int, str]) -> dict[int, int | None]:
    by_path = {path: pk for pk, path in paths.items()}
    return {
        pk: by_path.get(path.rsplit("/", 1)[0]) if "/" in path else None
        for pk, path in paths.items()
    }
