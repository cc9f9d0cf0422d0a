""" "My account": password change, sessions, API tokens; HR's token list."""

import re
from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone, translation

from groeipad.conftest import PASSWORD
from groeipad.people.models import ApiToken, UserSession
from groeipad.people.services import api_token_create, api_token_revoke
from groeipad.privacy.models import AuditEvent

NEW = "een nieuw en lang wachtwoord 2026"


@pytest.fixture
def carol(personas):
    return personas.user("carol")


def logged_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


def test_every_role_has_the_page_and_the_header_links_to_it(personas):
    for user in (personas.user("carol"), personas.user("hanna"), personas.admin.user):
        response = logged_in(user).get("/account/")
        assert response.status_code == 200
        assert b'href="/account/"' in response.content
        assert b'id="account-sessions"' in response.content


def test_the_page_lists_own_tokens_and_sessions_only(carol, personas):
    api_token_create(actor=carol, user=carol, name="mijn-script")
    api_token_create(actor=None, user=personas.user("dave"), name="daves-script")
    client = logged_in(carol)
    body = client.get("/account/").content.decode()
    assert "mijn-script" in body and "daves-script" not in body
    assert body.count('class="session this-session"') == 1


def test_creating_a_token_shows_the_key_once(carol):
    client = logged_in(carol)
    response = client.post(
        "/account/tokens/nieuw/", {"name": "rapport", "scope": "read", "days": "30"}
    )
    assert response.status_code == 200
    key = re.search(rb'id="new-token-key">(gp_[^<]+)<', response.content).group(1).decode()
    token = ApiToken.objects.get(user=carol, name="rapport")
    assert token.key_hash == ApiToken.hash_key(key)
    assert token.scope == "read"
    assert token.expires_at - token.created_at == timedelta(days=30)
    assert key.encode() not in client.get("/account/").content
    assert (
        Client().get("/api/v1/account/tokens", HTTP_AUTHORIZATION=f"Bearer {key}").status_code
        == 200
    )


@pytest.mark.parametrize("days", ["0", "366", "abc"])
def test_a_token_with_bad_days_is_refused_with_a_message(carol, days):
    response = logged_in(carol).post(
        "/account/tokens/nieuw/", {"name": "x", "scope": "read", "days": days}
    )
    assert response.status_code == 400
    assert b'class="error"' in response.content
    assert not ApiToken.objects.filter(user=carol).exists()


def test_revoking_an_own_token_and_not_someone_elses(carol, personas):
    own, _k = api_token_create(actor=carol, user=carol)
    other, _k = api_token_create(actor=None, user=personas.user("dave"))
    client = logged_in(carol)
    assert client.post(f"/account/tokens/{other.pk}/intrekken/").status_code == 404
    assert client.post(f"/account/tokens/{own.pk}/intrekken/").status_code == 302
    own.refresh_from_db()
    other.refresh_from_db()
    assert own.revoked_at is not None and other.revoked_at is None
    assert b'data-status="revoked"' in client.get("/account/").content


def test_password_change_keeps_this_session_and_ends_the_others(carol):
    elsewhere = logged_in(carol)
    client = logged_in(carol)
    response = client.post(
        "/account/wachtwoord/",
        {"old_password": PASSWORD, "new_password1": NEW, "new_password2": NEW},
    )
    assert response.status_code == 302
    carol.refresh_from_db()
    assert carol.check_password(NEW)
    assert client.get("/account/").status_code == 200
    assert elsewhere.get("/account/").status_code == 302
    assert UserSession.objects.filter(user=carol).count() == 1
    current = client.session.session_key
    assert UserSession.objects.get(user=carol).session_key == current
    assert AuditEvent.objects.filter(
        object_type="user", object_id=str(carol.pk), summary__contains="password"
    ).exists()


