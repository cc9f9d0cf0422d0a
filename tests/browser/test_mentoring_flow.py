"""A mentoring programme in a browser: HR creates it, people join, HR matches, the pair
confirms and logs a meeting."""

from __future__ import annotations

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_mentoring_from_joining_to_matching_to_a_logged_meeting(
    organisation, live_server, page, log_in, shot
):
    from groeipad.mentoring.models import Match, Meeting, Programme
    from groeipad.skills.models import Competency
    from groeipad.skills.services import framework_install_starter

    framework_install_starter(actor=organisation.user("hanna"))
    leadership = Competency.objects.get(name_en="Leadership")
    talk = Competency.objects.get(name_en="Communication")

    def as_user(email):
        page.context.clear_cookies()
        log_in(email)

    # HR creates the programme.
    as_user("hanna@example.nl")
    page.goto(f"{live_server.url}/mentoring/")
    page.fill("#id_name", "Mentorprogramma 2026")
    page.fill("#id_goals", "Jonge collega's leren van ervaren collega's buiten hun afdeling.")
    page.fill("#id_eligibility", "Iedereen met minstens een half jaar in dienst")
    page.click("form[action$='/nieuw/'] button[type=submit]")
    programme = Programme.objects.get(name="Mentorprogramma 2026")
    programme_url = f"{live_server.url}/mentoring/{programme.pk}/"
    page.wait_for_url(programme_url)

    # Dave joins as mentor, carol and Mohamed (2002) as mentees.
    as_user("dave@example.nl")
    page.goto(programme_url)
    page.select_option("#id_role", "mentor")
    page.fill("#id_capacity", "2")
    page.select_option("#id_offers", [str(leadership.pk), str(talk.pk)])
    page.fill("#id_languages", "nl, en")
    page.click("form[action$='/deelnemen/'] button[type=submit]")
    page.wait_for_selector(".messages")
    shot(page, "mentoring-join")
    for email in ("carol@example.nl",):
        as_user(email)
        page.goto(programme_url)
        page.select_option("#id_role", "mentee")
        page.select_option("#id_wants", [str(leadership.pk)])
        page.fill("#id_languages", "nl")
        page.click("form[action$='/deelnemen/'] button[type=submit]")
        page.wait_for_selector(".messages")

    # HR matches and sees the pair with its reasons.
    as_user("hanna@example.nl")
    page.goto(programme_url)
    page.click("form[action$='/koppelen/'] button[type=submit]")
    page.wait_for_selector("table.pairs")
    assert "Carol Bakker" in page.inner_text("table.pairs")
    assert "Leiderschap" in page.inner_text("table.pairs")
    shot(page, "mentoring-programme-hr")
    match = Match.objects.get()
    assert (match.mentor.employee.employee_number, match.mentee.employee.employee_number) == (
        "1004",
        "1003",
    )

    # Both confirm; the mentee logs the first meeting.
    for email in ("dave@example.nl", "carol@example.nl"):
        as_user(email)
        page.goto(f"{live_server.url}/mentoring/mijn/")
        page.click(f"form[action$='/koppels/{match.pk}/bevestigen/'] button")
        page.wait_for_load_state()
    page.fill(f"#date-{match.pk}", "2026-03-02")
    page.fill(f"#notes-{match.pk}", "Kennismaking; doelen voor het halfjaar afgesproken.")
    page.click(f"form[action$='/koppels/{match.pk}/gesprek/'] button")
    page.wait_for_selector("ul.meetings li:not(.muted)")
    assert "Kennismaking" in page.inner_text("ul.meetings")
    shot(page, "mentoring-mine")
    assert Meeting.objects.get().match == match
