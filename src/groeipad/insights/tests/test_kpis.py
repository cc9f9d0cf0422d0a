"""Every KPI against the independent calculation in reference.py, with edge cases."""

from __future__ import annotations

import random
from datetime import date, timedelta
from decimal import Decimal

import pytest

from groeipad.insights.kpis import KPI_KEYS, compute_kpis, spec_object
from groeipad.insights.tests.reference import (
    Answer,
    Emp,
    Learn,
    Move,
    World,
    assert_matches,
    hidden,
    money,
)
from groeipad.people.models import Organisation

pytestmark = pytest.mark.django_db

SPEC_KEYS = [
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
]
START, END = date(2023, 1, 1), date(2023, 12, 31)
K = 5  # the default k of surveys (privacy.anonymity)
TREE = {"Operations": None, "Planning": "Operations", "Night": "Planning", "Finance": None}


def check(world: World, start=START, end=END, dept: str | None = None) -> dict:
    departments = world.save() if not Organisation.objects.exists() else _departments()
    actual = compute_kpis(start=start, end=end, department=departments[dept] if dept else None)
    expected = world.kpis(start, end, dept)
    if actual["enps_suppressed"]:
        # Which cells the anonymity rule hides is tested in test_enps_anonymity; here:
        # a hidden cell shows nothing, a cell under k is never shown.
        expected = hidden(expected)
    else:
        assert not 0 < expected["enps_responses"] < K, expected["enps_responses"]
    assert_matches(actual, expected)
    return actual


def _departments():
    from groeipad.people.models import Department

    return {d.name: d for d in Department.objects.all()}


def test_result_has_exactly_the_spec_keys_in_order():
    World(TREE).save()
    assert list(spec_object(compute_kpis(start=START, end=END))) == SPEC_KEYS == list(KPI_KEYS)


def test_zero_headcount_gives_null_rates_and_zero_money():
    result = check(World(TREE))
    assert result["average_headcount"] == 0
    for key in (
        "turnover_rate",
        "retention_rate",
        "internal_fill_rate",
        "enps",
        "development_spend_pct_payroll",
        "learning_hours_per_employee",
    ):
        assert result[key] is None
    assert result["learning_mix"] == {"experience": None, "social": None, "formal": None}
    assert result["payroll"] == Decimal("0.00")


def test_leaver_on_first_and_last_day_of_period():
    world = World(
        TREE,
        employees=[
            Emp("1", "Planning", date(2020, 1, 1), START, "voluntary"),
            Emp("2", "Planning", date(2020, 1, 1), END, "involuntary"),
            Emp("3", "Planning", date(2020, 1, 1), START - timedelta(days=1), "voluntary"),
            Emp("4", "Planning", date(2020, 1, 1), END + timedelta(days=1), "voluntary"),
        ],
    )
    result = check(world)
    # 1 and 2 (and 4) are employed on the start; only 2 and 4 on the end.
    assert (result["headcount_start"], result["headcount_end"]) == (3, 2)
    assert (result["leavers"], result["voluntary_leavers"]) == (2, 1)
    assert result["retention_rate"] == pytest.approx(100 / 3, abs=1e-4)


def test_hire_on_first_and_last_day_of_period():
    world = World(
        TREE,
        employees=[
            Emp("1", "Finance", START),
            Emp("2", "Finance", END),
            Emp("3", "Finance", END + timedelta(days=1)),
        ],
    )
    result = check(world)
    assert (result["headcount_start"], result["headcount_end"], result["hires"]) == (1, 2, 2)
    # Hired on the last day: one day of salary.
    assert result["payroll"] == money(world.kpis(START, END)["payroll"])


def test_employee_hired_after_end_or_left_before_start_counts_nowhere():
    world = World(
        TREE,
        employees=[
            Emp("1", "Finance", date(2024, 2, 1)),
            Emp("2", "Finance", date(2019, 1, 1), date(2022, 12, 31), "voluntary"),
        ],
        moves=[Move("1", date(2023, 5, 1))],
        learning=[
            Learn("2", date(2023, 3, 1), "formal", Decimal("8"), Decimal("500")),
        ],
    )
    result = check(world)
    assert result["headcount_start"] == result["headcount_end"] == result["hires"] == 0
    assert result["payroll"] == Decimal("0.00")
    # Movements and learning count by their own date for employees in scope.
    assert result["internal_moves"] == 1
    assert result["development_spend"] == Decimal("500.00")


