from decimal import Decimal

import pytest
from django.utils import translation

from groeipad.coaching.models import CoachingTrajectory
from groeipad.learning.models import LearningActivity
from groeipad.privacy.models import AuditEvent

pytestmark = pytest.mark.django_db

BASE = "/api/v1/coaching"
JSON = "application/json"


@pytest.fixture(autouse=True)
def _english(client):
    # The middleware picks the language per request (Dutch first): ask for English.
    client.cookies["django_language"] = "en"
    with translation.override("en"):
        yield


def _post(client, url, data):
    return client.post(url, data, content_type=JSON)


def test_the_whole_trajectory_through_the_api(personas, login, budget, today):
    carol = login(personas.user("carol"))
    response = _post(
        carol,
        BASE,
        {
            "coach_kind": "external",
            "coach_name": "Petra",
            "coach_organisation": "Coachpraktijk",
            "goal_text": "Grenzen aangeven",
            "planned_sessions": 2,
            "budget": "900",
        },
    )
    assert response.status_code == 201, response.content
    body = response.json()
    tid = body["id"]
    assert body["status"] == "requested" and body["employee_number"] == "1003"
    assert Decimal(body["budget_remaining"]) == Decimal("5000")
    assert [t["id"] for t in carol.get(BASE).json()] == [tid]
    # Carol cannot approve her own request.
    assert _post(carol, f"{BASE}/{tid}/approve", {}).status_code == 403
    alice = login(personas.user("alice"))
    response = _post(alice, f"{BASE}/{tid}/approve", {"reason": "Prima"})
    assert response.json()["status"] == "approved"
    carol = login(personas.user("carol"))
    response = _post(carol, f"{BASE}/{tid}/sessions", {"date": today.isoformat(), "notes": "1"})
    assert response.status_code == 201 and response.json()["notes"] == "1"
    alice = login(personas.user("alice"))
    response = _post(alice, f"{BASE}/{tid}/complete", {})
    assert response.status_code == 422
    assert "1 of 2 planned sessions" in response.json()["detail"]
    response = _post(alice, f"{BASE}/{tid}/complete", {"note": "Doel eerder bereikt"})
    assert response.json()["status"] == "completed"
    assert LearningActivity.objects.get(employee=personas.carol).category == "social"
    response = _post(
        alice, f"{BASE}/{tid}/evaluations", {"perspective": "manager", "goal_reached": 4}
    )
    assert response.status_code == 201 and response.json()["goal_reached"] == 4
    detail = alice.get(f"{BASE}/{tid}").json()
    assert len(detail["sessions"]) == 1 and detail["evaluations"][0]["perspective"] == "manager"


def test_manager_requests_for_the_line_by_employee_number(personas, login):
    alice = login(personas.user("alice"))
    data = {
        "employee_number": "1003",
        "coach_kind": "internal",
        "internal_coach": "dave@example.nl",
        "goal_text": "Plannen",
        "planned_sessions": 3,
        "budget": "0",
    }
    response = _post(alice, BASE, data)
    assert response.status_code == 201
    assert response.json()["internal_coach_number"] == "1004"
    # Someone outside the line is not found; an unknown coach is named.
    assert _post(alice, BASE, {**data, "employee_number": "1004"}).status_code == 404
    response = _post(alice, BASE, {**data, "internal_coach": "9999"})
    assert response.status_code == 422 and "9999" in response.json()["detail"]


def test_budget_refusal_and_hr_override_in_the_api(personas, login, request_for_carol, budget):
    t = request_for_carol(budget=Decimal("5000.01"))
    alice = login(personas.user("alice"))
    response = _post(alice, f"{BASE}/{t.pk}/approve", {})
    assert response.status_code == 422
    assert "€5,000.00 is left" in response.json()["detail"]
    response = _post(alice, f"{BASE}/{t.pk}/approve", {"override_budget": True})
    assert response.status_code == 403
    hanna = login(personas.user("hanna"))
    response = _post(hanna, f"{BASE}/{t.pk}/approve", {"override_budget": True})
    assert response.status_code == 200 and response.json()["budget_override"] is True
    assert AuditEvent.objects.filter(object_id=str(t.pk), summary__contains="OVERRIDE").exists()


