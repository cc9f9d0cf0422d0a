"""Reading CSV and XLSX files into rows that remember where they came from.

HR systems export in many dialects: ``,`` or ``;`` separated, UTF-8 with or without a
byte order mark, or Windows-1252 from older Excel; or an XLSX workbook. ``read_table``
hides those differences and gives every row its physical line number (the header is
line 1 in a plain file), so an error can point at the exact place in the file.
"""

from __future__ import annotations

import codecs
import csv
import io
import re
import zipfile
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import IO, Any

from django.conf import settings
from django.utils.translation import gettext as _

from groeipad.lib.values import is_empty

_LINE_BREAK = re.compile(r"\r\n|\r|\n")
_ZIP_MAGIC = b"PK\x03\x04"
_OLE_MAGIC = b"\xd0\xcf\x11\xe0"  # the old binary .xls format


class SpreadsheetError(Exception):
    """The file as a whole cannot be read; str() says why, in words for a person."""


@dataclass(slots=True)
class Row:
    line: int  # physical line (CSV) or row number (XLSX) where the row starts
    values: tuple


@dataclass
class Table:
    headers: list[str]
    rows: list[Row]
    header_line: int = 1
    # CSV fields may hold line breaks; then a cell's line is later than its row's.
    multiline: bool = False
    format: str = "csv"
    separator: str | None = None
    encoding: str | None = None
    extra: dict = field(default_factory=dict)

    def line_of(self, row: Row, index: int) -> int:
        """The physical line where cell ``index`` (0-based) of ``row`` starts."""
        if not self.multiline:
            return row.line
        breaks = sum(
            len(_LINE_BREAK.findall(value))
            for value in row.values[:index]
            if isinstance(value, str)
        )
        return row.line + breaks


def import_limit_bytes() -> int:
    """The largest import file accepted, from GROEIPAD_IMPORT_MAX_MB."""
    return int(settings.GROEIPAD_IMPORT_MAX_MB * 1024 * 1024)


def _too_large(size: int) -> SpreadsheetError:
    return SpreadsheetError(
        _("is %(size)s MB, more than the limit of %(limit)s MB for an import")
        % {"size": f"{size / 1024 / 1024:.1f}", "limit": settings.GROEIPAD_IMPORT_MAX_MB}
    )


def read_table(source: str | Path | IO[bytes]) -> Table:
    """Read a CSV or XLSX file (a path, or an open binary file such as an upload)."""
    limit = import_limit_bytes()
    if isinstance(source, (str, Path)):
        try:
            size = Path(source).stat().st_size
            if size > limit:
                raise _too_large(size)
            data = Path(source).read_bytes()
        except OSError as error:
            raise SpreadsheetError(
                _("cannot be read: %(error)s") % {"error": error.strerror}
            ) from None
    else:
        declared = getattr(source, "size", None)
        if isinstance(declared, int) and declared > limit:
            raise _too_large(declared)
        # Read one byte past the limit: enough to know the file is too large.
        data = source.read(limit + 1)
    if len(data) > limit:
        raise _too_large(len(data))
    if data.startswith(_ZIP_MAGIC):
        return _read_xlsx(data)
    if data.startswith(_OLE_MAGIC):
        raise SpreadsheetError(_("is an old Excel .xls file; save it as .xlsx or CSV"))
    return _read_csv(data)


def _decode(data: bytes) -> tuple[str, str]:
    if data.startswith(codecs.BOM_UTF8):
        return data[len(codecs.BOM_UTF8) :].decode("utf-8", errors="strict"), "utf-8-sig"
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252"), "cp1252"
    except UnicodeDecodeError:
        raise SpreadsheetError(_("is not a text file in UTF-8 or Windows-1252")) from None


def detect_separator(first_line: str) -> str:
    """``;`` or ``,``: whichever occurs more often outside quotes in the header line."""
    counts = {",": 0, ";": 0}
    quoted = False
    for char in first_line:
        if char == '"':
            quoted = not quoted
        elif not quoted and char in counts:
            counts[char] += 1
    return ";" if counts[";"] > counts[","] else ","


def _read_csv(data: bytes) -> Table:
    try:
        text, encoding = _decode(data)
    except UnicodeDecodeError:
        raise SpreadsheetError(_("is not valid UTF-8 text")) from None
    if "\x00" in text:
        raise SpreadsheetError(_("is not a CSV or XLSX file"))
    first_line = next((line for line in text.splitlines() if line.strip()), "")
    separator = detect_separator(first_line)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=separator)
    headers: list[str] | None = None
    header_line = 1
    rows: list[Row] = []
    multiline = False
    previous_end = 0
    try:
        for values in reader:
            start, previous_end = previous_end + 1, reader.line_num
            if previous_end > start:
                multiline = True
            if not any(value.strip() for value in values):
                continue
            if headers is None:
                headers, header_line = [value.strip() for value in values], start
            else:
                rows.append(Row(start, tuple(values)))
    except csv.Error as error:
        raise SpreadsheetError(
            _("line %(line)d cannot be read as CSV: %(error)s")
            % {"line": reader.line_num, "error": error}
        ) from None
    if headers is None:
        raise SpreadsheetError(_("is empty"))
    return Table(
        headers=headers,
        rows=rows,
        header_line=header_line,
        multiline=multiline,
        format="csv",
        separator=separator,
        encoding=encoding,
    )


def _read_xlsx(data: bytes) -> Table:
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError):
        raise SpreadsheetError(_("cannot be read as an XLSX workbook")) from None
    try:
        sheet = workbook.worksheets[0]
        # Some exporters write a wrong size into the file; read what is really there.
        sheet.reset_dimensions()
        headers: list[str] | None = None
        header_line = 1
        rows: list[Row] = []
        for number, values in enumerate(sheet.iter_rows(values_only=True), start=1):
            if all(is_empty(value) for value in values):
                continue
            if headers is None:
                headers = ["" if value is None else _cell_text(value) for value in values]
                header_line = number
            else:
                rows.append(Row(number, tuple(values)))
    except Exception as error:  # openpyxl raises many kinds on a damaged workbook
        raise SpreadsheetError(
            _("cannot be read as an XLSX workbook (%(error)s)") % {"error": error}
        ) from None
    finally:
        workbook.close()
    if headers is None:
        raise SpreadsheetError(_("is empty"))
    return Table(headers=headers, rows=rows, header_line=header_line, format="xlsx")


def _cell_text(value: Any) -> str:
    if isinstance(value, datetime):
        return value.isoformat()
    return str(value).strip()
