"""JSON with Decimals written as numbers, keeping their decimals (1234.50, not "1234.50").

The standard encoder turns a Decimal into a string or a float (1234.5); money in the
KPI object must read as a number with two decimals, so this writes it as is.
"""

from __future__ import annotations

import json
from decimal import Decimal


def dumps(value, *, indent: int | None = None, _level: int = 0) -> str:
    if isinstance(value, Decimal):
        if not value.is_finite():
            raise ValueError(f"cannot write {value} as a JSON number")
        return format(value, "f")
    if isinstance(value, dict):
        if not value:
            return "{}"
        items = [
            f"{json.dumps(str(key))}: {dumps(item, indent=indent, _level=_level + 1)}"
            for key, item in value.items()
        ]
        return _wrap("{", "}", items, indent, _level)
    if isinstance(value, list | tuple):
        if not value:
            return "[]"
        items = [dumps(item, indent=indent, _level=_level + 1) for item in value]
        return _wrap("[", "]", items, indent, _level)
    return json.dumps(value, allow_nan=False)


def _wrap(opening: str, closing: str, items: list[str], indent: int | None, level: int) -> str:
    if indent is None:
        return opening + ", ".join(items) + closing
    inner = "\n" + " " * (indent * (level + 1))
    outer = "\n" + " " * (indent * level)
    return opening + inner + ("," + inner).join(items) + outer + closing
