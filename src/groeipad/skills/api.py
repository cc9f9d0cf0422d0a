"""Competencies, assessments, talent profiles, gaps and the heat map in the API."""

from __future__ import annotations

from datetime import date

from django.utils.translation import gettext as _
from ninja import Router, Schema, Status
from ninja.errors import HttpError

from groeipad.api.errors import service_call as _errors
from groeipad.lib.api_types import Id, Key, SmallInt
from groeipad.privacy.models import ObjectType
from groeipad.skills import rules, selectors, services
from groeipad.skills.access import (
    get_competency_for,
    get_employee_for,
    get_job_profile_by_name_for,
    read_talent_for,
)
from groeipad.skills.models import Assessment, Competency, TalentProfile

router = Router(tags=["skills"])


class CompetencyOut(Schema):
    id: int
    framework: str
    cluster: str | None
    kind: str
    name_nl: str
    name_en: str
    description_nl: str
    description_en: str
    scale_min: int
    scale_max: int
    esco_uri: str | None


class GapOut(Schema):
    competency_id: int
    competency: str
    required: int
    weight: float
    current: int | None
    source: str | None
    gap: int | None


class GapReportOut(Schema):
    employee_number: str
    against: str | None
    total_gap: int
    weighted_gap: float
    met: int
    assessed: int
    rows: list[GapOut]


class AssessmentIn(Schema):
    competency_id: Id
    kind: str
    level: SmallInt
    note: str = ""
    evidence: str = ""
    assessed_on: date | None = None


class AssessmentOut(Schema):
    id: int
    competency_id: int
    competency: str
    kind: str
    level: int
    note: str
    evidence: str
    assessed_on: date
    shared: bool


class TalentProfileIO(Schema):
    strengths: str = ""
    ambitions: str = ""
    energy_sources: str = ""
    unused_talent: str = ""
    aspired_job_profile: str | None = None
    version: SmallInt | None = None


class ObservationIn(Schema):
    signal: str
    observed_on: date
    what_happened: str
    what_it_showed: str


class ObservationOut(ObservationIn):
    id: int


class HeatCellOut(Schema):
    department: str
    competency_id: int
    competency: str
    required: int
    assessed: int
    met: int
    average_gap: float | None


class TargetOut(Schema):
    id: int
    competency_id: int
    competency: str
    level: int
    headcount: int
    due_date: date
    department: str | None
    have: int
    shortfall: int
    line_have: int | None


@router.get("/competencies", response=list[CompetencyOut], summary="All competencies")
def competency_list(request):
    return [_competency_out(c) for c in selectors.competencies_all()]


def _competency_out(c: Competency) -> CompetencyOut:
    return CompetencyOut(
        id=c.pk,
        framework=c.framework.name,
        cluster=c.cluster.name if c.cluster else None,
        kind=c.kind,
        name_nl=c.name_nl,
        name_en=c.name_en,
        description_nl=c.description_nl,
        description_en=c.description_en,
        scale_min=c.scale.min_level,
        scale_max=c.scale.max_level,
        esco_uri=c.esco_skill.concept_uri if c.esco_skill else None,
    )


@router.get(
    "/employees/{employee_number}/gaps",
    response=GapReportOut,
    summary="Gaps against the job profile, or ?against=another profile",
)
def employee_gaps(request, employee_number: Key, against: str | None = None):
    employee = read_talent_for(request.auth, employee_number, ObjectType.ASSESSMENT)
    profile = (
        get_job_profile_by_name_for(request.auth, against) if against else employee.job_profile
    )
    # The employee must not learn an unshared manager rating through their gaps.
    history = list(selectors.assessments_visible(request.auth, employee))
    report = selectors.employee_gaps_as_seen(request.auth, employee, history, profile=profile)
    return GapReportOut(
        employee_number=employee.employee_number,
        against=profile.name if profile else None,
        total_gap=report.total_gap,
        weighted_gap=float(report.weighted_gap),
        met=report.met,
        assessed=len(report.assessed),
        rows=[
            GapOut(
                competency_id=r.competency.pk,
                competency=r.competency.name,
                required=r.required,
                weight=float(r.weight),
                current=r.current,
                source=r.source,
                gap=r.gap,
            )
            for r in report.rows
        ],
    )


