from decimal import Decimal

from django.utils import translation

from groeipad.lib.money import euro


def test_euro_uses_dutch_separators_in_dutch():
    with translation.override("nl"):
        assert euro(Decimal("5000.01")) == "€\xa05.000,01"


def test_euro_uses_english_separators_in_english():
    with translation.override("en"):
        assert euro(Decimal("5000.01")) == "€5,000.01"


def test_euro_rounds_half_up_not_to_even():
    with translation.override("en"):
        assert euro(Decimal("0.125")) == "€0.13"
        assert euro(Decimal("0.135")) == "€0.14"
