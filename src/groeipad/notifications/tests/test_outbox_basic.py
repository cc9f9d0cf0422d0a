"""The outbox queues in the caller's transaction and delivers once."""

from __future__ import annotations

from datetime import timedelta

import pytest

from groeipad.notifications.models import OutgoingEmail
from groeipad.notifications.services import backoff, email_deliver, email_queue

pytestmark = pytest.mark.django_db


def test_a_queued_mail_is_sent_once(mailoutbox):
    email = email_queue(to="a@example.nl", subject="Hallo", text="Tekst")
    assert email is not None
    assert email_deliver(email.pk) == "sent"
    assert email_deliver(email.pk) == "skipped"
    assert len(mailoutbox) == 1
    email.refresh_from_db()
    assert email.status == OutgoingEmail.Status.SENT


def test_a_duplicate_key_queues_once():
    assert email_queue(to="a@example.nl", subject="s", text="t", key="k:1") is not None
    assert email_queue(to="a@example.nl", subject="s", text="t", key="k:1") is None
    assert OutgoingEmail.objects.count() == 1


def test_backoff_doubles_from_one_minute_up_to_an_hour():
    assert [backoff(n) for n in range(1, 9)] == [
        timedelta(minutes=m) for m in (1, 2, 4, 8, 16, 32, 60, 60)
    ]