def _assessment_out(a: Assessment) -> AssessmentOut:
    return AssessmentOut(
        id=a.pk,
        competency_id=a.competency_id,
        competency=a.competency.name,
        kind=a.kind,
        level=a.level,
        note=a.note,
        evidence=a.evidence,
        assessed_on=a.assessed_on,
        shared=a.shared_at is not None,
    )


@router.get("/employees/{employee_number}/assessments", response=list[AssessmentOut])
def assessment_list(request, employee_number: Key):
    employee = read_talent_for(request.auth, employee_number, ObjectType.ASSESSMENT)
    return [_assessment_out(a) for a in selectors.assessments_visible(request.auth, employee)]


@router.post("/employees/{employee_number}/assessments", response={201: AssessmentOut})
def assessment_create(request, employee_number: Key, payload: AssessmentIn):
    employee = get_employee_for(request.auth, employee_number)
    competency = get_competency_for(request.auth, payload.competency_id)
    assessment = _errors(
        lambda: services.assessment_record(
            actor=request.auth,
            employee=employee,
            competency=competency,
            kind=payload.kind,
            level=payload.level,
            note=payload.note,
            evidence=payload.evidence,
            assessed_on=payload.assessed_on,
        )
    )
    return Status(201, _assessment_out(assessment))


@router.post("/employees/{employee_number}/assessments/share", response=dict)
def assessments_share(request, employee_number: Key):
    employee = get_employee_for(request.auth, employee_number)
    count = _errors(lambda: services.assessments_share(actor=request.auth, employee=employee))
    return {"shared": count}


def _profile_out(profile: TalentProfile | None) -> TalentProfileIO:
    if profile is None:
        return TalentProfileIO()
    return TalentProfileIO(
        strengths=profile.strengths,
        ambitions=profile.ambitions,
        energy_sources=profile.energy_sources,
        unused_talent=profile.unused_talent,
        aspired_job_profile=profile.aspired_job_profile.name
        if profile.aspired_job_profile
        else None,
        version=profile.version,
    )


@router.get("/employees/{employee_number}/talent-profile", response=TalentProfileIO)
def talent_profile_read(request, employee_number: Key):
    employee = read_talent_for(request.auth, employee_number)
    return _profile_out(selectors.talent_profile_of(employee))


@router.put("/employees/{employee_number}/talent-profile", response=TalentProfileIO)
def talent_profile_write(request, employee_number: Key, payload: TalentProfileIO):
    employee = get_employee_for(request.auth, employee_number)
    aspired = (
        get_job_profile_by_name_for(request.auth, payload.aspired_job_profile)
        if payload.aspired_job_profile
        else None
    )
    profile = _errors(
        lambda: services.talent_profile_update(
            actor=request.auth,
            employee=employee,
            version=payload.version,
            strengths=payload.strengths,
            ambitions=payload.ambitions,
            energy_sources=payload.energy_sources,
            unused_talent=payload.unused_talent,
            aspired_job_profile=aspired,
        )
    )
    return _profile_out(profile)


@router.get("/employees/{employee_number}/potential", response=list[ObservationOut])
def observation_list(request, employee_number: Key):
    employee = read_talent_for(request.auth, employee_number, ObjectType.POTENTIAL_OBSERVATION)
    return [
        ObservationOut(
            id=o.pk,
            signal=o.signal,
            observed_on=o.observed_on,
            what_happened=o.what_happened,
            what_it_showed=o.what_it_showed,
        )
        for o in selectors.potential_observations_for(employee)
    ]


