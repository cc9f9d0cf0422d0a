"""Background tasks of the people app (``groeipad worker`` runs them)."""

from __future__ import annotations

from datetime import date, datetime

from django.utils import timezone

from groeipad.lib.tasks import enqueue_once, task
from groeipad.people.accounts import leaver_accounts_deactivate


@task()
def deactivate_leaver_accounts(today: str | None = None) -> int:
    """Deactivate the accounts of everyone whose leave date has passed (safe to repeat)."""
    day = date.fromisoformat(today) if today else timezone.localdate()
    return leaver_accounts_deactivate(today=day)


def schedule_leaver_accounts(*, now: datetime, every_minutes: int = 0) -> bool:
    """Enqueue today's deactivation once across all workers (a key per Amsterdam day).

    It runs at each worker's first scan of the day; ``every_minutes`` is accepted so
    the worker can call every scheduler alike.
    """
    day = timezone.localdate(now)
    key = f"deactivate_leaver_accounts:{day.isoformat()}"
    return enqueue_once(deactivate_leaver_accounts, key, day.isoformat()) is not None


@task()
def apply_retention(today: str | None = None) -> dict:
    """Erase, per retention rule, what is past its period after leaving (safe to repeat)."""
    from groeipad.people.rights import retention_apply

    day = date.fromisoformat(today) if today else timezone.localdate()
    return retention_apply(today=day).as_dict()


def schedule_retention(*, now: datetime, every_minutes: int = 0) -> bool:
    """Enqueue today's retention run once across all workers (a key per Amsterdam day)."""
    day = timezone.localdate(now)
    key = f"apply_retention:{day.isoformat()}"
    return enqueue_once(apply_retention, key, day.isoformat()) is not None
