"""``groeipad feedback start (--department PATH | --employees N,N) --closes-on DATE``,
``groeipad feedback pending [--json]`` (external raters waiting for approval) and
``groeipad feedback close-past`` (what the worker runs: close rounds past their closing
date, and make every closed round's invitations forget who answered)."""

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
from groeipad.feedback.selectors import group_employees, pending_externals
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
        pending = sub.add_parser(
            "pending", help="external raters waiting for approval by the manager or HR"
        )
        pending.add_argument("--json", dest="as_json", action="store_true", help="print JSON")
        sub.add_parser(
            "close-past",
            help="close rounds past their closing date; closed rounds forget who answered",
        )

    def handle(self, *args, action, **options):
        if action == "pending":
            return self._pending(options["as_json"])
        if action == "close-past":
            closed = services.rounds_close_past()
            self.stdout.write(_("%(n)d rounds closed.") % {"n": closed})
            return None
        return self._start(
            department=options["department"],
            employees=options["employees"],
            closes_on=options["closes_on"],
            as_json=options["as_json"],
        )

    def _pending(self, as_json: bool) -> None:
        rows = [
            {
                "rater_id": r.pk,
                "email": r.email,
                "group": r.group,
                "employee_number": r.round.employee.employee_number,
                "round_id": r.round_id,
                "closes_on": r.round.closes_on.isoformat(),
            }
            for r in pending_externals()
        ]
        if as_json:
            self.stdout.write(json.dumps(rows, ensure_ascii=False, indent=2))
            return
        for row in rows:
            self.stdout.write(
                f"{row['rater_id']}\t{row['employee_number']}\t{row['group']}\t{row['email']}"
            )
        self.stdout.write(_("%(n)d external raters wait for approval.") % {"n": len(rows)})

    def _start(self, *, department, employees, closes_on, as_json):
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
