"""Importing internal moves (history only): key (employee_number, date, kind)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from django.utils.translation import gettext as _

from groeipad.lib.importing import Column, Importer, ImportResult, choices
from groeipad.lib.spreadsheets import Row
from groeipad.people.imports.references import (
    is_pending,
    note_new,
    resolve_departments,
    resolve_job_profiles,
)
from groeipad.people.models import Employee, Movement, MovementKind

if TYPE_CHECKING:
    from groeipad.lib.actions import Actor

MOVEMENT_KINDS = choices(
    (MovementKind.TRANSFER, ("overplaatsing",)),
    (MovementKind.PROMOTION, ("promotie",)),
)


@dataclass
class _MovementRow:
    row: Row
    number: str | None
    date: date | None
    kind: str | None
    department: Any
    job_title: str | None

    def key(self) -> tuple[str, dt.date, str]:
        """Employee number, date and kind of a complete row (one that passed _unique)."""
        assert self.number is not None and self.date is not None and self.kind is not None
        return self.number, self.date, self.kind


class MovementImport(Importer):
    kind = "movements"
    columns = (
        Column("employee_number", "personeelsnummer", required=True),
        Column("date", "datum", required=True),
        Column("kind", "soort", required=True),
        Column("department", "afdeling"),
        Column("job_title", "functie"),
    )

    def parse_row(self, row: Row) -> _MovementRow:
        return _MovementRow(
            row=row,
            number=self.text(row, "employee_number", required=True),
            date=self.date(row, "date", required=True),
            kind=self.choice(row, "kind", MOVEMENT_KINDS, required=True),
            department=self.text(row, "department"),
            job_title=self.text(row, "job_title", max_length=200),
        )

    def plan(self, records: list[_MovementRow]) -> None:
        self.employee_ids = dict(Employee.objects.values_list("employee_number", "id"))
        existing = {
            (employee_id, day, kind): (pk, department_id, job_profile_id)
            for pk, employee_id, day, kind, department_id, job_profile_id in Movement.objects.values_list(
                "id", "employee_id", "date", "kind", "department_id", "job_profile_id"
            )
        }
        unique = self._unique(records)
        self.departments = resolve_departments(self, records)
        self.jobs = resolve_job_profiles(records)
        note_new(self.result, self.departments, self.jobs)
        if self.result.errors:
            return
        self.creates, self.updates = [], []
        for r in unique:
            number, day, kind = r.key()
            old = existing.get((self.employee_ids[number], day, kind))
            if old is None:
                self.creates.append(r)
            elif (
                is_pending(r.department)
                or (r.job_title is not None and self.jobs.id_of(r.job_title) is None)
                or old[1:] != (r.department and r.department.id, self.jobs.id_of(r.job_title))
            ):
                self.updates.append((old[0], r))
            else:
                self.result.unchanged += 1
        self.result.created, self.result.updated = len(self.creates), len(self.updates)

    def _unique(self, records: list[_MovementRow]) -> list[_MovementRow]:
        seen: dict[tuple, _MovementRow] = {}
        for r in records:
            if r.number is not None and r.number not in self.employee_ids:
                self.bad_value(
                    r.row,
                    "employee_number",
                    r.number,
                    _("is not an employee in Groeipad (import employees first)"),
                )
            elif r.number is not None and r.date is not None and r.kind is not None:
                key = r.key()
                if first := seen.get(key):
                    self.error(
                        r.row,
                        "employee_number",
                        _("the %(kind)s of %(number)s on %(date)s is also on line %(line)d")
                        % {
                            "number": r.number,
                            "date": r.date.isoformat(),
                            "kind": MovementKind(r.kind).label,
                            "line": first.row.line,
                        },
                    )
                seen.setdefault(key, r)
        return list(seen.values())

    def _fields(self, r: _MovementRow) -> dict[str, Any]:
        return {
            "department_id": r.department.id if r.department else None,
            "job_profile_id": self.jobs.id_of(r.job_title),
        }

    def apply(self) -> None:
        self.departments.save()
        self.jobs.save()
        Movement.objects.bulk_create(
            [
                Movement(
                    employee_id=self.employee_ids[number],
                    date=day,
                    kind=kind,
                    **self._fields(r),
                )
                for r in self.creates
                for number, day, kind in [r.key()]
            ],
            batch_size=1000,
        )
        Movement.objects.bulk_update(
            [Movement(pk=pk, **self._fields(r)) for pk, r in self.updates],
            ["department", "job_profile"],
            batch_size=500,
        )


def import_movements(
    *,
    path_or_file,
    name: str | None = None,
    actor: Actor | str,
    dry_run: bool = False,
    progress=None,
) -> ImportResult:
    """Add and correct internal moves (history only); see docs/import-formats.md."""
    return MovementImport(
        path_or_file=path_or_file, name=name, actor=actor, dry_run=dry_run, progress=progress
    ).run()
