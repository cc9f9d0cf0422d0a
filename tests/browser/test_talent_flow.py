"""The talent flow in a browser: the employee fills in, the manager assesses and shares."""

from __future__ import annotations

import re

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def talent(organisation):
    """The screenshot organisation with the starter framework and Planner requirements."""
    from groeipad.people.models import JobProfile
    from groeipad.skills.models import Competency
    from groeipad.skills.services import (
        assessment_record,
        framework_install_starter,
        job_profile_set_parent,
        requirement_set,
        strategic_target_create,
    )

    hr = organisation.user("hanna")
    framework_install_starter(actor=hr)
    planner = JobProfile.objects.get(name="Planner")
    senior = JobProfile.objects.get(name="Senior planner")

    def comp(name_en):
        return Competency.objects.get(framework__name="Groeipad basiscompetenties", name_en=name_en)

    for profile, name, level in (
        (planner, "Collaboration", 3),
        (planner, "Communication", 3),
        (planner, "Customer focus", 3),
        (senior, "Communication", 4),
        (senior, "Leadership", 3),
    ):
        requirement_set(actor=hr, job_profile=profile, competency=comp(name), level=level)
    job_profile_set_parent(actor=hr, job_profile=senior, parent=planner)
    # Colleagues in Planning with some ratings, so the heat map has colour.
    from groeipad.people.models import Employee

    for number, name, level in (
        ("2001", "Collaboration", 4),
        ("2002", "Communication", 1),
        ("2002", "Collaboration", 2),
    ):
        person = Employee.objects.get(employee_number=number)
        assessment_record(
            actor=organisation.user("alice"),
            employee=person,
            competency=comp(name),
            kind="manager",
            level=level,
        )
    strategic_target_create(
        actor=hr,
        competency=comp("Leadership"),
        level=3,
        headcount=2,
        due_date=__import__("datetime").date(2027, 1, 1),
        department=organisation.operations,
        note="Twee nieuwe teamleiders voor de uitbreiding",
    )
    return organisation, comp


def test_employee_and_manager_talent_flow(talent, log_in, live_server, page, shot):
    _personas, comp = talent
    collab = comp("Collaboration").pk

    # The employee (alice, planner) fills in her talent profile and a self-assessment.
    log_in("alice@example.nl")
    page.wait_for_url(f"{live_server.url}/")
    page.click("text=Mijn talent en competenties")
    page.wait_for_url(re.compile(r"/competenties/medewerkers/1002/$"))
    page.fill("#id_strengths", "Overzicht houden als het druk wordt")
    page.fill("#id_ambitions", "Over twee jaar senior planner")
    page.fill("#id_energy_sources", "Een lastige puzzel met het team oplossen")
    page.fill("#id_unused_talent", "Ik programmeer in mijn vrije tijd")
    page.select_option("#id_aspired_job_profile", label="Senior planner")
    page.click("#talent-profile button[type=submit]")
    page.wait_for_url(re.compile(r"#talent-profile$"))
    assert "Over twee jaar senior planner" in page.input_value("#id_ambitions")

    block = page.locator(f"#c{collab}")
    if not block.evaluate("element => element.open"):
        block.locator("summary").click()
    block.locator("input[name=level][value='2']").check()
    block.locator("textarea[name=note]").fill("Ik vraag nog te weinig hulp")
    block.locator("textarea[name=evidence]").fill("Roosterproject Q1")
    block.locator("button[type=submit]").click()
    page.wait_for_url(re.compile(rf"#c{collab}$"))
    gap_row = page.locator("#gaps table.gaps tbody tr", has_text="Samenwerken").first
    assert "zelf" in gap_row.inner_text()
    shot(page, "talent-employee-before-sharing")
    page.click("form.logout button")

    # The manager (bob) assesses and shares.
    log_in("bob@example.nl")
    page.wait_for_url(f"{live_server.url}/")
    page.goto(f"{live_server.url}/medewerkers/1002/")
    page.click("text=Talent en competenties")
    page.wait_for_url(re.compile(r"/competenties/medewerkers/1002/$"))
    assert "Over twee jaar senior planner" in page.content()
    block = page.locator(f"#c{collab}")
    if not block.evaluate("element => element.open"):
        block.locator("summary").click()
    block.locator("input[name=level][value='3']").check()
    block.locator("textarea[name=note]").fill("Stemt goed af met inbound")
    block.locator("button[type=submit]").click()
    page.wait_for_url(re.compile(rf"#c{collab}$"))
    assert page.locator(".sharebar").inner_text().startswith("1 ")
    shot(page, "talent-manager")
    page.click(".sharebar button[type=submit]")
    page.wait_for_url(re.compile(r"#competencies$"))
    assert "gedeeld" in page.locator(".messages").inner_text()

    # Bob also looks at the team heat map, linked from his home page.
    page.goto(f"{live_server.url}/")
    page.click("text=Competentiegaten in mijn team")
    page.wait_for_url(re.compile(r"/competenties/heatmap/$"))
    shot(page, "heatmap-manager")
    page.click("form.logout button")

    # The employee now sees the manager's rating and the gap against her job profile.
    log_in("alice@example.nl")
    page.wait_for_url(f"{live_server.url}/")
    page.goto(f"{live_server.url}/competenties/medewerkers/1002/")
    gap_row = page.locator("#gaps table.gaps tbody tr", has_text="Samenwerken").first
    text = gap_row.inner_text()
    assert "leidinggevende" in text and "gehaald" in text  # required 3, manager says 3
    assert "Stemt goed af met inbound" in page.content()
    shot(page, "talent-employee-after-sharing")


def test_hr_competency_pages(talent, log_in, live_server, page, shot):
    log_in("hanna@example.nl")
    page.wait_for_url(f"{live_server.url}/")
    page.click("nav.mainnav >> text=Competenties")
    page.wait_for_url(re.compile(r"/competenties/$"))
    assert "geërfd van Planner" in page.content()
    shot(page, "competencies-overview")
    page.click("nav.tabs >> text=Strategische doelen")
    page.wait_for_url(re.compile(r"/competenties/doelen/$"))
    shot(page, "competencies-targets")
    page.click("nav.tabs >> text=Heatmap")
    page.wait_for_url(re.compile(r"/competenties/heatmap/$"))
    assert page.locator("table.heat td.heat-5, table.heat td.heat-4").count() >= 1
    shot(page, "heatmap-hr")
