"""SSO off, passwords off, and the system checks of the SSO settings."""

from __future__ import annotations

import pytest
from django.core.checks import run_checks
from django.test import RequestFactory, override_settings

from groeipad.accounts.tests.oidc_provider import sso_settings
from groeipad.conftest import PASSWORD
from groeipad.people.models import User

pytestmark = pytest.mark.django_db


def check_ids() -> set[str]:
    return {message.id for message in run_checks()}


def test_sso_pages_answer_404_while_sso_is_off(client):
    for url in ("/oidc/inloggen/", "/oidc/callback/?code=a&state=b", "/oidc/mislukt/"):
        assert client.get(url).status_code == 404, url


def test_login_page_shows_no_sso_button_while_sso_is_off(client):
    body = client.get("/login/").content.decode()

    assert 'id="sso-login"' not in body
    assert 'name="password"' in body


def test_login_page_offers_the_button_with_its_label(client, sso):
    with override_settings(GROEIPAD_OIDC_BUTTON_LABEL="Contoso"):
        body = client.get("/login/?next=/leren/", HTTP_ACCEPT_LANGUAGE="en").content.decode()

    assert 'id="sso-login"' in body
    assert 'href="/oidc/inloggen/?next=/leren/"' in body
    assert "Contoso" in body
    assert 'name="password"' in body  # passwords are still on


def test_passwords_still_work_beside_sso(client, personas, sso):
    response = client.post("/login/", {"username": "alice@example.nl", "password": PASSWORD})

    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(personas.user("alice").pk)


def test_with_passwords_off_the_form_is_gone_and_a_password_is_refused(client, personas, sso):
    with override_settings(GROEIPAD_PASSWORD_LOGIN=False):
        page = client.get("/login/").content.decode()
        response = client.post("/login/", {"username": "alice@example.nl", "password": PASSWORD})

    assert 'name="password"' not in page
    assert 'id="sso-login"' in page
    assert response.status_code == 403
    assert 'id="password-refused"' in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_with_passwords_off_no_backend_accepts_a_password(client, personas, sso):
    from django.contrib.auth import authenticate

    with override_settings(GROEIPAD_PASSWORD_LOGIN=False):
        # The admin's login form and anything else that calls authenticate().
        response = client.post(
            "/admin/login/?next=/admin/", {"username": "admin@example.nl", "password": PASSWORD}
        )
        request = RequestFactory().post("/login/")
        assert authenticate(request, username="admin@example.nl", password=PASSWORD) is None

    assert response.status_code == 200  # the form again, with its error
    assert "_auth_user_id" not in client.session


def test_with_passwords_off_an_existing_session_goes_on(client, personas, sso):
    client.post("/login/", {"username": "alice@example.nl", "password": PASSWORD})

    with override_settings(GROEIPAD_PASSWORD_LOGIN=False):
        response = client.get("/")

    assert response.status_code == 200


def test_passwords_cannot_be_turned_off_without_sso(client, personas):
    with override_settings(GROEIPAD_PASSWORD_LOGIN=False):
        response = client.post("/login/", {"username": "alice@example.nl", "password": PASSWORD})
        ids = check_ids()

    assert response.status_code == 302  # passwords stay on
    assert "accounts.W002" in ids


def test_a_half_configured_sso_is_off_with_a_warning(client):
    with override_settings(
        GROEIPAD_OIDC_ISSUER="https://login.example", GROEIPAD_OIDC_CLIENT_ID="x"
    ):
        ids = check_ids()
        status = client.get("/oidc/inloggen/").status_code

    assert "accounts.W001" in ids
    assert status == 404


def test_a_complete_configuration_passes_the_checks():
    with sso_settings("https://login.example"):
        ids = check_ids()

    assert not {"accounts.W001", "accounts.W002"} & ids


def test_settings_import_with_the_provider_down(monkeypatch):
    """Nothing is fetched at import: the settings module loads with no provider at all."""
    import importlib

    import groeipad.settings

    monkeypatch.setenv("GROEIPAD_OIDC_ISSUER", "http://127.0.0.1:9")
    monkeypatch.setenv("GROEIPAD_OIDC_CLIENT_ID", "a")
    monkeypatch.setenv("GROEIPAD_OIDC_CLIENT_SECRET", "b")
    module = importlib.reload(groeipad.settings)
    try:
        assert module.GROEIPAD_OIDC_ISSUER == "http://127.0.0.1:9"
        assert module.AUTHENTICATION_BACKENDS[-1] == "groeipad.accounts.oidc.SsoBackend"
        assert "django.contrib.auth.backends.ModelBackend" not in module.AUTHENTICATION_BACKENDS
    finally:
        monkeypatch.undo()
        importlib.reload(groeipad.settings)


def test_a_failed_password_login_counts_nothing_for_sso(client, personas, sso):
    """The SSO backend ignores password logins: no request to the provider, no user."""
    response = client.post("/login/", {"username": "alice@example.nl", "password": "wrong"})

    assert response.status_code == 200
    assert User.objects.count() == 6
