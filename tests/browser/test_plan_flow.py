"""The plan flow in a browser: the employee drafts a plan from a template, adds a goal and
actions, the manager co-signs, they hold a check-in whose next step becomes an action, and
the plan shows its 70-20-10 mix."""

from __future__ import annotations

import re

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def with_templates(organisation):
    from groeipad.plans.services import templates_install_starter

    templates_install_starter(actor=None)
    return organisation


def test_plan_from_template_to_checkin_and_mix(with_templates, log_in, live_server, page, shot):
    from groeipad.plans.models import Action, DevelopmentPlan

    # The employee (carol, manager alice) drafts a plan from the starter template.
    log_in("carol@example.nl")
    page.wait_for_url(f"{live_server.url}/")
    page.click("nav.mainnav >> text=Ontwikkeling")
    page.wait_for_url(re.compile(r"/ontwikkeling/$"))
    page.check("input[name=template] >> nth=0")
    shot(page, "plan-01-start")
    page.click("form.stack button[type=submit]")
    page.wait_for_url(re.compile(r"/ontwikkeling/plannen/\d+/$"))
    plan = DevelopmentPlan.objects.get(employee__employee_number="1003")
    assert plan.template.career_stage == "starter"
    page.fill("#id_strengths", "Rustig blijven als het druk wordt; overzicht houden")
    page.fill("#id_development_points", "Durven presenteren in het teamoverleg")
    page.click("#sections button[type=submit]")
    page.wait_for_url(re.compile(r"#sections$"))

    # A suggested goal fills in the form; the employee makes it her own.
    page.click("#suggestions li >> nth=0 >> a")
    page.wait_for_url(re.compile(r"suggestie="))
    assert page.input_value("#id_title")
    page.check("input[name=basis][value=strength]")
    shot(page, "plan-02-goal-form")
    page.click("#new-goal button[type=submit]")
    page.wait_for_url(re.compile(r"#goal-\d+$"))
    goal = plan.goals.get()

    # Two actions under the goal.
    prefix = f"#id_g{goal.pk}"
    for description, instrument, hours in (
        ("Elke week de dagplanning zelf maken", "on_the_job", "30"),
        ("Maandelijks gesprek met mijn buddy", "mentoring", "6"),
    ):
        page.click(f"#goal-{goal.pk} details.add > summary")
        page.fill(f"{prefix}-description", description)
        page.select_option(f"{prefix}-instrument", instrument)
        page.fill(f"{prefix}-hours", hours)
        with page.expect_navigation():
            page.click(f"#goal-{goal.pk} details.add button[type=submit]")
    assert Action.objects.filter(goal=goal).count() == 2
    shot(page, "plan-03-goal-and-actions")

    # The manager co-signs.
    page.context.clear_cookies()
    log_in("alice@example.nl")
    page.wait_for_url(f"{live_server.url}/")
    page.goto(f"{live_server.url}/ontwikkeling/plannen/{plan.pk}/")
    with page.expect_navigation():
        page.click(".plan-status button[type=submit]")
    plan.refresh_from_db()
    assert plan.status == "active"
    shot(page, "plan-04-cosigned")

    # They hold a check-in; its next step becomes an action.
    page.click("#checkins button[type=submit]")
    page.wait_for_url(re.compile(r"/ontwikkeling/checkins/\d+/$"))
    page.fill("#id_shared_notes", "Dagplanning loopt goed. Volgende stap: presenteren.")
    page.fill("#id_private_notes", "Carol lijkt wat onzeker over het teamoverleg.")
    page.check("#id_held")
    with page.expect_navigation():
        page.click("#notes button[type=submit]")
    page.fill("#id_description", "De weekplanning presenteren in het teamoverleg")
    page.select_option("#id_goal", str(goal.pk))
    page.select_option("#id_instrument", "on_the_job")
    page.fill("#id_hours", "2")
    page.click("#next-steps button[type=submit]")
    page.wait_for_url(re.compile(r"#next-steps$"))
    step = Action.objects.get(source_checkin__isnull=False)
    assert step.goal == goal
    shot(page, "plan-05-checkin")

    # The plan shows the step and its 70-20-10 mix: on the job 32 of 38 hours = 84%.
    page.goto(f"{live_server.url}/ontwikkeling/plannen/{plan.pk}/")
    assert "De weekplanning presenteren" in page.inner_text(f"#goal-{goal.pk}")
    mix = page.inner_text("#mix")
    assert "84%" in mix and "16%" in mix
    shot(page, "plan-06-mix")

    page.goto(f"{live_server.url}/ontwikkeling/team/")
    assert "Carol Bakker" in page.inner_text("main")
    shot(page, "plan-07-team")
