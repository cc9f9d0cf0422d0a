"""``groeipad feedback start (--department PATH | --employees N,N) --closes-on DATE``."""

from __future__ import annotations

import getpass
import json
import re
from datetime import date, timedelta

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from groeipad.feedback import services
from groeipad.feedback.selectors import group_employees
from groeipad.people.selectors import DepartmentNotFound, department_by_name


def _actor() -> str:
    try:
        return _("command line (%(user)s)") % {"user": getpass.getuser()}
    except (KeyError, OSError):
        return _("command line")


class Command(BaseCommand):
    requires_system_checks: list[str] = []
    help = "360-degree feedback: start draft rounds for a group."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        start = sub.add_parser(
            "start",
            help="start draft rounds; each employee adds raters and opens their own round",
        )
        group = start.add_mutually_exclusive_group(required=True)
        group.add_argument(
            "--department",
            metavar="PATH",
            help="a department (name or path like Operations/Planning) with its sub-departments",
        )
        group.add_argument(
            "--employees", metavar="NUMBERS", help="employee numbers, separated by commas"
        )
        start.add_argument(
            "--closes-on",
            metavar="DATE",
            help="closing date, YYYY-MM-DD (default: four weeks from today)",
        )
        start.add_argument("--json", dest="as_json", action="store_true", help="print JSON")

    def handle(self, *args, action, department, employees, closes_on, as_json, **options):
        if closes_on:
            try:
                closes = date.fromisoformat(closes_on)
            except ValueError:
                raise CommandError(
                    f"--closes-on: {closes_on!r} is not a date; use YYYY-MM-DD."
                ) from None
        else:
            closes = timezone.localdate() + timedelta(days=28)
        actor = _actor()
        try:
            with transaction.atomic():
                if department:
                    try:
                        found = department_by_name(department)
                    except DepartmentNotFound:
                        raise CommandError(
                            f"--department: no department (or more than one) named {department!r}."
                        ) from None
                    people = group_employees(actor, department_id=found.pk)
                else:
                    numbers = [n for n in re.split(r"[\s,;]+", employees) if n]
                    people = group_employees(actor, numbers=numbers)
                result = services.rounds_start_for_group(
                    actor=actor, employees=people, closes_on=closes
                )
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from None
        if as_json:
            self.stdout.write(
                json.dumps(
                    {
                        "started": [
                            {"id": r.pk, "employee_number": r.employee.employee_number}
                            for r in result.started
                        ],
                        "skipped": [
                            {"employee_number": e.employee_number, "reason": str(reason)}
                            for e, reason in result.skipped
                        ],
                    },
                    ensure_ascii=False,
                    indent=2,
                )
            )
            return
        for feedback_round in result.started:
            employee = feedback_round.employee
            self.stdout.write(
                _("%(number)s %(name)s: draft round started")
                % {"number": employee.employee_number, "name": employee.full_name}
            )
        for employee, reason in result.skipped:
            self.stdout.write(
                _("%(number)s %(name)s: skipped, %(reason)s")
                % {
                    "number": employee.employee_number,
                    "name": employee.full_name,
                    "reason": reason,
                }
            )
        self.stdout.write(
            _("%(started)d draft rounds started, %(skipped)d skipped; closes %(date)s")
            % {
                "started": len(result.started),
                "skipped": len(result.skipped),
                "date": closes.isoformat(),
            }
        )
