"""Job rotation in a browser: Finance (Dave's department) offers a rotation, Carol applies,
her manager Alice consents, Dave chooses her, and the rotation is an on-the-job action in
Carol's development plan."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.utils import timezone

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_offer_apply_consent_choose(organisation, log_in, live_server, page, shot):
    from groeipad.mobility.models import Application, RotationOffer
    from groeipad.plans.models import Category

    start = timezone.localdate() + timedelta(days=42)
    # Dave manages Fatima in Finance: he offers a place there.
    log_in("dave@example.nl")
    page.wait_for_url(f"{live_server.url}/")
    page.goto(f"{live_server.url}/mobiliteit/nieuw/")
    page.select_option("#id_host_department", label="Finance")
    page.select_option("#id_kind", value="rotation")
    page.fill("#id_title", "Meedraaien met de maandafsluiting")
    page.fill("#id_description", "Zes weken meewerken aan de maandafsluiting en de forecast.")
    page.fill("#id_start_date", start.isoformat())
    page.fill("#id_duration_weeks", "6")
    page.fill("#id_places", "1")
    shot(page, "mobility-01-new-offer")
    with page.expect_navigation():
        page.click("form[action$='/mobiliteit/nieuw/'] button[type=submit]")
    offer = RotationOffer.objects.get(title="Meedraaien met de maandafsluiting")

    # Carol finds it and applies.
    page.context.clear_cookies()
    log_in("carol@example.nl")
    page.wait_for_url(f"{live_server.url}/")
    page.goto(f"{live_server.url}/mobiliteit/")
    shot(page, "mobility-02-offers")
    page.click(f"a[href='/mobiliteit/{offer.pk}/']")
    page.fill("#id_motivation", "Ik wil de cijfers achter de planning beter begrijpen.")
    shot(page, "mobility-03-offer-apply")
    with page.expect_navigation():
        page.click("form[action$='/aanmelden/'] button[type=submit]")
    page.wait_for_url(re.compile(r"/mobiliteit/mijn/$"))
    shot(page, "mobility-04-my-applications")
    application = Application.objects.get(offer=offer, employee__employee_number="1003")

    # Alice, her manager, consents.
    page.context.clear_cookies()
    log_in("alice@example.nl")
    page.wait_for_url(f"{live_server.url}/")
    page.goto(f"{live_server.url}/mobiliteit/toestemming/")
    shot(page, "mobility-05-consent-queue")
    page.fill(f"#reason-c-{application.pk}", "Goede stap voor Carol.")
    with page.expect_navigation():
        page.click(f"form[action$='/{application.pk}/toestemming/'] button[value=yes]")
    application.refresh_from_db()
    assert application.consent == "given"

    # Dave chooses her on the offer page.
    page.context.clear_cookies()
    log_in("dave@example.nl")
    page.wait_for_url(f"{live_server.url}/")
    page.goto(f"{live_server.url}/mobiliteit/{offer.pk}/")
    shot(page, "mobility-06-candidates")
    with page.expect_navigation():
        page.click(f"form[action$='/{application.pk}/besluit/'] button[value=yes]")
    application.refresh_from_db()
    assert application.decision == "chosen"
    action = application.plan_action
    assert action.category == Category.EXPERIENCE
    assert action.goal.plan.employee.employee_number == "1003"
    shot(page, "mobility-07-chosen")

    # Carol sees the outcome.
    page.context.clear_cookies()
    log_in("carol@example.nl")
    page.wait_for_url(f"{live_server.url}/")
    page.goto(f"{live_server.url}/mobiliteit/mijn/")
    shot(page, "mobility-08-outcome")
    page.set_viewport_size({"width": 390, "height": 844})
    shot(page, "mobility-09-outcome-mobile")
