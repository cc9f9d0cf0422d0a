"""Competency data for the demo organisation: requirements, ratings, profiles, targets.

Runs after ``people.demo`` has made the people. Deterministic for a seed, like it.
Ratings are written in bulk with the CurrentLevel summary computed alongside, so a
50,000-person demo gets its heat map data in seconds.
"""

from __future__ import annotations

import random
from datetime import date, datetime, timedelta

from django.db.models import Q
from django.utils import timezone

from groeipad.lib.actions import action
from groeipad.lib.bulk import insert_rows
from groeipad.people.models import Employee, JobProfile, User
from groeipad.skills.models import (
    Assessment,
    AssessmentKind,
    Competency,
    CurrentLevel,
    JobProfileParent,
    JobRequirement,
    PotentialObservation,
    PotentialSignal,
    StrategicTarget,
    TalentProfile,
)
from groeipad.skills.services import framework_install_starter

GENERIC = [
    "Samenwerken",
    "Communiceren",
    "Klantgerichtheid",
    "Resultaatgerichtheid",
    "Lerend vermogen",
    "Initiatief",
    "Digitale vaardigheden",
    "Vakmanschap",
    "Feedback geven en ontvangen",
]
LEADING = ["Leiderschap", "Coachen"]
LEADING_WORDS = ("teamleider", "manager", "hoofd", "directeur", "leidinggevende")


@action
def skills_demo_generate(*, seed: int, today: date | None = None) -> dict[str, int]:
    today = today or timezone.localdate()
    rng = random.Random(seed * 7919 + 1)
    framework = framework_install_starter(actor=None)
    by_name = {c.name_nl: c for c in Competency.objects.filter(framework=framework)}
    requirements = _requirements(rng, by_name)
    ratings = _ratings(rng, requirements, today)
    _profiles_and_targets(rng, by_name, today)
    return {"requirements": sum(len(r) for r in requirements.values()), "assessments": ratings}


@action
def skills_demo_remove() -> None:
    """Remove what skills_demo_generate made (the people go with people.demo's --replace)."""
    StrategicTarget.objects.all().delete()
    JobProfileParent.objects.all().delete()
    JobRequirement.objects.all().delete()


def _requirements(rng: random.Random, by_name: dict[str, Competency]) -> dict[int, dict[int, int]]:
    """Four to six requirements per job; leaders also lead and coach. Seniors build on the base job."""
    profiles = list(JobProfile.objects.order_by("name"))
    names = {p.name.casefold(): p for p in profiles}
    result: dict[int, dict[int, int]] = {}
    rows = []
    for profile in profiles:
        chosen = rng.sample(GENERIC, k=rng.randint(4, 6))
        if any(word in profile.name.casefold() for word in LEADING_WORDS):
            chosen += LEADING
        senior = profile.name.casefold().startswith("senior ")
        levels = {}
        for name in chosen:
            level = rng.choice([3, 3, 4]) if not senior else rng.choice([4, 4, 5])
            levels[by_name[name].pk] = level
            rows.append(
                JobRequirement(
                    job_profile=profile,
                    competency=by_name[name],
                    level=level,
                    weight=rng.choice([1, 1, 2]),
                )
            )
        result[profile.pk] = levels
    JobRequirement.objects.bulk_create(rows)
    for profile in profiles:
        base = names.get(profile.name.casefold().removeprefix("senior ").strip())
        if profile.name.casefold().startswith("senior ") and base and base != profile:
            JobProfileParent.objects.create(job_profile=profile, parent=base)
            result[profile.pk] = {**result[base.pk], **result[profile.pk]}
    return result


