"""Background tasks of the plans app (django-tasks; ``groeipad worker`` runs them).

Each task takes plain values, calls the reminders module and is safe to run twice: the
scan inserts reminders under unique keys and e-mail goes out at most once per reminder.
"""

from __future__ import annotations

from datetime import date, datetime

from django.utils import timezone

from groeipad.lib.tasks import enqueue_once
from groeipad.plans.reminders import reminders_scan, reminders_send

try:  # Django 6 ships the task framework itself.
    from django.tasks import task
except ImportError:  # Django 5.2: the django-tasks package.
    from django_tasks import task


@task()
def scan_reminders(today: str | None = None) -> dict:
    """Record the reminders due today and e-mail those not e-mailed yet."""
    day = date.fromisoformat(today) if today else timezone.localdate()
    created = reminders_scan(today=day)
    emailed = reminders_send()
    return {"day": day.isoformat(), "created": created, "emailed": emailed}


@task()
def send_reminders() -> int:
    return reminders_send()


def scan_slot(now: datetime, every_minutes: int) -> int:
    return int(now.timestamp()) // (every_minutes * 60)


def schedule_scan(*, now: datetime, every_minutes: int) -> bool:
    """Enqueue the scan for the time slot ``now`` falls in, once across all workers.

    Every worker calls this each slot; the key turns all but the first into no-ops, so
    five workers still mean one scan per slot. (The scan is idempotent as well, so a
    second one would change nothing: the key only saves the work.)
    """
    key = f"scan_reminders:{every_minutes}:{scan_slot(now, every_minutes)}"
    return enqueue_once(scan_reminders, key) is not None
