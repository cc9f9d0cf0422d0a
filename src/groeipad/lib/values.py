"""Parsing cell values from spreadsheets people export: dates, decimals, whole numbers.

Cells arrive as text (CSV, or text cells in XLSX) or as typed values (XLSX date and
number cells). Every parser accepts both, treats an empty cell as "no value" (None),
and raises ``BadValue`` with a reason a person understands, to be prefixed by the
column name and the value.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from typing import Any

from django.utils.translation import gettext as _


class BadValue(ValueError):
    """A cell that cannot be read as what its column needs; str() is the reason."""


_ISO_DATE = re.compile(r"(\d{4})([-/])(\d{1,2})\2(\d{1,2})")
_DUTCH_DATE = re.compile(r"(\d{1,2})([-/])(\d{1,2})\2(\d{4})")
_DECIMAL = re.compile(r"[+-]?(?:\d+(?:[.,]\d*)?|[.,]\d+)")


def is_empty(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def display(value: Any) -> str:
    """A cell as a person would recognise it in an error message."""
    if isinstance(value, datetime):
        text = value.date().isoformat() if value.time() == datetime.min.time() else str(value)
    elif isinstance(value, float) and value.is_integer():
        text = str(int(value))
    else:
        text = str(value).strip()
    return text if len(text) <= 60 else text[:59] + "…"


def parse_text(value: Any) -> str | None:
    """Text with surrounding spaces removed; XLSX number cells read as they look (1001)."""
    if is_empty(value):
        return None
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime):
        return display(value)
    return str(value).strip()


def parse_date(value: Any) -> date | None:
    """A date from a date cell, ``YYYY-MM-DD`` or ``DD-MM-YYYY`` (``/`` works too)."""
    if is_empty(value):
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        text = value.strip()
        if match := _ISO_DATE.fullmatch(text):
            year, _sep, month, day = match.groups()
        elif match := _DUTCH_DATE.fullmatch(text):
            day, _sep, month, year = match.groups()
        else:
            raise BadValue(_("is not a date (use YYYY-MM-DD or DD-MM-YYYY)"))
        try:
            return date(int(year), int(month), int(day))
        except ValueError:
            pass
    raise BadValue(_("is not a date (use YYYY-MM-DD or DD-MM-YYYY)"))


def parse_decimal(value: Any, *, places: int | None = None) -> Decimal | None:
    """A number with a decimal comma or point (``52000,50`` or ``52000.50``).

    Thousands separators are refused rather than guessed: ``1.200`` could be either.
    With ``places``, more decimals than the database keeps is an error, not a rounding.
    """
    if is_empty(value):
        return None
    if isinstance(value, bool):
        raise BadValue(_("is not a number"))
    if isinstance(value, int):
        number = Decimal(value)
    elif isinstance(value, float):
        # str() gives the shortest text that round-trips: 0.8, not 0.8000000000000000444.
        number = Decimal(str(value))
    elif isinstance(value, str) and _DECIMAL.fullmatch(value.strip()):
        try:
            number = Decimal(value.strip().replace(",", "."))
        except InvalidOperation:
            raise BadValue(_("is not a number")) from None
    else:
        raise BadValue(
            _("is not a number (write it like 52000.50 or 52000,50, without thousands separators)")
        )
    if not number.is_finite():
        raise BadValue(_("is not a number"))
    if places is not None and number != number.quantize(Decimal(1).scaleb(-places)):
        raise BadValue(_("has more than %(places)d decimals") % {"places": places})
    return number


def parse_integer(value: Any) -> int | None:
    """A whole number; ``7``, ``7.0`` and ``7,0`` all read as 7."""
    number = parse_decimal(value)
    if number is None:
        return None
    if number != number.to_integral_value():
        raise BadValue(_("is not a whole number"))
    return int(number)


def normalise_word(text: str) -> str:
    """Case-insensitive, surrounding spaces ignored, a space the same as an underscore."""
    return re.sub(r"[\s_]+", "_", text.strip().casefold())