def test_payroll_counts_the_leap_day():
    leap = World(
        TREE, employees=[Emp("1", "Finance", date(2020, 1, 1), salary=Decimal("36500.00"))]
    )
    result = check(leap, date(2024, 1, 1), date(2024, 12, 31))
    assert result["payroll"] == Decimal("36600.00")  # 366 days of 100.00


def test_payroll_of_part_of_a_period_is_inclusive_on_both_ends():
    world = World(
        TREE,
        employees=[
            Emp(
                "1",
                "Finance",
                date(2023, 3, 1),
                date(2023, 3, 31),
                "voluntary",
                salary=Decimal("36500.00"),
            ),
            Emp("2", "Finance", date(2023, 6, 15), salary=None),
        ],
    )
    result = check(world)
    assert result["payroll"] == Decimal("3100.00")  # 31 days of 100.00, no salary is 0


def test_period_without_survey_has_null_enps():
    world = World(
        TREE,
        employees=[Emp("1", "Finance", date(2020, 1, 1))],
        surveys={"2022": date(2022, 12, 31), "2024": date(2024, 1, 1)},
        answers=[Answer("2022", 10, "Finance"), Answer("2024", 10, "Finance")],
    )
    result = check(world)
    assert result["enps"] is None and result["enps_responses"] == 0


def test_enps_boundaries_six_is_detractor_seven_eight_passive_nine_promoter():
    answers = [Answer("Q4", s, "Finance") for s in (0, 6, 7, 8, 9, 10)]
    world = World(TREE, surveys={"Q4": date(2023, 12, 1)}, answers=answers)
    result = check(world)
    # 0 and 6 detract, 7 and 8 are passive, 9 and 10 promote.
    assert result["enps"] == 0.0 and result["enps_responses"] == 6


@pytest.mark.parametrize(
    ("scores", "enps"),
    [
        ((6,), -100.0),
        ((7,), 0.0),
        ((8,), 0.0),
        ((9,), 100.0),
        ((7, 8, 9), 33.3333),
        ((6, 7, 8), -33.3333),
        ((6, 9, 9), 33.3333),
    ],
)
def test_enps_of_single_boundary_answers(scores, enps):
    # Each score five times: the same eNPS, and enough answers to be shown (k = 5).
    world = World(
        TREE,
        surveys={"Q4": date(2023, 12, 1)},
        answers=[Answer("Q4", s, "Finance") for s in scores for _ in range(K)],
    )
    assert check(world)["enps"] == enps


def test_enps_takes_the_survey_closing_last_within_the_period():
    world = World(
        TREE,
        surveys={"Spring": date(2023, 4, 1), "Autumn": date(2023, 10, 1), "Next": date(2024, 1, 5)},
        answers=[
            *[Answer("Spring", 10, "Finance")] * K,
            *[Answer("Autumn", 9, "Finance")] * K,
            *[Answer("Autumn", 6, "Finance")] * K,
            *[Answer("Autumn", 7, None)] * K,
            *[Answer("Next", 0, "Finance")] * K,
        ],
    )
    result = check(world)
    assert result["enps_responses"] == 3 * K
    assert result["enps"] == 0.0


def test_department_includes_sub_departments_for_every_figure():
    world = World(
        TREE,
        employees=[
            Emp("1", "Operations", date(2020, 1, 1)),
            Emp("2", "Planning", date(2020, 1, 1), date(2023, 6, 30), "voluntary"),
            Emp("3", "Night", date(2023, 2, 1), salary=Decimal("50000.00")),
            Emp("4", "Finance", date(2020, 1, 1), date(2023, 3, 1), "voluntary"),
        ],
        moves=[Move("3", date(2023, 8, 1)), Move("4", date(2023, 2, 1))],
        learning=[
            Learn("3", date(2023, 5, 1), "experience", Decimal("10"), Decimal("0")),
            Learn("2", date(2023, 5, 1), "social", Decimal("5.5"), Decimal("250.25")),
            Learn("4", date(2023, 5, 1), "formal", Decimal("40"), Decimal("3000")),
        ],
        surveys={"Q": date(2023, 11, 1)},
        answers=[
            *[Answer("Q", 10, "Night")] * K,
            *[Answer("Q", 3, "Planning")] * K,
            *[Answer("Q", 0, "Finance")] * K,
            *[Answer("Q", 10, None)] * K,
        ],
    )
    result = check(world, dept="Planning")
    assert (result["headcount_start"], result["hires"], result["leavers"]) == (1, 1, 1)
    assert result["internal_moves"] == 1 and result["enps_responses"] == 2 * K
    check(world, dept="Operations")
    check(world, dept="Finance")
    check(world)


