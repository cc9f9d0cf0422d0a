"""Writes about competencies. Each checks who may, validates, saves and audits."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from groeipad.lib.actions import Actor, action, actor_user, audit, ensure
from groeipad.lib.concurrency import StaleEdit, update_if_unchanged  # noqa: F401  (re-exported: callers catch services.StaleEdit)
from groeipad.people.models import Department, Employee, JobProfile
from groeipad.people.scope import is_hr
from groeipad.privacy.models import AuditAction, ObjectType
from groeipad.skills import rules, starter
from groeipad.skills.models import (
    Assessment,
    AssessmentKind,
    BehaviouralIndicator,
    Cluster,
    Competency,
    CurrentLevel,
    EscoSkill,
    Framework,
    JobProfileParent,
    JobRequirement,
    PotentialObservation,
    ProficiencyScale,
    ScaleLevel,
    StrategicTarget,
    TalentProfile,
)
from groeipad.skills.selectors import HeatMap

TALENT_FIELDS = ("strengths", "ambitions", "energy_sources", "unused_talent", "aspired_job_profile")


def scale_default() -> ProficiencyScale:
    scale, created = ProficiencyScale.objects.get_or_create(
        name=starter.DEFAULT_SCALE["name"], defaults={"min_level": 1, "max_level": 5}
    )
    if created:
        ScaleLevel.objects.bulk_create(
            ScaleLevel(scale=scale, level=level, label_nl=nl, label_en=en)
            for level, nl, en in starter.DEFAULT_SCALE["levels"]
        )
    return scale


@action
def framework_install_starter(*, actor: Actor) -> Framework:
    """Install the starter framework; running it again changes nothing."""
    existing = Framework.objects.filter(name=starter.FRAMEWORK_NAME).first()
    if existing:
        return existing
    scale = scale_default()
    framework = Framework.objects.create(
        name=starter.FRAMEWORK_NAME,
        source="Groeipad",
        description="Generic competencies to start with; add technical skills per job.",
    )
    for position, ((cluster_nl, cluster_en), competencies) in enumerate(starter.CLUSTERS):
        cluster = Cluster.objects.create(
            framework=framework, name_nl=cluster_nl, name_en=cluster_en, position=position
        )
        for name_nl, name_en, desc_nl, desc_en, indicators in competencies:
            competency = Competency.objects.create(
                framework=framework,
                cluster=cluster,
                name_nl=name_nl,
                name_en=name_en,
                description_nl=desc_nl,
                description_en=desc_en,
                scale=scale,
            )
            BehaviouralIndicator.objects.bulk_create(
                BehaviouralIndicator(competency=competency, level=level, text_nl=nl, text_en=en)
                for level, (nl, en) in enumerate(indicators, start=1)
            )
    audit(
        actor=actor,
        verb=AuditAction.CREATE,
        object_type=ObjectType.FRAMEWORK,
        object_id=framework.pk,
        summary=f"installed {framework.name}",
    )
    return framework


def _check_level(competency: Competency, level: int) -> None:
    scale = competency.scale
    if not scale.min_level <= level <= scale.max_level:
        raise ValidationError(
            _("Level %(level)s is outside the scale %(low)s-%(high)s of %(name)s.")
            % {
                "level": level,
                "low": scale.min_level,
                "high": scale.max_level,
                "name": competency.name,
            }
        )


@action
def requirement_set(
    *,
    actor: Actor,
    job_profile: JobProfile,
    competency: Competency,
    level: int,
    weight: Decimal | int = 1,
) -> JobRequirement:
    ensure(rules.may_manage_frameworks(actor))
    _check_level(competency, level)
    if float(weight) <= 0:
        raise ValidationError(_("The weight must be greater than zero."))
    requirement, _created = JobRequirement.objects.update_or_create(
        job_profile=job_profile,
        competency=competency,
        defaults={"level": level, "weight": weight},
    )
    audit(
        actor=actor,
        verb=AuditAction.UPDATE,
        object_type=ObjectType.JOB_PROFILE,
        object_id=job_profile.pk,
        summary=f"{job_profile}: {competency.name_en} level {level} weight {weight}",
    )
    return requirement


@action
def requirement_remove(*, actor: Actor, job_profile: JobProfile, competency: Competency) -> None:
    ensure(rules.may_manage_frameworks(actor))
    JobRequirement.objects.filter(job_profile=job_profile, competency=competency).delete()
    audit(
        actor=actor,
        verb=AuditAction.UPDATE,
        object_type=ObjectType.JOB_PROFILE,
        object_id=job_profile.pk,
        summary=f"{job_profile}: removed {competency.name_en}",
    )


@action
def job_profile_set_parent(
    *, actor: Actor, job_profile: JobProfile, parent: JobProfile | None
) -> None:
    """Let a profile build on another; refuse a loop (A on B on A)."""
    ensure(rules.may_manage_frameworks(actor))
    if parent is None:
        JobProfileParent.objects.filter(job_profile=job_profile).delete()
    else:
        parents = dict(JobProfileParent.objects.values_list("job_profile_id", "parent_id"))
        step: int | None = parent.pk
        while step is not None:
            if step == job_profile.pk:
                raise ValidationError(
                    _("%(profile)s cannot build on %(parent)s: that would make a loop.")
                    % {"profile": job_profile, "parent": parent}
                )
            step = parents.get(step)
        JobProfileParent.objects.update_or_create(
            job_profile=job_profile, defaults={"parent": parent}
        )
    audit(
        actor=actor,
        verb=AuditAction.UPDATE,
        object_type=ObjectType.JOB_PROFILE,
        object_id=job_profile.pk,
        summary=f"{job_profile} builds on {parent or '-'}",
    )


def current_level_refresh(*, employee_id: int, competency_id: int) -> None:
    """Recompute one cell of the CurrentLevel summary from the assessment history."""
    history = Assessment.objects.filter(employee_id=employee_id, competency_id=competency_id)
    latest = (
        history.filter(kind=AssessmentKind.MANAGER)
        .order_by("-assessed_on", "-created_at", "-id")
        .first()
        or history.filter(kind=AssessmentKind.SELF)
        .order_by("-assessed_on", "-created_at", "-id")
        .first()
    )
    if latest is None:
        CurrentLevel.objects.filter(employee_id=employee_id, competency_id=competency_id).delete()
        return
    CurrentLevel.objects.update_or_create(
        employee_id=employee_id,
        competency_id=competency_id,
        defaults={"level": latest.level, "source": latest.kind},
    )


@action
def assessment_record(
    *,
    actor: Actor,
    employee: Employee,
    competency: Competency,
    kind: str,
    level: int,
    note: str = "",
    evidence: str = "",
    assessed_on: date | None = None,
) -> Assessment:
    if kind == AssessmentKind.SELF:
        ensure(
            rules.may_assess_self(actor, employee),
            _("Only the employee can write their self-assessment."),
        )
    if kind == AssessmentKind.MANAGER:
        ensure(
            rules.may_assess_as_manager(actor, employee),
            _("Only a manager in the employee's line can assess as manager."),
        )
    if kind not in (AssessmentKind.SELF, AssessmentKind.MANAGER):
        raise ValidationError(_("Peer ratings come from a 360 feedback round."))
    _check_level(competency, level)
    assessed_on = assessed_on or timezone.localdate()
    if assessed_on > timezone.localdate():
        raise ValidationError(_("An assessment cannot be dated in the future."))
    assessment = Assessment.objects.create(
        employee=employee,
        competency=competency,
        kind=kind,
        level=level,
        note=note,
        evidence=evidence,
        assessed_on=assessed_on,
        assessor=actor_user(actor),
        # A self-assessment is the employee's own: nothing to share.
        shared_at=timezone.now() if kind == AssessmentKind.SELF else None,
    )
    current_level_refresh(employee_id=employee.pk, competency_id=competency.pk)
    audit(
        actor=actor,
        verb=AuditAction.CREATE,
        object_type=ObjectType.ASSESSMENT,
        object_id=assessment.pk,
        summary=f"{kind} assessment of {employee.employee_number}: {competency.name_en} {level}",
    )
    return assessment


@action
def assessments_share(*, actor: Actor, employee: Employee) -> int:
    """Share the manager's unshared ratings with the employee; returns how many."""
    ensure(rules.may_assess_as_manager(actor, employee))
    count = Assessment.objects.filter(
        employee=employee, kind=AssessmentKind.MANAGER, shared_at__isnull=True
    ).update(shared_at=timezone.now())
    if count:
        audit(
            actor=actor,
            verb=AuditAction.UPDATE,
            object_type=ObjectType.ASSESSMENT,
            object_id=employee.employee_number,
            summary=f"shared {count} manager ratings with {employee.employee_number}",
        )
    return count


