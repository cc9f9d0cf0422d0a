"""Reads of the notifications app: a person's reminders (the bell page) and the outbox."""

from __future__ import annotations

from django.db.models import QuerySet

from groeipad.lib.actions import Actor, actor_user
from groeipad.notifications.models import Reminder


def reminders_for_user(user: Actor, *, include_dismissed: bool = False) -> QuerySet[Reminder]:
    """The person's own reminders, newest first (open ones only unless asked)."""
    account = actor_user(user)
    reminders = Reminder.objects.filter(user=account) if account else Reminder.objects.none()
    if not include_dismissed:
        reminders = reminders.filter(dismissed_at__isnull=True)
    return reminders.order_by("-created_at", "-pk")


def reminders_dismissed_for_user(user: Actor, *, limit: int) -> list[Reminder]:
    """The ``limit`` reminders the person put away last."""
    return list(
        reminders_for_user(user, include_dismissed=True).filter(dismissed_at__isnull=False)[:limit]
    )
