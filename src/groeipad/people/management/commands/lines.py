"""``groeipad lines check|rebuild``: the reporting-line closure against the managers on record."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from groeipad.people import reporting_lines


class Command(BaseCommand):
    help = (
        "check: compare the reporting-line closure with a walk of the managers on record "
        "(exit 1 when they differ); rebuild: make the closure anew from the managers"
    )

    def add_arguments(self, parser):
        parser.add_argument("what", choices=["check", "rebuild"])

    def handle(self, *args, what: str, **options):
        if what == "rebuild":
            rows = reporting_lines.rebuild()
            self.stdout.write(f"Reporting lines rebuilt: {rows} rows.")
            return
        stored, walked = reporting_lines.stored_pairs(), reporting_lines.walk_pairs()
        if stored != walked:
            raise CommandError(
                f"The closure differs from the managers on record: {len(walked - stored)} "
                f"missing, {len(stored - walked)} extra. Run 'groeipad lines rebuild'."
            )
        self.stdout.write(f"Reporting lines are consistent: {len(stored)} rows.")