@action
def talent_profile_update(
    *, actor: Actor, employee: Employee, version: int | None, **fields: object
) -> TalentProfile:
    ensure(
        rules.may_edit_talent_profile(actor, employee),
        _("Only the employee fills in their own talent profile."),
    )
    unknown = set(fields) - set(TALENT_FIELDS)
    if unknown:
        raise ValidationError(_("Unknown fields: %s") % ", ".join(sorted(unknown)))
    profile, created = TalentProfile.objects.get_or_create(employee=employee)
    # A profile made just now has no version the caller could have read.
    update_if_unchanged(
        TalentProfile,
        profile,
        None if created else version,
        **fields,
        updated_at=timezone.now(),
    )
    audit(
        actor=actor,
        verb=AuditAction.UPDATE,
        object_type=ObjectType.TALENT_PROFILE,
        object_id=employee.employee_number,
        summary=f"talent profile of {employee.employee_number} updated",
        changes={"fields": sorted(fields)},
    )
    return profile


@action
def potential_observation_add(
    *,
    actor: Actor,
    employee: Employee,
    signal: str,
    observed_on: date,
    what_happened: str,
    what_it_showed: str,
) -> PotentialObservation:
    ensure(rules.may_observe_potential(actor, employee))
    if observed_on > timezone.localdate():
        raise ValidationError(_("An observation cannot be dated in the future."))
    if not what_happened.strip() or not what_it_showed.strip():
        raise ValidationError(_("Describe what happened and what it showed."))
    observation = PotentialObservation.objects.create(
        employee=employee,
        signal=signal,
        observed_on=observed_on,
        what_happened=what_happened.strip(),
        what_it_showed=what_it_showed.strip(),
        observer=actor_user(actor),
    )
    audit(
        actor=actor,
        verb=AuditAction.CREATE,
        object_type=ObjectType.POTENTIAL_OBSERVATION,
        object_id=observation.pk,
        summary=f"{signal} observed for {employee.employee_number}",
    )
    return observation


