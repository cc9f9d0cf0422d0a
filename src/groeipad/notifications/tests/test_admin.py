"""The outbox in the admin: HR and administrators see pending mail and can retry it."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from groeipad.notifications.models import OutgoingEmail
from groeipad.notifications.services import email_queue

CHANGELIST = "/admin/notifications/outgoingemail/"
Status = OutgoingEmail.Status


@pytest.fixture
def waiting(db):
    email = email_queue(to="carol@example.nl", subject="Wacht op SMTP", text="Tekst")
    assert email is not None
    OutgoingEmail.objects.filter(pk=email.pk).update(
        status=Status.FAILED,
        attempts=12,
        last_error="ConnectionRefusedError: [Errno 111] Connection refused",
        next_attempt_at=timezone.now() + timedelta(hours=1),
    )
    return email


def test_hr_sees_the_mail_with_its_status_attempts_and_last_error(waiting, personas, client):
    client.cookies["django_language"] = "en"
    client.force_login(personas.user("hanna"))
    page = client.get(CHANGELIST)
    assert page.status_code == 200
    html = page.content.decode()
    assert "Wacht op SMTP" in html and "carol@example.nl" in html
    assert "Connection refused" in html
    assert ">Failed<" in html and ">12<" in html
    assert 'href="/admin/mail/"' in html  # the link to the demo mailbox
    assert (
        client.get(f"{CHANGELIST}?status__exact=sent").content.decode().count("Wacht op SMTP") == 0
    )
    detail = client.get(f"{CHANGELIST}{waiting.pk}/change/")
    # Status and error, never the body: it may carry someone's personal link.
    assert detail.status_code == 200 and "Connection refused" in detail.content.decode()
    assert "Tekst" not in detail.content.decode()


def test_the_outbox_is_read_only(waiting, personas, client):
    client.force_login(personas.admin.user)
    assert client.get(f"{CHANGELIST}add/").status_code == 403
    response = client.post(f"{CHANGELIST}{waiting.pk}/delete/", {"post": "yes"})
    assert response.status_code == 403
    assert OutgoingEmail.objects.filter(pk=waiting.pk).exists()


def test_retry_now_puts_failed_mail_back_in_the_queue(waiting, personas, client, mailoutbox):
    client.force_login(personas.user("hanna"))
    response = client.post(
        CHANGELIST, {"action": "retry_now", "_selected_action": [waiting.pk]}, follow=True
    )
    assert response.status_code == 200
    waiting.refresh_from_db()
    assert waiting.status == Status.PENDING and waiting.next_attempt_at <= timezone.now()
    from groeipad.notifications.services import emails_deliver_due

    assert emails_deliver_due() == 1
    assert [m.subject for m in mailoutbox] == ["Wacht op SMTP"]


def test_employees_do_not_see_the_outbox(waiting, personas, client):
    client.force_login(personas.user("carol"))
    response = client.get(CHANGELIST)
    assert response.status_code == 302 and response["Location"].startswith("/admin/login/")
