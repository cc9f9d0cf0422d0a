"""Who sees which plan, through pages and API; private notes only to their writer."""

from datetime import timedelta

import pytest

from groeipad.plans import services


@pytest.fixture
def checkin(goal, personas, today):
    checkin = services.checkin_plan(
        actor=personas.user("alice"), employee=personas.carol, scheduled_for=today
    )
    services.checkin_record(
        actor=personas.user("carol"),
        checkin=checkin,
        version=None,
        shared_notes="GEDEELD-NOTITIE",
        private_notes="CAROL-PRIVE",
    )
    services.checkin_record(
        actor=personas.user("alice"),
        checkin=checkin,
        version=None,
        shared_notes="GEDEELD-NOTITIE",
        private_notes="ALICE-PRIVE",
    )
    return checkin


def body(client, url):
    response = client.get(url)
    return response.status_code, response.content.decode()


@pytest.mark.parametrize(
    ("role", "sees", "hidden"),
    [
        ("carol", "CAROL-PRIVE", "ALICE-PRIVE"),
        ("alice", "ALICE-PRIVE", "CAROL-PRIVE"),
        ("bob", None, ("CAROL-PRIVE", "ALICE-PRIVE")),
        ("hanna", None, ("CAROL-PRIVE", "ALICE-PRIVE")),
    ],
)
def test_private_notes_reach_only_their_writer(checkin, personas, login, role, sees, hidden):
    client = login(personas.user(role))
    hidden = (hidden,) if isinstance(hidden, str) else hidden
    urls = [
        f"/ontwikkeling/checkins/{checkin.pk}/",
        f"/ontwikkeling/plannen/{checkin.plan_id}/",
        f"/api/v1/plans/checkins/{checkin.pk}",
        "/api/v1/plans/checkins",
        f"/api/v1/plans/{checkin.plan_id}",
    ]
    seen_somewhere = False
    for url in urls:
        status, text = body(client, url)
        assert status == 200, url
        for secret in hidden:
            assert secret not in text, f"{role} sees {secret} at {url}"
        seen_somewhere |= bool(sees) and sees in text
    assert seen_somewhere == bool(sees)


def test_outsider_gets_404_everywhere(checkin, goal, personas, login):
    client = login(personas.user("dave"))
    action = services.action_create(
        actor=personas.user("carol"),
        goal=goal,
        description="Cursus",
        instrument="self_study",
        owner=personas.carol,
        due_date=goal.deadline,
    )
    for url in (
        f"/ontwikkeling/plannen/{goal.plan_id}/",
        f"/ontwikkeling/checkins/{checkin.pk}/",
        f"/ontwikkeling/doelen/{goal.pk}/afsluiten/",
        "/ontwikkeling/medewerkers/1003/",
        f"/api/v1/plans/{goal.plan_id}",
        f"/api/v1/plans/goals/{goal.pk}",
        f"/api/v1/plans/actions/{action.pk}",
        f"/api/v1/plans/checkins/{checkin.pk}",
    ):
        assert client.get(url).status_code == 404, url
    assert client.get("/api/v1/plans").json() == []


def test_hr_reads_the_plan_but_cannot_write(goal, personas, login, today):
    client = login(personas.user("hanna"))
    status, text = body(client, f"/ontwikkeling/plannen/{goal.plan_id}/")
    assert status == 200 and goal.title in text
    assert f'action="/ontwikkeling/plannen/{goal.plan_id}/doelen/"' not in text
    response = client.post(
        f"/api/v1/plans/{goal.plan_id}/goals",
        {"title": "Iets nieuws leren over de planning", "deadline": str(today)},
        content_type="application/json",
    )
    assert response.status_code == 403


def test_manager_sees_reports_plan_in_list(goal, personas, login):
    client = login(personas.user("bob"))
    numbers = [p["employee_number"] for p in client.get("/api/v1/plans").json()]
    assert numbers == ["1003"]
    assert client.get("/api/v1/plans?employee=1004").status_code == 404


def test_checkin_page_for_a_third_in_the_line_has_no_note_form(checkin, personas, login):
    client = login(personas.user("bob"))
    status, text = body(client, f"/ontwikkeling/checkins/{checkin.pk}/")
    assert status == 200 and "GEDEELD-NOTITIE" in text and "private_notes" not in text
    response = client.post(f"/ontwikkeling/checkins/{checkin.pk}/", {"shared_notes": "x"})
    assert response.status_code == 403


def test_deadline_next_year_in_api_is_refused_with_422(plan, personas, login):
    client = login(personas.user("carol"))
    response = client.post(
        f"/api/v1/plans/{plan.pk}/goals",
        {
            "title": "Een presentatie geven over de planning",
            "deadline": str(plan.period_start - timedelta(days=3)),
        },
        content_type="application/json",
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert response.status_code == 422
    assert plan.goals.count() == 0
