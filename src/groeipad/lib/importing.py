"""The frame every import shares: columns, row parsing, errors by place, one transaction.

An import is a subclass of ``Importer`` that names its columns, parses one row into a
record (``parse_row``, no database), checks the records against each other and the
database and works out what would change (``plan``), and writes it (``apply``). The
frame reads the file, runs the three steps, reports every error as
``file:line:column: reason``, and writes nothing unless all rows are good and this is
not a dry run. All of it happens in one transaction, so an import applies all rows or
none.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, ClassVar

from django.db import transaction
from django.utils.translation import gettext as _

from groeipad.lib.spreadsheets import Row, SpreadsheetError, Table, read_table
from groeipad.lib.values import (
    BadValue,
    display,
    normalise_word,
    parse_date,
    parse_decimal,
    parse_integer,
    parse_text,
)

if TYPE_CHECKING:
    from groeipad.lib.actions import Actor

Progress = Callable[[Iterable], Iterable]


@dataclass(frozen=True)
class Column:
    name: str
    alias: str | tuple[str, ...] = ()
    required: bool = False

    @property
    def aliases(self) -> tuple[str, ...]:
        return (self.alias,) if isinstance(self.alias, str) else self.alias

    def matches(self, header: str) -> bool:
        wanted = normalise_word(header)
        return wanted in {normalise_word(name) for name in (self.name, *self.aliases)}


@dataclass(frozen=True, order=True)
class Problem:
    line: int
    column: int
    reason: str
    file: str = field(compare=False)

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.column}: {self.reason}"


@dataclass
class ImportResult:
    kind: str
    file: str
    dry_run: bool = False
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    removed: int = 0
    errors: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    # Side effects worth knowing before applying, such as departments that will be new.
    notes: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors

    @property
    def applied(self) -> bool:
        return self.ok and not self.dry_run

    def summary(self) -> str:
        text = _("%(kind)s: %(created)d created, %(updated)d updated, %(unchanged)d unchanged") % {
            "kind": self.kind,
            "created": self.created,
            "updated": self.updated,
            "unchanged": self.unchanged,
        }
        if self.removed:
            text += ", " + _("%(removed)d removed") % {"removed": self.removed}
        return text

    def counts(self) -> dict[str, int]:
        return {
            "created": self.created,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "removed": self.removed,
        }


class Importer:
    """One import run over one file. Subclasses define the kind-specific steps."""

    kind: ClassVar[str]
    columns: ClassVar[tuple[Column, ...]]

    def __init__(
        self,
        *,
        path_or_file: str | Path | IO[bytes],
        name: str | None = None,
        actor: Actor | str = None,
        dry_run: bool = False,
        progress: Progress | None = None,
    ):
        self.source = path_or_file
        self.name = name or (
            str(path_or_file)
            if isinstance(path_or_file, (str, Path))
            else getattr(path_or_file, "name", "upload")
        )
        self.actor = actor
        self.dry_run = dry_run
        self.progress = progress
        self.result = ImportResult(kind=self.kind, file=self.name, dry_run=dry_run)
        self.table: Table | None = None
        self.index: dict[str, int] = {}
        self.header: dict[str, str] = {}
        # The columns of the row being parsed that already have an error, so that
        # checks across columns do not pile a second message on the same cell.
        self.bad_columns: set[str] = set()

    # -- the steps a subclass provides ------------------------------------------------

    def parse_row(self, row: Row) -> Any:
        raise NotImplementedError

    def plan(self, records: list) -> None:
        """Check records against each other and the database; count; report errors."""
        raise NotImplementedError

    def apply(self) -> None:
        raise NotImplementedError

    # -- the frame ---------------------------------------------------------------------

    def run(self) -> ImportResult:
        result = self.result
        try:
            self.table = read_table(self.source)
        except SpreadsheetError as error:
            self._problem(result.errors, 1, 1, _("the file %(reason)s") % {"reason": error})
            return result
        self._map_columns()
        if result.errors:
            return self._finish()
        rows: Iterable[Row] = self.table.rows
        if self.progress is not None:
            rows = self.progress(rows)
        records = []
        for row in rows:
            self.bad_columns = set()
            record = self.parse_row(row)
            if record is not None:
                records.append(record)
        # Reading the database and writing happen in one transaction, so nothing can
        # change between checking and applying. A dry run writes nothing, so it need
        # not hold SQLite's write lock.
        atomic = contextlib.nullcontext() if self.dry_run else transaction.atomic()
        with atomic:
            self.plan(records)
            if result.errors or self.dry_run:
                return self._finish()
            self.apply()
            self._audit()
        return self._finish()

    def _finish(self) -> ImportResult:
        self.result.errors.sort()
        self.result.warnings.sort()
        return self.result

    def _audit(self) -> None:
        from groeipad.privacy.models import AuditAction, ObjectType
        from groeipad.privacy.services import audit_record

        result = self.result
        audit_record(
            actor=self.actor,
            action=AuditAction.IMPORT,
            object_type=ObjectType(self.kind),
            object_id=Path(self.name).name[:100],
            summary=_("import of %(file)s: %(summary)s")
            % {"file": self.name, "summary": result.summary()},
            changes={"kind": self.kind, "file": self.name, **result.counts()},
        )

    @property
    def _table(self) -> Table:
        """The table read from the file (there is one once run() has read it)."""
        assert self.table is not None
        return self.table

    def _map_columns(self) -> None:
        table = self._table
        line = table.header_line
        for position, header in enumerate(table.headers):
            if not header:
                continue
            column = next((c for c in self.columns if c.matches(header)), None)
            if column is None:
                self._problem(
                    self.result.warnings,
                    line,
                    position + 1,
                    _('column "%(header)s" is not known and is ignored (known columns: %(known)s)')
                    % {"header": header, "known": ", ".join(c.name for c in self.columns)},
                )
            elif column.name in self.index:
                self._problem(
                    self.result.errors,
                    line,
                    position + 1,
                    _('column "%(header)s" repeats column "%(first)s"')
                    % {"header": header, "first": self.header[column.name]},
                )
            else:
                self.index[column.name] = position
                self.header[column.name] = header
        for column in self.columns:
            if column.required and column.name not in self.index:
                names = " / ".join((column.name, *column.aliases))
                self._problem(
                    self.result.errors,
                    line,
                    1,
                    _('required column "%(names)s" is missing') % {"names": names},
                )

    # -- helpers for parse_row and plan ------------------------------------------------

    def _problem(self, target: list, line: int, column: int, reason: str) -> None:
        target.append(Problem(line=line, column=column, reason=reason, file=self.name))

    def position(self, row: Row, column: str) -> tuple[int, int]:
        index = self.index.get(column)
        if index is None:
            return row.line, 1
        return self._table.line_of(row, index), index + 1

    def error(self, row: Row, column: str, reason: str) -> None:
        self.bad_columns.add(column)
        line, number = self.position(row, column)
        self._problem(self.result.errors, line, number, reason)

    def warn(self, row: Row, column: str, reason: str) -> None:
        line, number = self.position(row, column)
        self._problem(self.result.warnings, line, number, reason)

    def bad_value(self, row: Row, column: str, value: Any, reason: str) -> None:
        """Report ``column "value" reason``: the shape of nearly every row error."""
        self.error(
            row,
            column,
            '%s "%s" %s' % (self.header.get(column, column), display(value), reason),  # noqa: UP031
        )

    def raw(self, row: Row, column: str) -> Any:
        index = self.index.get(column)
        if index is None or index >= len(row.values):
            return None
        return row.values[index]

    def _read(self, row: Row, column: str, parse: Callable, required: bool, **options) -> Any:
        value = self.raw(row, column)
        try:
            parsed = parse(value, **options)
        except BadValue as reason:
            self.bad_value(row, column, value, str(reason))
            return None
        if parsed is None and required:
            self._missing(row, column)
        return parsed

    def _missing(self, row: Row, column: str) -> None:
        self.error(
            row,
            column,
            _("%(column)s is empty; it is required") % {"column": self.header.get(column, column)},
        )

    def text(self, row: Row, column: str, *, required: bool = False, max_length: int = 0):
        # The hot path of a large import: plain text cells skip the general parser.
        index = self.index.get(column)
        value = row.values[index] if index is not None and index < len(row.values) else None
        text = (value.strip() or None) if type(value) is str else parse_text(value)
        if text is None:
            if required:
                self._missing(row, column)
            return None
        if max_length and len(text) > max_length:
            self.bad_value(
                row,
                column,
                text,
                _("is longer than %(max)d characters") % {"max": max_length},
            )
            return None
        return text

    def date(self, row: Row, column: str, *, required: bool = False):
        return self._read(row, column, parse_date, required)

    def decimal(
        self, row: Row, column: str, *, required: bool = False, places: int = 2, digits: int = 12
    ):
        value = self._read(row, column, parse_decimal, required, places=places)
        if value is not None and abs(value) >= 10 ** (digits - places):
            self.bad_value(row, column, self.raw(row, column), _("is too large"))
            return None
        return value

    def integer(self, row: Row, column: str, *, required: bool = False):
        return self._read(row, column, parse_integer, required)

    def choice(self, row: Row, column: str, choices: dict[str, str], *, required: bool = False):
        """One of ``choices`` (spelling in the file -> stored value), case-insensitively."""
        text = self.text(row, column, required=required)
        if text is None:
            return None
        value = choices.get(normalise_word(text))
        if value is None:
            self.bad_value(
                row,
                column,
                text,
                _("is not one of: %(choices)s") % {"choices": ", ".join(choices)},
            )
        return value


def choices(*pairs: tuple[str, tuple[str, ...]]) -> dict[str, str]:
    """``{spelling: stored value}`` from (stored value, other spellings) pairs."""
    table = {}
    for value, spellings in pairs:
        for spelling in (value, *spellings):
            table[normalise_word(spelling)] = value
    return table
