"""The per-month and per-quarter series against the independent calculation."""

from __future__ import annotations

from datetime import date

import pytest

from groeipad.insights.kpis import (
    enps_by_survey,
    month_periods,
    monthly_series,
    quarter_periods,
    quarterly_series,
)
from groeipad.insights.tests.reference import money
from groeipad.insights.tests.test_kpis import K, random_world
from groeipad.privacy.anonymity import reason

pytestmark = pytest.mark.django_db


def test_months_and_quarters_are_clipped_to_the_period():
    months = month_periods(date(2024, 1, 15), date(2024, 3, 10))
    assert [(p.start, p.end, p.label) for p in months] == [
        (date(2024, 1, 15), date(2024, 1, 31), "2024-01"),
        (date(2024, 2, 1), date(2024, 2, 29), "2024-02"),
        (date(2024, 3, 1), date(2024, 3, 10), "2024-03"),
    ]
    quarters = quarter_periods(date(2023, 11, 1), date(2024, 4, 1))
    assert [(p.start, p.end, p.label) for p in quarters] == [
        (date(2023, 11, 1), date(2023, 12, 31), "2023-Q4"),
        (date(2024, 1, 1), date(2024, 3, 31), "2024-Q1"),
        (date(2024, 4, 1), date(2024, 4, 1), "2024-Q2"),
    ]


def _compare(rows, world, dept):
    for row in rows:
        want = world.kpis(row["start"], row["end"], dept)
        for key in ("headcount_start", "headcount_end", "hires", "leavers", "internal_moves"):
            assert row[key] == want[key], (row["label"], key)
        assert row["payroll"] == money(want["payroll"])
        assert row["development_spend"] == money(want["development_spend"])
        for key in ("turnover_rate", "internal_mobility_rate"):
            if want[key] is None:
                assert row[key] is None
            else:
                assert row[key] == pytest.approx(float(want[key]), abs=5e-5)


@pytest.mark.parametrize("dept", [None, "Operations"])
def test_monthly_and_quarterly_series_match_the_definitions(dept):
    world = random_world(3, size=120)
    departments = world.save()
    department = departments[dept] if dept else None
    start, end = date(2021, 3, 15), date(2022, 8, 20)
    months = monthly_series(start, end, department)
    assert len(months) == 18
    _compare(months, world, dept)
    _compare(quarterly_series(start, end, department), world, dept)


def test_series_run_a_fixed_number_of_queries(django_assert_max_num_queries):
    random_world(4, size=20).save()
    with django_assert_max_num_queries(3):
        monthly_series(date(2019, 1, 1), date(2023, 12, 31))


def test_enps_per_survey_lists_each_survey_in_the_period():
    world = random_world(5, size=60)
    departments = world.save()
    start, end = date(2018, 1, 1), date(2025, 1, 1)
    rows = enps_by_survey(start, end, departments["Planning"])
    scope = world.subtree("Planning")
    expected = []
    for name, _closing in sorted(world.surveys.items(), key=lambda item: item[1]):
        scores = [a.score for a in world.answers if a.survey == name and a.dept in scope]
        if scores:
            nps = 100 * (sum(s >= 9 for s in scores) - sum(s <= 6 for s in scores)) / len(scores)
            expected.append((name, len(scores), round(nps, 4)))
    assert [r["survey"] for r in rows] == [name for name, _n, _v in expected]
    shown = 0
    for row, (_name, count, value) in zip(rows, expected, strict=True):
        if row["suppressed"]:
            # Hidden (too few, or by complementary suppression): nothing but the reason.
            assert row["responses"] is None and row["enps"] is None
            assert row["suppressed_reason"] == reason(K)
        else:
            shown += 1
            assert count >= K
            assert (row["responses"], row["enps"]) == (count, pytest.approx(value, abs=5e-5))
    assert shown  # the seed gives shown cells as well as hidden ones
