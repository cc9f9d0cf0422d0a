"""Amounts of money as people read them, in the active language.

Babel knows each language's separators and currency pattern (``€ 3.207.111,63`` in
Dutch, ``€3,207,111.63`` in English). Rounding is half up, as the KPI engine and the
budgets round, rather than Babel's half even.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from babel import Locale
from babel.numbers import format_currency
from django.conf import settings
from django.utils.translation import get_language, to_locale


def active_locale() -> Locale:
    return Locale.parse(to_locale(get_language() or settings.LANGUAGE_CODE))


def quantized(value, places: int) -> Decimal:
    exponent = Decimal(1).scaleb(-places)
    return Decimal(str(value)).quantize(exponent, rounding=ROUND_HALF_UP)


def euro(amount) -> str:
    """An exact amount in euros, with cents, for messages and pages."""
    return format_currency(quantized(amount, 2), "EUR", locale=active_locale())
