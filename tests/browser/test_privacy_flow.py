"""The AVG rights in a browser: an employee downloads their data; HR erases a leaver after
a dry run and looks at what retention removes next."""

from __future__ import annotations

import io
import json
import re
import zipfile

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_employee_downloads_and_hr_erases_a_leaver(organisation, log_in, live_server, page, shot):
    from groeipad.people.models import Employee
    from groeipad.plans.models import DevelopmentPlan

    leaver = Employee.objects.get(employee_number="2004")  # Pieter Mulder, left in 2023
    DevelopmentPlan.objects.create(
        employee=leaver,
        period_start=leaver.hire_date,
        period_end=leaver.leave_date,
        strengths="Plannen onder druk",
    )

    log_in("alice@example.nl")
    page.wait_for_url(f"{live_server.url}/")
    page.goto(f"{live_server.url}/privacy/mijn-gegevens/")
    shot(page, "privacy-mine")
    with page.expect_download() as download:
        page.click("a[href$='/privacy/mijn-gegevens/download/']")
    content = download.value.path().read_bytes()
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        data = json.loads(archive.read("data.json"))
    assert data["categories"]["employee_record"]["records"][0]["employee_number"] == "1002"

    page.context.clear_cookies()
    log_in("hanna@example.nl")
    page.wait_for_url(f"{live_server.url}/")
    page.goto(f"{live_server.url}/privacy/?q=Mulder")
    page.click("a[href$='/privacy/medewerkers/2004/']")
    page.wait_for_url(re.compile(r"/privacy/medewerkers/2004/$"))
    assert page.locator("#erase-confirm").count() == 1
    shot(page, "privacy-erase-dry-run")
    page.fill("#erase-confirm", "2004")
    page.click("form[action$='/wissen/'] button[type=submit]")
    page.wait_for_url(re.compile(r"/privacy/medewerkers/verwijderd-[0-9a-f]{10}/$"))
    assert not DevelopmentPlan.objects.filter(employee=leaver).exists()
    assert page.locator("#erase-confirm").count() == 0
    shot(page, "privacy-erased")

    # Two leavers whose development data goes soon: the retention page lists them.
    from datetime import timedelta

    from django.utils import timezone

    for number, days in (("2006", 700), ("2007", 650)):
        left = timezone.localdate() - timedelta(days=days)
        person = Employee.objects.create(
            employee_number=number,
            first_name="Vertrokken",
            last_name=f"Collega {number}",
            email=f"v{number}@example.nl",
            department=leaver.department,
            hire_date=left - timedelta(days=900),
            leave_date=left,
        )
        DevelopmentPlan.objects.create(
            employee=person, period_start=person.hire_date, period_end=left
        )
    page.goto(f"{live_server.url}/privacy/bewaartermijnen/")
    assert page.locator("table.list tbody tr").count() == 2
    shot(page, "privacy-retention")
