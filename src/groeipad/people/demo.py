"""A believable Dutch demo organisation, generated fast and the same for every seed.

The whole organisation is first planned in plain Python objects (``demo_plan``) from
one ``random.Random(seed)``; only then is it written, table by table. Employees go in
with ``bulk_create`` by management level, top down, so that each level's managers
already have their primary keys: no per-row queries, no second pass. The history
tables, which need no ids back, are appended with ``lib.bulk.insert_rows`` (COPY on
PostgreSQL, executemany elsewhere).
"""

from __future__ import annotations

import random
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from typing import TYPE_CHECKING

from django.db import transaction
from django.db.models.deletion import ProtectedError
from django.utils import timezone
from tqdm import tqdm

from groeipad.learning.models import CATEGORY_OF_KIND, ActivityKind, LearningActivity
from groeipad.lib.bulk import chunks, insert_rows
from groeipad.people import demo_catalogue as catalogue
from groeipad.people import reporting_lines
from groeipad.people.demo_plan import DemoDataError, Person, Plan
from groeipad.people.models import (
    Department,
    Employee,
    JobProfile,
    Movement,
    MovementKind,
    Organisation,
    Role,
    User,
)
from groeipad.privacy.models import AuditAction, ObjectType
from groeipad.privacy.services import audit_record
from groeipad.surveys.models import Survey, SurveyAnswer

if TYPE_CHECKING:
    from groeipad.lib.actions import Actor

DEMO_PASSWORD = "groeipad-demo"
# Persona key -> (account e-mail, role).
PERSONAS = {
    "hr": ("hr@demo.groeipad.nl", Role.HR),
    "manager": ("manager@demo.groeipad.nl", Role.EMPLOYEE),
    "employee": ("medewerker@demo.groeipad.nl", Role.EMPLOYEE),
    "admin": ("admin@demo.groeipad.nl", Role.ADMIN),
}

BATCH = 2000  # rows per INSERT on PostgreSQL; Django lowers it to SQLite's limit itself.
CHUNK = 20_000  # rows held in memory before they are written
TRANSFER_RATE = 0.03  # per employee and year
PROMOTION_RATE = 0.09  # per year, for those in a job one gets promoted into
LEARNING_PER_YEAR = (1.2, 3.8)  # range of an employee's learning activities per year


@dataclass
class DemoResult:
    organisation: str
    counts: dict[str, int]
    personas: list[tuple[str, str, str]]  # (persona key, e-mail, employee name)


# --------------------------------------------------------------------------- reads


def demo_data_present() -> bool:
    """Whether the tables the demo fills hold anything (it would clash or mix)."""
    return (
        Employee.objects.exists()
        or Department.objects.exists()
        or JobProfile.objects.exists()
        or Survey.objects.exists()
    )


def demo_personas() -> list[tuple[str, str, str]]:
    """The demo accounts that exist, as (persona key, e-mail, linked employee name)."""
    users = {
        u.email: u
        for u in User.objects.filter(
            email__in=[email for email, _role in PERSONAS.values()]
        ).select_related("employee")
    }
    found = []
    for key, (email, _role) in PERSONAS.items():
        if email in users:
            employee = users[email].employee
            found.append((key, email, employee.full_name if employee else ""))
    return found


# -------------------------------------------------------------------------- writes


def demo_data_remove(*, actor: Actor) -> dict[str, int]:
    """Remove the people data and the demo accounts, so the demo can be generated anew.

    The audit log is append-only and stays; the removal itself is recorded in it.
    """
    counts = {}
    try:
        with transaction.atomic():
            counts["accounts"] = User.objects.filter(
                email__in=[email for email, _role in PERSONAS.values()]
            ).delete()[0]
            for label, model in (
                ("survey_answers", SurveyAnswer),
                ("surveys", Survey),
                ("learning_activities", LearningActivity),
                ("movements", Movement),
            ):
                counts[label] = model.objects.all().delete()[0]
            Employee.objects.update(manager=None)
            counts["employees"] = Employee.objects.all().delete()[1].get("people.Employee", 0)
            counts["job_profiles"] = JobProfile.objects.all().delete()[0]
            counts["departments"] = 0
            while Department.objects.exists():  # leaves first: a parent is protected
                counts["departments"] += Department.objects.filter(children__isnull=True).delete()[
                    0
                ]
            audit_record(
                actor=actor,
                action=AuditAction.DELETE,
                object_type=ObjectType.DEMO_DATA,
                summary="Removed the demo organisation's people data",
                changes=counts,
            )
    except ProtectedError as error:
        raise DemoDataError(
            f"Other records still refer to the people data ({error.protected_objects!r:.200})"
        ) from error
    return counts