def test_a_wrong_old_password_or_a_weak_new_one_changes_nothing(carol):
    client = logged_in(carol)
    for data in (
        {"old_password": "wrong", "new_password1": NEW, "new_password2": NEW},
        {"old_password": PASSWORD, "new_password1": "1234", "new_password2": "1234"},
        {"old_password": PASSWORD, "new_password1": NEW, "new_password2": NEW + "x"},
    ):
        response = client.post("/account/wachtwoord/", data)
        assert response.status_code == 400
        assert b'class="error"' in response.content
    carol.refresh_from_db()
    assert carol.check_password(PASSWORD)


def test_log_out_everywhere_else(carol):
    elsewhere = logged_in(carol)
    client = logged_in(carol)
    assert UserSession.objects.filter(user=carol).count() == 2
    assert client.post("/account/sessies/afmelden/").status_code == 302
    assert elsewhere.get("/account/").status_code == 302
    assert client.get("/account/").status_code == 200
    assert UserSession.objects.filter(user=carol).count() == 1


def test_without_password_login_there_is_no_password_change(carol, settings):
    # Passwords can only be turned off while single sign-on is on (accounts.oidc_config).
    settings.GROEIPAD_OIDC_ISSUER = "https://login.example.nl"
    settings.GROEIPAD_OIDC_CLIENT_ID = "groeipad"
    settings.GROEIPAD_OIDC_CLIENT_SECRET = "geheim"
    settings.GROEIPAD_PASSWORD_LOGIN = False
    client = logged_in(carol)
    assert b'id="account-password"' not in client.get("/account/").content
    response = client.post(
        "/account/wachtwoord/",
        {"old_password": PASSWORD, "new_password1": NEW, "new_password2": NEW},
    )
    assert response.status_code == 404
    carol.refresh_from_db()
    assert carol.check_password(PASSWORD)


def test_hr_lists_searches_filters_and_revokes_tokens(personas, carol):
    hanna = personas.user("hanna")
    active, _k = api_token_create(actor=carol, user=carol, name="tok-actief")
    old, _k = api_token_create(actor=carol, user=carol, name="tok-verlopen", days=1)
    ApiToken.objects.filter(pk=old.pk).update(expires_at=timezone.now() - timedelta(days=1))
    gone, _k = api_token_create(actor=None, user=personas.user("dave"), name="tok-weg")
    api_token_revoke(actor=None, token=gone)
    client = logged_in(hanna)
    body = client.get("/beheer/tokens/").content.decode()
    assert all(name in body for name in ("tok-actief", "tok-verlopen", "tok-weg"))
    body = client.get("/beheer/tokens/?status=expired").content.decode()
    assert "tok-verlopen" in body and "tok-actief" not in body
    body = client.get("/beheer/tokens/?q=dave").content.decode()
    assert "tok-weg" in body and "tok-actief" not in body
    assert client.post(f"/beheer/tokens/{active.pk}/intrekken/").status_code == 302
    active.refresh_from_db()
    assert active.revoked_by == hanna
    assert AuditEvent.objects.filter(
        object_type="api_token", object_id=str(active.pk), actor=hanna
    ).exists()


def test_only_hr_has_the_token_list(carol):
    token, _k = api_token_create(actor=carol, user=carol)
    client = logged_in(carol)
    assert client.get("/beheer/tokens/").status_code == 403
    assert client.post(f"/beheer/tokens/{token.pk}/intrekken/").status_code == 403
    token.refresh_from_db()
    assert token.revoked_at is None


@pytest.mark.parametrize("rows", [5, 60])
def test_the_hr_token_list_runs_a_fixed_number_of_queries(
    personas, rows, django_assert_max_num_queries
):
    users = [personas.user(name) for name in ("carol", "alice", "bob", "dave")]
    for i in range(rows):
        api_token_create(actor=None, user=users[i % 4], name=f"t{i}")
    client = logged_in(personas.user("hanna"))
    with django_assert_max_num_queries(14):
        response = client.get("/beheer/tokens/")
    assert response.status_code == 200
    assert response.content.count(b'class="token"') == min(rows, 50)
