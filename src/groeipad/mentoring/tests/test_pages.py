"""Mentoring pages: HR's programme page (reasons in Dutch, unmatched and why, closing,
feedback summary) and the pair page (goal link, sharing, meetings, end feedback), with
'a mentor sees only what the mentee shares' checked on every page and endpoint."""

from __future__ import annotations

from datetime import date

import pytest

from groeipad.mentoring import services
from groeipad.mentoring.models import Match, PairFeedback, PairRule
from groeipad.mentoring.tests.test_pairs import confirmed_pair, plan_with_goal

SECRET_STRENGTH = "Kalm onder druk"
SECRET_GOAL = "Een planningsoverleg leiden"


@pytest.fixture
def pair(personas, competency):
    """Dave (Finance) mentors carol, both confirmed; carol has a plan and links its goal."""
    hr = personas.user("hanna")
    programme = services.programme_create(actor=hr, name="Buddy")
    services.participant_join(
        actor=hr,
        programme=programme,
        employee=personas.dave,
        role="mentor",
        offers=[competency("Leadership")],
    )
    services.participant_join(
        actor=hr,
        programme=programme,
        employee=personas.carol,
        role="mentee",
        wants=[competency("Leadership")],
    )
    match = confirmed_pair(personas, programme, "dave", "carol")
    plan, goal = plan_with_goal(personas, "carol", SECRET_GOAL)
    plan.strengths = SECRET_STRENGTH
    plan.save(update_fields=["strengths"])
    services.match_goal_link(actor=personas.user("carol"), match=match, goal=goal)
    return match, plan, goal


def body(response) -> str:
    return response.content.decode()


@pytest.mark.django_db
def test_hr_page_shows_why_each_pair_and_why_a_mentee_is_left_out_in_dutch(
    personas, competency, login, django_assert_max_num_queries
):
    hr = personas.user("hanna")
    programme = services.programme_create(actor=hr, name="Lijn")
    join = services.participant_join
    join(
        actor=hr,
        programme=programme,
        employee=personas.alice,
        role="mentor",
        offers=[competency("Leadership")],
        languages="nl",
    )
    join(actor=hr, programme=programme, employee=personas.carol, role="mentee")
    join(
        actor=hr,
        programme=programme,
        employee=personas.dave,
        role="mentee",
        wants=[competency("Leadership")],
        languages="nl, en",
    )
    services.programme_match(actor=hr, programme=programme)
    client = login(hr)
    client.cookies["django_language"] = "nl"
    with django_assert_max_num_queries(20):
        response = client.get(f"/mentoring/{programme.pk}/")
    html = body(response)
    assert "biedt Leiderschap" in html
    assert "andere afdeling" in html
    assert "gedeelde taal Nederlands" in html
    # carol reports to alice, the only mentor.
    assert "Carol Bakker</strong>: geen toegestane mentor" in html
    # A mentee who joins after the matching is told apart (a new text: English until the
    # Dutch catalogue is merged).
    join(actor=hr, programme=programme, employee=personas.bob, role="mentee")
    client.cookies["django_language"] = "en"
    assert "joined after the last matching" in body(client.get(f"/mentoring/{programme.pk}/"))


@pytest.mark.django_db
def test_a_mentor_without_sharing_sees_nothing_of_the_mentees_plan_anywhere(personas, pair, login):
    match, plan, goal = pair
    client = login(personas.user("dave"))
    pages = [
        "/mentoring/mijn/",
        f"/mentoring/koppels/{match.pk}/",
        "/api/v1/mentoring/mine",
        f"/api/v1/mentoring/pairs/{match.pk}",
        "/api/v1/plans",
        "/api/v1/employees",
    ]
    for url in pages:
        response = client.get(url)
        assert response.status_code == 200, url
        assert SECRET_GOAL not in body(response), url
        assert SECRET_STRENGTH not in body(response), url
    assert client.get(f"/api/v1/mentoring/pairs/{match.pk}").json()["goal"] is None
    # Being a mentor makes dave no manager of carol: her pages stay closed.
    closed = [
        "/medewerkers/1003/",
        "/ontwikkeling/medewerkers/1003/",
        f"/ontwikkeling/plannen/{plan.pk}/",
        "/api/v1/employees/1003",
        "/api/v1/plans?employee=1003",
        f"/api/v1/plans/{plan.pk}",
        f"/api/v1/plans/goals/{goal.pk}",
    ]
    for url in closed:
        assert client.get(url).status_code in (403, 404), url


@pytest.mark.django_db
def test_what_the_mentee_shares_shows_on_the_mentors_pair_page_only(personas, pair, login):
    match, plan, goal = pair
    carol = login(personas.user("carol"))
    response = carol.post(
        f"/mentoring/koppels/{match.pk}/delen/", {"share_goal": "on", "share_plan": "on"}
    )
    assert response.status_code == 302
    match.refresh_from_db()
    assert (match.share_goal, match.share_plan) == (True, True)
    dave = login(personas.user("dave"))
    html = body(dave.get(f"/mentoring/koppels/{match.pk}/"))
    assert SECRET_GOAL in html and SECRET_STRENGTH in html
    data = dave.get(f"/api/v1/mentoring/pairs/{match.pk}").json()
    assert data["goal"]["title"] == SECRET_GOAL
    assert data["plan"]["strengths"] == SECRET_STRENGTH
    # Sharing opens the pair page, not her plan pages.
    assert dave.get(f"/ontwikkeling/plannen/{plan.pk}/").status_code in (403, 404)
    assert dave.get(f"/api/v1/plans/goals/{goal.pk}").status_code in (403, 404)
    # Unticking both (a form posts nothing for an unticked box) closes it again.
    carol = login(personas.user("carol"))
    carol.post(f"/mentoring/koppels/{match.pk}/delen/", {})
    dave = login(personas.user("dave"))
    html = body(dave.get(f"/mentoring/koppels/{match.pk}/"))
    assert SECRET_GOAL not in html and SECRET_STRENGTH not in html


