"""An independent calculation of the KPIs: plain Python over hand-made records.

Written from specs/kpis.md without looking at the engine's queries, in exact
fractions, so a test compares the engine with the definition, not with itself.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from fractions import Fraction

from groeipad.learning.models import LearningActivity
from groeipad.people.models import Department, Employee, Movement
from groeipad.privacy.anonymity import reason
from groeipad.surveys.models import Survey, SurveyAnswer

KIND_OF_CATEGORY = {
    "experience": "on_the_job",
    "social": "mentoring",
    "formal": "external_training",
}


@dataclass
class Emp:
    number: str
    dept: str
    hire: date
    leave: date | None = None
    reason: str = ""
    salary: Decimal | None = Decimal("36000.00")
    manager: str | None = None


@dataclass
class Move:
    number: str
    on: date
    kind: str = "transfer"


@dataclass
class Learn:
    number: str
    on: date
    category: str
    hours: Decimal
    cost: Decimal


@dataclass
class Answer:
    survey: str
    score: int
    dept: str | None


@dataclass
class World:
    """Departments as {name: parent name or None}; surveys as {name: closing date}."""

    departments: dict[str, str | None]
    employees: list[Emp] = field(default_factory=list)
    moves: list[Move] = field(default_factory=list)
    learning: list[Learn] = field(default_factory=list)
    surveys: dict[str, date] = field(default_factory=dict)
    answers: list[Answer] = field(default_factory=list)
    low: Decimal = Decimal("0.20")
    high: Decimal = Decimal("0.75")

    # -- the definitions ---------------------------------------------------------

    def subtree(self, root: str) -> set[str]:
        names, changed = {root}, True
        while changed:
            more = {n for n, parent in self.departments.items() if parent in names}
            changed = not more <= names
            names |= more
        return names

    def line(self, manager: str, start: date, end: date) -> set[str]:
        """specs/kpis.md: whose chain of managers leads to ``manager``, employed on at
        least one day of the period; walked by hand over the records."""
        boss = {e.number: e.manager for e in self.employees}
        found = set()
        for e in self.employees:
            step, seen = e.manager, set()
            while step is not None and step not in seen:
                if step == manager:
                    found.add(e.number)
                    break
                seen.add(step)
                step = boss.get(step)
        return {
            e.number
            for e in self.employees
            if e.number in found and e.hire <= end and (e.leave is None or e.leave >= start)
        }

    def kpis(
        self, start: date, end: date, dept: str | None = None, numbers: set[str] | None = None
    ) -> dict:
        scope = self.subtree(dept) if dept else set(self.departments)
        people = [
            e
            for e in self.employees
            if e.dept in scope and (numbers is None or e.number in numbers)
        ]
        numbers = {e.number for e in people}

        def employed(e: Emp, day: date) -> bool:
            return e.hire <= day and (e.leave is None or e.leave >= day)

        def within(day: date | None) -> bool:
            return day is not None and start <= day <= end

        def rate(numerator, denominator):
            return (
                None
                if denominator == 0
                else Fraction(100) * Fraction(numerator) / Fraction(denominator)
            )

        hs = sum(employed(e, start) for e in people)
        he = sum(employed(e, end) for e in people)
        average = Fraction(hs + he, 2)
        hires = sum(within(e.hire) for e in people)
        leavers = [e for e in people if within(e.leave)]
        voluntary = sum(e.reason == "voluntary" for e in leavers)
        retained = sum(employed(e, start) and (e.leave is None or e.leave > end) for e in people)
        moves = sum(m.number in numbers and within(m.on) for m in self.moves)

        payroll = Fraction(0)
        for e in people:
            last = min(end, e.leave or end)
            first = max(start, e.hire)
            days = max(0, (last - first).days + 1)
            payroll += Fraction(e.salary or 0) * days / 365

        activities = [a for a in self.learning if a.number in numbers and within(a.on)]
        spend = sum((Fraction(a.cost) for a in activities), Fraction(0))
        hours = {
            c: sum((Fraction(a.hours) for a in activities if a.category == c), Fraction(0))
            for c in ("experience", "social", "formal")
        }
        total_hours = sum(hours.values())

        closing = [(d, name) for name, d in self.surveys.items() if start <= d <= end]
        enps = None
        responses = 0
        if closing:
            # Ties on the closing date: the survey added last (the engine's rule).
            order = list(self.surveys)
            _d, latest = max(closing, key=lambda item: (item[0], order.index(item[1])))
            scores = [
                a.score
                for a in self.answers
                if a.survey == latest and (dept is None or a.dept in scope)
            ]
            responses = len(scores)
            if scores:
                promoters = sum(s >= 9 for s in scores)
                detractors = sum(s <= 6 for s in scores)
                enps = Fraction(100 * (promoters - detractors), len(scores))

        leaver_salaries = sum((Fraction(e.salary or 0) for e in leavers), Fraction(0))
        return {
            "headcount_start": hs,
            "headcount_end": he,
            "average_headcount": average,
            "hires": hires,
            "leavers": len(leavers),
            "voluntary_leavers": voluntary,
            "turnover_rate": rate(len(leavers), average),
            "voluntary_turnover_rate": rate(voluntary, average),
            "retention_rate": rate(retained, hs),
            "internal_moves": moves,
            "internal_mobility_rate": rate(moves, average),
            "internal_fill_rate": rate(moves, moves + hires),
            "enps": enps,
            "enps_responses": responses,
            # The raw figure: whether the anonymity rule hides it is checked apart
            # (``hidden`` below, and the attack tests in test_enps_anonymity).
            "enps_suppressed": False,
            "enps_suppressed_reason": None,
            "payroll": payroll,
            "development_spend": spend,
            "development_spend_pct_payroll": rate(spend, payroll),
            "learning_hours_per_employee": None if average == 0 else total_hours / average,
            "learning_mix": {
                c: (None if total_hours == 0 else 100 * h / total_hours) for c, h in hours.items()
            },
            "replacement_cost_low": Fraction(self.low) * leaver_salaries,
            "replacement_cost_high": Fraction(self.high) * leaver_salaries,
        }

    # -- into the database -------------------------------------------------------

    def save(self) -> dict[str, Department]:
        from groeipad.people.models import Organisation

        Organisation.objects.create(replacement_cost_low=self.low, replacement_cost_high=self.high)
        departments: dict[str, Department] = {}
        pending = dict(self.departments)
        while pending:
            for name, parent in list(pending.items()):
                if parent is None or parent in departments:
                    departments[name] = Department.objects.create(
                        name=name, parent=departments.get(parent)
                    )
                    del pending[name]
        employees = Employee.objects.bulk_create(
            Employee(
                employee_number=e.number,
                first_name="E",
                last_name=e.number,
                email=f"{e.number}@example.nl",
                department=departments[e.dept],
                hire_date=e.hire,
                leave_date=e.leave,
                leave_reason=e.reason,
                annual_salary=e.salary,
            )
            for e in self.employees
        )
        by_number = {e.employee_number: e for e in employees}
        with_manager = [e for e in self.employees if e.manager]
        if with_manager:
            from groeipad.people import reporting_lines

            for e in with_manager:
                by_number[e.number].manager = by_number[e.manager]
            Employee.objects.bulk_update([by_number[e.number] for e in with_manager], ["manager"])
            reporting_lines.rebuild()
        Movement.objects.bulk_create(
            Movement(employee=by_number[m.number], date=m.on, kind=m.kind) for m in self.moves
        )
        LearningActivity.objects.bulk_create(
            LearningActivity(
                employee=by_number[a.number],
                date=a.on,
                title=f"t{i}",
                kind=KIND_OF_CATEGORY[a.category],
                category=a.category,
                hours=a.hours,
                cost=a.cost,
            )
            for i, a in enumerate(self.learning)
        )
        surveys = {
            name: Survey.objects.create(name=name, closing_date=d)
            for name, d in self.surveys.items()
        }
        SurveyAnswer.objects.bulk_create(
            SurveyAnswer(
                survey=surveys[a.survey],
                score=a.score,
                department=departments[a.dept] if a.dept else None,
            )
            for a in self.answers
        )
        return departments


def hidden(expected: dict, k: int = 5) -> dict:
    """The expected KPI object with its eNPS cell hidden: no figure, no count, the reason."""
    return {
        **expected,
        "enps": None,
        "enps_responses": None,
        "enps_suppressed": True,
        "enps_suppressed_reason": reason(k),
    }


def money(exact: Fraction) -> Decimal:
    """Euros to the cent, half up, from an exact non-negative amount."""
    return Decimal(math.floor(exact * 100 + Fraction(1, 2))) / 100


def assert_matches(actual: dict, expected: dict) -> None:
    """Every key: counts equal, money to the cent, rates within their 4-decimal rounding."""
    assert list(actual) == list(expected)
    for key, want in expected.items():
        got = actual[key]
        if key == "learning_mix":
            _assert_mix(got, want)
        elif key in {
            "payroll",
            "development_spend",
            "replacement_cost_low",
            "replacement_cost_high",
        }:
            assert isinstance(got, Decimal) and got == money(want), (key, got, want)
            assert got.as_tuple().exponent == -2, (key, got)
        elif isinstance(want, bool) or (want is None and key == "enps_suppressed_reason"):
            assert got is want, (key, got, want)
        elif isinstance(want, str):
            assert got == want, (key, got, want)
        elif isinstance(want, int):
            assert got == want and type(got) is int, (key, got, want)
        else:
            _assert_close(key, got, want)


def _assert_close(key, got, want, tolerance=Fraction(1, 20000)) -> None:
    if want is None:
        assert got is None, (key, got)
        return
    assert isinstance(got, float), (key, got)
    assert abs(Fraction(got) - want) <= tolerance + Fraction(1, 10**9), (key, got, float(want))


def _assert_mix(got: dict, want: dict) -> None:
    assert list(got) == ["experience", "social", "formal"]
    for key, value in want.items():
        # Largest-remainder rounding may move a share by one step of 0.0001.
        _assert_close(f"learning_mix.{key}", got[key], value, Fraction(1, 10000))
    if want["experience"] is not None:
        assert sum(Decimal(str(v)) for v in got.values()) == 100
