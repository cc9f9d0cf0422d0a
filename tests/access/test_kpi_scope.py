"""KPIs of a department, for every role: the page, its two exports and the API.

HR and the administrator: any department. A manager: their own department and those
below it (G, in Directie, sees Directie and Zorg; M, in Zorg, sees Zorg). Anyone else:
refused. A department outside the manager's part answers 403, on the page a refused
department is simply not offered (the form falls back and shows no figures of it).
"""

from __future__ import annotations

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db

DEPARTMENTS = ("Directie", "Zorg", "Financien", "HR")
MAY_SEE_KPIS_OF = {
    "H": set(DEPARTMENTS),
    "A": set(DEPARTMENTS),
    "G": {"Directie", "Zorg"},
    "M": {"Zorg"},
    "E": set(),
    "O": set(),
}
PERIOD = {"start": "2024-01-01", "end": "2024-12-31"}


def client_for(world, role: str) -> Client:
    client = Client()
    client.force_login(world.users[role])
    return client


@pytest.mark.parametrize("role", sorted(MAY_SEE_KPIS_OF))
@pytest.mark.parametrize("department", DEPARTMENTS)
def test_kpis_of_a_department_in_the_api(world, role, department):
    response = client_for(world, role).get("/api/v1/kpis", {**PERIOD, "department": department})
    if department in MAY_SEE_KPIS_OF[role]:
        assert response.status_code == 200
    else:
        assert response.status_code == 403
        assert set(response.json()) == {"detail"}


@pytest.mark.parametrize("role", sorted(MAY_SEE_KPIS_OF))
@pytest.mark.parametrize("department", DEPARTMENTS)
@pytest.mark.parametrize("path", ["/inzichten/", "/inzichten/export.csv", "/inzichten/export.xlsx"])
def test_kpis_of_a_department_on_the_page_and_in_the_exports(world, role, department, path):
    department_id = world.departments[department].pk
    query = {"van": PERIOD["start"], "tot": PERIOD["end"], "afdeling": department_id}
    response = client_for(world, role).get(path, query)
    if not MAY_SEE_KPIS_OF[role]:
        assert response.status_code in (403, 404)
        return
    if department in MAY_SEE_KPIS_OF[role]:
        assert response.status_code == 200
        if path == "/inzichten/":
            assert response.context["report"] is not None
            assert response.context["scope_path"].endswith(department)
    elif path == "/inzichten/":
        # The department is not among the choices: no figures at all, of it or another.
        assert response.status_code == 200
        assert response.context["report"] is None
    else:
        assert response.status_code == 400
