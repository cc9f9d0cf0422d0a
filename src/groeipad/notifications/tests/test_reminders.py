"""The reminder engine: any provider's reminders are stored once and mailed through the outbox."""

from __future__ import annotations

from datetime import date

import pytest

from groeipad.notifications.models import OutgoingEmail, Reminder, ReminderKind
from groeipad.notifications.reminders import (
    reminder_providers,
    reminders_scan,
    reminders_send,
)
from groeipad.notifications.services import emails_deliver_due

DAY = date(2025, 3, 12)


def test_plans_and_learning_register_their_providers_once():
    from groeipad.learning.reminders import behaviour_reminders
    from groeipad.plans.reminders import plan_reminders

    providers = reminder_providers()
    assert providers.count(plan_reminders) == 1
    assert providers.count(behaviour_reminders) == 1


@pytest.mark.django_db
def test_each_new_reminder_queues_one_mail_under_its_own_key(personas, settings, mailoutbox):
    settings.BASE_URL = "https://groeipad.example.nl"
    carol = personas.user("carol")
    seen = {}

    def provider(*, today, users):
        seen["users"] = users
        return [
            Reminder(
                key=f"test:{today.isoformat()}",
                user_id=users[personas.carol.pk],
                kind=ReminderKind.DIGEST,
                subject="Een herinnering",
                body="Iets te doen.",
                link="/ontwikkeling/herinneringen/",
            )
        ]

    assert reminders_scan(today=DAY, providers=[provider]) == 1
    assert reminders_scan(today=DAY, providers=[provider]) == 0
    # The provider is handed every active account with an address, by employee.
    assert seen["users"][personas.carol.pk] == carol.pk
    assert personas.admin.user.pk not in seen["users"].values()  # no employee

    reminder = Reminder.objects.get()
    assert reminders_send() == 1
    assert reminders_send() == 0
    email = OutgoingEmail.objects.get()
    assert email.key == f"reminder:{reminder.pk}"
    assert email.to == carol.email and email.subject == "Een herinnering"
    assert "https://groeipad.example.nl/ontwikkeling/herinneringen/" in email.text
    assert "https://groeipad.example.nl/ontwikkeling/herinneringen/" in email.html
    reminder.refresh_from_db()
    assert reminder.emailed_at is not None
    assert mailoutbox == []  # queued, not sent: the outbox sends
    assert emails_deliver_due() == 1
    assert [m.subject for m in mailoutbox] == ["Een herinnering"]


@pytest.mark.django_db
def test_a_reminder_already_in_the_outbox_is_not_queued_twice(personas):
    reminder = Reminder.objects.create(
        key="test:1", user=personas.user("carol"), kind=ReminderKind.DIGEST, subject="Eén"
    )
    assert reminders_send() == 1
    # Someone clears the stamp (a restore, a hand edit): the outbox key still holds.
    Reminder.objects.filter(pk=reminder.pk).update(emailed_at=None)
    reminders_send()
    assert OutgoingEmail.objects.count() == 1
