"""What the skills app holds about a person: assessments, talent profile, observations."""

from __future__ import annotations

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from groeipad.people.models import Employee
from groeipad.privacy.registry import DataCategory, register
from groeipad.skills.models import (
    Assessment,
    AssessmentKind,
    CurrentLevel,
    PotentialObservation,
    TalentProfile,
)


def _name_of(user) -> str | None:
    if user is None:
        return None
    employee = getattr(user, "employee", None)
    return employee.full_name if employee is not None else None


def _assessments_export(employee: Employee) -> list[dict]:
    # As the employee sees them: their own, and the manager's once shared with them.
    history = (
        Assessment.objects.filter(employee=employee)
        .filter(Q(kind=AssessmentKind.SELF) | Q(shared_at__isnull=False))
        .select_related("competency", "assessor__employee")
        .order_by("assessed_on", "pk")
    )
    return [
        {
            "date": a.assessed_on,
            "competency": a.competency.name,
            "kind": a.get_kind_display(),
            "level": a.level,
            "note": a.note,
            "evidence": a.evidence,
            "assessed_by": None if a.kind == AssessmentKind.SELF else _name_of(a.assessor),
            "shared_at": a.shared_at,
        }
        for a in history
    ]


def _assessments_erase(employee: Employee, dry_run: bool) -> int:
    ratings = Assessment.objects.filter(employee=employee)
    levels = CurrentLevel.objects.filter(employee=employee)
    count = ratings.count() + levels.count()
    if not dry_run and count:
        ratings.delete()
        levels.delete()
    return count


def _profile_export(employee: Employee) -> list[dict]:
    profile = (
        TalentProfile.objects.filter(employee=employee)
        .select_related("aspired_job_profile")
        .first()
    )
    if profile is None:
        return []
    return [
        {
            "strengths": profile.strengths,
            "ambitions": profile.ambitions,
            "energy_sources": profile.energy_sources,
            "unused_talent": profile.unused_talent,
            "aspired_job_profile": (
                profile.aspired_job_profile.name if profile.aspired_job_profile else None
            ),
            "updated_at": profile.updated_at,
        }
    ]


def _profile_erase(employee: Employee, dry_run: bool) -> int:
    profiles = TalentProfile.objects.filter(employee=employee)
    count = profiles.count()
    if not dry_run and count:
        profiles.delete()
    return count


def _observations_export(employee: Employee) -> list[dict]:
    # The employee sees every observation about them, with who observed it.
    observations = (
        PotentialObservation.objects.filter(employee=employee)
        .select_related("observer__employee")
        .order_by("observed_on", "pk")
    )
    return [
        {
            "date": o.observed_on,
            "signal": o.get_signal_display(),
            "what_happened": o.what_happened,
            "what_it_showed": o.what_it_showed,
            "observed_by": _name_of(o.observer),
        }
        for o in observations
    ]


def _observations_erase(employee: Employee, dry_run: bool) -> int:
    observations = PotentialObservation.objects.filter(employee=employee)
    count = observations.count()
    if not dry_run and count:
        observations.delete()
    return count


_DEVELOPMENT = _("legitimate interest: your development (article 6(1)(f) GDPR)")

register(
    DataCategory(
        key="assessments",
        app="skills",
        label=_("competency assessments: self-assessments and your manager's ratings"),
        purpose=_("to see where you stand and how you grow, and to find gaps"),
        legal_basis=_DEVELOPMENT,
        retention="development",
        seen_by=("own", "line", "hr"),
        export=_assessments_export,
        erase=_assessments_erase,
        notes=(
            _(
                "A manager's rating is in the export once it has been shared with you, "
                "as on your talent page."
            ),
        ),
    )
)
register(
    DataCategory(
        key="talent_profile",
        app="skills",
        label=_("talent profile: strengths, ambitions, energy, unused talent"),
        purpose=_("to plan your development with you"),
        legal_basis=_DEVELOPMENT,
        retention="development",
        seen_by=("own", "line", "hr"),
        export=_profile_export,
        erase=_profile_erase,
    )
)
register(
    DataCategory(
        key="potential_observations",
        app="skills",
        label=_("observations of potential (curiosity, initiative, eagerness to learn)"),
        purpose=_("to recognise potential from dated examples, not labels"),
        legal_basis=_DEVELOPMENT,
        retention="development",
        seen_by=("own", "line", "hr"),
        export=_observations_export,
        erase=_observations_erase,
    )
)
