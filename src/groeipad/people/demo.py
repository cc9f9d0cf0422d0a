"""A believable Dutch demo organisation, generated fast and the same for every seed.

The whole organisation is first planned in plain Python objects (``_Person``,
``_Node``) from one ``random.Random(seed)``; only then is it written, table by table,
with ``bulk_create``. Employees go in by management level, top down, so that each
level's managers already have their primary keys: no per-row queries, no second pass.

Invariants the plan keeps (and the tests check): everyone but the director has a
manager in their own department or one above it (department heads report to the
director); managers are current employees hired before the window, so they were
employed whenever one of their reports was; leavers left inside the window with a
reason; e-mail addresses are unique.
"""

from __future__ import annotations

import math
import random
import sys
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

from django.db import connection, transaction
from django.db.models.deletion import ProtectedError
from django.utils import timezone
from tqdm import tqdm

from groeipad.learning.models import CATEGORY_OF_KIND, ActivityKind, LearningActivity
from groeipad.people import demo_catalogue as catalogue
from groeipad.people.models import (
    Department,
    Employee,
    JobProfile,
    LeaveReason,
    Movement,
    MovementKind,
    Organisation,
    Role,
    User,
)
from groeipad.privacy.models import AuditAction
from groeipad.privacy.services import audit_record
from groeipad.surveys.models import Survey, SurveyAnswer

DEMO_PASSWORD = "groeipad-demo"
DEMO_URL = "http://127.0.0.1:8000"
# Persona key -> (account e-mail, role).
PERSONAS = {
    "hr": ("hr@demo.groeipad.nl", Role.HR),
    "manager": ("manager@demo.groeipad.nl", Role.EMPLOYEE),
    "employee": ("medewerker@demo.groeipad.nl", Role.EMPLOYEE),
    "admin": ("admin@demo.groeipad.nl", Role.ADMIN),
}

BATCH = 2000  # rows per INSERT on PostgreSQL; Django lowers it to SQLite's limit itself.
CHUNK = 20_000  # rows held in memory before they are written
TURNOVER = 0.125  # leavers per year as a share of headcount
TRANSFER_RATE = 0.03  # per employee and year
PROMOTION_RATE = 0.09  # per year, for those in a job one gets promoted into
LEARNING_PER_YEAR = (1.2, 3.8)  # range of an employee's learning activities per year
SPAN = 8.5  # average span of control; groups are cut to 5-12
MAX_SPAN = 12


class DemoDataError(Exception):
    """The demo data cannot be generated or removed; the message says why."""


@dataclass
class DemoResult:
    organisation: str
    counts: dict[str, int]
    personas: list[tuple[str, str, str]]  # (persona key, e-mail, employee name)


@dataclass(eq=False)
class _Node:
    name: str
    unit: catalogue.Unit | None
    parent: _Node | None
    depth: int
    staff_share: float = 0.0
    head: _Person | None = None
    bottom_leaders: list[_Person] = field(default_factory=list)
    mood: float = 0.0
    obj: Department | None = None


class _Person:
    __slots__ = (
        "email",
        "first",
        "fte",
        "hire",
        "job",
        "last",
        "leave",
        "level",
        "manager",
        "node",
        "number",
        "obj",
        "reason",
        "salary",
    )

    def __init__(self, node: _Node, job: str, manager: _Person | None):
        self.node, self.job, self.manager = node, job, manager
        self.hire: date | None = None
        self.leave: date | None = None
        self.reason = ""
        self.level = 0
        self.obj: Employee | None = None

    @property
    def is_leader(self) -> bool:
        return self.job in _LEADER_JOBS


_LEADER_JOBS = frozenset(
    {catalogue.DIRECTOR, catalogue.DEPARTMENT_HEAD, catalogue.UNIT_HEAD, catalogue.TEAM_LEADER}
)


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


def demo_data_remove(*, actor) -> dict[str, int]:
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
                object_type="demo-data",
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
    actor=None,
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
    plan = _Plan(rng, employees=employees, years=years, today=today)
    with transaction.atomic():
        organisation = _organisation(plan.sector)
        counts = _store(plan, progress=progress)
        personas = _accounts(plan)
        audit_record(
            actor=actor,
            action=AuditAction.CREATE,
            object_type="demo-data",
            object_id=organisation.pk,
            summary=(
                f"Generated demo organisation {organisation.name}: {employees} employees, "
                f"{years} years of history, seed {seed}"
            ),
            changes={"seed": seed, "years": years, "as_of": today.isoformat(), **counts},
        )
    return DemoResult(organisation.name, counts, personas)


# ---------------------------------------------------------------------------- plan


