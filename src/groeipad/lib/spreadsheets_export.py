"""Writing spreadsheets people open in Excel or LibreOffice, safely.

A text cell that starts with = + - @ (or a tab or carriage return) is read as a
formula by spreadsheet programs: a department named "=HYPERLINK(...)" would run as
one. Such text gets a leading apostrophe, which shows the text as typed. Numbers are
left alone, so a negative eNPS stays a number.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from datetime import date
from decimal import Decimal

from openpyxl import Workbook

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value):
    """The value as a spreadsheet should receive it: risky text defused, rest unchanged."""
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


def csv_bytes(rows: Iterable[Sequence]) -> bytes:
    """CSV (UTF-8 with BOM so Excel reads accents; ; as Dutch Excel expects)."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    for row in rows:
        writer.writerow([_csv_cell(value) for value in row])
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def _csv_cell(value):
    if value is None:
        return ""
    if isinstance(value, Decimal | float | int) and not isinstance(value, bool):
        return str(value)
    if isinstance(value, date):
        return value.isoformat()
    return neutralise(str(value))


def xlsx_bytes(sheets: dict[str, Iterable[Sequence]]) -> bytes:
    """An XLSX workbook, one sheet per entry, every text cell neutralised."""
    workbook = Workbook()
    workbook.remove(workbook.active)
    for title, rows in sheets.items():
        sheet = workbook.create_sheet(title=title[:31])
        for row in rows:
            sheet.append([neutralise(value) for value in row])
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()
