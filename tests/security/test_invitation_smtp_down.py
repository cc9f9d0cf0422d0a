"""A 360 invitation while the mail server is down: no 500, the invitation is kept, and
the mail goes out once the server is back (real SMTP server, closed port first)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from groeipad.feedback import services
from groeipad.feedback.models import Rater
from groeipad.notifications.models import OutgoingEmail
from groeipad.notifications.services import email_deliver

pytestmark = pytest.mark.django_db


def test_inviting_a_rater_with_the_mail_server_down(
    personas, smtp, settings, django_capture_on_commit_callbacks
):
    settings.DEBUG = False
    hr, alice = personas.user("hanna"), personas.user("alice")
    services.settings_update(actor=hr, min_group_size=3)
    feedback_round = services.round_start(
        actor=alice, employee=personas.alice, closes_on=timezone.localdate() + timedelta(30)
    )

    client = Client(raise_request_exception=False)
    client.force_login(alice)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/feedback/rondes/{feedback_round.pk}/uitnodigen/",
            {"employee": personas.dave.pk, "group": "peer"},
        )
    assert response.status_code == 302  # no 500
    rater = Rater.objects.get(round=feedback_round, employee=personas.dave)  # kept
    invitation = OutgoingEmail.objects.get(key=f"feedback-invite:{rater.pk}")
    assert invitation.to == personas.dave.email
    assert email_deliver(invitation.pk) == "retry"  # the server is down: kept, not lost
    invitation.refresh_from_db()
    assert invitation.status == OutgoingEmail.Status.PENDING and invitation.last_error

    smtp.start()
    # The retry is due (the worker waits between attempts; the test does not).
    OutgoingEmail.objects.filter(pk=invitation.pk).update(next_attempt_at=timezone.now())
    assert email_deliver(invitation.pk) == "sent"
    assert [rcpts for rcpts, _message in smtp.messages] == [[personas.dave.email]]
