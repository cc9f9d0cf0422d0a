"""Differencing attacks on eNPS (specs/anonymity.md), through every public edge.

The organisation: Sales (with North, South and East below it), Ops and HR, plus answers
that carry no department. M manages everyone in Sales' sub-departments (so North, South
and East lie wholly inside M's line, and M's line eNPS is the Sales cell); N, in North,
manages one person there (N's line eNPS is the North cell). One cell is small: k-1, k
or k+1 answers, placed for each attack:

- parent minus children: North small; Sales minus South and East would give it;
- organisation minus its top-level departments: the answers without a department small;
- a manager's line against departments: Sales' own answers small; M's line (the Sales
  cell) minus North, South and East would give them.

For HR (page, API, CSV, XLSX, command) and for the managers (page, API, CSV, XLSX),
every cell they can ask for is read; ``enps_edges.check_cells`` checks the figures
against the answers and that no shown total minus its shown parts leaves 1 to k-1
answers. The hidden cells are also spelled out by hand for k-1 (smallest part first).
"""

from __future__ import annotations

import io
import re
from datetime import date

import pytest
from django.core.management import call_command

from groeipad.insights.tests import enps_edges as edges
from groeipad.insights.tests.enps_edges import ORG, Seen
from groeipad.insights.tests.reference import Answer, Emp, World
from groeipad.people.models import Employee, Role, User
from groeipad.privacy.anonymity import Instrument, threshold

TREE: dict[str, str | None] = {
    "Sales": None,
    "North": "Sales",
    "South": "Sales",
    "East": "Sales",
    "Ops": None,
    "HR": None,
}
# The KPI API's queries for HR and a department, whatever the size: session and user,
# the department by name (paths, then the row), the six KPI queries (employees, moves,
# learning, rates, eNPS answer counts, department tree) and the department's path.
QUERIES_PER_KPI_REQUEST = 11
K = 5  # the default k of surveys; the test checks it is what the app uses
SMALL = (K - 1, K, K + 1)

# answers per cell (ORG: no department) for each attack; "n" is the small one.
ATTACKS = {
    "parent_minus_children": {"North": "n", "South": 6, "East": 7, "Ops": 8, ORG: 5},
    "organisation_minus_top_level": {ORG: "n", "North": 6, "South": 6, "East": 5, "Ops": 8},
    "line_minus_departments": {"Sales": "n", "North": 6, "South": 7, "East": 5, "Ops": 8, ORG: 5},
}
# What must be hidden at k-1, worked out by hand from the rule (smallest part first):
HIDDEN_AT_K_MINUS_1 = {
    # Sales 17 = North 4 + South 6 + East 7: North (4) is hidden; Sales minus South and
    # East would leave its 4, so the smaller of those two parts, South, goes too.
    "parent_minus_children": {"North", "South"},
    # Organisation 29 = Sales 17 + Ops 8 + 4 without department: Ops (smaller) goes.
    "organisation_minus_top_level": {"Ops"},
    # Sales 22 = 4 own + North 6 + South 7 + East 5: East (smallest) goes.
    "line_minus_departments": {"East"},
}


def _answers(attack: str, n: int) -> dict[str, list[int]]:
    counts = {name: (n if c == "n" else c) for name, c in ATTACKS[attack].items()}
    return {
        name: [(i * 7 + offset) % 11 for i in range(count)]
        for offset, (name, count) in enumerate(sorted(counts.items()))
    }


def _world(answers: dict[str, list[int]]) -> World:
    hired = date(2020, 1, 1)
    return World(
        departments=TREE,
        employees=[
            Emp("H", "HR", hired),
            Emp("B", "Ops", hired),
            Emp("M", "Sales", hired, manager="B"),
            Emp("N", "North", hired, manager="M"),
            Emp("n1", "North", hired, manager="N"),
            Emp("s1", "South", hired, manager="M"),
            Emp("e1", "East", hired, manager="M"),
        ],
        surveys={"Autumn 2025": date(2025, 11, 30)},
        answers=[
            Answer("Autumn 2025", score, None if name == ORG else name)
            for name, scores in answers.items()
            for score in scores
        ],
    )


@pytest.fixture(autouse=True)
def _english(settings):
    settings.LANGUAGE_CODE = "en"


def _user(number: str, role: str = Role.EMPLOYEE) -> User:
    employee = Employee.objects.get(employee_number=number)
    return User.objects.create_user(f"{number}@example.nl", "x" * 20, employee=employee, role=role)


def _hr_sees(login) -> dict[str, Seen]:
    client = login(_user("H", Role.HR))
    seen = {ORG: edges.every_edge(client, None, with_command=True)}
    for name in TREE:
        seen[name] = edges.every_edge(client, name, with_command=True)
    return seen


def _manager_sees(login, number: str, line_cell: str, departments: list[str]) -> dict[str, Seen]:
    client = login(_user(number))
    # Without a department: the line, whose eNPS is the manager's department's cell.
    seen = {line_cell: edges.every_edge(client, None, with_command=False)}
    for name in departments:
        seen[name] = edges.every_edge(client, name, with_command=False)
    return seen


