"""The mentoring API: every page action as an endpoint, through the same services."""

from __future__ import annotations

import pytest

from groeipad.mentoring.models import Match, Meeting, PairRule, Participant, Programme
from groeipad.mentoring.tests.test_pairs import plan_with_goal


@pytest.fixture
def api(client, personas):
    """``api(name, method, path, json)``: a call as a persona, in English."""
    client.cookies["django_language"] = "en"

    def call(name, method, path, payload=None):
        client.force_login(personas.admin.user if name == "admin" else personas.user(name))
        return getattr(client, method)(
            f"/api/v1/mentoring{path}", payload, content_type="application/json"
        )

    return call


@pytest.fixture
def programme_id(api, competency):
    response = api("hanna", "post", "/programmes", {"name": "Buddy", "goals": "Grow"})
    assert response.status_code == 201, response.content
    return response.json()["id"]


def join_all(api, programme_id, competency):
    lead = competency("Leadership").pk
    assert (
        api(
            "dave",
            "post",
            f"/programmes/{programme_id}/join",
            {"role": "mentor", "capacity": 2, "offers": [lead], "languages": "nl; EN"},
        ).status_code
        == 200
    )
    assert (
        api(
            "carol", "post", f"/programmes/{programme_id}/join", {"role": "mentee", "wants": [lead]}
        ).status_code
        == 200
    )
    # HR enrols bob as a mentor by number.
    response = api(
        "hanna",
        "post",
        f"/programmes/{programme_id}/join",
        {"role": "mentor", "employee_number": "1001"},
    )
    assert response.json()["employee_number"] == "1001"


@pytest.mark.django_db
def test_a_programme_runs_from_joining_to_feedback_through_the_api(
    api, personas, programme_id, competency
):
    join_all(api, programme_id, competency)
    dave = Participant.objects.get(employee=personas.dave)
    assert dave.languages == "en, nl"
    result = api("hanna", "post", f"/programmes/{programme_id}/match").json()
    # bob is above carol in the line: dave is her only allowed mentor.
    assert [(p["mentor"], p["mentee"]) for p in result["pairs"]] == [("1004", "1003")]
    match_id = Match.objects.get().pk
    for name in ("dave", "carol"):
        assert api(name, "post", f"/pairs/{match_id}/confirm").status_code == 200
    detail = api("carol", "get", f"/pairs/{match_id}").json()
    assert (detail["status"], detail["role"], detail["partner"]) == (
        "confirmed",
        "mentee",
        "Dave Visser",
    )
    response = api("dave", "post", f"/pairs/{match_id}/meetings", {"date": "2026-03-02"})
    assert response.status_code == 201
    assert [m["date"] for m in api("carol", "get", f"/pairs/{match_id}/meetings").json()] == [
        "2026-03-02"
    ]
    _plan, goal = plan_with_goal(personas, "carol")
    response = api("carol", "post", f"/pairs/{match_id}/goal", {"goal_id": goal.pk})
    assert response.json()["goal"]["id"] == goal.pk
    assert api("dave", "get", f"/pairs/{match_id}").json()["goal"] is None
    api("carol", "post", f"/pairs/{match_id}/sharing", {"share_goal": True})
    assert api("dave", "get", f"/pairs/{match_id}").json()["goal"]["title"] == goal.title
    # Feedback waits for the end.
    response = api("carol", "post", f"/pairs/{match_id}/feedback", {"rating": 5})
    assert response.status_code == 422 and "ended" in response.json()["detail"]
    assert api("hanna", "post", f"/programmes/{programme_id}/close").json()["closed"] is True
    assert api("carol", "get", f"/pairs/{match_id}").json()["feedback_open"] is True
    response = api("carol", "post", f"/pairs/{match_id}/feedback", {"rating": 5, "brought": "x"})
    assert response.status_code == 201
    # Anonymous: the answer is not handed back, only that it was given.
    assert response.json() == {"role": "mentee", "answered": True}
    assert api("carol", "get", f"/pairs/{match_id}").json()["feedback_given"] is True
    assert api("dave", "get", f"/pairs/{match_id}").json()["feedback_given"] is False
    again = api("carol", "post", f"/pairs/{match_id}/feedback", {"rating": 1})
    assert again.status_code == 422 and "already given" in again.json()["detail"]
    rows = api("hanna", "get", f"/programmes/{programme_id}/feedback").json()
    # One pair: no role reaches 3 answers, so neither average nor count is shown.
    hidden = {"answers": None, "average": None, "suppressed": True}
    assert rows == [
        {
            "role": "mentor",
            "pairs": 1,
            "people": 1,
            **hidden,
            "suppressed_reason": "fewer than 3 answers",
        },
        {
            "role": "mentee",
            "pairs": 1,
            "people": 1,
            **hidden,
            "suppressed_reason": "fewer than 3 answers",
        },
    ]
    assert Meeting.objects.count() == 1


