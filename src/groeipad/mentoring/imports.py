"""Importing the participants of a mentoring programme.

Key: (programme, employee_number). Columns ``employee_number``, ``role`` (mentor or
mentee), ``capacity`` (mentors: how many mentees, default 1; mentees: empty or 1),
``offers`` and ``wants`` (competency names separated by ``;``, Dutch or English,
case-insensitive), ``languages`` (separated by ``;`` or ``,``). The programme is created
when it is new. Participants not in the file are left alone.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import models
from django.utils.translation import gettext as _

from groeipad.lib.importing import Column, Importer, ImportResult, choices
from groeipad.lib.spreadsheets import Row
from groeipad.mentoring.models import Participant, Programme, Role
from groeipad.people.models import Employee
from groeipad.skills.models import Competency

ROLES = choices((Role.MENTOR, ("mentor",)), (Role.MENTEE, ("mentee", "mentoree")))
PROGRAMME_NAME_MAX = 200


@dataclass
class _ParticipantRow:
    row: Row
    number: str | None
    role: str | None
    capacity: int
    offers: frozenset
    wants: frozenset
    languages: str

    # Rows that reach planning and applying passed the checks: number and role are set.
    @property
    def key(self) -> str:
        assert self.number is not None
        return self.number

    @property
    def role_value(self) -> str:
        assert self.role is not None
        return self.role


class MentoringImport(Importer):
    kind = "mentoring"
    columns = (
        Column("employee_number", "personeelsnummer", required=True),
        Column("role", "rol", required=True),
        Column("capacity", "capaciteit"),
        Column("offers", "biedt"),
        Column("wants", "zoekt"),
        Column("languages", "talen"),
    )

    def __init__(self, *, programme: str, **options):
        super().__init__(**options)
        self.programme_name = programme.strip()
        by_name: dict[str, set[int]] = {}
        for pk, name_nl, name_en in Competency.objects.values_list("id", "name_nl", "name_en"):
            for name in {name_nl.strip().casefold(), name_en.strip().casefold()} - {""}:
                by_name.setdefault(name, set()).add(pk)
        self.competencies = by_name

    def _competencies(self, row: Row, column: str) -> frozenset:
        text = self.text(row, column) or ""
        found = set()
        for name in (part.strip() for part in text.split(";")):
            if not name:
                continue
            ids = self.competencies.get(name.casefold(), set())
            if len(ids) != 1:
                reason = (
                    _("is not a known competency (Dutch or English name)")
                    if not ids
                    else _("names more than one competency; rename one of them")
                )
                self.bad_value(row, column, name, reason)
                return frozenset()
            found |= ids
        return frozenset(found)

    def parse_row(self, row: Row) -> _ParticipantRow:
        role = self.choice(row, "role", ROLES, required=True)
        capacity = self.integer(row, "capacity")
        if capacity is not None and capacity < 1:
            self.bad_value(row, "capacity", self.raw(row, "capacity"), _("is below 1"))
        elif capacity is not None and capacity > 1 and role == Role.MENTEE:
            self.bad_value(
                row,
                "capacity",
                self.raw(row, "capacity"),
                _("is for mentors; a mentee has one mentor"),
            )
        elif capacity is not None and capacity > 100:
            self.bad_value(row, "capacity", self.raw(row, "capacity"), _("is above 100"))
        languages = self.text(row, "languages", max_length=200) or ""
        parts = [p.strip().lower() for p in languages.replace(";", ",").split(",") if p.strip()]
        return _ParticipantRow(
            row=row,
            number=self.text(row, "employee_number", required=True),
            role=role,
            capacity=capacity or 1,
            offers=self._competencies(row, "offers"),
            wants=self._competencies(row, "wants"),
            languages=", ".join(sorted(set(parts))),
        )

    def plan(self, records: list[_ParticipantRow]) -> None:
        if not self.programme_name or len(self.programme_name) > PROGRAMME_NAME_MAX:
            self._problem(
                self.result.errors,
                1,
                1,
                _("the programme name must be 1 to %(max)d characters")
                % {"max": PROGRAMME_NAME_MAX},
            )
            return
        self.programme = Programme.objects.filter(name=self.programme_name).first()
        if self.programme is not None and self.programme.closed_at is not None:
            self._problem(
                self.result.errors,
                1,
                1,
                _("the programme %(name)s is closed; nobody joins it any more")
                % {"name": self.programme_name},
            )
            return
        if self.programme is None:
            self.result.notes.append(
                _('programme "%(name)s" is new and will be created') % {"name": self.programme_name}
            )
        self.employee_ids = dict(Employee.objects.values_list("employee_number", "id"))
        existing = {}
        if self.programme is not None:
            participants = Participant.objects.filter(programme=self.programme)
            offers: dict[int, set[int]] = {}
            wants: dict[int, set[int]] = {}
            for pid, cid in Participant.offers.through.objects.filter(
                participant__programme=self.programme
            ).values_list("participant_id", "competency_id"):
                offers.setdefault(pid, set()).add(cid)
            for pid, cid in Participant.wants.through.objects.filter(
                participant__programme=self.programme
            ).values_list("participant_id", "competency_id"):
                wants.setdefault(pid, set()).add(cid)
            for pk, employee_id, role, capacity, languages in participants.values_list(
                "id", "employee_id", "role", "capacity", "languages"
            ):
                existing[employee_id] = (
                    pk,
                    (role, capacity, frozenset(offers.get(pk, ())), frozenset(wants.get(pk, ()))),
                    languages,
                )
        seen: dict[str, _ParticipantRow] = {}
        for r in records:
            if r.number is None:
                continue
            if r.number not in self.employee_ids:
                self.bad_value(
                    r.row,
                    "employee_number",
                    r.number,
                    _("is not an employee in Groeipad (import employees first)"),
                )
            elif first := seen.get(r.number):
                self.bad_value(
                    r.row,
                    "employee_number",
                    r.number,
                    _("is also on line %(line)d") % {"line": first.row.line},
                )
            else:
                seen[r.number] = r
        if self.result.errors:
            return
        self.creates, self.updates = [], []
        for r in seen.values():
            old = existing.get(self.employee_ids[r.key])
            if old is None:
                self.creates.append(r)
            elif old[1:] != ((r.role, r.capacity, r.offers, r.wants), r.languages):
                self.updates.append((old[0], r))
            else:
                self.result.unchanged += 1
        self.result.created, self.result.updated = len(self.creates), len(self.updates)

    def apply(self) -> None:
        if self.programme is None:
            self.programme = Programme.objects.create(name=self.programme_name)
        Participant.objects.bulk_create(
            [
                Participant(
                    programme=self.programme,
                    employee_id=self.employee_ids[r.key],
                    role=r.role_value,
                    capacity=r.capacity,
                    languages=r.languages,
                )
                for r in self.creates
            ],
            batch_size=1000,
        )
        # The new rows' ids by employee, without relying on bulk_create returning them.
        ids = dict(
            Participant.objects.filter(programme=self.programme).values_list("employee_id", "id")
        )
        Participant.objects.bulk_update(
            [
                Participant(pk=pk, role=r.role_value, capacity=r.capacity, languages=r.languages)
                for pk, r in self.updates
            ],
            ["role", "capacity", "languages"],
            batch_size=500,
        )
        rows = [*self.creates, *(r for _pk, r in self.updates)]
        changed = [ids[self.employee_ids[r.key]] for r in rows]
        links: tuple[tuple[type[models.Model], str], ...] = (
            (Participant.offers.through, "offers"),
            (Participant.wants.through, "wants"),
        )
        for through, attribute in links:
            through._default_manager.filter(participant_id__in=changed).delete()
            through._default_manager.bulk_create(
                [
                    through(participant_id=ids[self.employee_ids[r.key]], competency_id=cid)
                    for r in rows
                    for cid in sorted(getattr(r, attribute))
                ],
                batch_size=1000,
            )


def import_mentoring(
    *,
    path_or_file,
    programme: str,
    name: str | None = None,
    actor,
    dry_run: bool = False,
    progress=None,
) -> ImportResult:
    """Add or update the participants of ``programme`` (created when new)."""
    return MentoringImport(
        path_or_file=path_or_file,
        programme=programme,
        name=name,
        actor=actor,
        dry_run=dry_run,
        progress=progress,
    ).run()
