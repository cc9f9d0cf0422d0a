"""The organisation's talent KPIs (specs/kpis.md), computed in the database.

Every figure is an aggregate query: no employee is loaded into Python, so a period
over 50,000 employees costs the same handful of queries as one over five. Money is
summed in whole cents (salary cents x days) so SQLite's
floating-point decimals cannot shift a cent; the division by 365 and the rounding
happen once, in Python, on exact Decimals.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal
from typing import Any, TypeVar

from django.db.models import (
    BigIntegerField,
    Count,
    DateField,
    F,
    Func,
    IntegerField,
    Model,
    Q,
    QuerySet,
    Sum,
    Value,
)
from django.db.models.functions import Cast, Coalesce, Greatest, Least, Round

from groeipad.learning.models import LearningActivity
from groeipad.people.models import Department, Employee, LeaveReason, Movement, Organisation
from groeipad.people.selectors import department_subtree_ids
from groeipad.privacy.anonymity import Cell
from groeipad.surveys.models import Survey
from groeipad.surveys.selectors import SurveyCells, cells_of, enps_threshold, survey_cells

_M = TypeVar("_M", bound=Model)

# The spec's keys, in the spec's order: the JSON object, the CLI table, the page
# cards and the exports all follow this tuple.
KPI_KEYS = (
    "headcount_start",
    "headcount_end",
    "average_headcount",
    "hires",
    "leavers",
    "voluntary_leavers",
    "turnover_rate",
    "voluntary_turnover_rate",
    "retention_rate",
    "internal_moves",
    "internal_mobility_rate",
    "internal_fill_rate",
    "enps",
    "enps_responses",
    "payroll",
    "development_spend",
    "development_spend_pct_payroll",
    "learning_hours_per_employee",
    "learning_mix",
    "replacement_cost_low",
    "replacement_cost_high",
)
MIX_KEYS = ("experience", "social", "formal")
# Why the eNPS is hidden (specs/anonymity.md): carried next to the spec's keys for the
# page, the exports and the CLI table, but never in the spec's JSON object (API, --json),
# whose keys are exactly KPI_KEYS; the API says it in a header instead.
ANONYMITY_KEYS = ("enps_suppressed", "enps_suppressed_reason")
MONEY_KEYS = frozenset(
    {"payroll", "development_spend", "replacement_cost_low", "replacement_cost_high"}
)
DEFAULT_REPLACEMENT_COST_LOW = Decimal("0.20")
DEFAULT_REPLACEMENT_COST_HIGH = Decimal("0.75")

CENT = Decimal("0.01")
# Rates keep four decimals: the spec asks for at least two.
RATE_PLACES = Decimal("0.0001")


class DaysBetween(Func):
    """Whole days from ``start`` to ``end`` (end - start), the same on both databases.

    PostgreSQL subtracts dates into an integer; SQLite has no date type, so it goes
    through julianday(). Django's DurationField arithmetic would differ per backend
    (interval vs microseconds), which is exactly what this avoids.
    """

    output_field = IntegerField()
    arity = 2

    def as_sql(  # type: ignore[override]
        self, compiler: Any, connection: Any, **extra_context: Any
    ) -> tuple[str, list[Any]]:
        end, start = self.source_expressions
        end_sql, end_params = compiler.compile(end)
        start_sql, start_params = compiler.compile(start)
        if connection.vendor == "sqlite":
            sql = f"CAST(julianday({end_sql}) - julianday({start_sql}) AS INTEGER)"
        else:
            sql = f"({end_sql} - {start_sql})"
        return sql, [*end_params, *start_params]


def _cents(field: str):
    # Integer cents: exact sums on SQLite too, where decimals are stored as floats.
    return Cast(Round(F(field) * 100), BigIntegerField())


def _employed_on(day: date) -> Q:
    return Q(hire_date__lte=day) & (Q(leave_date__isnull=True) | Q(leave_date__gte=day))


def _salary_cent_days(start: date, end: date):
    """Per employee: salary in cents x days employed within [start, end] (inclusive)."""
    first = Greatest(F("hire_date"), Value(start, output_field=DateField()))
    last = Least(
        Coalesce(F("leave_date"), Value(end, output_field=DateField())),
        Value(end, output_field=DateField()),
    )
    return _cents("annual_salary") * (DaysBetween(last, first) + 1)


def _period_aggregates(start: date, end: date, name: str = "") -> dict:
    """The employee counts and payroll of one period, as named aggregate expressions.

    Payroll only sums employees who overlap the period, so the day count is never
    below one: max(0, ...) in the definition becomes a filter.
    """
    overlaps = Q(hire_date__lte=end) & (Q(leave_date__isnull=True) | Q(leave_date__gte=start))
    return {
        f"{name}headcount_start": Count("id", filter=_employed_on(start)),
        f"{name}headcount_end": Count("id", filter=_employed_on(end)),
        f"{name}hires": Count("id", filter=Q(hire_date__range=(start, end))),
        f"{name}leavers": Count("id", filter=Q(leave_date__range=(start, end))),
        f"{name}payroll_cent_days": Sum(_salary_cent_days(start, end), filter=overlaps),
    }


@dataclass(frozen=True)
class Scope:
    """What the figures count (specs/kpis.md).

    The organisation (nothing set), one department with its sub-departments
    (``department_id``), or a manager's line (``employee_ids``: the subquery of
    ``people.scope.kpi_line`` for the period). eNPS answers carry only a department, so
    a line's eNPS is that of ``enps_department_id`` (the manager's department, with its
    sub-departments). Whether an eNPS figure may be shown is not the scope's business:
    ``surveys.selectors.survey_cells`` decides it for every viewer alike.
    """

    department_id: int | None = None
    employee_ids: QuerySet[Employee, int] | None = None
    enps_department_id: int | None = None

    @property
    def is_line(self) -> bool:
        return self.employee_ids is not None

    @property
    def answers_department_id(self) -> int | None:
        return self.enps_department_id if self.is_line else self.department_id


ORGANISATION = Scope()


def _scope(department: Department | None, scope: Scope | None) -> Scope:
    if scope is not None:
        return scope
    return Scope(department_id=department.pk) if department is not None else ORGANISATION


def _scoped_employees(scope: Scope) -> QuerySet[Employee]:
    employees = Employee.objects.all()
    if scope.department_id is not None:
        employees = employees.filter(department_id__in=department_subtree_ids(scope.department_id))
    if scope.employee_ids is not None:
        employees = employees.filter(pk__in=scope.employee_ids)
    return employees


def _scoped_by_employee(queryset: QuerySet[_M], scope: Scope) -> QuerySet[_M]:
    if scope.department_id is not None:
        queryset = queryset.filter(
            employee__department_id__in=department_subtree_ids(scope.department_id)
        )
    if scope.employee_ids is not None:
        queryset = queryset.filter(employee_id__in=scope.employee_ids)
    return queryset


def _enps_fields(cells: SurveyCells, scope: Scope) -> dict[str, Any]:
    """The eNPS keys of one scope from its survey's cells (specs/anonymity.md).

    The figure is the cell of the scope's department (a line: the manager's department;
    nothing set: the organisation). A manager without a department has no cell: no
    answers can be attributed to the line, so no figure and no count to hide.
    """
    if scope.is_line and scope.enps_department_id is None:
        figure = Cell(None, 0)
    else:
        figure = cells.figure(scope.answers_department_id)
    return {
        "enps": figure.value,
        "enps_responses": figure.n,
        "enps_suppressed": figure.suppressed,
        "enps_suppressed_reason": figure.hidden_reason or None,
    }


# --- rounding -----------------------------------------------------------------------


def _money(value) -> Decimal:
    return Decimal(value).quantize(CENT, rounding=ROUND_HALF_UP)


def _ratio(numerator, denominator, *, scale: int = 100) -> float | None:
    """numerator / denominator x scale, to four decimals; None when dividing by zero."""
    if not denominator:
        return None
    value = Decimal(numerator) * scale / Decimal(denominator)
    return float(value.quantize(RATE_PLACES, rounding=ROUND_HALF_UP))


def _payroll_from_cent_days(cent_days) -> Decimal:
    return _money(Decimal(cent_days or 0) / 100 / 365)


def learning_mix(hours_by_category: dict[str, Decimal]) -> dict[str, float | None]:
    """Shares in percent that add up to exactly 100 (largest remainder at 0.0001)."""
    total = sum(hours_by_category.get(key, Decimal(0)) for key in MIX_KEYS)
    if not total:
        return dict.fromkeys(MIX_KEYS)
    units = 100 * 10_000  # 100 percent in steps of 0.0001
    exact = {key: Decimal(hours_by_category.get(key, 0)) * units / total for key in MIX_KEYS}
    floors = {key: int(value) for key, value in exact.items()}
    short = units - sum(floors.values())
    for key in sorted(MIX_KEYS, key=lambda k: exact[k] - floors[k], reverse=True)[:short]:
        floors[key] += 1
    return {key: float(Decimal(floors[key]) / 10_000) for key in MIX_KEYS}


# --- the KPIs -----------------------------------------------------------------------


def replacement_cost_rates(organisation: Organisation | None = None) -> tuple[Decimal, Decimal]:
    if organisation is None:
        organisation = Organisation.objects.order_by("pk").first()
    if organisation is None:
        return DEFAULT_REPLACEMENT_COST_LOW, DEFAULT_REPLACEMENT_COST_HIGH
    return organisation.replacement_cost_low, organisation.replacement_cost_high


def _latest_survey_cells(start: date, end: date) -> SurveyCells:
    """The cells of the survey with the latest closing date within the period: two
    queries (the latest survey is a subquery of the grouped answer counts)."""
    latest = Survey.objects.filter(closing_date__range=(start, end)).order_by(
        "-closing_date", "-pk"
    )
    k = enps_threshold()
    cells = survey_cells(latest.values("pk")[:1], k=k)
    return next(iter(cells.values()), cells_of(cells, None, k))


def _learning_totals(start: date, end: date, scope: Scope) -> dict:
    rows = (
        _scoped_by_employee(LearningActivity.objects.filter(date__range=(start, end)), scope)
        .order_by()
        .values("category")
        .annotate(hours=Sum("hours"), cost=Sum("cost"))
    )
    hours = {key: Decimal(0) for key in MIX_KEYS}
    cost = Decimal(0)
    for row in rows:
        # Plain sums are cheaper than per-row casts; every value has two decimals, so
        # SQLite's float error stays far below half a cent and quantizing restores it.
        hours[row["category"]] = _money(row["hours"] or 0)
        cost += _money(row["cost"] or 0)
    return {"hours": hours, "cost": cost}


def compute_kpis(
    *,
    start: date,
    end: date,
    department: Department | None = None,
    organisation: Organisation | None = None,
    scope: Scope | None = None,
) -> dict:
    """The spec's KPI object for [start, end]: the organisation, one department's
    subtree, or (``scope``) a manager's line; see ``Scope``."""
    if end < start:
        raise ValueError("end before start")
    where = _scope(department, scope)
    employees = _scoped_employees(where).aggregate(
        **_period_aggregates(start, end),
        voluntary_leavers=Count(
            "id", filter=Q(leave_date__range=(start, end), leave_reason=LeaveReason.VOLUNTARY)
        ),
        retained=Count(
            "id",
            filter=_employed_on(start) & (Q(leave_date__isnull=True) | Q(leave_date__gt=end)),
        ),
        leaver_salary_cents=Sum(_cents("annual_salary"), filter=Q(leave_date__range=(start, end))),
    )
    moves = _scoped_by_employee(Movement.objects.filter(date__range=(start, end)), where)
    internal_moves = moves.count()
    enps = _enps_fields(_latest_survey_cells(start, end), where)
    learning = _learning_totals(start, end, where)
    low, high = replacement_cost_rates(organisation)

    hs, he = employees["headcount_start"], employees["headcount_end"]
    average = (hs + he) / 2
    payroll = _payroll_from_cent_days(employees["payroll_cent_days"])
    leaver_salaries = Decimal(employees["leaver_salary_cents"] or 0) / 100
    spend = _money(learning["cost"])
    total_hours = sum(learning["hours"].values())
    result = {
        "headcount_start": hs,
        "headcount_end": he,
        "average_headcount": average,
        "hires": employees["hires"],
        "leavers": employees["leavers"],
        "voluntary_leavers": employees["voluntary_leavers"],
        "turnover_rate": _ratio(employees["leavers"], average),
        "voluntary_turnover_rate": _ratio(employees["voluntary_leavers"], average),
        "retention_rate": _ratio(employees["retained"], hs),
        "internal_moves": internal_moves,
        "internal_mobility_rate": _ratio(internal_moves, average),
        "internal_fill_rate": _ratio(internal_moves, internal_moves + employees["hires"]),
        **enps,
        "payroll": payroll,
        "development_spend": spend,
        # Of the unrounded figures: rounding payroll first would move the percentage.
        "development_spend_pct_payroll": _ratio(
            learning["cost"], Decimal(employees["payroll_cent_days"] or 0) / 100 / 365
        ),
        "learning_hours_per_employee": _ratio(total_hours, average, scale=1),
        "learning_mix": learning_mix(learning["hours"]),
        "replacement_cost_low": _money(low * leaver_salaries),
        "replacement_cost_high": _money(high * leaver_salaries),
    }
    assert tuple(key for key in result if key not in ANONYMITY_KEYS) == KPI_KEYS
    return result