@pytest.mark.django_db
def test_the_survey_threshold_is_the_one_rule_of_privacy():
    assert threshold(Instrument.SURVEY) == K


@pytest.mark.django_db
@pytest.mark.parametrize("n", SMALL)
@pytest.mark.parametrize("attack", list(ATTACKS))
def test_hr_cannot_difference_the_small_cell(attack, n, login):
    answers = _answers(attack, n)
    _world(answers).save()
    seen = _hr_sees(login)
    edges.check_cells(seen, TREE, answers, K)
    hidden = {name for name, cell in seen.items() if cell.suppressed}
    assert hidden == (HIDDEN_AT_K_MINUS_1[attack] if n < K else set())


@pytest.mark.django_db
@pytest.mark.parametrize("n", SMALL)
@pytest.mark.parametrize("attack", list(ATTACKS))
def test_a_manager_cannot_difference_the_small_cell(attack, n, login):
    answers = _answers(attack, n)
    _world(answers).save()
    # HR's view through the API (the HR test reads every edge and finds them equal).
    hr_client = login(_user("H", Role.HR))
    hr = {name: edges.api(hr_client, name) for name in TREE}
    # M: the line (the Sales cell) and the three departments wholly inside it.
    m = _manager_sees(login, "M", "Sales", ["North", "South", "East"])
    edges.check_cells(m, TREE, answers, K)
    # N: the line (the North cell) only; North holds N, who is not in N's own line.
    nn = _manager_sees(login, "N", "North", [])
    edges.check_cells(nn, TREE, answers, K)
    # The same cell is the same for everyone: HR's view holds the managers' ones, and
    # the check over HR's (the largest) set covers every combination.
    for name, cell in {**m, **nn}.items():
        assert cell == hr[name], (name, cell, hr[name])
    hidden = {name for name, cell in m.items() if cell.suppressed}
    assert hidden == (HIDDEN_AT_K_MINUS_1[attack] & set(m) if n < K else set())


@pytest.mark.django_db
def test_a_department_with_two_answers_shows_no_figure_for_hr(login):
    # The report of issue 14: two answers showed eNPS -100 to HR.
    answers = {"North": [0, 3], "South": [9] * 6, "East": [10] * 6, "Ops": [8] * 5}
    _world(answers).save()
    client = login(_user("H", Role.HR))
    cell = edges.every_edge(client, "North", with_command=True)
    assert cell == Seen(None, None, True, "fewer than 5 answers")
    # and not by difference either: Sales minus South and East would be North.
    sales, south, east = (edges.api(client, name) for name in ("Sales", "South", "East"))
    shown = [c.responses for c in (south, east) if not c.suppressed]
    assert sales.suppressed or sales.responses - sum(shown) not in (1, 2, 3, 4)


@pytest.mark.django_db
def test_a_hidden_cell_is_never_shown_as_zero_on_the_page(login):
    answers = {"North": [10, 10], "South": [0] * 6, "East": [0] * 7}
    _world(answers).save()
    client = login(_user("H", Role.HR))
    content = client.get("/inzichten/", edges._page_query("North")).content.decode()
    card = content.split('data-key="enps"', 1)[1].split("</article>", 1)[0]
    assert 'value=""' in card and "fewer than 5 answers" in card
    assert "+0" not in card and ">0<" not in card and "response" not in card
    table = content[content.index("eNPS per survey") :].split("</table>", 1)[0]
    assert "fewer than 5 answers" in table and ">2<" not in table


@pytest.mark.django_db
def test_the_command_table_says_why_the_enps_is_hidden():
    _world({"North": [0, 3], "South": [9] * 6, "East": [10] * 7}).save()
    out = io.StringIO()
    call_command(
        "kpi", "--from", edges.START, "--to", edges.END, "--department", "North", stdout=out
    )
    rows = {}
    for line in out.getvalue().splitlines()[2:]:
        parts = re.split(r"\s{2,}", line.strip(), maxsplit=2)
        if len(parts) == 3:  # label, key, value (the learning mix heading has no value)
            rows[parts[1]] = parts[2]
    assert rows["enps"] == "-" and rows["enps_responses"] == "-"
    assert rows["enps_suppressed"] == "yes"
    assert rows["enps_suppressed_reason"] == "fewer than 5 answers"


@pytest.mark.django_db
@pytest.mark.parametrize("extra_departments", [0, 40])
def test_the_kpi_api_costs_the_same_queries_however_many_departments(
    extra_departments, login, django_assert_num_queries
):
    tree = {**TREE, **{f"X{i}": "Sales" if i % 2 else None for i in range(extra_departments)}}
    world = _world({name: [9, 0, 7, 10, 3, 6] for name in tree})
    world.departments = tree
    world.save()
    client = login(_user("H", Role.HR))
    edges.api(client, "North")  # warm up: session, content types
    with django_assert_num_queries(QUERIES_PER_KPI_REQUEST):
        assert edges.api(client, "North").responses == 6
