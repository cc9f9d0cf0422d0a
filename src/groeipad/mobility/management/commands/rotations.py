"""``groeipad rotations apply-transfers [--today DATE] [--json]``.

Carries out the chosen transfers whose start date has come (the worker does this every
scan as well; running it again changes nothing) and reports the ones it had to skip.
"""

from __future__ import annotations

import getpass
import json
from datetime import date

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone
from django.utils.translation import gettext as _

from groeipad.mobility.services import transfers_apply


def _actor() -> str:
    try:
        return _("command line (%(user)s)") % {"user": getpass.getuser()}
    except (KeyError, OSError):
        return _("command line")


def _row(item: dict) -> dict:
    return {**item, "number": item["employee_number"], "name": item["employee"]}


class Command(BaseCommand):
    requires_system_checks: list[str] = []
    help = "Rotations and internships: carry out transfers on their start date."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        apply = sub.add_parser(
            "apply-transfers",
            help="move chosen candidates of transfers whose start date has come",
        )
        apply.add_argument(
            "--today", metavar="DATE", help="the day to apply for, YYYY-MM-DD (default: today)"
        )
        apply.add_argument("--json", dest="as_json", action="store_true", help="print JSON")

    def handle(self, *args, action, today, as_json, **options):
        if today:
            try:
                day = date.fromisoformat(today)
            except ValueError:
                raise CommandError(f"--today: {today!r} is not a date; use YYYY-MM-DD.") from None
        else:
            day = timezone.localdate()
        run = transfers_apply(today=day, actor=_actor())
        if as_json:
            self.stdout.write(json.dumps(run.as_dict(), ensure_ascii=False, indent=2))
            return
        for item in run.applied:
            self.stdout.write(
                _("%(number)s %(name)s: transferred to %(department)s on %(date)s") % _row(item)
            )
        for item in run.skipped:
            self.stdout.write(
                _("%(number)s %(name)s: transfer to %(department)s on %(date)s skipped, %(reason)s")
                % _row(item)
            )
        self.stdout.write(
            _("Transfers up to %(date)s: %(applied)d carried out, %(skipped)d skipped")
            % {"applied": len(run.applied), "skipped": len(run.skipped), "date": day.isoformat()}
        )
        if run.skipped:
            self.stderr.write(
                _("Skipped transfers are not tried again; HR decides what happens to them.")
            )
