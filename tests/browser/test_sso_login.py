"""Single sign-on in Chromium: the button, the provider's own page, Groeipad's home page.

The provider is a real OpenID Connect provider running locally (oidc-provider-mock); the
browser goes to it and back like it would to Microsoft's sign-in page.
"""

from __future__ import annotations

import re

import pytest

from groeipad.accounts.tests.oidc_provider import oidc_server, sso  # noqa: F401

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_employee_signs_in_with_the_provider_and_lands_home(
    organisation,
    sso,  # noqa: F811
    live_server,
    page,
    shot,
):
    sso.person("alice@example.nl")

    page.goto(f"{live_server.url}/login/")
    # "Inloggen met Microsoft" once the lead has translated the msgid.
    assert "Microsoft" in page.locator("#sso-login").inner_text()
    shot(page, "sso-login-page")
    page.click("#sso-login")

    page.wait_for_url(re.compile(re.escape(sso.issuer) + "/oauth2/authorize"))
    page.get_by_placeholder("sub").fill("alice@example.nl")
    page.get_by_role("button", name="Authorize").click()

    page.wait_for_url(f"{live_server.url}/")
    assert page.locator("h1").inner_text() == "Welkom, Alice"
    shot(page, "sso-home")


def test_unknown_person_sees_the_refusal_page(
    organisation,
    sso,  # noqa: F811
    live_server,
    page,
    shot,
):
    sso.person("stranger@elsewhere.example")

    page.goto(f"{live_server.url}/login/")
    page.click("#sso-login")
    page.get_by_placeholder("sub").fill("stranger@elsewhere.example")
    page.get_by_role("button", name="Authorize").click()

    page.wait_for_url(f"{live_server.url}/oidc/mislukt/")
    assert page.locator("#sso-failed").get_attribute("data-reason") == "unknown"
    shot(page, "sso-refused")