def spec_object(kpis: dict[str, Any]) -> dict[str, Any]:
    """The JSON object of specs/kpis.md: exactly its keys, in its order."""
    return {key: kpis[key] for key in KPI_KEYS}


# --- series for the charts and exports ---------------------------------------------


@dataclass(frozen=True)
class Period:
    start: date
    end: date
    label: str


def _month_end(day: date) -> date:
    following = (day.replace(day=28) + timedelta(days=4)).replace(day=1)
    return following - timedelta(days=1)


def month_periods(start: date, end: date) -> list[Period]:
    """Calendar months overlapping [start, end], clipped to it."""
    periods, first = [], start
    while first <= end:
        last = min(_month_end(first), end)
        periods.append(Period(first, last, f"{first:%Y-%m}"))
        first = last + timedelta(days=1)
    return periods


def quarter_periods(start: date, end: date) -> list[Period]:
    """Calendar quarters overlapping [start, end], clipped to it."""
    periods, first = [], start
    while first <= end:
        quarter = (first.month - 1) // 3
        quarter_end = _month_end(date(first.year, quarter * 3 + 3, 1))
        last = min(quarter_end, end)
        periods.append(Period(first, last, f"{first.year}-Q{quarter + 1}"))
        first = last + timedelta(days=1)
    return periods


