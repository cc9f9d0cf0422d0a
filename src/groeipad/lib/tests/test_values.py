from datetime import date, datetime
from decimal import Decimal

import pytest
from django.utils import translation

from groeipad.lib.values import (
    BadValue,
    normalise_word,
    parse_date,
    parse_decimal,
    parse_integer,
    parse_text,
)


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


@pytest.mark.parametrize(
    "text",
    ["2024-03-07", "2024/03/07", "07-03-2024", "07/03/2024", "7-3-2024", " 2024-03-07 "],
)
def test_dates_read_in_iso_and_dutch_order_with_dash_or_slash(text):
    assert parse_date(text) == date(2024, 3, 7)


def test_date_cells_read_as_dates():
    assert parse_date(datetime(2024, 3, 7, 0, 0)) == date(2024, 3, 7)
    assert parse_date(date(2024, 3, 7)) == date(2024, 3, 7)


@pytest.mark.parametrize(
    "value", ["31-02-2024", "2024-13-01", "07.03.2024", "2024-03/07", "yesterday", 45000]
)
def test_impossible_or_foreign_dates_are_refused_with_the_formats_to_use(value):
    with pytest.raises(BadValue, match=r"is not a date \(use YYYY-MM-DD or DD-MM-YYYY\)"):
        parse_date(value)


@pytest.mark.parametrize("value", [None, "", "   "])
def test_empty_cells_are_no_value(value):
    assert parse_date(value) is None
    assert parse_decimal(value) is None
    assert parse_integer(value) is None
    assert parse_text(value) is None


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("52000,50", "52000.50"),
        ("52000.50", "52000.50"),
        ("0,8", "0.8"),
        (",5", "0.5"),
        ("-3", "-3"),
        (52000, "52000"),
        (0.8, "0.8"),
        (52000.5, "52000.5"),
    ],
)
def test_decimals_read_with_comma_or_point_and_from_number_cells(value, expected):
    assert parse_decimal(value) == Decimal(expected)


@pytest.mark.parametrize("value", ["1.200,50", "52 000", "€ 100", "abc", True])
def test_thousands_separators_and_words_are_not_numbers(value):
    with pytest.raises(BadValue, match="is not a number"):
        parse_decimal(value)


def test_more_decimals_than_stored_is_refused_not_rounded():
    assert parse_decimal("0.8000", places=2) == Decimal("0.8")
    with pytest.raises(BadValue, match="has more than 2 decimals"):
        parse_decimal("0,875", places=2)


def test_whole_numbers_accept_integral_decimals_only():
    assert parse_integer("7") == 7
    assert parse_integer(7.0) == 7
    assert parse_integer("7,0") == 7
    with pytest.raises(BadValue, match="is not a whole number"):
        parse_integer("7,5")


def test_text_from_number_cells_looks_like_the_cell():
    assert parse_text(1001) == "1001"
    assert parse_text(1001.0) == "1001"
    assert parse_text("  Jansen ") == "Jansen"


def test_words_match_regardless_of_case_spaces_and_underscores():
    assert normalise_word(" Datum in dienst ") == "datum_in_dienst"
    assert normalise_word("DATUM_IN_DIENST") == normalise_word("datum in dienst")
