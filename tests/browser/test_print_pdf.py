"""The printable plan as headless Chromium prints it: an A4 PDF, turned into PNGs to look at."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from groeipad.plans.tests.reminder_world import make_world

pytestmark = pytest.mark.browser
SCREENSHOTS = Path(__file__).resolve().parents[2] / "screenshots"


@pytest.fixture
def world(transactional_db, personas):
    return make_world(personas)


def test_the_printable_plan_prints_to_a4_pdf(world, log_in, live_server, page, shot, tmp_path):
    for tool in ("pdftoppm", "pdftotext", "pdfinfo"):
        if not shutil.which(tool):
            pytest.skip(f"{tool} not found: install poppler-utils (scripts/ensure-chromium)")
    log_in("alice@example.nl")
    page.goto(f"{live_server.url}/ontwikkeling/plannen/{world.plan.pk}/print/")
    assert page.locator("h1").inner_text() == "Ontwikkelplan"
    assert page.locator("nav.mainnav").count() == 0
    shot(page, "plan-print-screen")

    pdf = tmp_path / "plan.pdf"
    page.emulate_media(media="print")
    page.pdf(path=str(pdf), prefer_css_page_size=True, print_background=True)
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True)
    # pdfinfo names the paper size when it is a standard one.
    assert re.search(r"Page size:.*\(A4\)", info.stdout), info.stdout
    text = subprocess.run(
        ["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    text = " ".join(text.split())  # table cells wrap over lines
    for expected in (
        "Carol Bakker",
        world.goal.title,
        world.overdue.description,
        "Handtekeningen",
    ):
        assert expected in text, expected
    assert "PRIVATE" not in text
    assert "Terug naar het plan" not in text  # the screen-only toolbar does not print

    subprocess.run(
        ["pdftoppm", "-png", "-r", "70", str(pdf), str(SCREENSHOTS / "plan-print-pdf")],
        check=True,
    )
    assert sorted(SCREENSHOTS.glob("plan-print-pdf*.png"))


def test_the_reminders_page_and_the_count_in_the_top_bar(world, log_in, page, shot):
    from groeipad.notifications.reminders import reminders_scan
    from groeipad.plans.tests.reminder_world import TODAY

    reminders_scan(today=TODAY)
    log_in("alice@example.nl")
    badge = page.locator(".reminders-link .badge")
    assert badge.inner_text() == "3"
    page.click(".reminders-link")
    assert page.locator("h1").inner_text() == "Herinneringen"
    assert page.locator("li.reminder").count() == 3
    shot(page, "reminders-page")
    page.locator("li.reminder").first.get_by_role("button", name="Wegleggen").click()
    from playwright.sync_api import expect

    expect(page.locator("ul.reminders:not(.dismissed) > li.reminder")).to_have_count(2)
    expect(page.locator(".reminders-link .badge")).to_have_text("2")