def demo_data_generate(
    *,
    employees: int,
    years: int,
    seed: int,
    actor: Actor = None,
    today: date | None = None,
    progress: bool = False,
) -> DemoResult:
    """Generate ``employees`` employee rows (current and left) with ``years`` of history."""
    if employees < 20:
        raise DemoDataError("The demo needs at least 20 employees.")
    if not 1 <= years <= 40:
        raise DemoDataError("The number of years must be between 1 and 40.")
    today = today or timezone.localdate()
    rng = random.Random(seed)
    plan = Plan(rng, employees=employees, years=years, today=today)
    with transaction.atomic():
        organisation = _organisation(plan.sector)
        counts = _store(plan, progress=progress)
        personas = _accounts(plan)
        audit_record(
            actor=actor,
            action=AuditAction.CREATE,
            object_type=ObjectType.DEMO_DATA,
            object_id=organisation.pk,
            summary=(
                f"Generated demo organisation {organisation.name}: {employees} employees, "
                f"{years} years of history, seed {seed}"
            ),
            changes={"seed": seed, "years": years, "as_of": today.isoformat(), **counts},
        )
    return DemoResult(organisation.name, counts, personas)


# ---------------------------------------------------------------------------- plan


# --------------------------------------------------------------------------- store


def _organisation(sector: catalogue.Sector) -> Organisation:
    organisation = Organisation.objects.order_by("pk").first()
    if organisation is None:
        return Organisation.objects.create(name=sector.organisation)
    if organisation.name == Organisation._meta.get_field("name").default:
        organisation.name = sector.organisation
        organisation.save(update_fields=["name"])
    return organisation


def _insert(
    model, columns: tuple[str, ...], rows: Iterable[tuple], *, label: str, progress: bool
) -> int:
    """Append the history tables' rows (no ids needed back) through lib.bulk, with a bar."""
    with tqdm(desc=label, unit=" rows", file=sys.stderr, disable=not progress, leave=False) as bar:
        return insert_rows(model, columns, rows, progress=bar.update)


def _store(plan: Plan, *, progress: bool) -> dict[str, int]:
    for depth in sorted({node.depth for node in plan.nodes}):
        level = [node for node in plan.nodes if node.depth == depth]
        created = Department.objects.bulk_create(
            [Department(name=n.name, parent=n.parent.obj if n.parent else None) for n in level]
        )
        for node, obj in zip(level, created, strict=True):
            node.obj = obj
    profiles = {
        p.name: p
        for p in JobProfile.objects.bulk_create([JobProfile(name=name) for name in plan.job_names])
    }
    counts = {"departments": len(plan.nodes), "job_profiles": len(profiles)}
    counts["employees"] = _store_employees(plan, profiles, progress)
    counts["movements"] = _insert(
        Movement,
        ("employee", "date", "kind", "department", "job_profile"),
        _movements(plan, profiles),
        label="movements",
        progress=progress,
    )
    counts["learning_activities"] = _insert(
        LearningActivity,
        ("employee", "date", "title", "kind", "category", "hours", "cost"),
        _learning(plan),
        label="learning",
        progress=progress,
    )
    counts["surveys"], counts["survey_answers"] = _store_surveys(plan, progress)
    counts["leavers"] = plan.leaver_count
    return counts


def _store_employees(plan: Plan, profiles: dict[str, JobProfile], progress: bool) -> int:
    now = timezone.now()
    by_level: dict[int, list[Person]] = {}
    for person in plan.people:
        by_level.setdefault(person.level, []).append(person)
    count = 0
    with tqdm(
        total=len(plan.people),
        desc="employees",
        unit=" rows",
        file=sys.stderr,
        disable=not progress,
        leave=False,
    ) as bar:
        for level in sorted(by_level):
            for chunk in chunks(by_level[level], CHUNK):
                objs = [
                    Employee(
                        employee_number=p.number,
                        first_name=p.first,
                        last_name=p.last,
                        email=p.email,
                        department_id=p.node.saved.pk,
                        job_profile_id=profiles[p.job].pk,
                        manager_id=p.manager.saved.pk if p.manager else None,
                        hire_date=p.hire,
                        leave_date=p.leave,
                        leave_reason=p.reason,
                        annual_salary=p.salary,
                        fte=p.fte,
                        created_at=now,
                        updated_at=now,
                    )
                    for p in chunk
                ]
                Employee.objects.bulk_create(objs, batch_size=BATCH)
                for person, obj in zip(chunk, objs, strict=True):
                    person.obj = obj
                count += len(objs)
                bar.update(len(objs))
    reporting_lines.rebuild()  # bulk_create bypasses Employee.save
    return count


def _random_day(rng: random.Random, start: date, end: date) -> date:
    return start + timedelta(days=rng.randint(0, (end - start).days))


