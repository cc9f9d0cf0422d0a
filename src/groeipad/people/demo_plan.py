"""The demo organisation planned in memory: departments, people, dates and money.

Everything is drawn from one ``random.Random`` in a fixed order, so a seed always gives
the same plan; ``groeipad.people.demo`` then writes it. The plan keeps the invariants
the demo promises: everyone but the director has a manager in their own department or
one above it (department heads report to the director); managers are current employees
hired before the window, so they were employed whenever one of their reports was;
leavers left inside the window with a reason; e-mail addresses are unique.
"""

from __future__ import annotations

import math
import random
import unicodedata
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

from groeipad.people import demo_catalogue as catalogue
from groeipad.people.models import Department, Employee, LeaveReason

TURNOVER = 0.125  # leavers per year as a share of headcount
SPAN = 8.5  # average span of control; groups are cut to 5-12
MAX_SPAN = 12


class DemoDataError(Exception):
    """The demo data cannot be generated or removed; the message says why."""


@dataclass(eq=False)
class Node:
    name: str
    unit: catalogue.Unit | None
    parent: Node | None
    depth: int
    staff_share: float = 0.0
    head: Person | None = None
    bottom_leaders: list[Person] = field(default_factory=list)
    mood: float = 0.0
    obj: Department | None = None

    @property
    def saved(self) -> Department:
        """The department this node became (after the demo wrote the departments)."""
        assert self.obj is not None
        return self.obj


class Person:
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

    def __init__(self, node: Node, job: str, manager: Person | None):
        self.node, self.job, self.manager = node, job, manager
        # Filled in by the plan: every person is hired (and named, numbered) before use.
        self.hire: date = date.min
        self.leave: date | None = None
        self.reason = ""
        self.level = 0
        self.obj: Employee | None = None
        self.first = self.last = self.number = self.email = ""
        self.fte = Decimal("1.00")
        self.salary = Decimal("0.00")

    @property
    def saved(self) -> Employee:
        """The employee this person became (after the demo wrote the employees)."""
        assert self.obj is not None
        return self.obj

    @property
    def is_leader(self) -> bool:
        return self.job in _LEADER_JOBS


_LEADER_JOBS = frozenset(
    {catalogue.DIRECTOR, catalogue.DEPARTMENT_HEAD, catalogue.UNIT_HEAD, catalogue.TEAM_LEADER}
)


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
    open_groups = list(range(groups))
    for _ in range(members - low * groups):
        index = rng.choice(open_groups) if open_groups else rng.randrange(groups)
        sizes[index] += 1
        if sizes[index] == MAX_SPAN:
            open_groups.remove(index)
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


class Plan:
    """The organisation in memory: departments, people, their dates and money."""

    def __init__(self, rng: random.Random, *, employees: int, years: int, today: date):
        self.rng, self.today, self.years = rng, today, years
        self.window_start = _years_before(today, years)
        self.sector = rng.choice(catalogue.SECTORS)
        leaver_share = TURNOVER * years / (1 + TURNOVER * years)
        self.leaver_count = round(employees * leaver_share)
        self.current_count = employees - self.leaver_count
        self.nodes: list[Node] = []
        self.people: list[Person] = []
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

    def _node(self, name, unit, parent) -> Node:
        node = Node(name, unit, parent, parent.depth + 1 if parent else 0)
        self.nodes.append(node)
        return node

    # People and the management tree ----------------------------------------

    def _person(self, node, job, manager=None) -> Person:
        person = Person(node, job, manager)
        self.people.append(person)
        return person

    def _staff_job(self, node: Node, first: bool) -> str:
        assert node.unit is not None  # staff work in a unit
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

    def _staff(self, node: Node, headcount: int) -> None:
        layers = _layers(headcount)
        members = [self._person(node, self._staff_job(node, i == 0)) for i in range(layers[0])]
        # Whatever the layers leave over works for the head directly (an adviser, say).
        for _ in range(headcount - sum(layers)):
            self._person(node, self._staff_job(node, False), node.head)
        assert node.head is not None  # _management gave every department its head
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

    def _dates(self, person: Person) -> None:
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

    def _name(self, person: Person) -> None:
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
        for planned in self.people:
            chain = []
            step: Person | None = planned
            while step is not None and id(step) not in levels:
                chain.append(step)
                step = step.manager
            level = levels[id(step)] if step is not None else -1
            for member in reversed(chain):
                level += 1
                levels[id(member)] = member.level = level

    def employment(self, person: Person) -> tuple[date, date] | None:
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
