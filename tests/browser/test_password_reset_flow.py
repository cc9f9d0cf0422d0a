"""A forgotten password in a browser: the link on the login page, the mail through the
outbox and a real SMTP server, the link, a new password, logging in with it."""

from __future__ import annotations

import re

import pytest

from groeipad.notifications.tests.conftest import smtp  # noqa: F401

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

NEW = "een nieuw en lang wachtwoord 2026"


def test_forgotten_password_by_mail(personas, live_server, page, smtp, settings, shot):  # noqa: F811
    from groeipad.notifications.services import emails_deliver_due

    settings.BASE_URL = live_server.url
    smtp.start()
    page.goto(f"{live_server.url}/login/")
    page.click("#forgot-password")
    page.wait_for_url(re.compile(r"/wachtwoord-vergeten/$"))
    page.fill("#id_email", "carol@example.nl")
    shot(page, "password-reset-form")
    page.click("#password-reset button[type=submit]")
    page.wait_for_url(re.compile(r"/wachtwoord-vergeten/verstuurd/$"))
    assert page.locator("#password-reset-sent").count() == 1

    assert emails_deliver_due() == 1
    (to, message) = smtp.messages[-1]
    assert to == ["carol@example.nl"]
    body = message.get_body(("plain",)).get_content()
    link = re.search(r"(https?://\S+/wachtwoord-vergeten/\S+/)", body).group(1)
    assert link.startswith(live_server.url)

    page.goto(link)
    page.wait_for_selector("#id_new_password1")
    page.fill("#id_new_password1", NEW)
    page.fill("#id_new_password2", NEW)
    shot(page, "password-reset-confirm")
    page.click("#password-reset-confirm button[type=submit]")
    page.wait_for_url(re.compile(r"/wachtwoord-vergeten/klaar/$"))

    page.goto(f"{live_server.url}/login/")
    page.fill("#id_username", "carol@example.nl")
    page.fill("#id_password", NEW)
    page.click("form.stack button[type=submit]")
    page.wait_for_url(f"{live_server.url}/")

    # The link worked once.
    page.goto(link)
    assert page.locator("#reset-link-invalid").count() == 1
    shot(page, "password-reset-link-used")
