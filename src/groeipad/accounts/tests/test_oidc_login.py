"""Single sign-on against a real OpenID Connect provider running on a local port.

Every step of the code flow is real HTTP between Groeipad's client and the provider
(discovery, token, JWKS, userinfo); the browser's part is played by the Django test
client (Groeipad's pages) and ``requests`` (the provider's login form).
"""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.conf import settings
from django.test import override_settings
from django.utils import timezone

from groeipad.accounts.tests.oidc_provider import free_port, path_of, sso_settings
from groeipad.people.models import Employee, Role, User
from groeipad.privacy.models import AuditAction, AuditEvent, ObjectType

pytestmark = pytest.mark.django_db


def start(client, query: str = "") -> str:
    """Press the SSO button: the provider's authorization URL Groeipad sends us to."""
    response = client.get("/oidc/inloggen/" + query)
    assert response.status_code == 302, response.content[:500]
    assert response["Location"].startswith(client_issuer(response))
    return response["Location"]


def client_issuer(response) -> str:
    from django.conf import settings

    return settings.GROEIPAD_OIDC_ISSUER


def sso_login(client, provider, sub: str, query: str = ""):
    """The whole flow for ``sub``; the last response, redirects followed."""
    callback = provider.authorize(start(client, query), sub)
    assert callback.startswith("http://testserver/oidc/callback/?")
    return client.get(path_of(callback), follow=True)


def logged_in_user(client) -> User | None:
    user_id = client.session.get("_auth_user_id")
    return User.objects.get(pk=user_id) if user_id else None


def refused_with(response, reason: str, status: int = 403) -> None:
    assert response.status_code == status, response.content[:800]
    assert f'data-reason="{reason}"' in response.content.decode()


def new_employee(number: str, email: str, **extra) -> Employee:
    from groeipad.people.models import Department

    return Employee.objects.create(
        department=Department.objects.get(name="HR"),
        employee_number=number,
        first_name="Eva",
        last_name="Nieuw",
        email=email,
        hire_date=date(2021, 1, 1),
        **extra,
    )


def test_employee_logs_in_through_the_provider(client, personas, sso):
    sub = sso.person("alice@example.nl")

    response = sso_login(client, sso, sub, "?next=/leren/")

    assert response.status_code == 200
    assert response.redirect_chain[-1][0] == "/leren/"
    assert logged_in_user(client) == personas.user("alice")
    assert AuditEvent.objects.filter(
        action=AuditAction.LOGIN,
        object_type=ObjectType.USER,
        object_id=str(personas.user("alice").pk),
        summary__contains="single sign-on",
    ).exists()


def test_the_address_matches_in_any_case(client, personas, sso):
    sub = sso.person("ALICE@Example.NL")

    response = sso_login(client, sso, sub)

    assert response.status_code == 200
    assert response.redirect_chain[-1][0] == "/"
    assert logged_in_user(client) == personas.user("alice")


def test_first_login_of_an_employee_without_account_creates_it(client, personas, sso):
    eva = new_employee("1100", "eva.nieuw@example.nl")
    users_before = User.objects.count()

    response = sso_login(client, sso, sso.person("Eva.Nieuw@example.nl"))

    assert response.status_code == 200
    assert User.objects.count() == users_before + 1
    user = User.objects.get(employee=eva)
    assert user.email == "eva.nieuw@example.nl"
    assert user.role == Role.EMPLOYEE
    assert not user.has_usable_password()
    assert logged_in_user(client) == user
    assert AuditEvent.objects.filter(
        action=AuditAction.CREATE, object_type=ObjectType.USER, object_id=str(user.pk)
    ).exists()


def test_an_employee_whose_account_has_another_address_gets_that_account(client, personas, sso):
    User.objects.filter(pk=personas.user("dave").pk).update(email="d.visser@oud.example.nl")

    response = sso_login(client, sso, sso.person("dave@example.nl"))

    assert response.status_code == 200
    assert logged_in_user(client).pk == personas.user("dave").pk


