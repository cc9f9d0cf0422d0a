"""An API token made on "My account", used on the API (200), revoked on the page (401)."""

from __future__ import annotations

import urllib.error
import urllib.request

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _api_status(url: str, key: str) -> int:
    request = urllib.request.Request(url, headers={"Authorization": f"Bearer {key}"})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def test_token_created_used_and_revoked(personas, log_in, live_server, page, shot):
    log_in("carol@example.nl")
    page.wait_for_url(f"{live_server.url}/")
    page.click("a.account-link")
    page.wait_for_url(f"{live_server.url}/account/")
    page.fill("#id_name", "rapportage")
    page.select_option("#id_scope", "read")
    page.fill("#id_days", "30")
    page.click("#token-create button[type=submit]")
    key = page.locator("#new-token-key").inner_text().strip()
    assert key.startswith("gp_")
    shot(page, "account-token-created")

    url = f"{live_server.url}/api/v1/employees"
    assert _api_status(url, key) == 200

    page.goto(f"{live_server.url}/account/")
    row = page.locator("tr.token", has_text="rapportage")
    assert row.get_attribute("data-status") == "active"
    row.locator("button.revoke").click()
    page.wait_for_url(f"{live_server.url}/account/")
    assert page.locator("tr.token", has_text="rapportage").get_attribute("data-status") == "revoked"
    shot(page, "account-token-revoked")

    assert _api_status(url, key) == 401
