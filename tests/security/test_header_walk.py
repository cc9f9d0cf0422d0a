"""Every page and API answer a logged-in person gets carries the CSP and no-store.

Walks every GET URL of the access matrix (tests/access/test_matrix.py: every page and
API operation, filled in with the matrix organisation's objects) as HR and as an
employee, plus Django's admin and the API documentation.
"""

from __future__ import annotations

import pytest
from django.test import Client

from tests.access.test_matrix import API, PAGES, _fill, _route_of

pytestmark = pytest.mark.django_db

EXTRA = ["/api/v1/docs", "/api/v1/openapi.json", "/admin/", "/admin/people/employee/"]


def _urls(world) -> list[str]:
    urls = []
    for key, entry in [*PAGES.items(), *API.items()]:
        if entry.method != "GET":
            continue
        route = _route_of(key)
        if entry.kind is not None:  # E's objects: both roles may see them
            route = _fill(route, world.id_of(entry.kind, "E"))
        urls.append(route + entry.query)
    return urls + EXTRA


@pytest.mark.parametrize("role", ["H", "E"])
def test_every_answer_to_a_logged_in_person_has_csp_and_no_store(world, db, role):
    client = Client()
    client.force_login(world.users[role])
    failures, answered = [], 0
    for url in _urls(world):
        response = client.get(url)
        if response.status_code >= 500:
            failures.append(f"{url}: {response.status_code}")
            continue
        answered += response.status_code == 200
        csp = response.get("Content-Security-Policy", "")
        if "script-src 'self';" not in csp + ";" or "default-src 'self'" not in csp:
            failures.append(f"{url} ({response.status_code}): CSP {csp!r}")
        if "no-store" not in response.get("Cache-Control", ""):
            failures.append(
                f"{url} ({response.status_code}): Cache-Control {response.get('Cache-Control')!r}"
            )
        if response.get("X-Content-Type-Options") != "nosniff":
            failures.append(f"{url}: no nosniff")
    assert not failures, "\n".join(failures)
    print(f"{role}: {answered} answers 200")
    # Most of the walk are real pages, not refusals.
    assert answered >= (90 if role == "H" else 55), answered
