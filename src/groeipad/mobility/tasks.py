"""Background task: carry out chosen transfers on their start date (``groeipad worker``).

The worker enqueues ``apply_transfers`` once per time slot (``schedule_transfers``, keyed
like the reminder scan, so several workers still mean one run). The run itself is
idempotent too: each transfer is settled once under a row lock (services.transfers_apply).
"""

from __future__ import annotations

from datetime import date, datetime

from django.utils import timezone

from groeipad.lib.tasks import enqueue_once, task
from groeipad.mobility.services import transfers_apply


@task()
def apply_transfers(today: str | None = None) -> dict:
    day = date.fromisoformat(today) if today else timezone.localdate()
    return transfers_apply(today=day).as_dict()


def schedule_transfers(*, now: datetime, every_minutes: int) -> bool:
    """Enqueue the transfers run for the slot ``now`` falls in, once across all workers."""
    slot = int(now.timestamp()) // (every_minutes * 60)
    return (
        enqueue_once(apply_transfers, f"mobility_apply_transfers:{every_minutes}:{slot}")
        is not None
    )
