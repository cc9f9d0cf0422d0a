"""An overdue action's reminder reaches a real SMTP server (aiosmtpd on 127.0.0.1), once."""

from __future__ import annotations

import socket
from email import message_from_bytes, policy

import pytest
from aiosmtpd.controller import Controller

from groeipad.notifications.models import OutgoingEmail
from groeipad.notifications.services import emails_deliver_due
from groeipad.notifications.tasks import scan_reminders
from groeipad.plans.tests.reminder_world import TODAY, make_world


class Inbox:
    """aiosmtpd handler: keeps every message it is handed."""

    def __init__(self):
        self.messages = []

    async def handle_DATA(self, server, session, envelope):
        self.messages.append(
            (envelope.rcpt_tos, message_from_bytes(envelope.content, policy=policy.default))
        )
        return "250 Message accepted for delivery"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def smtp_server(settings):
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=free_port())
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = controller.port
    settings.EMAIL_USE_TLS = False
    settings.EMAIL_HOST_USER = ""
    settings.EMAIL_HOST_PASSWORD = ""
    settings.DEFAULT_FROM_EMAIL = "groeipad@example.nl"
    settings.BASE_URL = "https://groeipad.example.nl"
    settings.LANGUAGE_CODE = "en"
    yield inbox
    controller.stop()


def test_overdue_action_reminder_reaches_a_real_smtp_server_once(personas, smtp_server):
    world = make_world(personas)
    # The task itself, as the worker calls it.
    outcome = scan_reminders.call(today=TODAY.isoformat())
    assert outcome == {"day": "2025-03-12", "created": 7, "emailed": 7}
    assert smtp_server.messages == []  # queued in the outbox; delivery follows the commit
    assert emails_deliver_due() == 7
    assert len(smtp_server.messages) == 7

    to_carol = [m for rcpt, m in smtp_server.messages if rcpt == ["carol@example.nl"]]
    action_mail = next(m for m in to_carol if m["Subject"].startswith("Action overdue"))
    assert action_mail["Subject"] == "Action overdue: Planning van week 10 samen met Alice maken"
    assert action_mail["To"] == "carol@example.nl"
    assert action_mail["From"] == "groeipad@example.nl"
    text = action_mail.get_body(preferencelist=("plain",)).get_content()
    html = action_mail.get_body(preferencelist=("html",)).get_content()
    link = f"https://groeipad.example.nl/ontwikkeling/plannen/{world.plan.pk}/"
    for body in (text, html):
        assert "Planning van week 10 samen met Alice maken" in body
        assert link in body

    # A second scan finds the same facts and sends nothing.
    assert scan_reminders.call(today=TODAY.isoformat()) == {
        "day": "2025-03-12",
        "created": 0,
        "emailed": 0,
    }
    assert emails_deliver_due() == 0
    assert len(smtp_server.messages) == 7


def test_dutch_is_the_default_language_of_the_email(personas, smtp_server, settings):
    settings.LANGUAGE_CODE = "nl"
    make_world(personas)
    scan_reminders.call(today=TODAY.isoformat())
    emails_deliver_due()
    to_carol = [m for rcpt, m in smtp_server.messages if rcpt == ["carol@example.nl"]]
    subjects = {m["Subject"] for m in to_carol}
    assert "Actie over tijd: Planning van week 10 samen met Alice maken" in subjects


def test_an_unreachable_smtp_server_keeps_the_reminder_mail_in_the_outbox(personas, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = free_port()  # nobody listens there
    settings.EMAIL_TIMEOUT = 5
    from groeipad.notifications.models import Reminder
    from groeipad.notifications.reminders import reminders_send

    assert reminders_send() == 0  # nothing to queue
    assert emails_deliver_due() == 0  # nothing to send: no connection is even tried
    make_world(personas)
    outcome = scan_reminders.call(today=TODAY.isoformat())
    assert outcome == {"day": "2025-03-12", "created": 7, "emailed": 7}
    assert emails_deliver_due() == 0
    assert not Reminder.objects.filter(emailed_at__isnull=True)
    waiting = OutgoingEmail.objects.filter(status=OutgoingEmail.Status.PENDING, attempts=1)
    assert waiting.count() == 7
    assert all(email.last_error for email in waiting)
