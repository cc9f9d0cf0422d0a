"""Writes about competencies. Each checks who may, validates, saves and audits."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from groeipad.lib.concurrency import StaleEdit, update_if_unchanged  # noqa: F401  (re-exported: callers catch services.StaleEdit)
from groeipad.people.models import Department, Employee, JobProfile
from groeipad.privacy.models import AuditAction
from groeipad.privacy.services import audit_record
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


@transaction.atomic
def framework_install_starter(*, actor) -> Framework:
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
    audit_record(
        actor=actor,
        action=AuditAction.CREATE,
        object_type="framework",
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


def requirement_set(
    *, actor, job_profile: JobProfile, competency: Competency, level: int, weight=1
) -> JobRequirement:
    if not rules.may_manage_frameworks(actor):
        raise PermissionDenied
    _check_level(competency, level)
    if float(weight) <= 0:
        raise ValidationError(_("The weight must be greater than zero."))
    with transaction.atomic():
        requirement, _created = JobRequirement.objects.update_or_create(
            job_profile=job_profile,
            competency=competency,
            defaults={"level": level, "weight": weight},
        )
        audit_record(
            actor=actor,
            action=AuditAction.UPDATE,
            object_type="job_profile",
            object_id=job_profile.pk,
            summary=f"{job_profile}: {competency.name_en} level {level} weight {weight}",
        )
    return requirement


def requirement_remove(*, actor, job_profile: JobProfile, competency: Competency) -> None:
    if not rules.may_manage_frameworks(actor):
        raise PermissionDenied
    with transaction.atomic():
        JobRequirement.objects.filter(job_profile=job_profile, competency=competency).delete()
        audit_record(
            actor=actor,
            action=AuditAction.UPDATE,
            object_type="job_profile",
            object_id=job_profile.pk,
            summary=f"{job_profile}: removed {competency.name_en}",
        )


def job_profile_set_parent(*, actor, job_profile: JobProfile, parent: JobProfile | None) -> None:
    """Let a profile build on another; refuse a loop (A on B on A)."""
    if not rules.may_manage_frameworks(actor):
        raise PermissionDenied
    with transaction.atomic():
        if parent is None:
            JobProfileParent.objects.filter(job_profile=job_profile).delete()
        else:
            parents = dict(JobProfileParent.objects.values_list("job_profile_id", "parent_id"))
            step = parent.pk
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
        audit_record(
            actor=actor,
            action=AuditAction.UPDATE,
            object_type="job_profile",
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


def assessment_record(
    *,
    actor,
    employee: Employee,
    competency: Competency,
    kind: str,
    level: int,
    note: str = "",
    evidence: str = "",
    assessed_on: date | None = None,
) -> Assessment:
    if kind == AssessmentKind.SELF and not rules.may_assess_self(actor, employee):
        raise PermissionDenied(_("Only the employee can write their self-assessment."))
    if kind == AssessmentKind.MANAGER and not rules.may_assess_as_manager(actor, employee):
        raise PermissionDenied(_("Only a manager in the employee's line can assess as manager."))
    if kind not in (AssessmentKind.SELF, AssessmentKind.MANAGER):
        raise ValidationError(_("Peer ratings come from a 360 feedback round."))
    _check_level(competency, level)
    assessed_on = assessed_on or timezone.localdate()
    if assessed_on > timezone.localdate():
        raise ValidationError(_("An assessment cannot be dated in the future."))
    with transaction.atomic():
        assessment = Assessment.objects.create(
            employee=employee,
            competency=competency,
            kind=kind,
            level=level,
            note=note,
            evidence=evidence,
            assessed_on=assessed_on,
            assessor=actor,
            # A self-assessment is the employee's own: nothing to share.
            shared_at=timezone.now() if kind == AssessmentKind.SELF else None,
        )
        current_level_refresh(employee_id=employee.pk, competency_id=competency.pk)
        audit_record(
            actor=actor,
            action=AuditAction.CREATE,
            object_type="assessment",
            object_id=assessment.pk,
            summary=f"{kind} assessment of {employee.employee_number}: "
            f"{competency.name_en} {level}",
        )
    return assessment


def assessments_share(*, actor, employee: Employee) -> int:
    """Share the manager's unshared ratings with the employee; returns how many."""
    if not rules.may_assess_as_manager(actor, employee):
        raise PermissionDenied
    with transaction.atomic():
        count = Assessment.objects.filter(
            employee=employee, kind=AssessmentKind.MANAGER, shared_at__isnull=True
        ).update(shared_at=timezone.now())
        if count:
            audit_record(
                actor=actor,
                action=AuditAction.UPDATE,
                object_type="assessment",
                object_id=employee.employee_number,
                summary=f"shared {count} manager ratings with {employee.employee_number}",
            )
    return count


