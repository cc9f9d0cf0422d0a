import json

import pytest

from groeipad.skills.models import Assessment


@pytest.fixture
def api(client):
    def call(user, method, path, body=None):
        client.force_login(user)
        client.cookies["django_language"] = "en"
        kwargs = {"content_type": "application/json", "data": json.dumps(body)} if body else {}
        response = getattr(client, method)(f"/api/v1{path}", **kwargs)
        client.logout()
        return response

    return call


def gap_row(report, name):
    [row] = [row for row in report["rows"] if row["competency"] == name]
    return row["required"], row["current"], row["gap"]


def test_self_rating_then_manager_rating_shared_later(api, personas, profiles, competency):
    collab = competency("Collaboration").pk
    alice, bob = personas.user("alice"), personas.user("bob")
    response = api(
        alice,
        "post",
        "/employees/1002/assessments",
        {"competency_id": collab, "kind": "self", "level": 2, "note": "groeiend"},
    )
    assert response.status_code == 201, response.content
    assert (
        api(
            bob,
            "post",
            "/employees/1002/assessments",
            {"competency_id": collab, "kind": "manager", "level": 4},
        ).status_code
        == 201
    )
    # Before sharing alice sees only her own rating, and her gap follows it.
    seen = api(alice, "get", "/employees/1002/assessments").json()
    assert [(a["kind"], a["level"]) for a in seen] == [("self", 2)]
    assert gap_row(api(alice, "get", "/employees/1002/gaps").json(), "Collaboration") == (3, 2, 1)
    # bob sees his own rating at once.
    assert gap_row(api(bob, "get", "/employees/1002/gaps").json(), "Collaboration") == (3, 4, 0)
    assert api(bob, "post", "/employees/1002/assessments/share").json() == {"shared": 1}
    seen = api(alice, "get", "/employees/1002/assessments").json()
    assert sorted((a["kind"], a["level"]) for a in seen) == [("manager", 4), ("self", 2)]
    gaps = api(alice, "get", "/employees/1002/gaps").json()
    assert gap_row(gaps, "Collaboration") == (3, 4, 0)
    assert gaps["against"] == "Planner"


def test_refusals_are_clear_and_change_nothing(api, personas, profiles, competency):
    collab = competency("Collaboration").pk
    before = Assessment.objects.count()
    response = api(
        personas.user("carol"),
        "post",
        "/employees/1002/assessments",
        {"competency_id": collab, "kind": "manager", "level": 3},
    )
    assert response.status_code == 404  # carol may not even see alice
    response = api(
        personas.user("alice"),
        "post",
        "/employees/1002/assessments",
        {"competency_id": collab, "kind": "self", "level": 9},
    )
    assert response.status_code == 422
    assert "outside the scale 1-5" in response.json()["detail"]
    response = api(
        personas.user("alice"),
        "post",
        "/employees/1003/assessments",
        {"competency_id": collab, "kind": "self", "level": 3},
    )
    assert response.status_code == 403
    assert Assessment.objects.count() == before


def test_talent_profile_is_written_by_the_employee_only(api, personas, profiles):
    body = {
        "strengths": "plannen",
        "ambitions": "teamleider",
        "energy_sources": "puzzels",
        "unused_talent": "tekenen",
        "aspired_job_profile": "Senior planner",
    }
    written = api(personas.user("alice"), "put", "/employees/1002/talent-profile", body).json()
    assert written["unused_talent"] == "tekenen"
    assert written["version"] == 2
    assert (
        api(personas.user("bob"), "get", "/employees/1002/talent-profile").json()["ambitions"]
        == "teamleider"
    )
    assert (
        api(personas.user("bob"), "put", "/employees/1002/talent-profile", body).status_code == 403
    )
    stale = {**body, "version": 1}
    assert (
        api(personas.user("alice"), "put", "/employees/1002/talent-profile", stale).status_code
        == 409
    )


def test_potential_observations_are_visible_to_the_employee(api, personas):
    body = {
        "signal": "curiosity",
        "observed_on": "2026-03-01",
        "what_happened": "Vroeg door over de planningsregels",
        "what_it_showed": "nieuwsgierig",
    }
    assert api(personas.user("bob"), "post", "/employees/1003/potential", body).status_code == 201
    assert api(personas.user("dave"), "post", "/employees/1003/potential", body).status_code == 404
    seen = api(personas.user("carol"), "get", "/employees/1003/potential").json()
    assert [o["signal"] for o in seen] == ["curiosity"]


def test_heat_map_is_for_hr_and_managers(api, personas, profiles):
    assert api(personas.user("carol"), "get", "/skills/heatmap").status_code == 403
    assert api(personas.user("hanna"), "get", "/skills/heatmap").status_code == 200
    assert api(personas.user("alice"), "get", "/skills/targets").status_code == 200
