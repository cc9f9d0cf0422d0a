"""Importing ESCO skills from the CSV download (the EU's multilingual skills taxonomy).

ESCO publishes one file per language (``skills_en.csv``, ``skills_nl.csv``, ...), each
with the same columns. The English file is the base: it decides which skills exist. The
Dutch file, when given, adds the Dutch labels and descriptions, joined on ``conceptUri``.
Skills are upserted by ``conceptUri`` and stamped with the ESCO version the files come
from. About 14,000 skills per language: the database is read in one query and written
in bulk, so a full download imports in seconds.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import ClassVar

from django.db import connection, models
from django.utils.translation import gettext as _

from groeipad.lib.importing import Column, Importer, ImportResult, Problem
from groeipad.lib.spreadsheets import Row
from groeipad.skills.models import EscoSkill

SKILL_CONCEPT_TYPE = "KnowledgeSkillCompetence"
_version_field = EscoSkill._meta.get_field("esco_version")
assert isinstance(_version_field, models.CharField) and _version_field.max_length is not None
VERSION_MAX_LENGTH: int = _version_field.max_length

ENGLISH_FIELDS = ("skill_type", "reuse_level", "name_en", "alt_labels_en", "description_en")
DUTCH_FIELDS = ("name_nl", "alt_labels_nl", "description_nl")


@dataclass(slots=True)
class _EscoRow:
    row: Row
    uri: str | None
    name: str | None
    skill_type: str
    reuse_level: str
    alt_labels: str
    description: str


def _labels(text: str | None) -> str:
    """ESCO's ``altLabels`` hold one label per line: keep them so, tidied and without repeats."""
    if not text:
        return ""
    labels = (label.strip() for label in text.splitlines())
    return "\n".join(dict.fromkeys(label for label in labels if label))


class EscoFile(Importer):
    """One language file of the download, read and checked on its own."""

    kind = "esco"
    columns: ClassVar[tuple[Column, ...]] = (
        Column("conceptUri", required=True),
        Column("preferredLabel", required=True),
        Column("conceptType"),
        Column("skillType"),
        Column("reuseLevel"),
        Column("altLabels"),
        Column("description"),
        Column("definition"),
        # Part of the download but not kept: known, so that they raise no warning.
        Column("hiddenLabels"),
        Column("status"),
        Column("modifiedDate"),
        Column("scopeNote"),
        Column("inScheme"),
    )

    def parse_row(self, row: Row) -> _EscoRow:
        concept_type = self.text(row, "conceptType")
        if concept_type is not None and concept_type.casefold() != SKILL_CONCEPT_TYPE.casefold():
            # The occupations file has the same shape; its rows are not skills.
            self.bad_value(
                row,
                "conceptType",
                concept_type,
                _("is not an ESCO skill (%(expected)s): is this the skills file?")
                % {"expected": SKILL_CONCEPT_TYPE},
            )
        return _EscoRow(
            row=row,
            uri=self.text(row, "conceptUri", required=True, max_length=300),
            name=self.text(row, "preferredLabel", required=True, max_length=500),
            skill_type=self.text(row, "skillType", max_length=100) or "",
            reuse_level=self.text(row, "reuseLevel", max_length=100) or "",
            alt_labels=_labels(self.text(row, "altLabels")),
            # Older downloads fill ``definition`` where newer ones fill ``description``.
            description=self.text(row, "description") or self.text(row, "definition") or "",
        )

    def plan(self, records: list[_EscoRow]) -> None:
        self.skills = self._unique(records)

    def _unique(self, records: list[_EscoRow]) -> dict[str, _EscoRow]:
        skills: dict[str, _EscoRow] = {}
        for r in records:
            if r.uri is None:
                continue
            if first := skills.get(r.uri):
                # In full: a URI's distinguishing part is at its end, where display() cuts.
                self.error(
                    r.row,
                    "conceptUri",
                    _('%(column)s "%(uri)s" is also on line %(line)d')
                    % {"column": self.header["conceptUri"], "uri": r.uri, "line": first.row.line},
                )
            else:
                skills[r.uri] = r
        return skills


