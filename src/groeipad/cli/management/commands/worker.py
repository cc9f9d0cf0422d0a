"""``groeipad worker``: run background tasks beside the web server and schedule the scan.

The queue lives in the database (django-tasks-db), so a worker needs no other server.
Next to running queued tasks, each worker enqueues the reminder scan and the outbox sweep
(e-mail that is due, or whose worker died) once per time slot (``--scan-every``
minutes); the slot's key lets only one of several workers enqueue them.
Run as many workers as you like, on one machine or several.
"""

from __future__ import annotations

import signal
import threading

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import close_old_connections, connection
from django.utils import timezone

from groeipad.feedback.tasks import schedule_rater_reminders
from groeipad.mobility.tasks import schedule_transfers
from groeipad.notifications.tasks import schedule_email_sweep, schedule_scan
from groeipad.people.tasks import schedule_leaver_accounts, schedule_retention

_SIGNALS = [s for s in ("SIGINT", "SIGTERM", "SIGQUIT") if hasattr(signal, s)]


class Scheduler(threading.Thread):
    """Enqueues the reminder scan at the start of every slot until told to stop."""

    def __init__(self, every_minutes: int):
        super().__init__(name="groeipad-scan-scheduler", daemon=True)
        self.every = every_minutes * 60
        self.stopped = threading.Event()

    def run(self) -> None:
        try:
            while not self.stopped.is_set():
                now = timezone.now()
                # Wake just after the next slot starts (a second's margin for clock skew).
                wait = self.every - now.timestamp() % self.every + 1
                if self.stopped.wait(wait):
                    break
                schedule_scan(now=timezone.now(), every_minutes=self.every // 60)
                schedule_email_sweep(now=timezone.now(), every_minutes=self.every // 60)
                schedule_rater_reminders(now=timezone.now(), every_minutes=self.every // 60)
                schedule_transfers(now=timezone.now(), every_minutes=self.every // 60)
                schedule_leaver_accounts(now=timezone.now())
                schedule_retention(now=timezone.now())
                close_old_connections()
        finally:
            connection.close()


class Command(BaseCommand):
    help = "Run background tasks (reminders, e-mail) and schedule the reminder scan."

    def add_arguments(self, parser):
        parser.add_argument(
            "--scan-every",
            type=int,
            default=settings.REMINDER_SCAN_MINUTES,
            metavar="MINUTES",
            help="minutes between reminder scans; 0 schedules none (default: %(default)s)",
        )
        parser.add_argument(
            "--interval",
            type=float,
            default=2.0,
            metavar="SECONDS",
            help="seconds to wait when the queue is empty (default: %(default)s)",
        )
        parser.add_argument(
            "--batch",
            action="store_true",
            help="schedule this slot's scan, run every queued task, then stop (for cron or tests)",
        )

    def handle(self, *args, scan_every, interval, batch, verbosity, **options):
        if scan_every < 0:
            raise CommandError("--scan-every: give a number of minutes, 0 or more.")
        if scan_every:
            # Straight away, so a fresh start does not wait a whole slot.
            schedule_scan(now=timezone.now(), every_minutes=scan_every)
            schedule_email_sweep(now=timezone.now(), every_minutes=scan_every)
            schedule_rater_reminders(now=timezone.now(), every_minutes=scan_every)
            schedule_transfers(now=timezone.now(), every_minutes=scan_every)
            schedule_leaver_accounts(now=timezone.now())
            schedule_retention(now=timezone.now())
        scheduler = Scheduler(scan_every) if scan_every and not batch else None
        if scheduler:
            scheduler.start()
        if not batch and verbosity:
            self.stdout.write(
                f"Groeipad worker runs; reminder scan every {scan_every} minutes (Ctrl+C stops it)"
                if scan_every
                else "Groeipad worker runs; no reminder scan (Ctrl+C stops it)"
            )
        # The queue's own worker installs signal handlers; hand the old ones back after.
        previous = {name: signal.getsignal(getattr(signal, name)) for name in _SIGNALS}
        try:
            call_command(
                "db_worker",
                queue_name="*",
                interval=interval,
                batch=batch,
                reload=False,
                startup_delay=not batch,
                verbosity=verbosity,
            )
        finally:
            if scheduler:
                scheduler.stopped.set()
            for name, handler in previous.items():
                signal.signal(getattr(signal, name), handler)