@pytest.mark.django_db
def test_an_impossible_lock_gets_a_clear_422_and_rules_are_listed_and_removed(
    api, personas, programme_id, competency
):
    join_all(api, programme_id, competency)
    path = f"/programmes/{programme_id}/rules"
    # bob is above carol in the management line.
    response = api("hanna", "post", path, {"mentor": "1001", "mentee": "1003", "kind": "lock"})
    assert response.status_code == 422
    assert "manager or above them in the management line" in response.json()["detail"]
    # Nobody is their own mentor: dave is no mentee here, so the pair is refused too.
    response = api("hanna", "post", path, {"mentor": "1004", "mentee": "1004", "kind": "lock"})
    assert response.status_code == 422
    response = api("hanna", "post", path, {"mentor": "1004", "mentee": "1003", "kind": "forbid"})
    assert response.status_code == 201
    rule_id = response.json()["id"]
    assert api("hanna", "get", path).json() == [
        {"id": rule_id, "mentor": "1004", "mentee": "1003", "kind": "forbid"}
    ]
    api("hanna", "post", f"/programmes/{programme_id}/match")
    assert api("hanna", "get", f"/programmes/{programme_id}/unmatched").json() == [
        {
            "mentee": "1003",
            "code": "no_allowed_mentor",
            "reason": "no allowed mentor: every mentor is in their management line or "
            "forbidden for them",
        }
    ]
    assert api("hanna", "delete", f"{path}/{rule_id}").status_code == 204
    assert not PairRule.objects.exists()


@pytest.mark.django_db
def test_a_lock_beyond_the_mentors_capacity_gets_a_422(api, personas, programme_id, competency):
    for name in ("carol", "dave"):
        api(name, "post", f"/programmes/{programme_id}/join", {"role": "mentee"})
    api("hanna", "post", f"/programmes/{programme_id}/join", {"role": "mentor"})
    path = f"/programmes/{programme_id}/rules"
    assert (
        api("hanna", "post", path, {"mentor": "1005", "mentee": "1003", "kind": "lock"}).status_code
        == 201
    )
    response = api("hanna", "post", path, {"mentor": "1005", "mentee": "1004", "kind": "lock"})
    assert response.status_code == 422
    assert "more mentees than their capacity of 1" in response.json()["detail"]


@pytest.mark.django_db
def test_outsiders_get_403_or_404_and_change_nothing(api, personas, programme_id, competency):
    join_all(api, programme_id, competency)
    api("hanna", "post", f"/programmes/{programme_id}/match")
    match_id = Match.objects.get().pk
    # Not HR: the HR endpoints refuse.
    for method, path in [
        ("post", "/programmes"),
        ("post", f"/programmes/{programme_id}/match"),
        ("post", f"/programmes/{programme_id}/close"),
        ("get", f"/programmes/{programme_id}/rules"),
        ("post", f"/programmes/{programme_id}/rules"),
        ("get", f"/programmes/{programme_id}/unmatched"),
        ("get", f"/programmes/{programme_id}/feedback"),
    ]:
        response = api(
            "alice", method, path, {"name": "X", "mentor": "1004", "mentee": "1003", "kind": "lock"}
        )
        assert response.status_code == 403, path
    # Not in the pair (HR and carol's own manager included): 404 on every pair endpoint.
    for name in ("hanna", "alice", "bob"):
        for method, path, payload in [
            ("get", f"/pairs/{match_id}", None),
            ("post", f"/pairs/{match_id}/confirm", None),
            ("get", f"/pairs/{match_id}/meetings", None),
            ("post", f"/pairs/{match_id}/meetings", {"date": "2026-03-01"}),
            ("post", f"/pairs/{match_id}/goal", {"goal_id": None}),
            ("post", f"/pairs/{match_id}/sharing", {"share_goal": True}),
            ("post", f"/pairs/{match_id}/feedback", {"rating": 3}),
        ]:
            assert api(name, method, path, payload).status_code == 404, (name, path)
    # An employee does not enrol someone they cannot see (404) or a report (403).
    response = api(
        "dave",
        "post",
        f"/programmes/{programme_id}/join",
        {"role": "mentee", "employee_number": "1003"},
    )
    assert response.status_code == 404
    response = api(
        "alice",
        "post",
        f"/programmes/{programme_id}/join",
        {"role": "mentee", "employee_number": "1003"},
    )
    assert response.status_code == 403
    # The mentor cannot link goals or set sharing: 403 with the reason.
    response = api("dave", "post", f"/pairs/{match_id}/sharing", {"share_goal": True})
    assert response.status_code == 403
    match = Match.objects.get()
    assert (match.mentor_confirmed, match.mentee_confirmed, match.share_goal) == (
        False,
        False,
        False,
    )
    assert Programme.objects.get().closed_at is None


@pytest.mark.django_db
def test_every_mentoring_endpoint_is_in_the_openapi_document_with_a_name(client):
    from django.urls import reverse

    document = client.get("/api/v1/openapi.json").json()
    paths = {p for p in document["paths"] if p.startswith("/api/v1/mentoring/")}
    assert {
        "/api/v1/mentoring/programmes",
        "/api/v1/mentoring/programmes/{programme_id}/join",
        "/api/v1/mentoring/programmes/{programme_id}/close",
        "/api/v1/mentoring/programmes/{programme_id}/rules",
        "/api/v1/mentoring/programmes/{programme_id}/rules/{rule_id}",
        "/api/v1/mentoring/programmes/{programme_id}/unmatched",
        "/api/v1/mentoring/programmes/{programme_id}/feedback",
        "/api/v1/mentoring/pairs/{match_id}",
        "/api/v1/mentoring/pairs/{match_id}/confirm",
        "/api/v1/mentoring/pairs/{match_id}/meetings",
        "/api/v1/mentoring/pairs/{match_id}/goal",
        "/api/v1/mentoring/pairs/{match_id}/sharing",
        "/api/v1/mentoring/pairs/{match_id}/feedback",
    } <= paths
    assert (
        reverse("api:mentoring_feedback_create", args=[1]) == "/api/v1/mentoring/pairs/1/feedback"
    )