class EscoImport(EscoFile):
    """The English file, joined with the Dutch one, upserted by concept URI."""

    def __init__(self, *, nl=None, nl_name: str | None = None, esco_version: str, **options):
        super().__init__(**options)
        self.esco_version = esco_version.strip()
        if not self.esco_version or len(self.esco_version) > VERSION_MAX_LENGTH:
            raise ValueError(
                _("The ESCO version must be given, in at most %(max)d characters (v1.2.0).")
                % {"max": VERSION_MAX_LENGTH}
            )
        self.dutch: EscoFile | None = None
        if nl is not None:
            # A dry run of its own: the Dutch file is read and checked, never written.
            self.dutch = EscoFile(path_or_file=nl, name=nl_name, dry_run=True)
        self._dutch_merged = False

    def run(self) -> ImportResult:
        if self.dutch is not None:
            self.dutch.run()
        result = super().run()
        self._merge_dutch()  # also when the English header was refused before plan()
        result.errors.sort(key=self._english_first)
        result.warnings.sort(key=self._english_first)
        return result

    def _english_first(self, problem: Problem) -> tuple:
        return (problem.file != self.name, problem)

    def _merge_dutch(self) -> None:
        if self.dutch is None or self._dutch_merged:
            return
        self._dutch_merged = True
        self.result.errors += self.dutch.result.errors
        self.result.warnings += self.dutch.result.warnings

    def plan(self, records: list[_EscoRow]) -> None:
        self._merge_dutch()
        english = self._unique(records)
        dutch = getattr(self.dutch, "skills", {})
        self._warn_unknown_dutch(english, dutch)
        if self.result.errors:
            return
        self.fields = ["esco_version", *ENGLISH_FIELDS]
        if self.dutch is not None:
            self.fields += DUTCH_FIELDS
        existing = {
            uri: (pk, values)
            for pk, uri, *values in EscoSkill.objects.values_list("id", "concept_uri", *self.fields)
        }
        self.creates: list[tuple] = []
        self.updates: list[tuple[int, tuple, tuple]] = []
        for uri, r in english.items():
            values = (self.esco_version, *self._values(r, dutch.get(uri)))
            old = existing.get(uri)
            if old is None:
                self.creates.append((uri, values))
            elif tuple(old[1]) != values:
                self.updates.append((old[0], tuple(old[1]), values))
            else:
                self.result.unchanged += 1
        self.result.created, self.result.updated = len(self.creates), len(self.updates)

    def _values(self, r: _EscoRow, nl: _EscoRow | None) -> tuple:
        values = (r.skill_type, r.reuse_level, r.name, r.alt_labels, r.description)
        if self.dutch is None:
            return values
        # The Dutch file speaks for every skill: one it lacks has no Dutch text.
        if nl is None:
            return (*values, "", "", "")
        return (*values, nl.name, nl.alt_labels, nl.description)

    def _warn_unknown_dutch(self, english: dict, dutch: dict) -> None:
        if self.dutch is None:
            return
        for uri, r in dutch.items():
            if uri not in english:
                line, column = self.dutch.position(r.row, "conceptUri")
                self.result.warnings.append(
                    Problem(
                        line=line,
                        column=column,
                        file=self.dutch.name,
                        reason=_('conceptUri "%(uri)s" is not in the English file; ignored')
                        % {"uri": uri},
                    )
                )

    def apply(self) -> None:
        names = ["concept_uri", *self.fields, *(f for f in DUTCH_FIELDS if f not in self.fields)]
        padding = ("",) * (len(names) - 1 - len(self.fields))
        _insert(names, [(uri, *values, *padding) for uri, values in self.creates])
        self._update()

    def _update(self) -> None:
        # A new ESCO release changes the version of every skill but the text of few:
        # group the rows by the fields that changed, and write each group as one join of
        # the table with a list of new values. (bulk_update's CASE per field takes
        # seconds for 14,000 rows, and so does a statement per row on PostgreSQL.)
        groups: dict[tuple[str, ...], list[tuple]] = {}
        for pk, old, new in self.updates:
            changed = {name: b for name, a, b in zip(self.fields, old, new, strict=True) if a != b}
            groups.setdefault(tuple(changed), []).append((pk, *changed.values()))
        for names, rows in groups.items():
            _update(names, rows)

    def _audit(self) -> None:
        from groeipad.privacy.models import AuditAction, ObjectType
        from groeipad.privacy.services import audit_record

        result = self.result
        files = self.name if self.dutch is None else f"{self.name} + {self.dutch.name}"
        audit_record(
            actor=self.actor,
            action=AuditAction.IMPORT,
            object_type=ObjectType.ESCO,
            object_id=self.esco_version,
            summary=_("import of ESCO %(version)s from %(files)s: %(summary)s")
            % {"version": self.esco_version, "files": files, "summary": result.summary()},
            changes={
                "kind": self.kind,
                "file": self.name,
                "file_nl": self.dutch.name if self.dutch else None,
                "esco_version": self.esco_version,
                **result.counts(),
            },
        )


