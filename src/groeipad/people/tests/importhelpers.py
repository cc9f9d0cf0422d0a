"""Writing test files for the imports: CSV in any dialect, or XLSX."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from openpyxl import Workbook


def write_csv(path: Path, rows: list[list], *, separator=",", encoding="utf-8", bom=False) -> Path:
    buffer = io.StringIO(newline="")
    csv.writer(buffer, delimiter=separator, lineterminator="\r\n").writerows(rows)
    data = buffer.getvalue().encode(encoding)
    path.write_bytes((b"\xef\xbb\xbf" if bom else b"") + data)
    return path


def write_xlsx(path: Path, rows: list[list]) -> Path:
    workbook = Workbook()
    sheet = workbook.active
    for row in rows:
        sheet.append(row)
    workbook.save(path)
    return path
