"""The reminder engine: providers find facts, the scan records reminders, the outbox mails.

Any app with reminders registers a provider in its ``AppConfig.ready()``: a callable
``provider(*, today, users) -> list[Reminder]`` (``users``: employee id -> user id of an
active account with an e-mail address). Plans registers overdue actions, check-ins and
the managers' weekly digest; learning the behaviour rating. Notifications imports no app
above it: the providers come to it.

``reminders_scan`` is safe to run any number of times, by any number of workers at once:
every reminder has a deterministic ``key`` (``action_overdue:<action>:<user>``) that the
database keeps unique, so a second scan inserts nothing. ``reminders_send`` hands each new
reminder to the outbox once (an ``OutgoingEmail`` with key ``reminder:<id>``, stamping
``emailed_at`` in the same transaction); the outbox delivers it, retries while SMTP is
down, and the reminder shows in the application meanwhile.

Texts are written in the organisation's language (``LANGUAGE_CODE``, Dutch) when the
reminder is made: the e-mail and the in-app list say the same.
"""

from __future__ import annotations

from datetime import date
from typing import Protocol

from django.conf import settings
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation

from groeipad.notifications.models import Reminder
from groeipad.notifications.services import email_queue
from groeipad.people.models import User

SEND_BATCH = 50


class ReminderProvider(Protocol):
    def __call__(self, *, today: date, users: dict[int, int]) -> list[Reminder]: ...


_PROVIDERS: list[ReminderProvider] = []


def reminder_provider_register(provider: ReminderProvider) -> ReminderProvider:
    """Add ``provider`` to the scan (once, however often an app registers it)."""
    if provider not in _PROVIDERS:
        _PROVIDERS.append(provider)
    return provider


def reminder_providers() -> list[ReminderProvider]:
    return list(_PROVIDERS)


def absolute(link: str) -> str:
    """A link in the application as a full address, for e-mail and calendar files."""
    return f"{settings.BASE_URL}{link}" if link.startswith("/") else link


def users_by_employee() -> dict[int, int]:
    """employee id -> id of their active account with an e-mail address."""
    return {
        employee_id: user_id
        for employee_id, user_id in User.objects.filter(is_active=True, employee__isnull=False)
        .exclude(email="")
        .values_list("employee_id", "id")
        if employee_id is not None
    }


def reminders_scan(*, today: date, providers: list[ReminderProvider] | None = None) -> int:
    """Record every reminder the providers find for ``today``; returns how many are new."""
    users = users_by_employee()
    reminders: list[Reminder] = []
    with translation.override(settings.LANGUAGE_CODE):
        for provider in _PROVIDERS if providers is None else providers:
            reminders.extend(provider(today=today, users=users))
    before = Reminder.objects.count()
    # The unique key makes a repeated (or concurrent) scan insert nothing twice.
    Reminder.objects.bulk_create(reminders, ignore_conflicts=True, batch_size=500)
    return Reminder.objects.count() - before


# --- E-mail, through the outbox ---------------------------------------------------------


def reminder_email_key(reminder_id: int) -> str:
    return f"reminder:{reminder_id}"


def _email(reminder: Reminder) -> None:
    context = {"reminder": reminder, "url": absolute(reminder.link)}
    with translation.override(settings.LANGUAGE_CODE):
        text = render_to_string("notifications/email/reminder.txt", context)
        html = render_to_string("notifications/email/reminder.html", context)
    email_queue(
        to=reminder.user.email,
        subject=reminder.subject,
        text=text,
        html=html,
        key=reminder_email_key(reminder.pk),
    )


def _queue_batch(limit: int) -> int:
    """Queue the e-mail of up to ``limit`` reminders not queued yet, in one transaction."""
    now = timezone.now()
    with transaction.atomic():
        claimed = list(
            Reminder.objects.select_for_update(skip_locked=True, of=("self",))
            .filter(emailed_at__isnull=True, dismissed_at__isnull=True, user__is_active=True)
            .exclude(user__email="")
            .select_related("user")
            .order_by("pk")[:limit]
        )
        for reminder in claimed:
            _email(reminder)
        Reminder.objects.filter(pk__in=[r.pk for r in claimed]).update(emailed_at=now)
    return len(claimed)


def reminders_send(*, batch: int = SEND_BATCH) -> int:
    """Queue one e-mail for every reminder not e-mailed yet; returns how many were queued.

    Nothing talks to SMTP here: each batch writes outbox rows and stamps ``emailed_at``
    in one transaction, and the deliveries are enqueued after it commits. Run by several
    workers at once, each reminder is still queued once (row locks, and the outbox key).
    """
    queued = 0
    while count := _queue_batch(batch):
        queued += count
    return queued
