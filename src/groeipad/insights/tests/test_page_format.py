"""The page's number formatting, in Dutch and in English, against hand-written strings."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.utils import translation

from groeipad.insights.templatetags import insights_format as fmt

NBSP = "\u00a0"


@pytest.mark.parametrize(
    ("function", "value", "dutch", "english"),
    [
        (fmt.count, 50000, "50.000", "50,000"),
        (fmt.count, 7, "7", "7"),
        (fmt.decimal, 182.0, "182,0", "182.0"),
        (fmt.decimal, 1234.56, "1.234,6", "1,234.6"),
        (fmt.percent, 8.3832, "8,4%", "8.4%"),
        (fmt.percent, 15.3846, "15,4%", "15.4%"),
        # Half up, as the KPI engine rounds (Babel alone would round half to even).
        (fmt.percent, 0.25, "0,3%", "0.3%"),
        (fmt.percent, 100.0, "100,0%", "100.0%"),
        (fmt.score, 12.5, "+12,5", "+12.5"),
        (fmt.score, -33.3333, "-33,3", "-33.3"),
        (fmt.score, 10.0, "+10", "+10"),
        (fmt.score, 0.0, "0", "0"),
        (fmt.money, Decimal("3207111.63"), f"€{NBSP}3.207.111,63", "€3,207,111.63"),
        (fmt.money, Decimal("0"), f"€{NBSP}0,00", "€0.00"),
        (fmt.money_short, Decimal("3207111.63"), f"€{NBSP}3.207.112", "€3,207,112"),
        (fmt.money_short, Decimal("629681.49"), f"€{NBSP}629.681", "€629,681"),
        (fmt.money_short, Decimal("450.50"), f"€{NBSP}450,50", "€450.50"),
    ],
)
def test_figures_are_written_the_way_each_language_writes_them(function, value, dutch, english):
    with translation.override("nl"):
        assert function(value) == dutch
    with translation.override("en"):
        assert function(value) == english


@pytest.mark.parametrize("function", [fmt.count, fmt.decimal, fmt.percent, fmt.score, fmt.money])
def test_a_missing_figure_is_a_dash(function):
    assert function(None) == "—"
    assert fmt.money_short(None) == "—"


def test_percent_takes_its_number_of_decimals():
    with translation.override("nl"):
        assert fmt.percent(8.3832, 2) == "8,38%"
        assert fmt.percent(8.3832, 4) == "8,3832%"
        assert fmt.percent(20, 0) == "20%"


def test_kpi_picks_the_format_by_kind():
    with translation.override("nl"):
        assert fmt.kpi(180, "count") == "180"
        assert fmt.kpi(182.5, "decimal") == "182,5"
        assert fmt.kpi(6.044, "percent") == "6,0%"
        assert fmt.kpi(-5.0, "score") == "-5"
        assert fmt.kpi(Decimal("1234.56"), "money") == f"€{NBSP}1.235"
