"""Importing completed learning activities (history, or from an external learning system).

Key: (employee_number, date, title). The 70-20-10 category follows from the kind, as in
``LearningActivity.save``; bulk writes skip ``save``, so it is set here from the same
table (``CATEGORY_OF_KIND``).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.utils.translation import gettext as _

from groeipad.learning.models import (
    CATEGORY_OF_KIND,
    ActivityKind,
    LearningActivity,
    LearningOffer,
)
from groeipad.lib.actions import Actor
from groeipad.lib.importing import Column, Importer, ImportResult, choices
from groeipad.lib.spreadsheets import Row
from groeipad.people.models import Employee

ACTIVITY_KINDS = choices(
    (ActivityKind.INTERNAL_TRAINING, ("interne_training",)),
    (ActivityKind.EXTERNAL_TRAINING, ("externe_opleiding",)),
    (ActivityKind.MENTORING, ()),
    (ActivityKind.COACHING, ()),
    (ActivityKind.JOB_ROTATION, ("jobrotatie",)),
    (ActivityKind.ON_THE_JOB, ("werkplek",)),
)


@dataclass
class _ActivityRow:
    row: Row
    number: str | None
    date: date | None
    title: str | None
    kind: str | None
    hours: Decimal | None
    cost: Decimal | None


@dataclass
class _ValidRow:
    """A row with its key and kind read: what is planned and written."""

    row: Row
    number: str
    date: date
    title: str
    kind: str
    hours: Decimal | None
    cost: Decimal | None


class LearningImport(Importer):
    kind = "learning"
    columns = (
        Column("employee_number", "personeelsnummer", required=True),
        Column("date", "datum", required=True),
        Column("title", "titel", required=True),
        Column("kind", "soort", required=True),
        Column("hours", "uren"),
        Column("cost", "kosten"),
    )

    def parse_row(self, row: Row) -> _ActivityRow:
        r = _ActivityRow(
            row=row,
            number=self.text(row, "employee_number", required=True),
            date=self.date(row, "date", required=True),
            title=self.text(row, "title", required=True, max_length=300),
            kind=self.choice(row, "kind", ACTIVITY_KINDS, required=True),
            hours=self.decimal(row, "hours", places=2, digits=8),
            cost=self.decimal(row, "cost", places=2, digits=12),
        )
        for column in ("hours", "cost"):
            if (getattr(r, column) or 0) < 0:
                self.bad_value(row, column, self.raw(row, column), _("is negative"))
        return r

    def plan(self, records: list[_ActivityRow]) -> None:
        self.employee_ids = dict(Employee.objects.values_list("employee_number", "id"))
        existing = {
            (employee_id, day, title): (pk, kind, hours, cost, offer_id)
            for pk, employee_id, day, title, kind, hours, cost, offer_id in (
                LearningActivity.objects.values_list(
                    "id", "employee_id", "date", "title", "kind", "hours", "cost", "offer_id"
                )
            )
        }
        unique = self._unique(records)
        if self.result.errors:
            return
        # A row whose title is a catalogue offer's (case and spaces aside) is linked to
        # it, so the completion counts on the offer. Titles looked up once.
        self.offer_ids = {
            title.strip().casefold(): pk
            for pk, title in LearningOffer.objects.values_list("id", "title")
        }
        self.creates: list[_ValidRow] = []
        self.updates: list[tuple[int, _ValidRow]] = []
        for r in unique:
            old = existing.get((self.employee_ids[r.number], r.date, r.title))
            if old is None:
                self.creates.append(r)
            elif old[1:] != (r.kind, r.hours or 0, r.cost or 0, self._offer_id(r)):
                self.updates.append((old[0], r))
            else:
                self.result.unchanged += 1
        self.result.created, self.result.updated = len(self.creates), len(self.updates)

    def _unique(self, records: list[_ActivityRow]) -> list[_ValidRow]:
        """One row per key; rows without a key or kind already carry their error."""
        firsts: dict[tuple, _ActivityRow] = {}
        seen: dict[tuple, _ValidRow] = {}
        for r in records:
            if r.number is not None and r.number not in self.employee_ids:
                self.bad_value(
                    r.row,
                    "employee_number",
                    r.number,
                    _("is not an employee in Groeipad (import employees first)"),
                )
            elif r.number is not None and r.date is not None and r.title is not None:
                key = (r.number, r.date, r.title)
                if first := firsts.get(key):
                    self.bad_value(
                        r.row,
                        "title",
                        r.title,
                        _("on %(date)s for %(number)s is also on line %(line)d")
                        % {"date": r.date.isoformat(), "number": r.number, "line": first.row.line},
                    )
                    continue
                firsts[key] = r
                if r.kind is not None:
                    seen[key] = _ValidRow(r.row, r.number, r.date, r.title, r.kind, r.hours, r.cost)
        return list(seen.values())

    def _offer_id(self, r: _ValidRow) -> int | None:
        return self.offer_ids.get(r.title.strip().casefold())

    def _fields(self, r: _ValidRow) -> dict:
        return {
            "kind": r.kind,
            "category": CATEGORY_OF_KIND[ActivityKind(r.kind)],
            "hours": r.hours or Decimal("0"),
            "cost": r.cost or Decimal("0"),
            "offer_id": self._offer_id(r),
        }

    def apply(self) -> None:
        LearningActivity.objects.bulk_create(
            [
                LearningActivity(
                    employee_id=self.employee_ids[r.number],
                    date=r.date,
                    title=r.title,
                    **self._fields(r),
                )
                for r in self.creates
            ],
            batch_size=1000,
        )
        LearningActivity.objects.bulk_update(
            [LearningActivity(pk=pk, **self._fields(r)) for pk, r in self.updates],
            ["kind", "category", "hours", "cost", "offer"],
            batch_size=500,
        )


def import_learning(
    *,
    path_or_file,
    name: str | None = None,
    actor: Actor,
    dry_run: bool = False,
    progress=None,
) -> ImportResult:
    """Add and correct completed learning activities; see docs/import-formats.md."""
    return LearningImport(
        path_or_file=path_or_file, name=name, actor=actor, dry_run=dry_run, progress=progress
    ).run()
