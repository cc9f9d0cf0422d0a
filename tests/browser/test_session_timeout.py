"""A session idle past GROEIPAD_SESSION_IDLE_MINUTES ends: the next page is the login
page, which says the session expired."""

from __future__ import annotations

import re
import time

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_idle_session_goes_to_the_login_page_with_a_message(
    personas, log_in, live_server, page, settings, shot
):
    from django.contrib.sessions.models import Session

    from groeipad.web.middleware import SessionLimitsMiddleware

    settings.GROEIPAD_SESSION_IDLE_MINUTES = 30
    log_in("carol@example.nl")
    page.wait_for_url(f"{live_server.url}/")
    page.goto(f"{live_server.url}/account/")
    assert page.locator("#account-sessions").count() == 1

    # Age the last-activity stamp the middleware keeps, as 31 minutes without a request.
    cookie = next(c for c in page.context.cookies() if c["name"] == "sessionid")
    stored = Session.objects.get(session_key=cookie["value"])
    data = stored.get_decoded()
    data[SessionLimitsMiddleware.SEEN] = time.time() - 31 * 60
    Session.objects.filter(pk=stored.pk).update(session_data=Session.objects.encode(data))

    page.goto(f"{live_server.url}/account/")
    page.wait_for_url(re.compile(r"/login/"))
    message = page.locator("ul.messages li")
    assert message.count() == 1
    assert "30" in message.inner_text()
    shot(page, "session-expired")
