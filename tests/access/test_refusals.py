"""How a refusal looks: the product's own Dutch 404 and 403 pages, and the API's JSON
``{"detail": ...}`` with the same status, in Dutch by default and in English when asked.

A 404 for something that exists but may not be seen is the same as for something that
does not exist: same status, same body.
"""

from __future__ import annotations

import re

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db


def as_role(world, role: str, **headers) -> Client:
    client = Client(headers=headers)
    client.force_login(world.users[role])
    return client


def _without_request_details(response) -> str:
    body = response.content.decode()
    body = re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', "", body)
    return re.sub(r'name="next" type="hidden" value="[^"]*"', "", body)


def test_a_hidden_plan_and_a_missing_one_get_the_same_404_page(world):
    client = as_role(world, "E")
    hidden = client.get(f"/ontwikkeling/plannen/{world.id_of('plan', 'O')}/")
    missing = client.get("/ontwikkeling/plannen/999999/")
    assert hidden.status_code == missing.status_code == 404
    assert _without_request_details(hidden) == _without_request_details(missing)
    assert "Olga" not in hidden.content.decode()


def test_the_404_page_is_the_products_own(world):
    response = as_role(world, "E").get("/ontwikkeling/plannen/999999/")
    assert "web/base.html" in [t.name for t in response.templates]
    assert "404.html" in [t.name for t in response.templates]


def test_the_404_page_is_dutch(world):
    body = as_role(world, "E").get("/ontwikkeling/plannen/999999/").content.decode()
    assert "Niet gevonden" in body


def _a_403_page(client: Client):
    # HR-only pages an employee is refused (403, not 404: the page exists for everyone).
    for path in ("/ontwikkeling/hr/", "/feedback/hr/", "/leren/nieuw/", "/import/"):
        response = client.get(path)
        if response.status_code == 403:
            return response
    pytest.fail("no HR page answered an employee with 403")


def test_the_403_page_is_the_products_own(world):
    response = _a_403_page(as_role(world, "E"))
    assert "403.html" in [t.name for t in response.templates]


def test_the_403_page_is_dutch(world):
    body = _a_403_page(as_role(world, "E")).content.decode()
    assert "Geen toegang" in body


def test_the_api_answers_a_hidden_object_like_a_missing_one_with_json(world):
    client = as_role(world, "E")
    hidden = client.get(f"/api/v1/plans/{world.id_of('plan', 'O')}")
    missing = client.get("/api/v1/plans/999999")
    assert hidden.status_code == missing.status_code == 404
    assert hidden.json() == missing.json()
    assert set(hidden.json()) == {"detail"}


def test_the_api_says_not_found_in_dutch_by_default_and_english_when_asked(world):
    dutch = as_role(world, "E").get("/api/v1/plans/999999").json()["detail"]
    english = as_role(world, "E", accept_language="en").get("/api/v1/plans/999999").json()
    assert english["detail"] == "Not found."
    assert dutch != english["detail"]
    assert "niet gevonden" in dutch.lower()


def test_the_api_refusal_403_is_json_in_the_callers_language(world):
    # An employee asking for the department budgets: HR and managers only.
    dutch = as_role(world, "E").get("/api/v1/learning/budgets")
    english = as_role(world, "E", accept_language="en").get("/api/v1/learning/budgets")
    assert dutch.status_code == english.status_code == 403
    assert set(dutch.json()) == {"detail"} == set(english.json())
    assert dutch.json()["detail"] != english.json()["detail"]


def test_the_api_asks_an_anonymous_caller_to_log_in(world):
    response = Client().get("/api/v1/plans")
    assert response.status_code == 401
    assert set(response.json()) == {"detail"}
