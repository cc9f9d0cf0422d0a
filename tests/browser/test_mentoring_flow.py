"""A mentoring programme in a browser: HR creates it, people join, HR matches (reasons and
the unmatched mentee's reason shown), the pair confirms, the mentee logs a meeting, links a
goal of her plan and shares it, and the mentor then sees it."""

from __future__ import annotations

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_mentoring_from_joining_to_matching_to_a_logged_meeting(
    organisation, live_server, page, log_in, shot
):
    from datetime import date

    from groeipad.mentoring.models import Match, Meeting, Programme
    from groeipad.plans import services as plan_services
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

    # Dave joins as mentor for one mentee; carol and alice join as mentees.
    as_user("dave@example.nl")
    page.goto(programme_url)
    page.select_option("#id_role", "mentor")
    page.fill("#id_capacity", "1")
    page.select_option("#id_offers", [str(leadership.pk), str(talk.pk)])
    page.fill("#id_languages", "nl, en")
    page.click("form[action$='/deelnemen/'] button[type=submit]")
    page.wait_for_selector(".messages")
    shot(page, "mentoring-join")
    for email, wants in (("carol@example.nl", [str(leadership.pk)]), ("alice@example.nl", [])):
        as_user(email)
        page.goto(programme_url)
        page.select_option("#id_role", "mentee")
        page.select_option("#id_wants", wants)
        page.fill("#id_languages", "nl")
        page.click("form[action$='/deelnemen/'] button[type=submit]")
        page.wait_for_selector(".messages")

    # HR matches and sees the pair with its reasons.
    as_user("hanna@example.nl")
    page.goto(programme_url)
    page.click("form[action$='/koppelen/'] button[type=submit]")
    page.wait_for_selector("table.pairs")
    assert "Carol Bakker" in page.inner_text("table.pairs")
    assert "biedt Leiderschap" in page.inner_text("table.pairs")
    # Dave's one place goes to carol, who wants what he offers; alice hears why not.
    assert "Alice Jansen: alle plaatsen" in page.inner_text("ul.unmatched")
    shot(page, "mentoring-programme-hr")
    match = Match.objects.get()
    assert (match.mentor.employee.employee_number, match.mentee.employee.employee_number) == (
        "1004",
        "1003",
    )

    # Carol has a development plan with a goal she wants to work on with her mentor.
    carol = organisation.carol
    plan = plan_services.plan_create(
        actor=carol.user,
        employee=carol,
        period_start=date(2026, 1, 1),
        period_end=date(2026, 12, 31),
    )
    goal = plan_services.goal_create(
        actor=carol.user,
        plan=plan,
        title="Zelfstandig het weekoverleg van de planning leiden",
        owner=carol,
        deadline=date(2026, 6, 30),
    )

    # Both confirm (from 'my mentoring', which leads to the pair page); the mentee logs
    # the first meeting, links her goal and shares it with her mentor.
    for email in ("dave@example.nl", "carol@example.nl"):
        as_user(email)
        page.goto(f"{live_server.url}/mentoring/mijn/")
        page.click(f"form[action$='/koppels/{match.pk}/bevestigen/'] button")
        page.wait_for_url(f"{live_server.url}/mentoring/koppels/{match.pk}/")
    page.fill(f"#date-{match.pk}", "2026-03-02")
    page.fill(f"#notes-{match.pk}", "Kennismaking; doelen voor het halfjaar afgesproken.")
    page.click(f"form[action$='/koppels/{match.pk}/gesprek/'] button")
    page.wait_for_selector("ul.meetings li:not(.muted)")
    assert "Kennismaking" in page.inner_text("ul.meetings")
    page.select_option(f"#goal-{match.pk}", str(goal.pk))
    page.click(f"form[action$='/koppels/{match.pk}/doel/'] button")
    page.wait_for_selector(".shared-goal")
    page.check(f"#share-goal-{match.pk}")
    page.click(f"form[action$='/koppels/{match.pk}/delen/'] button")
    page.wait_for_selector(".messages")
    assert page.is_checked(f"#share-goal-{match.pk}")
    shot(page, "mentoring-pair-mentee")
    assert Meeting.objects.get().match == match
    match.refresh_from_db()
    assert (match.goal, match.share_goal, match.share_plan) == (goal, True, False)

    # The mentor sees the shared goal, and nothing of the plan she kept to herself.
    as_user("dave@example.nl")
    page.goto(f"{live_server.url}/mentoring/koppels/{match.pk}/")
    assert "Zelfstandig het weekoverleg" in page.inner_text(".shared-goal")
    assert "Kennismaking" in page.inner_text("ul.meetings")
    shot(page, "mentoring-pair-mentor")
    page.goto(f"{live_server.url}/mentoring/mijn/")
    shot(page, "mentoring-mine")

    # HR closes the programme; the mentee is asked for her end feedback and gives it.
    as_user("hanna@example.nl")
    page.goto(programme_url)
    page.click("form[action$='/afsluiten/'] button")
    page.wait_for_selector("table.feedback-summary")
    as_user("carol@example.nl")
    page.goto(f"{live_server.url}/mentoring/koppels/{match.pk}/")
    page.check("input[name=rating][value='4']")
    page.fill("#id_brought", "Een vaste sparringpartner buiten mijn eigen afdeling.")
    shot(page, "mentoring-feedback")
    page.click(f"form[action$='/koppels/{match.pk}/terugblik/'] button")
    page.wait_for_selector(".messages")
    # Stored linked to nobody: the programme's answer, the pair only marked answered.
    assert match.programme.feedback.get().rating == 4
    match.refresh_from_db()
    assert match.mentee_answered