def _years_before(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February
        return day.replace(year=day.year - years, day=28)


def _slug(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return "".join(ch for ch in ascii_text.lower() if ch.isalnum())


def _group_sizes(rng: random.Random, members: int, groups: int) -> list[int]:
    """Cut ``members`` into ``groups`` groups of 5 to 12 (as far as the numbers allow)."""
    low = min(5, members // groups)
    sizes = [low] * groups
    for _ in range(members - low * groups):
        open_groups = [i for i, size in enumerate(sizes) if size < MAX_SPAN] or range(groups)
        sizes[rng.choice(open_groups)] += 1
    return sizes


def _layers(headcount: int) -> list[int]:
    """Staff and leader layers (bottom up) that together fit in ``headcount``."""

    def layers_for(staff: int) -> list[int]:
        sizes = [staff]
        while sizes[-1] > MAX_SPAN:
            sizes.append(math.ceil(sizes[-1] / SPAN))
        return sizes

    staff = headcount
    while sum(layers_for(staff)) > headcount:
        staff -= 1
    return layers_for(staff)


class _Plan:
    """The organisation in memory: departments, people, their dates and money."""

    def __init__(self, rng: random.Random, *, employees: int, years: int, today: date):
        self.rng, self.today, self.years = rng, today, years
        self.window_start = _years_before(today, years)
        self.sector = rng.choice(catalogue.SECTORS)
        leaver_share = TURNOVER * years / (1 + TURNOVER * years)
        self.leaver_count = round(employees * leaver_share)
        self.current_count = employees - self.leaver_count
        self.nodes: list[_Node] = []
        self.people: list[_Person] = []
        self._departments()
        self._management()
        self._leavers()
        for person in self.people:
            self._dates(person)
            self._name(person)
        self._numbers_and_levels()
        self.job_names = sorted({person.job for person in self.people})

    # Departments ------------------------------------------------------------

    def _departments(self) -> None:
        n = self.current_count
        top_count = 6 if n < 200 else 8 if n < 2000 else 10
        units = (self.sector.core + catalogue.SUPPORT)[: top_count - 1]
        self.board = self._node("Directie", None, None)
        total = sum(unit.weight for unit in units)
        for unit in units:
            top = self._node(unit.name, unit, None)
            share = unit.weight / total
            expected = n * share
            subs = 0 if expected < 25 else min(len(unit.subs), max(2, int(expected // 60)))
            if not subs:
                top.staff_share = share
                continue
            chosen = unit.subs[:subs]
            sub_total = sum(sub.weight for sub in chosen)
            for sub in chosen:
                self._node(sub.name, sub, top).staff_share = share * sub.weight / sub_total
        for node in self.nodes:
            node.mood = self.rng.uniform(-1.0, 1.0)

    def _node(self, name, unit, parent) -> _Node:
        node = _Node(name, unit, parent, parent.depth + 1 if parent else 0)
        self.nodes.append(node)
        return node

    # People and the management tree ----------------------------------------

    def _person(self, node, job, manager=None) -> _Person:
        person = _Person(node, job, manager)
        self.people.append(person)
        return person

    def _staff_job(self, node: _Node, first: bool) -> str:
        jobs = node.unit.jobs
        if first:
            return jobs[0][0]
        return self.rng.choices([job for job, _w in jobs], [w for _j, w in jobs])[0]

    def _management(self) -> None:
        director = self._person(self.board, catalogue.DIRECTOR)
        self.board.head = director
        board_staff = 1 if self.current_count < 300 else 2
        for job in catalogue.BOARD_STAFF[:board_staff]:
            self._person(self.board, job, director)
        for node in self.nodes[1:]:
            boss = node.parent.head if node.parent else director
            job = catalogue.UNIT_HEAD if node.parent else catalogue.DEPARTMENT_HEAD
            node.head = self._person(node, job, boss)
        staff_nodes = [node for node in self.nodes if node.staff_share]
        remaining = self.current_count - len(self.people)
        if remaining < 2 * len(staff_nodes):
            raise DemoDataError("Too few employees for the departments of the demo.")
        sizes = self._apportion(remaining, [node.staff_share for node in staff_nodes], 2)
        for node, size in zip(staff_nodes, sizes, strict=True):
            self._staff(node, size)

    @staticmethod
    def _apportion(total: int, shares: list[float], minimum: int) -> list[int]:
        """Largest-remainder split of ``total`` by ``shares``, each part at least ``minimum``."""
        spare = total - minimum * len(shares)
        whole = sum(shares)
        exact = [spare * share / whole for share in shares]
        sizes = [int(x) for x in exact]
        by_remainder = sorted(range(len(shares)), key=lambda i: exact[i] - sizes[i], reverse=True)
        for i in by_remainder[: spare - sum(sizes)]:
            sizes[i] += 1
        return [size + minimum for size in sizes]

    def _staff(self, node: _Node, headcount: int) -> None:
        layers = _layers(headcount)
        members = [self._person(node, self._staff_job(node, i == 0)) for i in range(layers[0])]
        # Whatever the layers leave over works for the head directly (an adviser, say).
        for _ in range(headcount - sum(layers)):
            self._person(node, self._staff_job(node, False), node.head)
        node.bottom_leaders = [node.head]
        for depth, size in enumerate(layers[1:]):
            job = catalogue.TEAM_LEADER if depth == 0 else catalogue.UNIT_HEAD
            leaders = [self._person(node, job) for _ in range(size)]
            position = 0
            for leader, group in zip(
                leaders, _group_sizes(self.rng, len(members), size), strict=True
            ):
                for member in members[position : position + group]:
                    member.manager = leader
                position += group
            if depth == 0:
                node.bottom_leaders = leaders
            members = leaders
        for member in members:
            member.manager = node.head

    def _leavers(self) -> None:
        staff_nodes = [node for node in self.nodes if node.staff_share]
        weights = [node.staff_share for node in staff_nodes]
        for node in self.rng.choices(staff_nodes, weights, k=self.leaver_count):
            person = self._person(
                node, self._staff_job(node, False), self.rng.choice(node.bottom_leaders)
            )
            days = (self.today - self.window_start).days
            person.leave = self.window_start + timedelta(days=self.rng.randint(1, days))
            person.reason = (
                LeaveReason.VOLUNTARY if self.rng.random() < 0.8 else LeaveReason.INVOLUNTARY
            )

    # Dates, names, money ------------------------------------------------------

    def _dates(self, person: _Person) -> None:
        rng = self.rng
        if person.leave:
            # Most leavers go early on: a third within a year, a third within three.
            roll = rng.random()
            tenure = (
                rng.uniform(0.1, 1)
                if roll < 0.35
                else rng.uniform(1, 3)
                if roll < 0.7
                else 3 + rng.expovariate(1 / 5)
            )
            person.hire = person.leave - timedelta(days=int(tenure * 365.25))
        else:
            if person.is_leader:
                # Managers were there before the window: employed whenever a report was.
                tenure = self.years + 0.1 + rng.expovariate(1 / 6)
            else:
                tenure = rng.expovariate(1 / 7)
            person.hire = self.today - timedelta(days=int(min(tenure, 42) * 365.25))
        part_time = self.sector.part_time * (0.4 if person.is_leader else 1)
        person.fte = Decimal("1.00") if rng.random() >= part_time else rng.choice(_PART_TIME)
        low, high = catalogue.JOBS[person.job]
        years_in = (min(person.leave or self.today, self.today) - person.hire).days / 365.25
        position = min(years_in / 15, 1) * 0.7 + rng.random() * 0.3
        full_time = round(low + (high - low) * position)
        person.salary = (Decimal(full_time) * person.fte).quantize(Decimal("0.01"))

    def _name(self, person: _Person) -> None:
        person.first = self.rng.choice(catalogue.FIRST_NAMES)
        prefix, surname = self.rng.choice(catalogue.SURNAMES)
        person.last = f"{prefix} {surname}".strip()

    def _numbers_and_levels(self) -> None:
        # Numbers follow the hire date, as a payroll system hands them out.
        order = sorted(range(len(self.people)), key=lambda i: (self.people[i].hire, i))
        taken: set[str] = set()
        for number, index in enumerate(order, start=100001):
            person = self.people[index]
            person.number = str(number)
            base = f"{_slug(person.first)}.{_slug(person.last)}"
            local, n = base, 1
            while local in taken:
                n += 1
                local = f"{base}{n}"
            taken.add(local)
            person.email = f"{local}@{self.sector.domain}"
        # Leaders are planned after the staff they lead; a level is the manager's plus one.
        levels: dict[int, int] = {}
        for person in self.people:
            chain = []
            while person is not None and id(person) not in levels:
                chain.append(person)
                person = person.manager
            level = levels[id(person)] if person is not None else -1
            for member in reversed(chain):
                level += 1
                levels[id(member)] = member.level = level

    def employment(self, person: _Person) -> tuple[date, date] | None:
        """The part of the window ``person`` was employed in, or None."""
        start = max(person.hire, self.window_start)
        end = min(person.leave or self.today, self.today)
        return (start, end) if start <= end else None


_PART_TIME = (
    Decimal("0.50"),
    Decimal("0.60"),
    Decimal("0.70"),
    Decimal("0.80"),
    Decimal("0.80"),
    Decimal("0.80"),
    Decimal("0.90"),
)


# --------------------------------------------------------------------------- store


def _organisation(sector: catalogue.Sector) -> Organisation:
    organisation = Organisation.objects.order_by("pk").first()
    if organisation is None:
        return Organisation.objects.create(name=sector.organisation)
    if organisation.name == Organisation._meta.get_field("name").default:
        organisation.name = sector.organisation
        organisation.save(update_fields=["name"])
    return organisation


def _chunks(rows: Iterable, size: int = CHUNK) -> Iterator[list]:
    chunk = []
    for row in rows:
        chunk.append(row)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _insert(
    model, columns: tuple[str, ...], rows: Iterable[tuple], *, label: str, progress: bool
) -> int:
    """Append plain rows to ``model``'s table with one parameterised executemany per chunk.

    Only for the append-only history tables (half a million rows for a large demo), where
    nothing needs the new ids back: bulk_create spends most of its time preparing every
    value of every model instance, several times what the database itself needs. The
    values are dates, Decimals, ints and strings that Django's SQLite adapters and
    psycopg both take as they are, and the column names come from the model.
    """
    quote = connection.ops.quote_name
    names = ", ".join(quote(model._meta.get_field(name).column) for name in columns)
    places = ", ".join(["%s"] * len(columns))
    sql = f"INSERT INTO {quote(model._meta.db_table)} ({names}) VALUES ({places})"
    count = 0
    with (
        connection.cursor() as cursor,
        tqdm(desc=label, unit=" rows", file=sys.stderr, disable=not progress, leave=False) as bar,
    ):
        for chunk in _chunks(rows):
            cursor.executemany(sql, chunk)
            count += len(chunk)
            bar.update(len(chunk))
    return count


def _store(plan: _Plan, *, progress: bool) -> dict[str, int]:
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


def _store_employees(plan: _Plan, profiles: dict[str, JobProfile], progress: bool) -> int:
    now = timezone.now()
    by_level: dict[int, list[_Person]] = {}
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
            for chunk in _chunks(by_level[level]):
                objs = [
                    Employee(
                        employee_number=p.number,
                        first_name=p.first,
                        last_name=p.last,
                        email=p.email,
                        department_id=p.node.obj.pk,
                        job_profile_id=profiles[p.job].pk,
                        manager_id=p.manager.obj.pk if p.manager else None,
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
    return count


def _random_day(rng: random.Random, start: date, end: date) -> date:
    return start + timedelta(days=rng.randint(0, (end - start).days))


def _movements(plan: _Plan, profiles: dict[str, JobProfile]) -> Iterator[tuple]:
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
                person.obj.pk,
                _random_day(rng, start, stay[1]),
                MovementKind.TRANSFER.value,
                person.node.obj.pk,
                None,
            )
        if person.job in catalogue.PROMOTION_TARGETS and rng.random() < min(
            PROMOTION_RATE * years, 0.6
        ):
            yield (
                person.obj.pk,
                _random_day(rng, start, stay[1]),
                MovementKind.PROMOTION.value,
                None,
                profiles[person.job].pk,
            )


_KINDS = list(catalogue.LEARNING)
_KIND_WEIGHTS = [catalogue.LEARNING[kind][0] for kind in _KINDS]
_CATEGORY = {kind: CATEGORY_OF_KIND[ActivityKind(kind)].value for kind in _KINDS}


def _learning(plan: _Plan) -> Iterator[tuple]:
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
                person.obj.pk,
                stay[0] + timedelta(days=offset),
                rng.choice(titles),
                kind,
                _CATEGORY[kind],
                Decimal(str(hours)),
                Decimal(cost),
            )


def _store_surveys(plan: _Plan, progress: bool) -> tuple[int, int]:
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
                    yield (survey.pk, min(max(score, 0), 10), person.node.obj.pk)

    return len(surveys), _insert(
        SurveyAnswer,
        ("survey", "score", "department"),
        answers(),
        label="eNPS answers",
        progress=progress,
    )


def _accounts(plan: _Plan) -> list[tuple[str, str, str]]:
    current = [p for p in plan.people if p.leave is None]
    hr_node = next(node for node in plan.nodes if node.name == "HR" and node.parent is None)
    hr_people = [p for p in current if p.node.parent is hr_node or p.node is hr_node]
    hr_person = next((p for p in hr_people if p.job == "HR-adviseur"), hr_people[0])
    reports: dict[_Person, list[_Person]] = {}
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
    linked = {"hr": hr_person, "manager": manager, "employee": employee, "admin": None}
    personas = []
    for key, (email, role) in PERSONAS.items():
        person = linked[key]
        user = User.objects.filter(email=email).first() or User(email=email)
        user.role, user.is_active = role, True
        user.is_superuser = role == Role.ADMIN
        user.employee = person.obj if person else None
        user.set_password(DEMO_PASSWORD)
        user.save()
        name = f"{person.first} {person.last}" if person else ""
        personas.append((key, email, name))
    return personas
