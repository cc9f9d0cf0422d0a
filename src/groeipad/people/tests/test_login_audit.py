"""Logins, failed logins and logouts in the audit log; the session index."""

import time

import pytest
from django.test import Client

from groeipad.conftest import PASSWORD
from groeipad.people.models import UserSession
from groeipad.privacy.models import AuditEvent
from groeipad.web.middleware import SessionLimitsMiddleware


def _login(client, username, password=PASSWORD, agent="Firefox/140"):
    return client.post(
        "/login/", {"username": username, "password": password}, HTTP_USER_AGENT=agent
    )


def test_a_login_is_audited_and_its_session_indexed(personas):
    carol = personas.user("carol")
    client = Client()
    assert _login(client, carol.email).status_code == 302
    event = AuditEvent.objects.get(object_type="session", action="login", actor=carol)
    assert event.changes["result"] == "success"
    row = UserSession.objects.get(user=carol)
    assert row.session_key == client.session.session_key
    assert row.user_agent == "Firefox/140"
    assert row.ip == "127.0.0.1"


def test_a_failed_login_is_audited_with_the_address_and_never_the_password(personas):
    carol = personas.user("carol")
    for username in (carol.email, "niemand@example.nl", ""):
        _login(Client(), username, password="geheim-wachtwoord-123")
    failed = AuditEvent.objects.filter(
        object_type="session", action="login_failed", changes__result="failed"
    )
    assert {event.changes["username"] for event in failed} >= {carol.email, "niemand@example.nl"}
    for event in AuditEvent.objects.all():
        assert "geheim-wachtwoord-123" not in f"{event.summary} {event.changes}"
    assert not UserSession.objects.exists()


def test_a_very_long_unknown_username_does_not_break_the_audit(personas):
    response = _login(Client(), "x" * 5000 + "@example.nl")
    assert response.status_code in (200, 400)
    assert AuditEvent.objects.filter(changes__result="failed").exists()


def test_logout_is_audited_and_forgets_the_session(personas):
    carol = personas.user("carol")
    client = Client()
    _login(client, carol.email)
    assert client.post("/logout/").status_code == 302
    assert not UserSession.objects.filter(user=carol).exists()
    assert AuditEvent.objects.filter(
        object_type="session", action="logout", actor=carol, summary__contains="logged out"
    ).exists()


def test_last_seen_is_written_at_most_once_a_minute(personas):
    carol = personas.user("carol")
    client = Client()
    _login(client, carol.email)
    row = UserSession.objects.get(user=carol)
    first = row.last_seen_at
    client.get("/")
    row.refresh_from_db()
    assert row.last_seen_at == first
    session = client.session
    session[SessionLimitsMiddleware.SEEN] = time.time() - 90
    session.save()
    client.get("/")
    row.refresh_from_db()
    assert row.last_seen_at > first


@pytest.mark.parametrize("idle", [True, False])
def test_an_idle_session_ends_with_a_message_on_the_login_page(personas, settings, idle):
    settings.GROEIPAD_SESSION_IDLE_MINUTES = 30
    carol = personas.user("carol")
    client = Client()
    _login(client, carol.email)
    if idle:
        session = client.session
        session[SessionLimitsMiddleware.SEEN] = time.time() - 31 * 60
        session.save()
    response = client.get("/account/", follow=True, HTTP_ACCEPT_LANGUAGE="en")
    expired = 'id="session-expired"' in response.content.decode() or (
        b"session has expired" in response.content or b"sessie is verlopen" in response.content
    )
    assert expired is idle
    if idle:
        assert response.redirect_chain[-1][0].startswith("/login/")
        assert not UserSession.objects.filter(user=carol).exists()
        assert AuditEvent.objects.filter(summary__contains="logged out (idle)").exists()


def _account_category():
    from groeipad.privacy.registry import categories

    return next(category for category in categories() if category.key == "account")


def test_the_access_export_has_the_sessions_and_erasure_ends_them(personas):
    from groeipad.people.services import api_token_create

    carol = personas.user("carol")
    client = Client()
    _login(client, carol.email, agent="Safari/18")
    api_token_create(actor=carol, user=carol, name="script", scope="read")
    category = _account_category()
    (exported,) = category.export(personas.carol)
    assert [row["browser"] for row in exported["sessions"]] == ["Safari/18"]
    assert exported["api_tokens"][0]["scope"] == "read"
    category.erase(personas.carol, False)
    assert not UserSession.objects.filter(user=carol).exists()
    assert client.get("/account/").status_code == 302
