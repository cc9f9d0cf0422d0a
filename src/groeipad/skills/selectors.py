"""Reads about competencies: requirements, current levels, gaps and the heat map.

Gap = how far a person's current level is below the required level, never negative:
``max(0, required - current)``. The current level is the latest manager rating, else the
latest self-assessment (see CurrentLevel). An employee without any rating for a
required competency is "not assessed": counted apart, never as a zero.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING

from django.db.models import Case, Count, Prefetch, Q, QuerySet, Value, When
from django.utils import timezone
from django.utils.translation import gettext as _

from groeipad.people import scope
from groeipad.people.models import Employee, JobProfile
from groeipad.people.scope import Viewer, as_viewer
from groeipad.people.selectors import department_paths, department_subtree_ids
from groeipad.skills.models import (
    Assessment,
    AssessmentKind,
    Competency,
    CurrentLevel,
    EscoSkill,
    Framework,
    JobProfileParent,
    JobRequirement,
    PotentialObservation,
    StrategicTarget,
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


def job_profile_choices() -> list[tuple[int, str]]:
    return list(JobProfile.objects.order_by("name").values_list("id", "name"))


def competency_choices() -> list[tuple[int, str]]:
    return sorted(
        ((c.pk, c.name) for c in Competency.objects.only("id", "name_nl", "name_en")),
        key=lambda item: item[1].casefold(),
    )


def competencies_all() -> QuerySet[Competency]:
    return Competency.objects.select_related("framework", "cluster", "scale", "esco_skill")


def esco_skill_by_uri(concept_uri: str) -> EscoSkill | None:
    return EscoSkill.objects.filter(concept_uri=concept_uri).first()


@dataclass
class CompetencyCard:
    """A competency on the overview, with its level texts: (level, label, indicator)."""

    competency: Competency
    level_texts: list[tuple[int, str, str]]


def frameworks_overview() -> list[dict]:
    """Each framework with its clusters, each cluster with its competencies (4 queries)."""
    competencies = Competency.objects.select_related("scale").prefetch_related(
        "indicators", "scale__levels"
    )
    frameworks = Framework.objects.prefetch_related(
        "clusters", Prefetch("competencies", queryset=competencies)
    )
    result = []
    for framework in frameworks:
        by_cluster: dict[int | None, list[CompetencyCard]] = {}
        for competency in sorted(framework.competencies.all(), key=lambda c: c.name.casefold()):
            labels = {lvl.level: lvl.label for lvl in competency.scale.levels.all()}
            card = CompetencyCard(
                competency,
                [(i.level, labels.get(i.level, ""), i.text) for i in competency.indicators.all()],
            )
            by_cluster.setdefault(competency.cluster_id, []).append(card)
        clusters: list[tuple[str, list[CompetencyCard]]] = [
            (c.name, by_cluster.get(c.pk, [])) for c in framework.clusters.all()
        ]
        if by_cluster.get(None):
            clusters.append((_("Other competencies"), by_cluster[None]))
        result.append({"framework": framework, "clusters": clusters})
    return result


def job_profiles_overview(names: dict[int, str]) -> list[dict]:
    """Every job profile with what it builds on and its requirements (inheritance applied)."""
    requirements = effective_requirements()
    parents: dict[int, int] = dict(
        JobProfileParent.objects.values_list("job_profile_id", "parent_id")
    )
    profiles = list(JobProfile.objects.order_by("name"))
    profile_names = {p.pk: p.name for p in profiles}
    rows = []
    for profile in profiles:
        own = sorted(
            requirements.get(profile.pk, {}).values(),
            key=lambda r: names.get(r.competency_id, "").casefold(),
        )
        parent_id = parents.get(profile.pk)
        rows.append(
            {
                "profile": profile,
                "parent": profile_names.get(parent_id) if parent_id else None,
                "parent_id": parent_id,
                "requirements": [
                    {
                        "competency_id": r.competency_id,
                        "name": names.get(r.competency_id, ""),
                        "level": r.level,
                        "weight": r.weight,
                        "inherited_from": profile_names.get(r.inherited_from)
                        if r.inherited_from
                        else None,
                    }
                    for r in own
                ],
            }
        )
    return rows


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
                line_have=None if v.is_hr else figures["line_have"],
                closest=[(row.employee, row.level) for row in below],
            )
        )
    return statuses


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


def competencies_with_levels(ids: Iterable[int]) -> list[Competency]:
    """Competencies with their scale's levels and their indicators, in three queries."""
    return sorted(
        Competency.objects.filter(pk__in=list(ids))
        .select_related("scale", "cluster")
        .prefetch_related("scale__levels", "indicators"),
        key=lambda competency: competency.name.casefold(),
    )


def esco_search(text: str, *, limit: int = 20) -> list[EscoSkill]:
    """ESCO skills whose English or Dutch name or other names contain ``text``.

    Every word must match; skills whose name holds the whole text come first. ESCO is
    public reference data, not personal data: the same for every viewer.
    """
    text = text.strip()
    named = Q(name_en__icontains=text) | Q(name_nl__icontains=text)
    skills = EscoSkill.objects.annotate(
        rank=Case(When(named, then=Value(0)), default=Value(1))
    ).order_by("rank", "name_en", "id")
    for word in text.split():
        skills = skills.filter(
            Q(name_en__icontains=word)
            | Q(name_nl__icontains=word)
            | Q(alt_labels_en__icontains=word)
            | Q(alt_labels_nl__icontains=word)
        )
    return list(skills[:limit])
