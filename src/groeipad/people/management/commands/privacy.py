"""``groeipad privacy export|erase|retention``: the AVG rights from the command line.

groeipad privacy export EMPLOYEE_NUMBER -o file.zip    (article 15, audited)
groeipad privacy erase EMPLOYEE_NUMBER [--dry-run]     (article 17, leavers only)
groeipad privacy retention [--dry-run]                 (what the daily task does)
"""

from __future__ import annotations

from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from groeipad.people.rights import employee_erase, retention_apply, subject_access_export
from groeipad.people.scope import system_viewer
from groeipad.people.selectors import employee_by_number


class Command(BaseCommand):
    help = (
        "export: everything Groeipad holds about an employee, as a ZIP (HTML and JSON); "
        "erase: erase a leaver's personal data and pseudonymise the record; "
        "retention: apply the retention periods now"
    )

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="what", required=True)
        export = sub.add_parser("export", help="write the subject-access export (a ZIP)")
        export.add_argument("employee_number")
        export.add_argument("-o", "--output", required=True, help="the ZIP file to write")
        erase = sub.add_parser("erase", help="erase a leaver (article 17)")
        erase.add_argument("employee_number")
        erase.add_argument("--dry-run", action="store_true", help="only count what would go")
        retention = sub.add_parser("retention", help="apply the retention periods")
        retention.add_argument("--dry-run", action="store_true", help="only count what would go")

    def _employee(self, number: str):
        employee = employee_by_number(number.strip())
        if employee is None:
            raise CommandError(f"No employee with number {number!r}.")
        return employee

    def handle(self, *args, what: str, **options):
        actor = system_viewer()
        if what == "export":
            employee = self._employee(options["employee_number"])
            content = subject_access_export(actor, employee)
            path = Path(options["output"])
            try:
                path.write_bytes(content)
            except OSError as error:
                raise CommandError(f"Cannot write {path}: {error.strerror}.") from None
            self.stdout.write(f"Written {path} ({len(content)} bytes).")
        elif what == "erase":
            employee = self._employee(options["employee_number"])
            dry_run = options["dry_run"]
            try:
                result = employee_erase(actor, employee, dry_run=dry_run)
            except ValidationError as error:
                raise CommandError(" ".join(error.messages)) from None
            for key, count in result.counts.items():
                self.stdout.write(f"  {key:<24} {count:>6}")
            if dry_run:
                self.stdout.write(f"Dry run: {result.total} records would go; nothing changed.")
            elif result.changed:
                self.stdout.write(f"Erased {result.total} records; now {employee.employee_number}.")
            else:
                self.stdout.write("Already erased: nothing changed.")
        else:
            dry_run = options["dry_run"]
            applied = retention_apply(dry_run=dry_run)
            for row in applied.as_dict()["rules"]:
                self.stdout.write(
                    f"  {row['rule']:<12} {row['people']:>6} people {row['records']:>8} records"
                )
            self.stdout.write("Dry run: nothing changed." if dry_run else "Retention applied.")
