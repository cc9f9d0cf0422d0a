"""The coaching flow in a browser: an employee requests a coaching trajectory, her manager
sees the remaining budget and approves, the employee logs the sessions, the manager
completes the trajectory and both evaluate it; the internal coach sees only goal and
sessions."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.utils import timezone

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def budget(organisation):
    from groeipad.budgets import services

    return services.budget_set(
        actor=organisation.user("hanna"),
        department=organisation.operations,
        year=timezone.localdate().year,
        amount=Decimal("6000"),
    )


def test_request_approve_sessions_complete_evaluate(
    organisation, budget, live_server, log_in, shot
):
    from groeipad.coaching.models import CoachingTrajectory

    page = log_in("carol@example.nl")
    page.goto(f"{live_server.url}/coaching/aanvragen/")
    page.check("input[name=coach_kind][value=external]")
    page.fill("#id_coach_name", "Petra Hoekstra")
    page.fill("#id_coach_organisation", "Coachpraktijk De Linde")
    page.fill("#id_coach_email", "petra@delinde.example")
    page.fill("#id_goal_text", "Rustig en duidelijk feedback geven aan het planningsteam")
    page.fill("#id_planned_sessions", "2")
    page.fill("#id_budget", "1450")
    page.fill("#id_reason", "Ik word per 1 maart teamleider.")
    shot(page, "coaching-request")
    page.click("form.learning-form button[type=submit]")
    page.wait_for_url("**/coaching/*/")
    trajectory = CoachingTrajectory.objects.get()
    assert trajectory.status == "requested"

    page.click("form.logout button")
    page = log_in("alice@example.nl")
    page.goto(f"{live_server.url}/coaching/")
    queue = page.locator("article.request", has_text="Carol Bakker").first
    assert "6.000,00" in queue.inner_text()
    shot(page, "coaching-list-manager")
    queue.locator("button[value=approve]").click()
    page.wait_for_load_state()
    trajectory.refresh_from_db()
    assert trajectory.status == "approved"

    page.click("form.logout button")
    page = log_in("carol@example.nl")
    for notes in ("Intake en doelen scherp", "Oefenen met feedbackgesprekken"):
        page.goto(f"{live_server.url}/coaching/{trajectory.pk}/")
        page.fill("#s-notes", notes)
        page.click("form[action$='/sessies/'] button")
        page.wait_for_load_state()
    assert trajectory.sessions.count() == 2

    page.click("form.logout button")
    page = log_in("alice@example.nl")
    page.goto(f"{live_server.url}/coaching/{trajectory.pk}/")
    page.click("form[action$='/afronden/'] button")
    page.wait_for_load_state()
    page.fill("#g-manager", "4")
    page.fill("#b-manager", "Geeft nu wekelijks concrete feedback in het teamoverleg.")
    page.click("form.evaluation-form button")
    page.wait_for_load_state()
    trajectory.refresh_from_db()
    assert trajectory.status == "completed"
    assert trajectory.evaluations.get().goal_reached == 4
    shot(page, "coaching-detail-completed")