@pytest.mark.django_db
def test_the_pair_page_is_for_the_pair_only(personas, pair, login):
    match, _plan, _goal = pair
    # HR, carol's managers and the outsider: 404, even for the pair's meeting notes.
    for name in ("hanna", "alice", "bob"):
        client = login(personas.user(name))
        assert client.get(f"/mentoring/koppels/{match.pk}/").status_code == 404, name
        assert client.get(f"/api/v1/mentoring/pairs/{match.pk}").status_code == 404, name
        response = client.post(f"/mentoring/koppels/{match.pk}/gesprek/", {"date": "2026-03-01"})
        assert response.status_code == 404, name
    assert not match.meetings.exists()


@pytest.mark.django_db
def test_mentee_links_a_goal_logs_a_meeting_and_gives_feedback_on_the_pages(
    personas, pair, login, django_assert_max_num_queries
):
    match, _plan, goal = pair
    client = login(personas.user("carol"))
    client.cookies["django_language"] = "en"
    html = body(client.get(f"/mentoring/koppels/{match.pk}/"))
    assert f'<option value="{goal.pk}" selected>' in html
    client.post(f"/mentoring/koppels/{match.pk}/doel/", {"goal": ""})
    assert Match.objects.get(pk=match.pk).goal is None
    client.post(f"/mentoring/koppels/{match.pk}/doel/", {"goal": str(goal.pk)})
    assert Match.objects.get(pk=match.pk).goal == goal
    client.post(f"/mentoring/koppels/{match.pk}/gesprek/", {"date": "2026-03-02", "notes": "Start"})
    assert list(match.meetings.values_list("notes", flat=True)) == ["Start"]
    # No feedback form before the end; HR closes the programme from its page.
    assert "Looking back on the pair" not in body(client.get(f"/mentoring/koppels/{match.pk}/"))
    hr = login(personas.user("hanna"))
    hr.post(f"/mentoring/{match.programme_id}/afsluiten/")
    client = login(personas.user("carol"))
    client.cookies["django_language"] = "en"
    with django_assert_max_num_queries(15):
        mine = body(client.get("/mentoring/mijn/"))
    assert "Your feedback is asked" in mine
    assert "Looking back on the pair" in body(client.get(f"/mentoring/koppels/{match.pk}/"))
    client.post(f"/mentoring/koppels/{match.pk}/terugblik/", {"rating": "4", "brought": "Focus"})
    assert PairFeedback.objects.get().rating == 4
    html = body(client.get(f"/mentoring/koppels/{match.pk}/"))
    # "You gave your feedback", not the feedback: it is linked to nobody, not even its author.
    assert "You gave your feedback" in html and "Looking back on the pair" not in html
    assert "Useful: 4 out of 5" not in html and "Focus" not in html
    # The mentor does not read it.
    dave = login(personas.user("dave"))
    assert "Focus" not in body(dave.get(f"/mentoring/koppels/{match.pk}/"))


@pytest.mark.django_db
def test_hr_removes_a_rule_and_closes_the_programme_on_its_page(personas, pair, login):
    match, _plan, _goal = pair
    hr_user = personas.user("hanna")
    rule = services.pair_rule_set(
        actor=hr_user,
        programme=match.programme,
        mentor=match.mentor,
        mentee=match.mentee,
        kind="forbid",
    )
    dave = login(personas.user("dave"))
    assert (
        dave.post(f"/mentoring/{match.programme_id}/regel/{rule.pk}/verwijderen/").status_code
        == 403
    )
    assert dave.post(f"/mentoring/{match.programme_id}/afsluiten/").status_code == 403
    match.programme.refresh_from_db()
    assert match.programme.closed_at is None
    hr = login(hr_user)
    hr.post(f"/mentoring/{match.programme_id}/regel/{rule.pk}/verwijderen/")
    assert not PairRule.objects.exists()
    hr.post(f"/mentoring/{match.programme_id}/afsluiten/")
    match.programme.refresh_from_db()
    assert match.programme.closed_at is not None
    hr.cookies["django_language"] = "en"
    html = body(hr.get(f"/mentoring/{match.programme_id}/"))
    assert "fewer than 3 answers" in html and "Close programme" not in html
    # A closed programme offers no forms that would only be refused.
    assert "Save rule" not in html and "Join programme" not in html
    assert "Take part yourself" not in html
    assert "closed" in body(hr.get("/mentoring/"))


@pytest.mark.django_db
def test_the_pair_page_and_its_api_read_in_a_fixed_number_of_queries(
    personas, pair, login, django_assert_max_num_queries
):
    match, _plan, _goal = pair
    services.match_sharing_set(
        actor=personas.user("carol"), match=match, share_goal=True, share_plan=True
    )
    for n in range(3):
        services.meeting_log(actor=personas.user("carol"), match=match, on=date(2026, 3, 1 + n))
    client = login(personas.user("dave"))
    with django_assert_max_num_queries(14):
        assert client.get(f"/mentoring/koppels/{match.pk}/").status_code == 200
    with django_assert_max_num_queries(12):
        assert client.get(f"/api/v1/mentoring/pairs/{match.pk}").status_code == 200