@action
def strategic_target_create(
    *,
    actor: Actor,
    competency: Competency,
    level: int,
    headcount: int,
    due_date: date,
    department: Department | None = None,
    note: str = "",
) -> StrategicTarget:
    ensure(rules.may_manage_frameworks(actor))
    _check_level(competency, level)
    if headcount < 1:
        raise ValidationError(_("A target needs at least one person."))
    target = StrategicTarget.objects.create(
        competency=competency,
        level=level,
        headcount=headcount,
        due_date=due_date,
        department=department,
        note=note,
    )
    audit(
        actor=actor,
        verb=AuditAction.CREATE,
        object_type=ObjectType.STRATEGIC_TARGET,
        object_id=target.pk,
        summary=str(target),
    )
    return target


@action
def strategic_target_delete(*, actor: Actor, target: StrategicTarget) -> None:
    ensure(rules.may_manage_frameworks(actor))
    audit(
        actor=actor,
        verb=AuditAction.DELETE,
        object_type=ObjectType.STRATEGIC_TARGET,
        object_id=target.pk,
        summary=str(target),
    )
    target.delete()


@action
def competency_link_esco(
    *, actor: Actor, competency: Competency, esco_skill: EscoSkill | None
) -> None:
    """Link one of the organisation's competencies to an ESCO skill (None: unlink)."""
    ensure(rules.may_manage_frameworks(actor))
    before = competency.esco_skill.concept_uri if competency.esco_skill is not None else None
    after = esco_skill.concept_uri if esco_skill else None
    if before == after:
        return
    competency.esco_skill = esco_skill
    competency.save(update_fields=["esco_skill"])
    audit(
        actor=actor,
        verb=AuditAction.UPDATE,
        object_type=ObjectType.COMPETENCY,
        object_id=competency.pk,
        summary=f"{competency.name_en}: ESCO {after or 'none'}",
        changes={"esco_skill": [before, after]},
    )


@action
def heatmap_export_record(*, actor: Actor, heat: HeatMap, fmt: str) -> None:
    """Audit an export of the heat map (the file itself is built outside, by exports)."""
    ensure(rules.may_see_workforce_figures(actor))
    audit(
        actor=actor,
        verb=AuditAction.EXPORT,
        object_type=ObjectType.SKILLS_HEATMAP,
        summary=f"heat map export ({fmt}): {len(heat.departments)} departments, "
        f"{len(heat.competencies)} competencies",
        changes={"format": fmt, "scope": "organisation" if is_hr(actor) else "line"},
    )
