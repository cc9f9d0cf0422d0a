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


def is_risky(value) -> bool:
    """Whether a spreadsheet program would read this text as a formula.

    Also after leading spaces: LibreOffice and Excel skip them before looking for "=".
    """
    if not isinstance(value, str) or not value:
        return False
    return value.startswith(FORMULA_PREFIXES) or value.lstrip(" ").startswith(FORMULA_PREFIXES)


def neutralise(value):
    """The value as a spreadsheet should receive it: risky text defused, rest unchanged."""
    if is_risky(value):
        return "'" + value
    return value


def csv_bytes(rows: Iterable[Sequence], *, delimiter: str = ";", bom: bool = True) -> bytes:
    """CSV (UTF-8 with BOM so Excel reads accents; ; as Dutch Excel expects).

    Every CSV the product writes goes through here, so every text cell is neutralised.
    """
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter, lineterminator="\r\n")
    for row in rows:
        writer.writerow([_csv_cell(value) for value in row])
    return (("\ufeff" if bom else "") + out.getvalue()).encode("utf-8")


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
        for cells in sheet.iter_rows():
            for cell in cells:
                if isinstance(cell.value, str):
                    cell.data_type = "s"  # text, never a formula (openpyxl reads "=" as one)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()
