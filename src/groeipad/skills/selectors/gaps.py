"""Requirements, current levels and gaps of one person (specs/gaps.md).

Gap = how far a person's current level is below the required level, never negative:
``max(0, required - current)``. The current level is the latest manager rating, else the
latest self-assessment (see CurrentLevel). An employee without any rating for a
required competency is "not assessed": counted apart, never as a zero.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING

from django.db.models import Q, QuerySet

from groeipad.people import scope
from groeipad.people.models import Employee, JobProfile
from groeipad.people.scope import Viewer, as_viewer
from groeipad.skills.models import (
    Assessment,
    AssessmentKind,
    Competency,
    CurrentLevel,
    JobProfileParent,
    JobRequirement,
    PotentialObservation,
    TalentProfile,
)

if TYPE_CHECKING:
    from groeipad.people.scope import UserLike


@dataclass(frozen=True)
class Requirement:
    competency_id: int
    level: int
    weight: Decimal
    inherited_from: int | None = None  # the job profile it came from, when inherited


def effective_requirements() -> dict[int, dict[int, Requirement]]:
    """Every job profile's requirements with inheritance applied, from two queries.

    A profile's own requirement overrides the same competency inherited from its parent.
    """
    parents = dict(JobProfileParent.objects.values_list("job_profile_id", "parent_id"))
    own: dict[int, dict[int, Requirement]] = defaultdict(dict)
    for profile_id, competency_id, level, weight in JobRequirement.objects.values_list(
        "job_profile_id", "competency_id", "level", "weight"
    ):
        own[profile_id][competency_id] = Requirement(competency_id, level, weight)
    result: dict[int, dict[int, Requirement]] = {}
    for profile_id in set(own) | set(parents):
        chain: list[int] = []
        seen: set[int] = set()
        step: int | None = profile_id
        while step is not None and step not in seen:  # seen: a loop in data must end
            seen.add(step)
            chain.append(step)
            step = parents.get(step)
        merged: dict[int, Requirement] = {}
        for ancestor in reversed(chain):
            for competency_id, requirement in own.get(ancestor, {}).items():
                source = None if ancestor == profile_id else ancestor
                merged[competency_id] = Requirement(
                    competency_id, requirement.level, requirement.weight, source
                )
        result[profile_id] = merged
    return result


def requirements_for_profile(job_profile: JobProfile | None) -> dict[int, Requirement]:
    if job_profile is None:
        return {}
    return effective_requirements().get(job_profile.pk, {})


@dataclass
class GapRow:
    competency: Competency
    required: int
    weight: Decimal
    current: int | None
    source: str | None
    inherited_from: int | None

    @property
    def gap(self) -> int | None:
        return None if self.current is None else max(0, self.required - self.current)


@dataclass
class GapReport:
    rows: list[GapRow] = field(default_factory=list)

    @property
    def assessed(self) -> list[GapRow]:
        return [row for row in self.rows if row.current is not None]

    @property
    def total_gap(self) -> int:
        return sum(row.gap or 0 for row in self.assessed)

    @property
    def weighted_gap(self) -> Decimal:
        return sum((row.weight * (row.gap or 0) for row in self.assessed), Decimal("0"))

    @property
    def met(self) -> int:
        return sum(1 for row in self.assessed if row.gap == 0)


def employee_gaps(employee: Employee, *, profile: JobProfile | None = None) -> GapReport:
    """The employee's gaps against ``profile`` (default: their own job profile)."""
    profile = profile if profile is not None else employee.job_profile
    requirements = requirements_for_profile(profile)
    if not requirements:
        return GapReport()
    competencies = Competency.objects.in_bulk(list(requirements))
    current = {
        row.competency_id: row
        for row in CurrentLevel.objects.filter(employee=employee, competency_id__in=requirements)
    }
    rows = [
        GapRow(
            competency=competencies[cid],
            required=req.level,
            weight=req.weight,
            current=current[cid].level if cid in current else None,
            source=current[cid].source if cid in current else None,
            inherited_from=req.inherited_from,
        )
        for cid, req in requirements.items()
    ]
    rows.sort(key=lambda row: (-(row.gap or 0), row.competency.name_nl))
    return GapReport(rows)


def assessments_visible(viewer: Viewer | UserLike, employee: Employee) -> QuerySet[Assessment]:
    """The assessment history of ``employee`` as ``viewer`` may see it.

    The employee sees their self-assessments and the manager's ratings once shared;
    their managers and HR see everything. Callers have already checked that the
    viewer may see the employee at all (people.access).
    """
    history = Assessment.objects.filter(employee=employee).select_related(
        "competency", "assessor", "assessor__employee"
    )
    if _sees_only_shared(viewer, employee):
        history = history.filter(Q(kind=AssessmentKind.SELF) | Q(shared_at__isnull=False))
    return history


def _sees_only_shared(viewer: Viewer | UserLike, employee: Employee) -> bool:
    """The employee themself (not HR) sees a manager's rating only once it is shared."""
    v = as_viewer(viewer)
    return v.employee_id == employee.pk and not scope.is_hr(v)


def potential_observations_for(employee: Employee) -> QuerySet[PotentialObservation]:
    # The employee sees every observation about them: no hidden judgements.
    return employee.potential_observations.select_related("observer", "observer__employee")


def talent_profile_of(employee: Employee) -> TalentProfile | None:
    return (
        TalentProfile.objects.select_related("aspired_job_profile")
        .filter(employee=employee)
        .first()
    )


# --- The talent page: everything one employee's page shows, preloaded for the viewer. ---


def _latest_visible_levels(history: list[Assessment]) -> dict[int, tuple[int, str]]:
    """Per competency, the current level as the viewer may see it: the latest visible
    manager rating, else the latest self-assessment (the rule of CurrentLevel)."""
    latest: dict[tuple[int, str], Assessment] = {}
    for assessment in history:
        key = (assessment.competency_id, assessment.kind)
        best = latest.get(key)
        if best is None or (assessment.assessed_on, assessment.created_at, assessment.pk) > (
            best.assessed_on,
            best.created_at,
            best.pk,
        ):
            latest[key] = assessment
    result: dict[int, tuple[int, str]] = {}
    for (competency_id, kind), assessment in latest.items():
        if kind == AssessmentKind.MANAGER or (
            kind == AssessmentKind.SELF and (competency_id, AssessmentKind.MANAGER) not in latest
        ):
            result[competency_id] = (assessment.level, kind)
    return result


def employee_gaps_as_seen(
    viewer: Viewer | UserLike,
    employee: Employee,
    history: list[Assessment],
    *,
    profile: JobProfile | None = None,
) -> GapReport:
    """``employee_gaps`` as the viewer may see it.

    The employee themself must not learn a manager's rating before it is shared, so
    for them the current level comes from the history they can see; managers and HR
    see the CurrentLevel summary unchanged.
    """
    report = employee_gaps(employee, profile=profile)
    if not _sees_only_shared(viewer, employee):
        return report
    visible = _latest_visible_levels(history)
    for row in report.rows:
        row.current, row.source = visible.get(row.competency.pk, (None, None))
    report.rows.sort(key=lambda row: (-(row.gap or 0), row.competency.name_nl))
    return report
