"""The invitation link's pages: choose a password and land logged in; an expired, used,
voided or unknown link answers 410 with a clear page and a form for a new link, which
answers the same whether or not the address has an account."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from groeipad.accounts import services
from groeipad.accounts.models import AccountInvitation
from groeipad.accounts.tests.conftest import token_in
from groeipad.notifications.models import OutgoingEmail
from groeipad.people.models import User

pytestmark = pytest.mark.django_db
PASSWORD = "a long new passphrase 42"


@pytest.fixture
def invited(personas, newcomers):
    services.invite(actor=personas.hanna.user, employees=[newcomers[0]])
    return token_in(OutgoingEmail.objects.get(to="noor@example.nl").text)


def _set(client, token, password=PASSWORD, again=None):
    return client.post(
        f"/account/activeren/{token}/",
        {"new_password1": password, "new_password2": again or password},
        HTTP_ACCEPT_LANGUAGE="en",
    )


def test_setting_a_password_logs_in_and_uses_the_link(client, invited):
    page = client.get(f"/account/activeren/{invited}/")
    assert page.status_code == 200
    assert b"noor@example.nl" in page.content
    response = _set(client, invited)
    assert response.status_code == 302 and response["Location"] == "/"
    home = client.get("/")
    assert home.status_code == 200 and home.context["user"].email == "noor@example.nl"
    assert User.objects.get(email="noor@example.nl").check_password(PASSWORD)
    client.logout()
    again = client.get(f"/account/activeren/{invited}/")
    assert again.status_code == 410
    assert b'data-why="used"' in again.content


def test_a_weak_or_mismatched_password_is_refused_and_keeps_the_link(client, invited):
    weak = _set(client, invited, password="password")
    assert weak.status_code == 400
    assert b"id_new_password1" in weak.content
    differ = _set(client, invited, again="another long passphrase 99")
    assert differ.status_code == 400
    assert not User.objects.get(email="noor@example.nl").has_usable_password()
    assert AccountInvitation.objects.get().used_at is None
    assert _set(client, invited).status_code == 302


@pytest.mark.parametrize("why", ["expired", "voided", "unknown"])
def test_a_link_that_no_longer_works_shows_the_page_with_a_new_link_form(client, invited, why):
    token = invited
    if why == "expired":
        AccountInvitation.objects.update(expires_at=timezone.now() - timedelta(minutes=1))
    elif why == "voided":
        AccountInvitation.objects.update(voided_at=timezone.now())
    else:
        token = "not-a-real-token"
    for response in (client.get(f"/account/activeren/{token}/"), _set(client, token)):
        assert response.status_code == 410
        assert f'data-why="{why}"'.encode() in response.content
        assert b'id="renew-form"' in response.content
    assert not User.objects.get(email="noor@example.nl").has_usable_password()


def test_the_expired_page_is_dutch_by_default(client, invited):
    AccountInvitation.objects.update(expires_at=timezone.now() - timedelta(minutes=1))
    response = client.get(f"/account/activeren/{invited}/")
    assert response.status_code == 410
    assert response.headers["Content-Language"] == "nl"


def test_asking_for_a_new_link_answers_the_same_for_any_address(client, invited, personas):
    AccountInvitation.objects.update(expires_at=timezone.now() - timedelta(minutes=1))
    answers = []
    for address in ("noor@example.nl", "nobody@example.nl", "carol@example.nl"):
        response = client.post(
            "/account/activeren/nieuwe-link/", {"email": address}, HTTP_ACCEPT_LANGUAGE="en"
        )
        assert response.status_code == 200
        section = response.content.split(b'<section class="card narrow" id="renew">')[1]
        answers.append(section.split(b"</section>")[0])
    assert answers[0] == answers[1] == answers[2]
    # Only the invited, never activated account got a fresh link.
    assert OutgoingEmail.objects.filter(to="noor@example.nl").count() == 2
    assert not OutgoingEmail.objects.filter(to__in=["nobody@example.nl", "carol@example.nl"])
    fresh = token_in(OutgoingEmail.objects.filter(to="noor@example.nl").order_by("-pk")[0].text)
    assert _set(client, fresh).status_code == 302


def test_a_new_link_is_not_sent_to_an_active_or_deactivated_account(client, invited):
    _set(client, invited)
    client.logout()
    client.post("/account/activeren/nieuwe-link/", {"email": "noor@example.nl"})
    assert OutgoingEmail.objects.filter(to="noor@example.nl").count() == 1


def test_a_deactivated_account_cannot_use_its_link(client, invited, personas):
    user = User.objects.get(email="noor@example.nl")
    services.account_deactivate(actor=personas.hanna.user, user=user)
    response = _set(client, invited)
    assert response.status_code == 410
    assert not User.objects.get(pk=user.pk).has_usable_password()


def test_with_passwords_off_the_link_does_not_sign_in(client, invited, settings):
    # Single sign-on only: a password set through the link signs nobody in.
    settings.GROEIPAD_OIDC_ISSUER = "http://127.0.0.1:9/issuer"
    settings.GROEIPAD_OIDC_CLIENT_ID = "groeipad"
    settings.GROEIPAD_OIDC_CLIENT_SECRET = "secret"
    settings.GROEIPAD_PASSWORD_LOGIN = False
    response = _set(client, invited)
    assert response.status_code == 302 and response["Location"].startswith("/login/")
    assert client.get("/").status_code == 302