# One query per this many periods: SQLite caps the columns of a result row.
_PERIODS_PER_QUERY = 120


def _series(periods: list[Period], scope: Scope) -> list[dict]:
    """Per period: headcounts, hires, leavers, payroll, internal moves, learning cost."""
    rows: list[dict[str, Any]] = [
        {"label": p.label, "start": p.start, "end": p.end} for p in periods
    ]
    for offset in range(0, len(periods), _PERIODS_PER_QUERY):
        chunk = list(enumerate(periods))[offset : offset + _PERIODS_PER_QUERY]
        people = {}
        for index, p in chunk:
            people.update(_period_aggregates(p.start, p.end, f"p{index}_"))
        people = _scoped_employees(scope).aggregate(**people)
        moves = _scoped_by_employee(Movement.objects.all(), scope).aggregate(
            **{f"p{i}": Count("id", filter=Q(date__range=(p.start, p.end))) for i, p in chunk}
        )
        cost = _scoped_by_employee(LearningActivity.objects.all(), scope).aggregate(
            **{f"p{i}": Sum("cost", filter=Q(date__range=(p.start, p.end))) for i, p in chunk}
        )
        for index, _p in chunk:
            row = rows[index]
            for key in ("headcount_start", "headcount_end", "hires", "leavers"):
                row[key] = people[f"p{index}_{key}"]
            row["internal_moves"] = moves[f"p{index}"]
            row["payroll_exact"] = Decimal(people[f"p{index}_payroll_cent_days"] or 0) / 36500
            row["development_spend_exact"] = _money(cost[f"p{index}"] or 0)
    for row in rows:
        average = (row["headcount_start"] + row["headcount_end"]) / 2
        row["average_headcount"] = average
        row["turnover_rate"] = _ratio(row["leavers"], average)
        row["internal_mobility_rate"] = _ratio(row["internal_moves"], average)
        row["payroll"] = _money(row["payroll_exact"])
        row["development_spend"] = _money(row.pop("development_spend_exact"))
        row["development_spend_pct_payroll"] = _ratio(
            row["development_spend"], row.pop("payroll_exact")
        )
    return rows