def import_esco(
    *,
    path_or_file,
    name: str | None = None,
    nl=None,
    nl_name: str | None = None,
    esco_version: str,
    actor,
    dry_run: bool = False,
    progress=None,
) -> ImportResult:
    """Upsert ESCO skills from the English file, with Dutch labels from ``nl`` if given.

    Raises ValueError for a missing or overlong ``esco_version``; every problem in the
    files is in the result. See docs/import-formats.md.
    """
    return EscoImport(
        path_or_file=path_or_file,
        name=name,
        nl=nl,
        nl_name=nl_name or (str(nl) if isinstance(nl, (str, Path)) else None),
        esco_version=esco_version,
        actor=actor,
        dry_run=dry_run,
        progress=progress,
    ).run()


def _column(name: str) -> str:
    field = EscoSkill._meta.get_field(name)
    assert isinstance(field, models.Field) and field.column is not None
    return field.column


def _columns(names: Iterable[str]) -> tuple[str, list[str]]:
    quote = connection.ops.quote_name
    columns = [quote(_column(name)) for name in names]
    return quote(EscoSkill._meta.db_table), columns


def _insert(names: list[str], rows: list[tuple]) -> None:
    """Insert skills: COPY on PostgreSQL, multi-row INSERTs elsewhere.

    The values are strings; psycopg's client-side binding of a multi-row statement
    spends seconds parsing 14,000 rows of placeholders, COPY none.
    """
    table, columns = _columns(names)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            with cursor.cursor.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
            return
        for batch in _batches(rows, len(names)):
            cursor.execute(
                f"INSERT INTO {table} ({', '.join(columns)}) VALUES {_places(batch)}",
                [value for row in batch for value in row],
            )


def _update(names: tuple[str, ...], rows: list[tuple]) -> None:
    """Set ``names`` of the skills with the ids that start ``rows`` to the rest of each row."""
    table, columns = _columns(names)
    assignments = ", ".join(f"{column} = new_values.{column}" for column in columns)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                f"CREATE TEMPORARY TABLE new_values AS SELECT id, {', '.join(columns)} "
                f"FROM {table} WITH NO DATA"
            )
            with cursor.cursor.copy(
                f"COPY new_values (id, {', '.join(columns)}) FROM STDIN"
            ) as copy:
                for row in rows:
                    copy.write_row(row)
            cursor.execute(
                f"UPDATE {table} SET {assignments} FROM new_values WHERE {table}.id = new_values.id"
            )
            cursor.execute("DROP TABLE new_values")
            return
        for batch in _batches(rows, len(names) + 1):
            cursor.execute(
                f"WITH new_values (id, {', '.join(columns)}) AS (VALUES {_places(batch)}) "
                f"UPDATE {table} SET {assignments} FROM new_values "
                f"WHERE {table}.id = new_values.id",
                [value for row in batch for value in row],
            )


def _places(rows: list[tuple]) -> str:
    return ", ".join(["(" + ", ".join(["%s"] * len(rows[0])) + ")"] * len(rows))


def _batches(rows: list[tuple], width: int) -> list[list[tuple]]:
    # SQLite allows 32,766 parameters in a statement; stay well below.
    size = max(1, 8000 // width)
    return [rows[start : start + size] for start in range(0, len(rows), size)]
