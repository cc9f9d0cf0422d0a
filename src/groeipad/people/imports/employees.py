"""Importing employees: key employee_number; see docs/import-formats.md."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils import timezone
from django.utils.translation import gettext as _

from groeipad.lib.bulk import insert_rows
from groeipad.lib.importing import Column, Importer, ImportResult, choices
from groeipad.lib.spreadsheets import Row
from groeipad.people import reporting_lines
from groeipad.people.accounts import leaver_accounts_deactivate
from groeipad.people.imports.references import (
    is_pending,
    note_new,
    resolve_departments,
    resolve_job_profiles,
)
from groeipad.people.models import Employee, LeaveReason

if TYPE_CHECKING:
    from groeipad.lib.actions import Actor

LEAVE_REASONS = choices(
    (LeaveReason.VOLUNTARY, ("vrijwillig",)),
    (LeaveReason.INVOLUNTARY, ("onvrijwillig",)),
)
FTE_MAX = Decimal("1.2")
# Compared one to one with the file's values; department, job and manager by reference.
_PLAIN_FIELDS = (
    "first_name",
    "last_name",
    "email",
    "hire_date",
    "leave_date",
    "leave_reason",
    "annual_salary",
    "fte",
)
_LOADED_FIELDS = ("id", "version", "department_id", "job_profile_id", "manager_id", *_PLAIN_FIELDS)


@dataclass
class _EmployeeRow:
    row: Row
    number: str | None
    first_name: str | None
    last_name: str | None
    email: str | None
    department: Any  # the text in the file, then its Node
    job_title: str | None  # the text in the file, then its JobProfileResolver key
    manager: str | None
    hire_date: date | None
    leave_date: date | None
    leave_reason: str | None
    annual_salary: Decimal | None
    fte: Decimal | None
    changed: bool = True


class EmployeeImport(Importer):
    kind = "employees"
    columns = (
        Column("employee_number", "personeelsnummer", required=True),
        Column("first_name", "voornaam", required=True),
        Column("last_name", "achternaam", required=True),
        Column("email", "e-mail", required=True),
        Column("department", "afdeling", required=True),
        Column("job_title", "functie"),
        Column("manager_number", "leidinggevende"),
        Column("hire_date", "datum_in_dienst", required=True),
        Column("leave_date", "datum_uit_dienst"),
        Column("leave_reason", "reden_uit_dienst"),
        Column("annual_salary", "jaarsalaris"),
        Column("fte", "fte"),
    )

    def parse_row(self, row: Row) -> _EmployeeRow:
        r = _EmployeeRow(
            row=row,
            number=self.text(row, "employee_number", required=True, max_length=50),
            first_name=self.text(row, "first_name", required=True, max_length=100),
            last_name=self.text(row, "last_name", required=True, max_length=150),
            email=self.text(row, "email", required=True, max_length=254),
            department=self.text(row, "department", required=True),
            job_title=self.text(row, "job_title", max_length=200),
            manager=self.text(row, "manager_number", max_length=50),
            hire_date=self.date(row, "hire_date", required=True),
            leave_date=self.date(row, "leave_date"),
            leave_reason=self.choice(row, "leave_reason", LEAVE_REASONS),
            annual_salary=self.decimal(row, "annual_salary", places=2, digits=12),
            fte=self.decimal(row, "fte", places=2, digits=4),
        )
        if r.email is not None:
            try:
                validate_email(r.email)
            except ValidationError:
                self.bad_value(row, "email", r.email, _("is not an e-mail address"))
        self._check_leaving(r)
        if r.fte is not None and not (0 < r.fte <= FTE_MAX):
            self.bad_value(
                row, "fte", self.raw(row, "fte"), _("is out of range (more than 0, at most 1.2)")
            )
        if r.annual_salary is not None and r.annual_salary < 0:
            self.bad_value(row, "annual_salary", self.raw(row, "annual_salary"), _("is negative"))
        if r.manager is not None and r.manager == r.number:
            self.bad_value(
                row,
                "manager_number",
                r.manager,
                _("is this employee's own number; nobody can manage themself"),
            )
            r.manager = None
        return r

    def _check_leaving(self, r: _EmployeeRow) -> None:
        row, bad = r.row, self.bad_columns
        if r.leave_date and r.hire_date and r.leave_date < r.hire_date:
            self.bad_value(
                row,
                "leave_date",
                self.raw(row, "leave_date"),
                _("is before the hire date %(hire_date)s") % {"hire_date": r.hire_date.isoformat()},
            )
        if r.leave_date and not r.leave_reason and "leave_reason" not in bad:
            self.error(
                row,
                "leave_reason" if "leave_reason" in self.index else "leave_date",
                _(
                    "leave_reason is empty; it is required when there is a leave date "
                    "(voluntary/vrijwillig or involuntary/onvrijwillig)"
                ),
            )
        if r.leave_reason and not r.leave_date and "leave_date" not in bad:
            self.bad_value(
                row,
                "leave_reason",
                self.raw(row, "leave_reason"),
                _("is given but there is no leave date"),
            )

    def plan(self, records: list[_EmployeeRow]) -> None:
        self.existing = {
            number: dict(zip(_LOADED_FIELDS, values, strict=True))
            for number, *values in Employee.objects.values_list("employee_number", *_LOADED_FIELDS)
        }
        self.number_of_id = {old["id"]: number for number, old in self.existing.items()}
        in_file = self._unique_numbers(records)
        self._check_emails(records, in_file)
        self._check_managers(records, in_file)
        self.departments = resolve_departments(self, records)
        self.jobs = resolve_job_profiles(records)
        note_new(self.result, self.departments, self.jobs)
        if self.result.errors:
            return
        self.records = list(in_file.values())
        for r in self.records:
            old = self.existing.get(r.number)
            if old is None:
                self.result.created += 1
            elif self._same(r, old):
                r.changed = False
                self.result.unchanged += 1
            else:
                self.result.updated += 1

    def _unique_numbers(self, records) -> dict[str, _EmployeeRow]:
        seen: dict[str, _EmployeeRow] = {}
        for r in records:
            if r.number is None:
                continue
            if first := seen.get(r.number):
                self.bad_value(
                    r.row,
                    "employee_number",
                    r.number,
                    _("is also on line %(line)d") % {"line": first.row.line},
                )
            else:
                seen[r.number] = r
        return seen

    def _check_emails(self, records, in_file) -> None:
        # Employees not in the file keep their address; the file decides the others'.
        taken = {
            old["email"].casefold(): number
            for number, old in self.existing.items()
            if number not in in_file
        }
        seen: dict[str, _EmployeeRow] = {}
        for r in records:
            if r.email is None or "email" in self.bad_columns:
                continue
            key = r.email.casefold()
            if first := seen.get(key):
                self.bad_value(
                    r.row,
                    "email",
                    r.email,
                    _("is also on line %(line)d") % {"line": first.row.line},
                )
            elif (other := taken.get(key)) and other != r.number:
                self.bad_value(
                    r.row,
                    "email",
                    r.email,
                    _("is already the e-mail address of employee %(number)s") % {"number": other},
                )
            seen.setdefault(key, r)

    def _check_managers(self, records, in_file) -> None:
        # The management lines as they will be after the import: the file's rows
        # over the database's, so a cycle through employees not in the file shows too.
        manager_of = {
            number: self.number_of_id.get(old["manager_id"])
            for number, old in self.existing.items()
        }
        manager_of.update({number: r.manager for number, r in in_file.items()})
        for r in records:
            if r.manager is not None and r.manager not in manager_of:
                self.bad_value(
                    r.row,
                    "manager_number",
                    r.manager,
                    _("is not an employee in this file or in Groeipad"),
                )
                if in_file.get(r.number) is r:
                    manager_of[r.number] = None
        for cycle in _cycles(manager_of, in_file):
            shown = " → ".join([*cycle, cycle[0]])
            for number in cycle:
                if (r := in_file.get(number)) is not None:
                    self.bad_value(
                        r.row,
                        "manager_number",
                        r.manager,
                        _("makes a management cycle: %(cycle)s") % {"cycle": shown},
                    )

    def _same(self, r: _EmployeeRow, old: dict) -> bool:
        new = self._values(r)
        return (
            not is_pending(r.department)
            and r.department.id == old["department_id"]
            and self.jobs.id_of(r.job_title) == old["job_profile_id"]
            and r.manager == self.number_of_id.get(old["manager_id"])
            and all(new[name] == old[name] for name in _PLAIN_FIELDS)
        )

    @staticmethod
    def _values(r: _EmployeeRow) -> dict[str, Any]:
        return {
            "first_name": r.first_name,
            "last_name": r.last_name,
            "email": r.email,
            "hire_date": r.hire_date,
            "leave_date": r.leave_date,
            "leave_reason": r.leave_reason or "",
            "annual_salary": r.annual_salary,
            "fte": r.fte if r.fte is not None else Decimal("1"),
        }

    def apply(self) -> None:
        self.departments.save()
        self.jobs.save()
        now = timezone.now()
        id_of = {number: old["id"] for number, old in self.existing.items()}
        changed = [r for r in self.records if r.changed]
        self._park_emails(changed, id_of)
        # Managers first, layer by layer, so every new employee's manager has an id.
        fields = [
            "employee_number",
            "created_at",
            "updated_at",
            "version",
            "department_id",
            "job_profile_id",
            "manager_id",
            *_PLAIN_FIELDS,
        ]
        for layer in _layers([r for r in changed if r.number not in id_of], id_of):
            insert_rows(
                Employee,
                fields,
                (
                    (r.number, now, now, 1, *self._references(r, id_of), *self._values(r).values())
                    for r in layer
                ),
            )
            id_of = dict(Employee.objects.values_list("employee_number", "id"))
        updates = [
            Employee(
                pk=old["id"], version=old["version"] + 1, updated_at=now, **self._fields(r, id_of)
            )
            for r in changed
            if (old := self.existing.get(r.number)) is not None
        ]
        Employee.objects.bulk_update(
            updates,
            ["department", "job_profile", "manager", *_PLAIN_FIELDS, "version", "updated_at"],
            batch_size=500,
        )
        # bulk_update bypasses Employee.save: keep the line closure and leavers' accounts
        # true here, in the import's own transaction.
        id_of = dict(Employee.objects.values_list("employee_number", "id"))
        touched = [id_of[r.number] for r in changed]
        reporting_lines.moved(touched)
        leaver_accounts_deactivate(today=timezone.localdate(), employee_ids=touched)

    def _references(self, r: _EmployeeRow, id_of: dict) -> tuple:
        return (
            r.department.id,
            self.jobs.id_of(r.job_title),
            id_of[r.manager] if r.manager else None,
        )

    def _fields(self, r: _EmployeeRow, id_of: dict) -> dict[str, Any]:
        department_id, job_profile_id, manager_id = self._references(r, id_of)
        return {
            **self._values(r),
            "department_id": department_id,
            "job_profile_id": job_profile_id,
            "manager_id": manager_id,
        }

    def _park_emails(self, changed: list[_EmployeeRow], id_of: dict) -> None:
        """Park addresses that change hands in this file, so the unique index never trips."""
        holder_of = {old["email"].casefold(): number for number, old in self.existing.items()}
        parked = []
        for r in changed:
            holder = holder_of.get((r.email or "").casefold())  # required: never empty here
            if holder is not None and holder != r.number:
                pk = id_of[holder]
                parked.append(Employee(pk=pk, email=f"import-{pk}@parked.invalid"))
        if parked:
            Employee.objects.bulk_update(parked, ["email"], batch_size=500)


def _cycles(manager_of: dict[str, str | None], start_from) -> list[list[str]]:
    """Every management cycle reachable from ``start_from``, each once."""
    done: set[str] = set()
    cycles = []
    for start in start_from:
        path: list[str] = []
        on_path: set[str] = set()
        node = start
        while node is not None and node not in done:
            if node in on_path:
                cycles.append(path[path.index(node) :])
                break
            on_path.add(node)
            path.append(node)
            node = manager_of.get(node)
        done.update(path)
    return cycles


def _layers(new: list[_EmployeeRow], id_of: dict) -> list[list[_EmployeeRow]]:
    """New employees grouped so that each one's manager exists before them."""
    by_number = {r.number: r for r in new}
    depth: dict[str | None, int] = {}  # numbers are required: never None here
    for r in new:
        chain = []
        node: _EmployeeRow | None = r
        while node is not None and node.number not in depth:
            chain.append(node)
            node = by_number.get(node.manager) if node.manager not in id_of else None
        level = depth[node.number] + 1 if node is not None else 0
        for item in reversed(chain):
            depth[item.number] = level
            level += 1
    layers: list[list[_EmployeeRow]] = [[] for _ in range(max(depth.values(), default=-1) + 1)]
    for r in new:
        layers[depth[r.number]].append(r)
    return layers


def import_employees(
    *,
    path_or_file,
    name: str | None = None,
    actor: Actor | str,
    dry_run: bool = False,
    progress=None,
) -> ImportResult:
    """Create and update employees from a file; see docs/import-formats.md."""
    return EmployeeImport(
        path_or_file=path_or_file, name=name, actor=actor, dry_run=dry_run, progress=progress
    ).run()