def test_replacement_cost_uses_the_organisation_rates():
    world = World(
        TREE,
        low=Decimal("0.10"),
        high=Decimal("1.50"),
        employees=[
            Emp(
                "1",
                "Finance",
                date(2020, 1, 1),
                date(2023, 5, 5),
                "voluntary",
                salary=Decimal("40000.01"),
            ),
        ],
    )
    result = check(world)
    assert result["replacement_cost_low"] == Decimal("4000.00")
    assert result["replacement_cost_high"] == Decimal("60000.02")


def test_replacement_cost_defaults_without_an_organisation_row():
    world = World(
        TREE,
        employees=[
            Emp(
                "1",
                "Finance",
                date(2020, 1, 1),
                date(2023, 5, 5),
                "voluntary",
                salary=Decimal("10000.00"),
            )
        ],
    )
    check(world)
    Organisation.objects.all().delete()
    result = compute_kpis(start=START, end=END)
    assert result["replacement_cost_low"] == Decimal("2000.00")
    assert result["replacement_cost_high"] == Decimal("7500.00")


def test_learning_mix_adds_up_to_exactly_100():
    world = World(
        TREE,
        employees=[Emp("1", "Finance", date(2020, 1, 1))],
        learning=[
            Learn("1", date(2023, 1, 1), "experience", Decimal("1"), Decimal("0")),
            Learn("1", date(2023, 1, 2), "social", Decimal("1"), Decimal("0")),
            Learn("1", date(2023, 12, 31), "formal", Decimal("1"), Decimal("0")),
        ],
    )
    result = check(world)
    assert sorted(result["learning_mix"].values()) == [33.3333, 33.3333, 33.3334]


def test_compute_kpis_runs_a_handful_of_queries(django_assert_max_num_queries):
    departments = World(
        TREE,
        employees=[Emp(str(i), "Night", date(2020, 1, 1)) for i in range(30)],
        surveys={"Q": date(2023, 6, 1)},
        answers=[Answer("Q", i % 11, name) for i in range(30) for name in (*TREE, None)],
    ).save()
    # Employees, moves, learning, rates, and the eNPS: answer counts and the
    # department tree (the anonymity rule decides over the whole tree at once).
    with django_assert_max_num_queries(6):
        compute_kpis(start=START, end=END, department=departments["Operations"])


def random_world(seed: int, size: int = 200) -> World:
    rng = random.Random(seed)
    names = list(TREE)
    day0 = date(2018, 1, 1)

    def day(span: int = 2400) -> date:
        return day0 + timedelta(days=rng.randrange(span))

    employees = []
    for i in range(size):
        hire = day()
        leave = None
        if rng.random() < 0.4:
            leave = hire + timedelta(days=rng.randrange(0, 900))
        reason = rng.choice(["voluntary", "involuntary"]) if leave else ""
        salary = None if rng.random() < 0.05 else Decimal(rng.randrange(2_000_000, 9_000_000)) / 100
        employees.append(Emp(f"E{i}", rng.choice(names), hire, leave, reason, salary))
    numbers = [e.number for e in employees]
    moves = {
        (rng.choice(numbers), day(), rng.choice(["transfer", "promotion"]))
        for _ in range(size // 2)
    }
    learning = [
        Learn(
            rng.choice(numbers),
            day(),
            rng.choice(["experience", "social", "formal"]),
            Decimal(rng.randrange(0, 4000)) / 100,
            Decimal(rng.randrange(0, 300000)) / 100,
        )
        for _ in range(size)
    ]
    surveys = {f"S{i}": day() for i in range(8)}
    answers = [
        Answer(rng.choice(list(surveys)), rng.randrange(11), rng.choice([*names, None]))
        for _ in range(size * 2)
    ]
    return World(
        TREE,
        employees=employees,
        moves=[Move(n, d, k) for n, d, k in sorted(moves)],
        learning=learning,
        surveys=surveys,
        answers=answers,
        low=Decimal("0.25"),
        high=Decimal("0.80"),
    )


@pytest.mark.parametrize("seed", [1, 2])
def test_random_organisation_matches_the_independent_calculation(seed):
    world = random_world(seed)
    world.save()
    rng = random.Random(seed * 7)
    periods = [
        (START, END),
        (date(2020, 2, 29), date(2020, 2, 29)),
        (date(2017, 1, 1), date(2024, 12, 31)),
    ]
    for _ in range(6):
        a, b = sorted(date(2018, 1, 1) + timedelta(days=rng.randrange(2600)) for _ in range(2))
        periods.append((a, b))
    for start, end in periods:
        for dept in (None, "Operations", "Planning", "Finance"):
            check(world, start, end, dept)