def _movements(plan: Plan, profiles: dict[str, JobProfile]) -> Iterator[tuple]:
    """Transfers into the present department and promotions into the present job."""
    rng = plan.rng
    for person in plan.people:
        stay = plan.employment(person)
        if stay is None or person.manager is None:
            continue
        start = max(stay[0], person.hire + timedelta(days=60))
        if start > stay[1]:
            continue
        years = ((stay[1] - stay[0]).days + 1) / 365.25
        if rng.random() < min(TRANSFER_RATE * years, 0.5):
            yield (
                person.saved.pk,
                _random_day(rng, start, stay[1]),
                MovementKind.TRANSFER.value,
                person.node.saved.pk,
                None,
            )
        if person.job in catalogue.PROMOTION_TARGETS and rng.random() < min(
            PROMOTION_RATE * years, 0.6
        ):
            yield (
                person.saved.pk,
                _random_day(rng, start, stay[1]),
                MovementKind.PROMOTION.value,
                None,
                profiles[person.job].pk,
            )


_KINDS = list(catalogue.LEARNING)
_KIND_WEIGHTS = [catalogue.LEARNING[kind][0] for kind in _KINDS]
_CATEGORY = {kind: CATEGORY_OF_KIND[ActivityKind(kind)].value for kind in _KINDS}


def _learning(plan: Plan) -> Iterator[tuple]:
    rng = plan.rng
    for person in plan.people:
        stay = plan.employment(person)
        if stay is None:
            continue
        days = (stay[1] - stay[0]).days + 1
        count = min(days, int(days / 365.25 * rng.uniform(*LEARNING_PER_YEAR) + rng.random()))
        # Distinct days keep (employee, date, title) unique without bookkeeping.
        offsets = sorted(rng.sample(range(days), count))
        kinds = rng.choices(_KINDS, _KIND_WEIGHTS, k=count)
        for offset, kind in zip(offsets, kinds, strict=True):
            _weight, (h_low, h_high), (c_low, c_high), titles = catalogue.LEARNING[kind]
            hours = rng.randint(h_low * 2, h_high * 2) / 2
            cost = round(rng.uniform(c_low, c_high) / 5) * 5 if c_high else 0
            yield (
                person.saved.pk,
                stay[0] + timedelta(days=offset),
                rng.choice(titles),
                kind,
                _CATEGORY[kind],
                Decimal(str(hours)),
                Decimal(cost),
            )


def _store_surveys(plan: Plan, progress: bool) -> tuple[int, int]:
    rng = plan.rng
    surveys = []
    for year in range(plan.window_start.year, plan.today.year + 1):
        both = rng.random() < 0.5
        for season, month in (("voorjaar", 4), ("najaar", 10)):
            closing = date(year, month, rng.randint(8, 26))
            if (both or season == "najaar") and plan.window_start <= closing <= plan.today:
                surveys.append(Survey(name=f"eNPS {season} {year}", closing_date=closing))
    Survey.objects.bulk_create(surveys)

    def answers() -> Iterator[tuple]:
        for number, survey in enumerate(surveys):
            trend = (number - len(surveys) / 2) * 0.08  # the mood improves a little over time
            rate = rng.uniform(0.55, 0.75)
            day = survey.closing_date
            for person in plan.people:
                if (
                    person.hire <= day
                    and (person.leave is None or person.leave >= day)
                    and rng.random() < rate
                ):
                    score = round(rng.gauss(7.5 + person.node.mood * 0.7 + trend, 1.7))
                    yield (survey.pk, min(max(score, 0), 10), person.node.saved.pk)

    return len(surveys), _insert(
        SurveyAnswer,
        ("survey", "score", "department"),
        answers(),
        label="eNPS answers",
        progress=progress,
    )


def _accounts(plan: Plan) -> list[tuple[str, str, str]]:
    current = [p for p in plan.people if p.leave is None]
    hr_node = next(node for node in plan.nodes if node.name == "HR" and node.parent is None)
    hr_people = [p for p in current if p.node.parent is hr_node or p.node is hr_node]
    hr_person = next((p for p in hr_people if p.job == "HR-adviseur"), hr_people[0])
    reports: dict[Person, list[Person]] = {}
    for person in current:
        if person.manager is not None and not person.is_leader:
            reports.setdefault(person.manager, []).append(person)
    leaders = [
        p for p in current if p.job == catalogue.TEAM_LEADER and len(reports.get(p, ())) >= 3
    ]
    manager = (
        leaders[0]
        if leaders
        else max((p for p in reports if p.job != catalogue.DIRECTOR), key=lambda p: len(reports[p]))
    )
    employee = reports[manager][0]
    linked: dict[str, Person | None] = {
        "hr": hr_person,
        "manager": manager,
        "employee": employee,
        "admin": None,
    }
    personas = []
    for key, (email, role) in PERSONAS.items():
        who = linked[key]
        user = User.objects.filter(email=email).first() or User(email=email)
        user.role, user.is_active = role, True
        user.is_superuser = role == Role.ADMIN
        user.employee = who.obj if who else None
        user.set_password(DEMO_PASSWORD)
        user.save()
        name = f"{who.first} {who.last}" if who else ""
        personas.append((key, email, name))
    return personas
