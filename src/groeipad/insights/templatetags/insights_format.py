"""How the insights page writes its figures, in the reader's language.

The KPI engine keeps exact numbers (four-decimal rates, money in cents); people read
``8,4%``, ``€ 3.207.112`` and ``50.000``. Babel knows each language's separators and
currency pattern, so Dutch and English both come out right without hand-written
rules. Rounding is half up, as the engine rounds, rather than Babel's half even.
Every function returns "—" for a missing value, so a template never shows "None".
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

from babel.numbers import format_currency, format_decimal
from django import template

from groeipad.lib.money import active_locale, euro, quantized

register = template.Library()

MISSING = "—"
# Money on a card rounds to whole euros from this amount on; the exact sum stays in
# the card's title. Small sums keep their cents: "€ 451" for 450.50 would mislead.
WHOLE_EUROS_FROM = Decimal(1000)


_locale = active_locale
_quantized = quantized


@register.filter
def count(value) -> str:
    """A whole number with thousands separators: 50.000 (nl), 50,000 (en)."""
    if value is None:
        return MISSING
    return format_decimal(_quantized(value, 0), format="#,##0", locale=_locale())


@register.filter
def decimal(value, places: int = 1) -> str:
    """A number with a fixed number of decimals: 182,0 (nl), 182.0 (en)."""
    if value is None:
        return MISSING
    places = int(places)
    pattern = "#,##0" + ("." + "0" * places if places else "")
    return format_decimal(_quantized(value, places), format=pattern, locale=_locale())


@register.filter
def percent(value, places: int = 1) -> str:
    """A percentage (the value is already in percent): 8,4% (nl), 8.4% (en)."""
    if value is None:
        return MISSING
    return f"{decimal(value, places)}%"


@register.filter
def score(value) -> str:
    """A signed score such as the eNPS: +12, -3,5; zero without a sign."""
    if value is None:
        return MISSING
    rounded = _quantized(value, 1)
    if not rounded:
        return format_decimal(0, locale=_locale())
    return format_decimal(rounded, format="+#,##0.#;-#,##0.#", locale=_locale())


@register.filter
def money(value) -> str:
    """An exact amount in euros: € 3.207.111,63 (nl), €3,207,111.63 (en)."""
    if value is None:
        return MISSING
    return euro(value)


@register.filter
def money_short(value) -> str:
    """An amount for a card: whole euros from € 1.000 on, else with cents."""
    if value is None:
        return MISSING
    if abs(Decimal(str(value))) < WHOLE_EUROS_FROM:
        return money(value)
    locale = _locale()
    pattern = locale.currency_formats["standard"].pattern.replace(".00", "")
    return format_currency(
        _quantized(value, 0), "EUR", format=pattern, locale=locale, currency_digits=False
    )


FORMATS: dict[str, Callable[..., str]] = {
    "count": count,
    "decimal": decimal,
    "percent": percent,
    "score": score,
    "money": money_short,
}


@register.filter
def kpi(value, kind: str) -> str:
    """A card's figure by its kind (count, decimal, percent, score or money)."""
    return FORMATS[kind](value)