def test_unknown_address_is_refused_and_no_account_is_made(client, personas, sso):
    users_before = User.objects.count()

    response = sso_login(client, sso, sso.person("stranger@elsewhere.example"))

    refused_with(response, "unknown")
    assert User.objects.count() == users_before
    assert logged_in_user(client) is None


def test_an_account_without_employee_record_is_refused(client, personas, sso):
    response = sso_login(client, sso, sso.person("admin@example.nl"))

    refused_with(response, "unknown")
    assert logged_in_user(client) is None


def test_a_leaver_is_refused(client, personas, sso):
    Employee.objects.filter(pk=personas.carol.pk).update(
        leave_date=timezone.localdate() - timedelta(days=1)
    )

    response = sso_login(client, sso, sso.person("carol@example.nl"))

    refused_with(response, "leaver")
    assert logged_in_user(client) is None


def test_a_leaver_without_account_gets_none(client, personas, sso):
    new_employee("1101", "weg@example.nl", leave_date=timezone.localdate() - timedelta(days=3))
    users_before = User.objects.count()

    response = sso_login(client, sso, sso.person("weg@example.nl"))

    refused_with(response, "leaver")
    assert User.objects.count() == users_before


def test_someone_leaving_today_still_logs_in(client, personas, sso):
    Employee.objects.filter(pk=personas.carol.pk).update(leave_date=timezone.localdate())

    response = sso_login(client, sso, sso.person("carol@example.nl"))

    assert response.status_code == 200
    assert logged_in_user(client) == personas.user("carol")


def test_a_deactivated_account_is_refused(client, personas, sso):
    User.objects.filter(pk=personas.user("bob").pk).update(is_active=False)

    response = sso_login(client, sso, sso.person("bob@example.nl"))

    refused_with(response, "deactivated")
    assert logged_in_user(client) is None


def test_an_unverified_address_is_refused(client, personas, sso):
    response = sso_login(client, sso, sso.person("alice@example.nl", verified=False))

    refused_with(response, "unverified")
    assert logged_in_user(client) is None


def test_an_address_without_verification_counts_only_in_the_organisations_domains(
    client, personas, sso
):
    sub = sso.person("alice@example.nl", verified=None)

    refused_with(sso_login(client, sso, sub), "unverified")

    with override_settings(GROEIPAD_ORGANISATION_DOMAINS=["example.nl"]):
        response = sso_login(client, sso, sub)
    assert response.status_code == 200
    assert logged_in_user(client) == personas.user("alice")


def test_verification_can_be_left_to_the_provider(client, personas, sso):
    sub = sso.person("alice@example.nl", verified=False)

    with override_settings(GROEIPAD_OIDC_REQUIRE_VERIFIED_EMAIL=False):
        response = sso_login(client, sso, sub)

    assert logged_in_user(client) == personas.user("alice")
    assert response.status_code == 200


def test_entra_style_login_by_preferred_username(client, personas, sso):
    # Entra ID: the sign-in name in preferred_username, no email_verified, another email.
    sso.set_claims(
        "entra-object-id-1", preferred_username="Hanna@Example.nl", email="h.smit@privé.example"
    )

    with override_settings(
        GROEIPAD_OIDC_EMAIL_CLAIM="preferred_username",
        GROEIPAD_ORGANISATION_DOMAINS=["example.nl"],
    ):
        response = sso_login(client, sso, "entra-object-id-1")

    assert response.status_code == 200
    assert logged_in_user(client) == personas.user("hanna")


def test_no_address_in_the_claims_is_refused(client, personas, sso):
    sso.set_claims("no-mail", name="Zonder Adres")

    refused_with(sso_login(client, sso, "no-mail"), "unknown")


