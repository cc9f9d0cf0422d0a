"""KPIs by scope, for every role: the page, its two exports and the API.

The rule (``specs/kpis.md``), written out by hand for this organisation:

- HR and the administrator: the organisation, any department, any manager's line.
- A manager: their line for the period (everyone below them, leavers included as their
  line stood when they left, if employed on a day of the period). A department only when
  everyone its figures count for is in that line: G's line (M, E, T, L) holds all of
  Zorg, but not Directie (G themself works there); M's line (E, T, L) does not hold Zorg
  (M works there). Another manager's line: refused.
- Anyone else: refused.
"""

from __future__ import annotations

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db

DEPARTMENTS = ("Directie", "Zorg", "Financien", "HR")
# Who the figures of each department count for in 2024 (sub-departments included).
COUNTED = {
    "Directie": {"G", "M", "E", "T", "L"},
    "Zorg": {"M", "E", "T", "L"},
    "Financien": {"P", "O"},
    "HR": {"H"},
}
LINE = {"G": {"M", "E", "T", "L"}, "M": {"E", "T", "L"}, "E": set(), "O": set()}
ROLES = ("H", "A", "G", "M", "E", "O")
PERIOD = {"start": "2024-01-01", "end": "2024-12-31"}


def may_see_department(role: str, department: str) -> bool:
    if role in ("H", "A"):
        return True
    return bool(LINE[role]) and COUNTED[department] <= LINE[role]


def may_see_own_line(role: str) -> bool:
    return role in ("H", "A") or bool(LINE[role])


def client_for(world, role: str) -> Client:
    client = Client()
    client.force_login(world.users[role])
    return client


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("department", DEPARTMENTS)
def test_kpis_of_a_department_in_the_api(world, role, department):
    response = client_for(world, role).get("/api/v1/kpis", {**PERIOD, "department": department})
    if may_see_department(role, department):
        assert response.status_code == 200
    else:
        assert response.status_code == 403
        assert set(response.json()) == {"detail"}


@pytest.mark.parametrize("role", ROLES)
def test_kpis_of_ones_own_scope_in_the_api(world, role):
    response = client_for(world, role).get("/api/v1/kpis", PERIOD)
    assert response.status_code == (200 if may_see_own_line(role) else 403)


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("manager", ["G", "M"])
def test_kpis_of_a_managers_line_in_the_api(world, role, manager):
    number = world.employees[manager].employee_number
    response = client_for(world, role).get("/api/v1/kpis", {**PERIOD, "manager": number})
    allowed = role in ("H", "A") or role == manager
    assert response.status_code in ((200,) if allowed else (403,)), response.status_code


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("department", DEPARTMENTS)
@pytest.mark.parametrize("path", ["/inzichten/", "/inzichten/export.csv", "/inzichten/export.xlsx"])
def test_kpis_of_a_department_on_the_page_and_in_the_exports(world, role, department, path):
    department_id = world.departments[department].pk
    query = {"van": PERIOD["start"], "tot": PERIOD["end"], "afdeling": department_id}
    response = client_for(world, role).get(path, query)
    if not may_see_own_line(role):
        assert response.status_code in (403, 404)
        return
    if may_see_department(role, department):
        assert response.status_code == 200
        if path == "/inzichten/":
            assert response.context["report"] is not None
            assert department in response.context["scope_path"]
    elif path == "/inzichten/":
        # The department is not among the choices: no figures of it.
        assert response.status_code in (200, 403)
        if response.status_code == 200:
            assert department not in (response.context["scope_path"] or "")
    else:
        assert response.status_code in (400, 403)
