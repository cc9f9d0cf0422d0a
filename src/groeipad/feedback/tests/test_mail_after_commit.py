"""Mail goes out after the commit, through the outbox: a mail server that is down never
costs the employee their round or their self-assessment, and each rater gets one mail."""

from __future__ import annotations

import re
import socket
from datetime import timedelta
from email import message_from_bytes, policy

import pytest
from aiosmtpd.controller import Controller
from django.utils import timezone

from groeipad.feedback import services
from groeipad.feedback.access import get_rater_for
from groeipad.feedback.models import Rater, RaterGroup, RoundStatus
from groeipad.feedback.tests.helpers import invite_approved
from groeipad.notifications.models import OutgoingEmail
from groeipad.notifications.services import email_deliver


class Inbox:
    """aiosmtpd handler: keeps every message it is handed."""

    def __init__(self) -> None:
        self.messages: list = []

    async def handle_DATA(self, server, session, envelope):
        self.messages.append(
            (envelope.rcpt_tos, message_from_bytes(envelope.content, policy=policy.default))
        )
        return "250 Message accepted for delivery"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def smtp_settings(settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = _free_port()  # nothing listens here: the mail server is down
    settings.EMAIL_TIMEOUT = 2
    settings.EMAIL_USE_TLS = False
    settings.EMAIL_HOST_USER = ""
    settings.EMAIL_HOST_PASSWORD = ""
    settings.BASE_URL = "https://groeipad.example.nl"
    return settings


@pytest.fixture
def draft(world, set_settings):
    """HR's draft round for alice with two peers on the list (nobody mailed yet)."""
    set_settings(3)
    (feedback_round,) = services.rounds_start_for_group(
        actor=world.user("hanna"),
        employees=[world.alice],
        closes_on=timezone.localdate() + timedelta(days=30),
    ).started
    for email in ("p1@elders.example", "p2@elders.example"):
        invite_approved(
            actor=world.user("alice"), feedback_round=feedback_round, email=email, group="peer"
        )
    return feedback_round


def test_opening_a_round_with_the_mail_server_down_succeeds_and_keeps_the_self_assessment(
    login, world, draft, smtp_settings, django_capture_on_commit_callbacks
):
    alice = login(world.user("alice"))
    with django_capture_on_commit_callbacks(execute=True):
        response = alice.post(f"/feedback/rondes/{draft.pk}/openen/")
    assert response.status_code == 302  # no 500
    draft.refresh_from_db()
    assert draft.status == RoundStatus.OPEN
    raters = {r.email: r for r in Rater.objects.filter(round=draft)}
    assert raters[world.alice.email].group == RaterGroup.SELF  # the self-assessment is kept
    invitations = OutgoingEmail.objects.filter(key__startswith="feedback-invite:")
    assert sorted(invitations.values_list("to", flat=True)) == sorted(raters)
    assert set(invitations.values_list("status", flat=True)) == {OutgoingEmail.Status.PENDING}
    assert set(invitations.values_list("key", flat=True)) == {
        f"feedback-invite:{r.pk}" for r in raters.values()
    }
    # The worker tries while the server is still down: kept for a retry, not lost.
    first = invitations.first()
    assert first is not None
    assert email_deliver(first.pk) == "retry"
    first.refresh_from_db()
    assert first.status == OutgoingEmail.Status.PENDING and first.last_error


def test_once_the_mail_server_is_up_each_rater_gets_exactly_one_working_link(
    client, world, draft, smtp_settings, mailoutbox
):
    services.round_open(actor=world.user("alice"), feedback_round=draft)
    pending = list(OutgoingEmail.objects.filter(key__startswith="feedback-invite:"))
    assert len(pending) == 3  # two peers and alice herself
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=_free_port())
    controller.start()
    try:
        smtp_settings.EMAIL_PORT = controller.port
        for email in pending:
            assert email_deliver(email.pk) == "sent"
            assert email_deliver(email.pk) == "skipped"  # a second worker sends nothing
    finally:
        controller.stop()
    recipients = sorted(rcpt for rcpts, _message in inbox.messages for rcpt in rcpts)
    assert recipients == sorted(["p1@elders.example", "p2@elders.example", world.alice.email])
    for rcpts, message in inbox.messages:
        body = message.get_body(preferencelist=("plain",)).get_content()
        token = re.search(r"/feedback/([A-Za-z0-9_-]+)/", body).group(1)
        rater = get_rater_for(token)
        assert rater.email == rcpts[0]
        assert client.get(f"/feedback/{token}/").status_code == 200