def test_provider_down_shows_our_page_and_makes_no_account(client, personas, oidc_server):
    new_employee("1102", "eva@example.nl")
    users_before = User.objects.count()

    with sso_settings(f"http://127.0.0.1:{free_port()}"):
        response = client.get("/oidc/inloggen/")

    refused_with(response, "unavailable", 503)
    assert User.objects.count() == users_before


def test_provider_gone_during_the_login_shows_our_page(client, personas, oidc_server):
    from groeipad.accounts import oidc_config

    oidc_config.forget_discovery()
    with sso_settings(oidc_server.issuer):
        callback = oidc_server.authorize(start(client), oidc_server.person("alice@example.nl"))
    oidc_config.forget_discovery()
    with sso_settings(f"http://127.0.0.1:{free_port()}"):
        response = client.get(path_of(callback), follow=True)

    refused_with(response, "unavailable", 503)
    assert logged_in_user(client) is None


def test_a_provider_answering_nonsense_shows_our_page(client, personas, oidc_server):
    # The provider's authorize endpoint as issuer: no discovery document there.
    with sso_settings(oidc_server.issuer + "/oauth2/authorize"):
        response = client.get("/oidc/inloggen/")

    refused_with(response, "unavailable", 502)


def test_cancelling_at_the_provider_shows_our_page(client, personas, sso):
    callback = sso.deny(start(client))
    assert "error=access_denied" in callback

    response = client.get(path_of(callback), follow=True)

    refused_with(response, "cancelled", 400)
    assert logged_in_user(client) is None


def test_a_forged_state_is_refused(client, personas, sso):
    start(client)  # a login is under way, with another state

    response = client.get("/oidc/callback/?code=abc&state=forged", follow=True)

    refused_with(response, "state", 400)
    assert logged_in_user(client) is None


def test_a_callback_without_a_login_under_way_is_refused(client, personas, sso):
    response = client.get("/oidc/callback/?code=abc&state=xyz", follow=True)

    refused_with(response, "state", 400)


def test_a_code_used_twice_is_refused(client, personas, sso):
    callback = sso.authorize(start(client), sso.person("alice@example.nl"))
    assert client.get(path_of(callback), follow=True).status_code == 200
    client.logout()
    other = type(client)()

    # Another browser replaying the callback: no login under way there.
    response = other.get(path_of(callback), follow=True)

    refused_with(response, "state", 400)


def test_the_failure_page_opened_directly_offers_a_new_try(client, sso):
    response = client.get("/oidc/mislukt/")

    assert response.status_code == 200
    assert 'id="sso-retry"' in response.content.decode()


def test_refused_sso_logins_lock_nobody_else_out(client, personas, sso):
    """Django reports a refused SSO login as a failed login (django-axes counts those per
    account); with no account name in it, it must not add up to a lock for everyone."""
    from groeipad.conftest import PASSWORD

    stranger = sso.person("stranger@elsewhere.example")
    for _ in range(7):
        refused_with(sso_login(client, sso, stranger), "unknown")

    assert sso_login(client, sso, sso.person("alice@example.nl")).status_code == 200
    client.logout()
    response = client.post("/login/", {"username": "bob@example.nl", "password": PASSWORD})
    assert response.status_code == 302


def test_an_account_deactivated_after_an_sso_login_loses_its_session(client, personas, sso):
    assert sso_login(client, sso, sso.person("alice@example.nl")).status_code == 200
    User.objects.filter(pk=personas.user("alice").pk).update(is_active=False)

    response = client.get("/")

    assert response.status_code == 302
    assert response["Location"].startswith("/login/")


def test_the_unavailable_page_says_what_happened_in_english(client, oidc_server):
    # Pages follow the language cookie (Dutch first), not Accept-Language.
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    with sso_settings(f"http://127.0.0.1:{free_port()}"):
        response = client.get("/oidc/inloggen/")

    body = response.content.decode()
    assert response.status_code == 503
    assert "The sign-in service cannot be reached" in body
    assert "Nothing has changed in Groeipad" in body
