"""Background tasks of the notifications app (django-tasks; ``groeipad worker`` runs them).

Each task takes plain values and is safe to run twice: the scan inserts reminders under
unique keys, each reminder's e-mail is queued once (its outbox key), and a delivery
claims its mail before sending it.
"""

from __future__ import annotations

from datetime import date, datetime

from django.utils import timezone

from groeipad.lib.tasks import enqueue_once

try:  # Django 6 ships the task framework itself.
    from django.tasks import task
except ImportError:  # Django 5.2: the django-tasks package.
    from django_tasks import task


@task()
def deliver_email(email_id: int) -> str:
    """Send one queued e-mail (a no-op when it is sent, failed, not due or claimed)."""
    from groeipad.notifications.services import email_deliver

    return email_deliver(email_id)


@task()
def deliver_due_emails() -> int:
    """Send every queued e-mail that is due, and take over expired claims."""
    from groeipad.notifications.services import emails_deliver_due

    return emails_deliver_due()


@task()
def scan_reminders(today: str | None = None) -> dict:
    """Record the reminders due today and queue the e-mail of those not e-mailed yet."""
    from groeipad.notifications.reminders import reminders_scan, reminders_send

    day = date.fromisoformat(today) if today else timezone.localdate()
    created = reminders_scan(today=day)
    emailed = reminders_send()
    return {"day": day.isoformat(), "created": created, "emailed": emailed}


def scan_slot(now: datetime, every_minutes: int) -> int:
    return int(now.timestamp()) // (every_minutes * 60)


def schedule_scan(*, now: datetime, every_minutes: int) -> bool:
    """Enqueue the reminder scan for the time slot ``now`` falls in, once across workers.

    Every worker calls this each slot; the key turns all but the first into no-ops, so
    five workers still mean one scan per slot. (The scan is idempotent as well, so a
    second one would change nothing: the key only saves the work.)
    """
    key = f"scan_reminders:{every_minutes}:{scan_slot(now, every_minutes)}"
    return enqueue_once(scan_reminders, key) is not None


def schedule_email_sweep(*, now: datetime, every_minutes: int) -> bool:
    """Enqueue the outbox sweep (``emails_deliver_due``) once per slot across workers.

    Deliveries are enqueued after each commit and retries with ``run_after``; the sweep
    catches what those missed: a lost enqueue, or a worker killed while holding a mail.
    """
    key = f"deliver_due_emails:{every_minutes}:{scan_slot(now, every_minutes)}"
    return enqueue_once(deliver_due_emails, key) is not None