def talent_profile_update(
    *, actor, employee: Employee, version: int | None, **fields
) -> TalentProfile:
    if not rules.may_edit_talent_profile(actor, employee):
        raise PermissionDenied(_("Only the employee fills in their own talent profile."))
    unknown = set(fields) - set(TALENT_FIELDS)
    if unknown:
        raise ValidationError(_("Unknown fields: %s") % ", ".join(sorted(unknown)))
    with transaction.atomic():
        profile, created = TalentProfile.objects.get_or_create(employee=employee)
        # A profile made just now has no version the caller could have read.
        update_if_unchanged(
            TalentProfile,
            profile,
            None if created else version,
            **fields,
            updated_at=timezone.now(),
        )
        audit_record(
            actor=actor,
            action=AuditAction.UPDATE,
            object_type="talent_profile",
            object_id=employee.employee_number,
            summary=f"talent profile of {employee.employee_number} updated",
            changes={"fields": sorted(fields)},
        )
    return profile


def potential_observation_add(
    *,
    actor,
    employee: Employee,
    signal: str,
    observed_on: date,
    what_happened: str,
    what_it_showed: str,
) -> PotentialObservation:
    if not rules.may_observe_potential(actor, employee):
        raise PermissionDenied
    if observed_on > timezone.localdate():
        raise ValidationError(_("An observation cannot be dated in the future."))
    if not what_happened.strip() or not what_it_showed.strip():
        raise ValidationError(_("Describe what happened and what it showed."))
    with transaction.atomic():
        observation = PotentialObservation.objects.create(
            employee=employee,
            signal=signal,
            observed_on=observed_on,
            what_happened=what_happened.strip(),
            what_it_showed=what_it_showed.strip(),
            observer=actor,
        )
        audit_record(
            actor=actor,
            action=AuditAction.CREATE,
            object_type="potential_observation",
            object_id=observation.pk,
            summary=f"{signal} observed for {employee.employee_number}",
        )
    return observation


def strategic_target_create(
    *,
    actor,
    competency: Competency,
    level: int,
    headcount: int,
    due_date: date,
    department: Department | None = None,
    note: str = "",
) -> StrategicTarget:
    if not rules.may_manage_frameworks(actor):
        raise PermissionDenied
    _check_level(competency, level)
    if headcount < 1:
        raise ValidationError(_("A target needs at least one person."))
    with transaction.atomic():
        target = StrategicTarget.objects.create(
            competency=competency,
            level=level,
            headcount=headcount,
            due_date=due_date,
            department=department,
            note=note,
        )
        audit_record(
            actor=actor,
            action=AuditAction.CREATE,
            object_type="strategic_target",
            object_id=target.pk,
            summary=str(target),
        )
    return target


def strategic_target_delete(*, actor, target: StrategicTarget) -> None:
    if not rules.may_manage_frameworks(actor):
        raise PermissionDenied
    with transaction.atomic():
        audit_record(
            actor=actor,
            action=AuditAction.DELETE,
            object_type="strategic_target",
            object_id=target.pk,
            summary=str(target),
        )
        target.delete()


def competency_link_esco(*, actor, competency: Competency, esco_skill: EscoSkill | None) -> None:
    """Link one of the organisation's competencies to an ESCO skill (None: unlink)."""
    if not rules.may_manage_frameworks(actor):
        raise PermissionDenied
    before = competency.esco_skill.concept_uri if competency.esco_skill_id else None
    after = esco_skill.concept_uri if esco_skill else None
    if before == after:
        return
    with transaction.atomic():
        competency.esco_skill = esco_skill
        competency.save(update_fields=["esco_skill"])
        audit_record(
            actor=actor,
            action=AuditAction.UPDATE,
            object_type="competency",
            object_id=competency.pk,
            summary=f"{competency.name_en}: ESCO {after or 'none'}",
            changes={"esco_skill": [before, after]},
        )
