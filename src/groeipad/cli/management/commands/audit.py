"""``groeipad audit prune|list``: the audit log's maintenance and a look into it.

``groeipad audit prune [--before DATE | --older-than-days N] [--dry-run]`` removes the
entries from before a date: the audit log's own retention (default: the "audit" rule,
seven years, setting ``GROEIPAD_RETENTION_AUDIT_DAYS``). It is the only way past the
database's protection of the log (``privacy.db``): on SQLite it drops the triggers,
deletes and re-creates them in one transaction; on PostgreSQL it switches the triggers
off and on again in one transaction, which only the table's owner may, so production
runs it with the owner's ``DATABASE_URL``. It writes an audit entry of its own.

``groeipad audit protect`` (re-)creates the triggers and, on PostgreSQL, revokes UPDATE,
DELETE and TRUNCATE from the application's role (``GROEIPAD_DB_APP_ROLE``) where it can;
the migration does the same, this is for a table that was rebuilt or a role added later.

``groeipad audit list [--since DATE] [--until DATE] [--type TYPE] [--action ACTION]
[--actor EMAIL] [--employee NUMBER] [--page N]`` prints one page of the log, newest first.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError, connection, transaction
from django.utils import timezone

from groeipad.privacy import db, registry, selectors
from groeipad.privacy.forms import AuditFilterForm
from groeipad.privacy.services import PruneError, audit_prune


class Command(BaseCommand):
    requires_system_checks: list[str] = []
    help = "Prune the audit log past its retention, or list a page of it."

    def add_arguments(self, parser: Any) -> None:
        commands = parser.add_subparsers(dest="what", required=True, metavar="prune|protect|list")
        prune = commands.add_parser("prune", help="remove entries older than the retention")
        when = prune.add_mutually_exclusive_group()
        when.add_argument("--before", metavar="DATE", help="remove entries before YYYY-MM-DD")
        when.add_argument(
            "--older-than-days",
            type=int,
            metavar="N",
            help="remove entries older than N days (default: the audit retention rule)",
        )
        prune.add_argument("--dry-run", action="store_true", help="only count")
        commands.add_parser("protect", help="(re-)create the database's protection of the log")
        listing = commands.add_parser("list", help="one page of the log, newest first")
        listing.add_argument("--since", metavar="DATE")
        listing.add_argument("--until", metavar="DATE")
        listing.add_argument("--type", dest="object_type", metavar="TYPE")
        listing.add_argument("--action", metavar="ACTION")
        listing.add_argument("--actor", metavar="EMAIL")
        listing.add_argument("--employee", metavar="NUMBER")
        listing.add_argument("--page", default="1", metavar="N")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["what"] == "prune":
            self._prune(options)
        elif options["what"] == "protect":
            self._protect()
        else:
            self._list(options)

    def _cutoff(self, options: dict) -> dt.datetime:
        if options["before"]:
            try:
                day = dt.date.fromisoformat(options["before"])
            except ValueError:
                raise CommandError(
                    f"--before: {options['before']!r} is not a date; use YYYY-MM-DD."
                ) from None
            return timezone.make_aware(dt.datetime.combine(day, dt.time.min))
        days = options["older_than_days"]
        if days is None:
            days = registry.retention_days("audit")
        if days < 1:
            raise CommandError(f"--older-than-days: {days} must be 1 or more.")
        return timezone.now() - dt.timedelta(days=days)

    def _prune(self, options: dict) -> None:
        before = self._cutoff(options)
        try:
            count = audit_prune(actor=None, before=before, dry_run=options["dry_run"])
        except PruneError as error:
            raise CommandError(str(error)) from None
        moment = timezone.localtime(before).strftime("%Y-%m-%d %H:%M")
        verb = "Would remove" if options["dry_run"] else "Removed"
        self.stdout.write(f"{verb} {count} audit entries from before {moment}.")

    def _protect(self) -> None:
        try:
            with transaction.atomic():
                db.install(connection)
        except DatabaseError as error:
            raise CommandError(
                f"Could not create the audit log's triggers ({error}); run this as the owner "
                "of the tables (the owner's DATABASE_URL)."
            ) from None
        self.stdout.write(f"Triggers in place: {', '.join(db.trigger_names(connection))}.")
        self.stdout.write(db.revoke(connection) + ".")

    def _list(self, options: dict) -> None:
        keys = ("since", "until", "object_type", "action", "actor", "employee", "page")
        form = AuditFilterForm({key: options.get(key) or "" for key in keys})
        if not form.is_valid():
            raise CommandError(form.errors_text())
        filters = {k: v for k, v in form.cleaned_data.items() if k != "page" and v}
        page = selectors.audit_page(page=form.cleaned_data["page"] or 1, **filters)
        for event in page.entries:
            at = timezone.localtime(event.at).strftime("%Y-%m-%d %H:%M:%S")
            self.stdout.write(
                f"{at}  {event.actor_label}  {event.action}  {event.object_type} "
                f"{event.object_id}  {event.summary}"
            )
        if page.has_next:
            self.stdout.write(f"(more: --page {page.page + 1})")