def monthly_series(
    start: date, end: date, department: Department | None = None, scope: Scope | None = None
) -> list[dict]:
    """Per calendar month (clipped to the period): headcount at the month's end, hires,
    leavers, and the rest of ``_series``; a month's figures follow the KPI definitions."""
    return _series(month_periods(start, end), _scope(department, scope))


def quarterly_series(
    start: date, end: date, department: Department | None = None, scope: Scope | None = None
) -> list[dict]:
    """Per calendar quarter (clipped): turnover and internal mobility rates, spend vs payroll."""
    return _series(quarter_periods(start, end), _scope(department, scope))


def enps_by_survey(
    start: date, end: date, department: Department | None = None, scope: Scope | None = None
) -> list[dict]:
    """Every survey closing within the period with answers in scope, oldest first, with
    its eNPS cell in scope: a hidden cell has no eNPS and no count, and says why. Two
    queries, whatever the number of surveys."""
    where = _scope(department, scope)
    surveys = Survey.objects.filter(closing_date__range=(start, end)).values("pk")
    result = []
    in_order = sorted(survey_cells(surveys).values(), key=lambda c: (c.closing_date, c.survey_id))
    for cells in in_order:
        fields = _enps_fields(cells, where)
        if not fields["enps_suppressed"] and not fields["enps_responses"]:
            continue  # no answers in scope: nothing to show, nothing hidden
        result.append(
            {
                "survey": cells.name,
                "closing_date": cells.closing_date,
                "responses": fields["enps_responses"],
                "enps": fields["enps"],
                "suppressed": fields["enps_suppressed"],
                "suppressed_reason": fields["enps_suppressed_reason"],
            }
        )
    return result
