"""Browser tests: Playwright driving the system's Chromium against a live server.

Skipped with a reason when Chromium is not installed, except on CI (CI=true),
where a missing browser is a failure: the tests must not silently vanish there.
"""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

import pytest

# Re-use the suite's personas and translation compiling (they live under src/).
from groeipad.conftest import PASSWORD, _compiled_translations, personas  # noqa: F401

# Playwright's sync API runs an event loop in this thread; Django then refuses ORM
# calls as "async unsafe" although nothing runs concurrently here.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = Path("/usr/bin/chromium")
SCREENSHOTS = Path(__file__).resolve().parents[2] / "screenshots"
DESKTOP = {"width": 1280, "height": 800}
MOBILE = {"width": 390, "height": 844}
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@pytest.fixture(scope="session", autouse=True)
def _fresh_translations(_compiled_translations):  # noqa: F811
    """Forget catalogues Django loaded before the .mo files were (re)compiled."""
    from django.utils.translation import trans_real

    trans_real._translations = {}
    trans_real._default = None


@pytest.fixture(scope="session")
def browser():
    if not CHROMIUM.exists():
        message = f"Chromium not found at {CHROMIUM}; install the chromium package."
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(message)
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=ARGS
        )
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport=DESKTOP, locale="nl-NL")
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()


@pytest.fixture
def shot():
    """Save a full-page screenshot under screenshots/ for a person to look at."""
    SCREENSHOTS.mkdir(exist_ok=True)

    def _shot(page, name: str) -> Path:
        path = SCREENSHOTS / f"{name}.png"
        page.screenshot(path=str(path), full_page=True)
        return path

    return _shot


@pytest.fixture
def organisation(transactional_db, personas):  # noqa: F811
    """The personas plus a believable team around them, for tidy screenshots."""
    from groeipad.people.models import Department, Employee, JobProfile, Movement, MovementKind
    from groeipad.privacy.services import audit_record

    planner = JobProfile.objects.get(name="Planner")
    senior = JobProfile.objects.create(name="Senior planner")
    controller = JobProfile.objects.create(name="Financieel controller")
    inbound = Department.objects.create(name="Inbound logistiek", parent=personas.operations)
    people = [
        (
            "2001",
            "Anne-Marie",
            "van den Berg-Oosterhuis",
            personas.planning,
            personas.alice,
            senior,
            None,
        ),
        ("2002", "Mohamed", "El Amrani", personas.planning, personas.alice, planner, None),
        ("2003", "Sanne", "de Jong", inbound, personas.bob, None, None),
        ("2004", "Pieter", "Mulder", inbound, personas.bob, planner, date(2023, 8, 31)),
        ("2005", "Fatima", "Yilmaz", personas.finance, personas.dave, controller, None),
    ]
    for number, first, last, department, manager, job, leave in people:
        Employee.objects.create(
            employee_number=number,
            first_name=first,
            last_name=last,
            email=f"{first.lower()}.{number}@example.nl",
            department=department,
            manager=manager,
            job_profile=job,
            hire_date=date(2018, 3, 1),
            leave_date=leave,
            leave_reason="voluntary" if leave else "",
        )
    Movement.objects.create(
        employee=personas.alice,
        date=date(2021, 4, 1),
        kind=MovementKind.TRANSFER,
        department=personas.planning,
        job_profile=planner,
    )
    Movement.objects.create(
        employee=personas.alice,
        date=date(2023, 1, 1),
        kind=MovementKind.PROMOTION,
        job_profile=senior,
    )
    audit_record(
        actor=personas.user("hanna"),
        action="import",
        object_type="employees",
        summary="Imported 128 employees from medewerkers-2024.xlsx",
    )
    return personas


@pytest.fixture
def log_in(live_server, page):
    def _log_in(email: str, password: str = PASSWORD):
        page.goto(f"{live_server.url}/login/")
        page.fill("#id_username", email)
        page.fill("#id_password", password)
        page.click("form.stack button[type=submit]")
        return page

    return _log_in