@router.post("/employees/{employee_number}/potential", response={201: ObservationOut})
def observation_create(request, employee_number: Key, payload: ObservationIn):
    employee = get_employee_for(request.auth, employee_number)
    o = _errors(
        lambda: services.potential_observation_add(
            actor=request.auth, employee=employee, **payload.dict()
        )
    )
    return Status(
        201,
        ObservationOut(
            id=o.pk,
            signal=o.signal,
            observed_on=o.observed_on,
            what_happened=o.what_happened,
            what_it_showed=o.what_it_showed,
        ),
    )


def _require_workforce_figures(user) -> None:
    if not rules.may_see_workforce_figures(user):
        raise HttpError(403, _("For HR advisers and managers."))


@router.get(
    "/skills/heatmap",
    response=list[HeatCellOut],
    summary="Departments by competencies, rolled up over sub-departments",
)
def heat_map(request):
    _require_workforce_figures(request.auth)
    heat = selectors.heat_map(viewer=request.auth)
    return [
        HeatCellOut(
            department=path,
            competency_id=c.pk,
            competency=c.name,
            required=cell.required,
            assessed=cell.assessed,
            met=cell.met,
            average_gap=cell.average_gap,
        )
        for pk, path in heat.departments
        for c in heat.competencies
        if (cell := heat.cell(pk, c.pk)).required
    ]


@router.get(
    "/skills/targets",
    response=list[TargetOut],
    summary="Strategic targets and status: have/shortfall are the target's own; "
    "line_have is a manager's line's part of have (null for HR)",
)
def target_list(request):
    _require_workforce_figures(request.auth)
    return [
        TargetOut(
            id=s.target.pk,
            competency_id=s.target.competency_id,
            competency=s.target.competency.name,
            level=s.target.level,
            headcount=s.target.headcount,
            due_date=s.target.due_date,
            department=s.target.department.name if s.target.department else None,
            have=s.have,
            shortfall=s.shortfall,
            line_have=s.line_have,
        )
        for s in selectors.strategic_target_status(viewer=request.auth)
    ]


class EscoSkillOut(Schema):
    concept_uri: str
    esco_version: str
    skill_type: str
    reuse_level: str
    name_en: str
    name_nl: str
    alt_labels_en: list[str]
    alt_labels_nl: list[str]
    description_en: str
    description_nl: str


class EscoLinkIn(Schema):
    concept_uri: str | None = None


@router.get(
    "/esco",
    response=list[EscoSkillOut],
    summary="ESCO skills by English or Dutch name (at most 20)",
)
def esco_search(request, search: str = ""):
    return [
        EscoSkillOut(
            concept_uri=s.concept_uri,
            esco_version=s.esco_version,
            skill_type=s.skill_type,
            reuse_level=s.reuse_level,
            name_en=s.name_en,
            name_nl=s.name_nl,
            alt_labels_en=s.alt_labels_en.splitlines(),
            alt_labels_nl=s.alt_labels_nl.splitlines(),
            description_en=s.description_en,
            description_nl=s.description_nl,
        )
        for s in selectors.esco_search(search, limit=20)
    ]


@router.post(
    "/competencies/{competency_id}/esco",
    response=CompetencyOut,
    summary='Link a competency to an ESCO skill ({"concept_uri": null} unlinks); HR',
)
def competency_link_esco(request, competency_id: Id, payload: EscoLinkIn):
    if not rules.may_manage_frameworks(request.auth):
        raise HttpError(403, _("For HR advisers."))
    competency = get_competency_for(request.auth, competency_id)
    esco_skill = None
    if uri := (payload.concept_uri or "").strip():
        esco_skill = selectors.esco_skill_by_uri(uri)
        if esco_skill is None:
            raise HttpError(
                422, _("No ESCO skill %(uri)s in Groeipad; import ESCO first.") % {"uri": uri}
            )
    _errors(
        lambda: services.competency_link_esco(
            actor=request.auth, competency=competency, esco_skill=esco_skill
        )
    )
    return _competency_out(get_competency_for(request.auth, competency_id))
