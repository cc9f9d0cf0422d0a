"""Input PostgreSQL cannot hold, or no id can be, is a 422 before any view runs (found by
Schemathesis: a NUL in a programme's goals was a 500 on PostgreSQL)."""

from __future__ import annotations

import pytest

from groeipad.mentoring.models import Programme
from groeipad.people.services import api_token_create

JSON = "application/json"


@pytest.fixture
def hr(personas):
    _token, key = api_token_create(actor=None, user=personas.user("hanna"))
    return {"HTTP_AUTHORIZATION": f"Bearer {key}", "HTTP_ACCEPT_LANGUAGE": "en"}


def test_a_nul_in_a_body_is_422_and_nothing_is_stored(client, hr):
    response = client.post(
        "/api/v1/mentoring/programmes",
        {"name": "Buddy", "goals": "Groei\x00en"},
        content_type=JSON,
        **hr,
    )
    assert response.status_code == 422
    detail = response.json()["detail"]
    assert detail[0]["loc"] == ["body", "goals"] and "NUL" in detail[0]["msg"]
    assert not Programme.objects.exists()
    ok = client.post("/api/v1/mentoring/programmes", {"name": "Buddy"}, content_type=JSON, **hr)
    assert ok.status_code == 201 and Programme.objects.count() == 1


def test_a_nul_in_a_nested_body_or_a_query_is_422(client, hr):
    response = client.post(
        "/api/v1/feedback/rounds/group",
        {"employee_numbers": ["1003", "10\x0003"], "closes_on": "2030-01-01"},
        content_type=JSON,
        **hr,
    )
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["body", "employee_numbers", 1]
    response = client.get("/api/v1/employees", {"search": "a\x00"}, **hr)
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["query", "search"]


@pytest.mark.parametrize("value", ["0", "2147483648", str(2**63), str(10**30)])
def test_an_id_out_of_range_in_a_path_is_422(client, hr, value):
    response = client.post(
        f"/api/v1/mentoring/programmes/{value}/join", {}, content_type=JSON, **hr
    )
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["path", "programme_id"]


def test_an_id_out_of_range_in_a_body_is_422(client, hr, personas):
    programme = client.post(
        "/api/v1/mentoring/programmes", {"name": "Buddy"}, content_type=JSON, **hr
    ).json()
    response = client.post(
        f"/api/v1/mentoring/programmes/{programme['id']}/join",
        {"role": "mentor", "offers": [2**40], "employee_number": "1001"},
        content_type=JSON,
        **hr,
    )
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["body", "payload", "offers", 0]


def test_an_employee_number_path_with_nul_or_too_long_is_422(client, hr):
    assert client.get("/api/v1/employees/10%0003", **hr).status_code == 422
    assert client.get("/api/v1/employees/" + "1" * 101, **hr).status_code == 422
    assert client.get("/api/v1/employees/1003", **hr).status_code == 200


def test_the_openapi_document_states_the_bounds(client):
    document = client.get("/api/v1/openapi.json").json()
    join = document["paths"]["/api/v1/mentoring/programmes/{programme_id}/join"]["post"]
    (parameter,) = join["parameters"]
    assert parameter["schema"]["minimum"] == 1 and parameter["schema"]["maximum"] == 2**31 - 1
    detail = document["paths"]["/api/v1/employees/{employee_number}"]["get"]
    assert detail["parameters"][0]["schema"]["maxLength"] == 100
