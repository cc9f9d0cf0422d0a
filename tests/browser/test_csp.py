"""The Content-Security-Policy in a real browser: no page breaks it.

Chromium reports every blocked script, style, image or form ("Refused to ...") on the
console and as a ``securitypolicyviolation`` event. The walk covers the pages with the
most moving parts: home, the people list, a plan (whose status select saves itself
through a static script), the print page, insights with its SVG charts, the heat map,
Swagger UI and Django's admin.
"""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.utils import timezone

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

RECORD_VIOLATIONS = """
window.__violations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__violations.push(event.violatedDirective + " " + event.blockedURI);
});
"""


@pytest.fixture
def with_plan(organisation):
    from groeipad.plans import services as plans
    from groeipad.plans.models import ActionStatus

    carol = organisation.carol
    user = organisation.user("carol")
    today = timezone.localdate()
    plan = plans.plan_create(
        actor=user,
        employee=carol,
        period_start=today - timedelta(days=10),
        period_end=today + timedelta(days=300),
    )
    goal = plans.goal_create(
        actor=user,
        plan=plan,
        title="Presenteren",
        success_criterion="Twee keer gepresenteerd in het teamoverleg",
        owner=carol,
        deadline=today + timedelta(days=100),
    )
    action = plans.action_create(
        actor=user,
        goal=goal,
        description="Oefenen in het teamoverleg",
        instrument="on_the_job",
        owner=carol,
        due_date=today + timedelta(days=30),
        status=ActionStatus.PLANNED,
    )
    return plan, action


def _watch(page) -> list[str]:
    refused: list[str] = []
    page.on(
        "console",
        lambda message: (
            refused.append(message.text)
            if "Refused to" in message.text or "Content Security Policy" in message.text
            else None
        ),
    )
    page.on("pageerror", lambda error: refused.append(f"page error: {error}"))
    page.add_init_script(RECORD_VIOLATIONS)
    return refused


def _visit(page, url: str, refused: list[str]) -> None:
    page.goto(url)
    page.wait_for_load_state("networkidle")
    refused += [f"{url}: {v}" for v in page.evaluate("window.__violations || []")]


def test_hr_pages_swagger_and_admin_break_no_csp_rule(with_plan, log_in, live_server, page):
    plan, _action = with_plan
    refused = _watch(page)
    log_in("hanna@example.nl")
    page.wait_for_url(f"{live_server.url}/")
    base = live_server.url
    for path in (
        "/",
        "/medewerkers/",
        "/medewerkers/1003/",
        f"/ontwikkeling/plannen/{plan.pk}/",
        "/inzichten/",
        "/competenties/heatmap/",
        "/leren/",
        "/admin/",
        "/admin/people/employee/",
    ):
        _visit(page, base + path, refused)
    page.goto(f"{base}/inzichten/")
    assert page.locator("svg").count() >= 1  # the charts are there, drawn inline

    _visit(page, f"{base}/api/v1/docs", refused)
    # Swagger UI ran (its scripts are static files) and read the OpenAPI document.
    page.wait_for_selector(".swagger-ui .opblock", timeout=20_000)
    assert page.locator(".swagger-ui .opblock").count() > 10
    assert not refused, "\n".join(refused)


def test_the_plan_status_select_saves_itself_under_the_csp(with_plan, log_in, live_server, page):
    from groeipad.plans.models import Action

    plan, action = with_plan
    refused = _watch(page)
    log_in("carol@example.nl")
    page.wait_for_url(f"{live_server.url}/")
    _visit(page, f"{live_server.url}/ontwikkeling/plannen/{plan.pk}/", refused)
    select = page.locator("form.status-form select[name=status]")
    with page.expect_navigation():
        select.select_option("done")  # no Save button: the static script submits
    action.refresh_from_db()
    assert action.status == "done"
    assert Action.objects.get(pk=action.pk).status == "done"

    _visit(page, f"{live_server.url}/ontwikkeling/plannen/{plan.pk}/print/", refused)
    assert page.locator("button[data-print]").is_visible()
    assert not refused, "\n".join(refused)
    assert re.search(r"/plannen/\d+/", page.url)
