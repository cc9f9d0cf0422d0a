"""Background task: close rounds past their closing date (their invitations forget who
answered) and remind raters who have not answered (``groeipad worker`` runs it).

The worker enqueues ``remind_raters`` once per time slot (``schedule_rater_reminders``,
keyed like the plans scan, so several workers still mean one run). The run itself is
idempotent too: a rater is e-mailed at most once per ``services.REMIND_AFTER``.
"""

from __future__ import annotations

from datetime import datetime

from groeipad.feedback.services import reminders_for_open_rounds, rounds_close_past
from groeipad.lib.tasks import enqueue_once, task


@task()
def remind_raters() -> int:
    # Rounds past their closing date close first (and forget who answered): the same
    # scan, so no extra schedule; it runs many times a day and is idempotent.
    rounds_close_past()
    return reminders_for_open_rounds()


def schedule_rater_reminders(*, now: datetime, every_minutes: int) -> bool:
    """Enqueue the rater reminders for the slot ``now`` falls in, once across all workers."""
    slot = int(now.timestamp()) // (every_minutes * 60)
    return enqueue_once(remind_raters, f"feedback_remind_raters:{every_minutes}:{slot}") is not None
