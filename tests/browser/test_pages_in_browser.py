"""Log in through the real form and walk the main pages as HR, manager and employee."""

from __future__ import annotations

import re

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_hr_walks_home_list_employee_import_and_language(
    organisation, log_in, live_server, page, shot
):
    log_in("hanna@example.nl")
    page.wait_for_url(f"{live_server.url}/")
    assert page.locator("h1").inner_text() == "Welkom, Hanna"
    assert "medewerkers-2024.xlsx" in page.content()
    shot(page, "hr-home")

    page.click("nav.mainnav >> text=Medewerkers")
    page.wait_for_url(re.compile(r"/medewerkers/$"))
    assert page.locator("table.list tbody tr").count() == 9  # Pieter left in 2023
    shot(page, "hr-employee-list")

    page.fill("#id_q", "berg")
    page.click("form.filters button[type=submit]")
    rows = page.locator("table.list tbody tr")
    assert rows.count() == 1
    assert "Anne-Marie van den Berg-Oosterhuis" in rows.first.inner_text()

    page.fill("#id_q", "")
    page.select_option("#id_afdeling", label="Operations/Planning")
    page.click("form.filters button[type=submit]")
    assert page.locator("table.list tbody tr").count() == 4
    shot(page, "hr-employee-list-filtered")

    page.click("text=Alice Jansen")
    page.wait_for_url(re.compile(r"/medewerkers/1002/$"))
    assert page.locator("ol.timeline li").count() == 3
    shot(page, "hr-employee-page")

    page.click("nav.mainnav >> text=Import")
    page.wait_for_url(re.compile(r"/import/$"))
    shot(page, "hr-import")

    page.click("form.lang button[value=en]")
    page.wait_for_load_state()
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.locator("nav.mainnav").inner_text().split() == [
        "Home",
        "Development",
        "360°",
        "feedback",
        "Learning",
        "Career",
        "Employees",
        "Insights",
        "Competencies",
        "Import",
        "Accounts",
        "Privacy",
    ]
    page.click("nav.mainnav >> text=Employees")
    shot(page, "hr-employee-list-english")
    page.click("form.lang button[value=nl]")
    page.wait_for_load_state()
    assert page.locator("html").get_attribute("lang") == "nl"


def test_employee_list_on_a_phone(organisation, log_in, live_server, page, shot):
    log_in("hanna@example.nl")
    page.wait_for_url(f"{live_server.url}/")
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{live_server.url}/medewerkers/")
    shot(page, "mobile-employee-list")
    page.goto(f"{live_server.url}/medewerkers/2001/")
    shot(page, "mobile-employee-page")


def test_manager_sees_team_on_home_and_list(organisation, log_in, live_server, page, shot):
    log_in("bob@example.nl")
    page.wait_for_url(f"{live_server.url}/")
    assert "Mijn team" in page.content()
    # The to-do overview: bob's direct reports have had no check-in yet.
    decisions = page.locator("section.todo ul[data-todo=decisions] li a")
    assert decisions.count() >= 1
    assert decisions.first.get_attribute("href") == "/ontwikkeling/team/"
    shot(page, "manager-home")
    page.click("nav.mainnav >> text=Medewerkers")
    names = page.locator("table.list td.name").all_inner_texts()
    assert "Dave Visser" not in names and "Fatima Yilmaz" not in names
    shot(page, "manager-employee-list")
    page.click("text=Carol Bakker")
    page.wait_for_url(re.compile(r"/medewerkers/1003/$"))
    shot(page, "manager-employee-page")


def test_employee_sees_own_record_only(organisation, log_in, live_server, page, shot):
    log_in("carol@example.nl")
    page.wait_for_url(f"{live_server.url}/")
    assert page.locator("nav.mainnav a").all_inner_texts() == [
        "Start",
        "Ontwikkeling",
        "Feedback",
        "Leren",
        "Loopbaan",
    ]
    assert page.locator("section.todo p.empty").is_visible()  # nothing waits for carol
    shot(page, "employee-home")
    page.click("text=Bekijk mijn pagina")
    page.wait_for_url(re.compile(r"/medewerkers/1003/$"))
    shot(page, "employee-page")
    response = page.goto(f"{live_server.url}/medewerkers/1004/")
    assert response.status == 404


def test_wrong_password_shows_the_error(organisation, log_in, live_server, page, shot):
    log_in("carol@example.nl", "not the password")
    error = page.locator("p.error")
    error.wait_for()
    assert "komen niet overeen" in error.inner_text()
    assert page.url.startswith(f"{live_server.url}/login/")
    shot(page, "login-error")
