"""HR opens the transparency page and the audit log, and filters the log (screenshots).

Also a live-server (transactional) test on the append-only audit log: the flush after it
must empty the log with the protection lifted, and leave the triggers in place.
"""

from __future__ import annotations

import re

import pytest
from django.db import connection

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_hr_reads_the_transparency_page_and_filters_the_audit_log(
    organisation, log_in, live_server, page, shot
):
    from groeipad.plans import services
    from groeipad.privacy import db as audit_db

    plan = services.plan_create(
        actor=organisation.user("carol"),
        employee=organisation.carol,
        period_start=organisation.carol.hire_date,
        period_end=organisation.carol.hire_date.replace(year=2030),
    )
    log_in("alice@example.nl")
    page.goto(f"{live_server.url}/ontwikkeling/plannen/{plan.pk}/")  # a read, audited
    page.context.clear_cookies()

    log_in("hanna@example.nl")
    page.wait_for_url(f"{live_server.url}/")
    page.click("nav.mainnav >> text=Privacy")
    page.wait_for_url(re.compile(r"/privacy/transparantie/$"))
    assert page.locator("#thresholds tbody tr").count() >= 2
    assert page.locator("#retention tbody tr").count() == 3
    shot(page, "hr-transparency")

    page.click("main a[href$='/privacy/auditlog/']")
    page.wait_for_url(re.compile(r"/privacy/auditlog/"))
    assert page.locator("#audit-log tbody tr").count() >= 2
    page.select_option("#id_action", "read")
    page.fill("#id_employee", "1003")
    page.click("form.filters button[type=submit]")
    page.wait_for_url(re.compile(r"action=read.*employee=1003"))
    rows = page.locator("#audit-log tbody tr")
    assert rows.count() == 1
    assert "alice@example.nl" in rows.first.inner_text()
    shot(page, "hr-audit-log-filtered")
    assert audit_db.missing_triggers(connection) == []
