# ruff: noqa: F811  (the smtp fixture is imported by name)
"""Password reset by mail, with the real SMTP server and the outbox's worker."""

import re
from datetime import timedelta

import pytest
from django.contrib.auth.tokens import PasswordResetTokenGenerator
from django.test import Client
from django.utils import timezone

from groeipad.conftest import PASSWORD
from groeipad.notifications.models import OutgoingEmail
from groeipad.notifications.services import emails_deliver_due
from groeipad.notifications.tests.conftest import smtp  # noqa: F401
from groeipad.people.models import UserSession
from groeipad.privacy.models import AuditEvent

NEW = "een nieuw en lang wachtwoord 2026"
EN = {"HTTP_ACCEPT_LANGUAGE": "en"}


def _request(client, email, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        return client.post("/wachtwoord-vergeten/", {"email": email})


def _link(smtp) -> str:
    assert emails_deliver_due() >= 1
    (_to, message) = smtp.messages[-1]
    body = message.get_body(("plain",)).get_content()
    return re.search(r"https?://[^/\s]+(/wachtwoord-vergeten/\S+/)", body).group(1)


def _page(client, url) -> str:
    """The page without its per-request CSRF token."""
    return re.sub(r'value="[^"]{64}"', "", client.get(url).content.decode())


@pytest.fixture
def carol(personas):
    return personas.user("carol")


def test_the_login_page_links_to_the_reset_form(client, personas):
    body = client.get("/login/").content.decode()
    assert 'href="/wachtwoord-vergeten/"' in body


def test_known_and_unknown_addresses_get_the_same_answer(
    client,
    carol,
    smtp,
    django_capture_on_commit_callbacks,
):
    smtp.start()
    known = _request(client, carol.email, django_capture_on_commit_callbacks)
    unknown = _request(client, "nobody@example.nl", django_capture_on_commit_callbacks)
    assert known.status_code == unknown.status_code == 302
    assert known["Location"] == unknown["Location"] == "/wachtwoord-vergeten/verstuurd/"
    assert _page(client, known["Location"]) == _page(client, unknown["Location"])
    assert list(OutgoingEmail.objects.values_list("to", flat=True)) == [carol.email]


def test_reset_by_mail_sets_the_password_ends_sessions_and_works_once(
    client,
    carol,
    smtp,
    django_capture_on_commit_callbacks,
):
    smtp.start()
    elsewhere = Client()
    elsewhere.force_login(carol)
    assert UserSession.objects.filter(user=carol).count() == 1
    _request(client, carol.email.upper(), django_capture_on_commit_callbacks)
    link = _link(smtp)
    assert smtp.messages[-1][0] == [carol.email]
    form = client.get(link, follow=True)
    assert form.status_code == 200 and b'name="new_password1"' in form.content
    done = client.post(form.redirect_chain[-1][0], {"new_password1": NEW, "new_password2": NEW})
    assert done.status_code == 302 and done["Location"] == "/wachtwoord-vergeten/klaar/"
    carol.refresh_from_db()
    assert carol.check_password(NEW) and not carol.check_password(PASSWORD)
    # Every session of the account ended.
    assert elsewhere.get("/").status_code == 302
    assert not UserSession.objects.filter(user=carol).exists()
    assert AuditEvent.objects.filter(
        object_type="user", object_id=str(carol.pk), summary__contains="reset"
    ).exists()
    # The link works once.
    again = Client().get(link, follow=True, **EN)
    assert b'id="reset-link-invalid"' in again.content
    assert b'href="/wachtwoord-vergeten/"' in again.content
    # And the new password logs in.
    login = Client().post("/login/", {"username": carol.email, "password": NEW})
    assert login.status_code == 302 and login["Location"] == "/"


def test_an_expired_link_is_refused_with_a_way_to_ask_again(
    client,
    carol,
    smtp,
    settings,
    monkeypatch,
    django_capture_on_commit_callbacks,
):
    smtp.start()
    settings.PASSWORD_RESET_TIMEOUT = 60 * 60
    _request(client, carol.email, django_capture_on_commit_callbacks)
    link = _link(smtp)
    real_now = PasswordResetTokenGenerator._now
    monkeypatch.setattr(
        PasswordResetTokenGenerator,
        "_now",
        lambda self: real_now(self) + timedelta(minutes=61),
    )
    response = client.get(link, follow=True)
    assert b'id="reset-link-invalid"' in response.content
    carol.refresh_from_db()
    assert carol.check_password(PASSWORD)


def test_the_reset_mail_waits_in_the_outbox_while_the_mail_server_is_down(
    client,
    carol,
    smtp,
    django_capture_on_commit_callbacks,
):
    response = _request(client, carol.email, django_capture_on_commit_callbacks)
    assert response.status_code == 302
    assert OutgoingEmail.objects.get().status == "pending"
    smtp.start()
    OutgoingEmail.objects.update(next_attempt_at=timezone.now())
    assert emails_deliver_due() == 1
    assert smtp.messages


def test_no_reset_without_password_login(client, carol, settings):
    # Passwords can only be turned off while single sign-on is on (accounts.oidc_config).
    settings.GROEIPAD_OIDC_ISSUER = "https://login.example.nl"
    settings.GROEIPAD_OIDC_CLIENT_ID = "groeipad"
    settings.GROEIPAD_OIDC_CLIENT_SECRET = "geheim"
    settings.GROEIPAD_PASSWORD_LOGIN = False
    assert client.get("/wachtwoord-vergeten/").status_code == 404
    assert b"/wachtwoord-vergeten/" not in client.get("/login/").content