def _ratings(rng: random.Random, requirements: dict[int, dict[int, int]], today: date) -> int:
    """Self-ratings for most current staff, manager ratings (mostly shared) for many."""
    staff = Employee.objects.filter(
        Q(leave_date__isnull=True) | Q(leave_date__gte=today),
        hire_date__lte=today,
        job_profile__isnull=False,
    ).values_list("id", "job_profile_id", "manager_id")
    managers = dict(User.objects.filter(employee__isnull=False).values_list("employee_id", "id"))
    now = timezone.now()
    # employee, competency, kind, assessor, level, assessed on, created, shared, note, evidence
    assessments: list[
        tuple[int, int, str, int | None, int, date, datetime, datetime | None, str, str]
    ] = []
    current: list[tuple[int, int, int, str]] = []
    for employee_id, profile_id, manager_id in staff:
        if rng.random() > 0.75:
            continue  # not everyone has rated themself yet
        for competency_id, required in requirements.get(profile_id, {}).items():
            own = max(1, min(5, required + rng.choice([-2, -1, -1, 0, 0, 0, 1])))
            day = today - timedelta(days=rng.randint(20, 330))
            assessments.append(
                (employee_id, competency_id, AssessmentKind.SELF, None, own, day, now, now, "", "")
            )
            level, source = own, AssessmentKind.SELF
            if manager_id and rng.random() < 0.6:
                rated = max(1, min(5, own + rng.choice([-1, 0, 0, 1])))
                shared = now if rng.random() < 0.8 else None
                later = min(today, day + timedelta(days=rng.randint(1, 20)))
                assessments.append(
                    (
                        employee_id,
                        competency_id,
                        AssessmentKind.MANAGER,
                        managers.get(manager_id),
                        rated,
                        later,
                        now,
                        shared,
                        "",
                        "",
                    )
                )
                level, source = rated, AssessmentKind.MANAGER
            current.append((employee_id, competency_id, level, source))
    insert_rows(
        Assessment,
        (
            "employee_id",
            "competency_id",
            "kind",
            "assessor_id",
            "level",
            "assessed_on",
            "created_at",
            "shared_at",
            "note",
            "evidence",
        ),
        assessments,
    )
    insert_rows(CurrentLevel, ("employee_id", "competency_id", "level", "source"), current)
    return len(assessments)


def _profiles_and_targets(rng: random.Random, by_name: dict[str, Competency], today: date) -> None:
    """A few filled-in talent profiles and observations, and three organisation targets."""
    people = list(
        Employee.objects.filter(leave_date__isnull=True, manager__isnull=False)
        .order_by("employee_number")
        .values_list("id", "manager_id")[:40]
    )
    managers = dict(User.objects.filter(employee__isnull=False).values_list("employee_id", "id"))
    examples = [
        (
            "Ik zie snel verbanden in planningen",
            "Teamleider worden",
            "Puzzelen met roosters",
            "Ik teken: ik kan processen visueel maken",
        ),
        (
            "Rust in drukke situaties",
            "Meer met klanten werken",
            "Mensen verder helpen",
            "Ik spreek Turks en Arabisch",
        ),
        (
            "Data en Excel",
            "Specialist worden in analyse",
            "Iets uitzoeken tot het klopt",
            "Ik geef graag uitleg: trainer zijn",
        ),
    ]
    for index, (employee_id, manager_id) in enumerate(people[:12]):
        strengths, ambitions, energy, unused = examples[index % len(examples)]
        TalentProfile.objects.create(
            employee_id=employee_id,
            strengths=strengths,
            ambitions=ambitions,
            energy_sources=energy,
            unused_talent=unused,
        )
        signal = rng.choice(list(PotentialSignal))
        PotentialObservation.objects.create(
            employee_id=employee_id,
            signal=signal,
            observer_id=managers.get(manager_id),
            observed_on=today - timedelta(days=rng.randint(10, 200)),
            what_happened="Nam zelf het initiatief om een knelpunt in het rooster op te lossen.",
            what_it_showed="Pakt zaken op zonder dat erom gevraagd wordt.",
        )
    next_year = date(today.year + 1, 12, 31)
    for name, level, headcount in (
        ("Digitale vaardigheden", 4, 40),
        ("Leiderschap", 4, 12),
        ("Klantgerichtheid", 4, 30),
    ):
        StrategicTarget.objects.create(
            competency=by_name[name],
            level=level,
            headcount=headcount,
            due_date=next_year,
            note="Nodig voor de strategie van de komende jaren.",
        )