def test_decline_needs_a_reason(personas, login, request_for_carol):
    t = request_for_carol()
    alice = login(personas.user("alice"))
    assert _post(alice, f"{BASE}/{t.pk}/decline", {}).status_code == 422
    response = _post(alice, f"{BASE}/{t.pk}/decline", {"reason": "Niet nu"})
    assert response.json()["status"] == "declined"


def test_outsider_gets_404_and_the_coach_sees_no_budget(personas, login, request_for_carol):
    external = request_for_carol()
    coached = request_for_carol(coach_kind="internal", internal_coach=personas.dave)
    dave = login(personas.user("dave"))
    assert [t["id"] for t in dave.get(BASE).json()] == [coached.pk]
    assert dave.get(f"{BASE}/{external.pk}").status_code == 404
    for action in ("approve", "decline", "sessions", "complete", "evaluations", "cancel"):
        assert _post(dave, f"{BASE}/{external.pk}/{action}", {}).status_code in (404, 422), action
    assert _post(dave, f"{BASE}/{external.pk}/approve", {}).status_code == 404
    body = dave.get(f"{BASE}/{coached.pk}").json()
    assert body["goal_text"] and body["budget"] is None and body["reason"] is None
    assert body["evaluations"] == []
    assert _post(dave, f"{BASE}/{coached.pk}/approve", {}).status_code == 403
    carol = login(personas.user("carol"))
    assert Decimal(carol.get(f"{BASE}/{coached.pk}").json()["budget"]) == Decimal("1200")


def test_update_with_a_stale_version_is_409(personas, login, request_for_carol):
    t = request_for_carol()
    carol = login(personas.user("carol"))
    url = f"{BASE}/{t.pk}"
    response = carol.put(url, {"version": t.version, "planned_sessions": 8}, content_type=JSON)
    assert response.status_code == 200 and response.json()["planned_sessions"] == 8
    response = carol.put(url, {"version": t.version, "budget": "1"}, content_type=JSON)
    assert response.status_code == 409
    assert CoachingTrajectory.objects.get(pk=t.pk).budget == Decimal("1200")


def test_the_list_holds_its_query_count(
    personas, login, request_for_carol, django_assert_max_num_queries
):
    for _ in range(3):
        request_for_carol()
    request_for_carol(coach_kind="internal", internal_coach=personas.dave)
    hanna = login(personas.user("hanna"))
    with django_assert_max_num_queries(8):
        assert len(hanna.get(BASE).json()) == 4
    for _ in range(10):
        request_for_carol(coach_kind="internal", internal_coach=personas.dave)
    with django_assert_max_num_queries(8):
        assert len(hanna.get(BASE).json()) == 14
    dave = login(personas.user("dave"))
    with django_assert_max_num_queries(8):
        rows = dave.get(BASE).json()
    assert len(rows) == 11 and all(r["budget"] is None for r in rows)


def test_update_with_null_texts_clears_them_and_null_required_fields_are_422(
    personas, login, request_for_carol
):
    # Found by Schemathesis: "coach_email": null was a 500 (None has no strip()).
    t = request_for_carol()
    carol = login(personas.user("carol"))
    url = f"{BASE}/{t.pk}"
    response = carol.put(
        url, {"version": t.version, "coach_email": None, "reason": None}, content_type=JSON
    )
    assert response.status_code == 200, response.content
    saved = CoachingTrajectory.objects.get(pk=t.pk)
    assert saved.coach_email == "" and saved.reason == ""
    response = carol.put(url, {"version": saved.version, "budget": None}, content_type=JSON)
    assert response.status_code == 422 and "budget" in response.json()["detail"]
    assert CoachingTrajectory.objects.get(pk=t.pk).budget == saved.budget
