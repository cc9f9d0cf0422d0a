"""A hidden eNPS in a browser: HR picks a department with too few answers; the card and
the per-survey table say why, the chart has no bar, no figure or count shows."""

from __future__ import annotations

import re
from datetime import date

import pytest

from groeipad.conftest import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def answers(personas):
    from groeipad.surveys.models import Survey, SurveyAnswer

    survey = Survey.objects.create(name="Najaar 2025", closing_date=date(2025, 11, 30))
    # Planning 2 (too few), Operations' own 6, Finance 7, without department 5.
    for department, scores in (
        (personas.planning, [10, 0]),
        (personas.operations, [9, 9, 8, 3, 10, 7]),
        (personas.finance, [6, 9, 10, 10, 8, 7, 9]),
        (None, [10, 8, 5, 9, 9]),
    ):
        SurveyAnswer.objects.bulk_create(
            SurveyAnswer(survey=survey, score=s, department=department) for s in scores
        )
    return personas


def test_hr_sees_why_a_small_departments_enps_is_hidden(answers, live_server, page, shot):
    page.goto(f"{live_server.url}/login/")
    page.fill("#id_username", answers.hanna.email)
    page.fill("#id_password", PASSWORD)
    page.press("#id_password", "Enter")
    page.wait_for_url(f"{live_server.url}/")
    query = f"van=2025-01-01&tot=2025-12-31&afdeling={answers.planning.pk}"
    page.goto(f"{live_server.url}/inzichten/?{query}")
    card = page.locator('article.kpi-card[data-key="enps"]')
    assert card.get_attribute("data-suppressed") == "true"
    assert card.locator(".kpi-value").inner_text() == "—"
    reason = card.locator("[data-suppressed-reason]").inner_text()
    assert re.search(r"\b5\b", reason)
    assert card.locator('[data-key="enps_responses"]').count() == 0
    page.locator("figure.chart-card:has(td[data-suppressed]) summary").click()
    cell = page.locator('td[data-suppressed="enps"]')
    assert cell.inner_text() == reason
    shot(page, "insights-enps-hidden")

    # Operations (8 answers, of which Planning's 2): Operations minus nothing shown
    # below it is safe, so its figure shows: 100 * (promoters - detractors) / 8.
    page.goto(f"{live_server.url}/inzichten/?van=2025-01-01&tot=2025-12-31")
    organisation = page.locator('article.kpi-card[data-key="enps"]')
    assert organisation.get_attribute("data-suppressed") is None
    assert organisation.locator('[data-key="enps_responses"]').inner_text().startswith("20")
