"""The insights page in a browser, on the demo organisation: cards, charts, filter bar."""

from __future__ import annotations

import re

import pytest
from django.core.management import call_command

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

DEMO_HR = "hr@demo.groeipad.nl"
DEMO_PASSWORD = "groeipad-demo"


@pytest.fixture
def demo(transactional_db):
    """The believable demo organisation (300 people, five years), for a realistic page."""
    call_command("demo_data", employees=300, seed=42, verbosity=0)


def log_in_as_hr(page, live_server):
    page.goto(f"{live_server.url}/login/")
    page.fill("#id_username", DEMO_HR)
    page.fill("#id_password", DEMO_PASSWORD)
    page.press("#id_password", "Enter")
    page.wait_for_url(f"{live_server.url}/")


def test_hr_reads_the_insights_page_on_desktop_and_phone(demo, live_server, page, shot):
    log_in_as_hr(page, live_server)
    page.click("nav.mainnav >> text=Inzichten")
    page.wait_for_url(re.compile(r"/inzichten/$"))

    headings = page.locator(".kpi-group h2").all_inner_texts()
    assert [h.casefold() for h in headings] == [
        "bezetting",
        "behoud en verloop",
        "interne mobiliteit",
        "tevredenheid",
        "ontwikkeling",
    ]
    assert page.locator("article.kpi-card").count() == 19
    # Figures are written the Dutch way: a percentage with a decimal comma, euros.
    assert re.fullmatch(
        r"\d+,\d%", page.locator('[data-key="turnover_rate"] .kpi-value').inner_text()
    )
    assert page.locator('[data-key="payroll"] .kpi-value').inner_text().startswith("€")
    assert page.locator(".chart-card svg").count() == 5
    assert page.locator("script").count() == 0

    # Four cards a row on a wide screen: the retention cards share one top edge.
    tops = {
        round(box["y"])
        for box in (c.bounding_box() for c in page.locator(".retention article.kpi-card").all())
    }
    assert len(tops) == 1
    shot(page, "insights-hr-desktop")

    page.click(".chart-card summary >> nth=0")
    assert page.locator(".chart-card table.numbers >> nth=0").is_visible()

    page.click(".quick-periods >> text=Laatste 12 maanden")
    page.wait_for_load_state()
    assert (
        page.locator('.quick-periods a[aria-current="true"]').inner_text() == "Laatste 12 maanden"
    )
    page.select_option("#id_afdeling", index=1)
    page.click("form.filters button[type=submit]")
    page.wait_for_load_state()
    assert "afdeling=" in page.url
    assert page.locator("article.kpi-card").count() == 19

    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{live_server.url}/inzichten/")
    # Nothing sticks out sideways on a phone.
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    shot(page, "insights-hr-mobile")
