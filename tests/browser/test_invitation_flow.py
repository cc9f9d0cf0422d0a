"""Invitations in a browser: HR ticks employees on the people list and clicks
"Uitnodigen"; the mail reaches a real SMTP server; the link, opened in a fresh browser,
sets a password and lands logged in. An expired link shows the Dutch "no longer works"
page, where a new link can be asked for."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest

from groeipad.notifications.tests.conftest import smtp  # noqa: F401  (a real SMTP server)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
LINK = re.compile(r"/account/activeren/[A-Za-z0-9_-]+/")


def _link_for(smtp, address: str) -> str:  # noqa: F811
    for recipients, message in reversed(smtp.messages):
        if recipients == [address]:
            return LINK.search(message.get_body(preferencelist=("plain",)).get_content()).group(0)
    raise AssertionError(f"no mail to {address}: {[r for r, _m in smtp.messages]}")


def test_hr_invites_from_the_people_list_and_the_employee_sets_a_password(
    organisation,
    smtp,  # noqa: F811
    settings,
    browser,
    log_in,
    live_server,
    page,
    shot,
):
    from groeipad.accounts.models import AccountInvitation
    from groeipad.notifications.services import emails_deliver_due
    from groeipad.people.models import User

    settings.LANGUAGE_CODE = "nl"  # the smtp fixture speaks English; the product is Dutch
    smtp.start()
    log_in("hanna@example.nl")
    page.wait_for_url(f"{live_server.url}/")
    page.goto(f"{live_server.url}/medewerkers/")
    # "Select all on this page" (a static script) ticks every row, and clears them again.
    boxes = page.locator("input[name=nummer]")
    page.click("input[data-select-all=nummer]")
    assert boxes.count() > 2 and all(box.is_checked() for box in boxes.all())
    page.click("input[data-select-all=nummer]")
    assert not any(box.is_checked() for box in boxes.all())
    page.check("input[name=nummer][value='2001']")
    page.check("input[name=nummer][value='2002']")
    page.check("input[name=nummer][value='1003']")  # Carol has an account: skipped
    assert page.locator("#invite-selected").inner_text() == "Uitnodigen"
    shot(page, "people-list-invite")
    page.click("#invite-selected")
    page.wait_for_url(re.compile(r"/medewerkers/$"))
    message = page.locator("ul.messages li").inner_text()
    assert message.startswith("2 ") and "1 " in message
    assert AccountInvitation.objects.count() == 2

    page.goto(f"{live_server.url}/beheer/accounts/?q=Oosterhuis")
    assert page.locator("tr[data-number='2001']").get_attribute("data-status") == "invited"
    shot(page, "accounts-page")
    assert emails_deliver_due() == 2
    link = _link_for(smtp, "anne-marie.2001@example.nl")

    fresh = browser.new_context(locale="nl-NL")
    newcomer = fresh.new_page()
    newcomer.set_default_timeout(10_000)
    newcomer.goto(live_server.url + link)
    assert newcomer.locator("html").get_attribute("lang") == "nl"
    newcomer.fill("#id_new_password1", "een lang nieuw wachtwoord 42")
    newcomer.fill("#id_new_password2", "een lang nieuw wachtwoord 42")
    shot(newcomer, "invitation-set-password")
    newcomer.click("#activate button[type=submit]")
    newcomer.wait_for_url(f"{live_server.url}/")
    assert "van den Berg-Oosterhuis" in newcomer.locator(".who").inner_text()
    assert User.objects.get(email="anne-marie.2001@example.nl").check_password(
        "een lang nieuw wachtwoord 42"
    )
    # The link works once.
    response = newcomer.goto(live_server.url + link)
    assert response.status == 410
    fresh.close()
    page.reload()
    assert page.locator("tr[data-number='2001']").get_attribute("data-status") == "active"


def test_an_expired_link_shows_the_dutch_page_and_a_new_link_can_be_asked_for(
    organisation,
    smtp,  # noqa: F811
    settings,
    browser,
    live_server,
    shot,
):
    from django.utils import timezone

    from groeipad.accounts import services
    from groeipad.accounts.models import AccountInvitation
    from groeipad.notifications.services import emails_deliver_due
    from groeipad.people.models import Employee

    settings.LANGUAGE_CODE = "nl"
    smtp.start()
    services.invite(
        actor=organisation.user("hanna"), employees=[Employee.objects.get(employee_number="2002")]
    )
    emails_deliver_due()
    link = _link_for(smtp, "mohamed.2002@example.nl")
    AccountInvitation.objects.update(expires_at=timezone.now() - timedelta(hours=1))

    context = browser.new_context(locale="nl-NL")
    page = context.new_page()
    page.set_default_timeout(10_000)
    response = page.goto(live_server.url + link)
    assert response.status == 410
    assert page.locator("#link-invalid").get_attribute("data-why") == "expired"
    assert page.locator("html").get_attribute("lang") == "nl"
    shot(page, "invitation-expired")
    page.fill("#id_email", "mohamed.2002@example.nl")
    page.click("#renew-form button[type=submit]")
    page.wait_for_selector("#renew-sent")
    assert emails_deliver_due() == 1
    fresh = _link_for(smtp, "mohamed.2002@example.nl")
    assert fresh != link
    page.goto(live_server.url + fresh)
    assert page.locator("#id_new_password1").count() == 1
    context.close()
