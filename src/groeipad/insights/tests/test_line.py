"""A manager's KPIs are those of their line (specs/kpis.md, "A manager's scope: the line").

The expected figures come from ``reference.World``: plain Python over the records, the
line found by walking the recorded managers by hand. The page, the API and the command
must give the same numbers, and those must equal the reference.
"""

from __future__ import annotations

import io
import json
from datetime import date
from decimal import Decimal

import pytest
from django.core.management import CommandError, call_command

from groeipad.insights.kpis import compute_kpis, spec_object
from groeipad.insights.selectors import departments_inside_line, line_scope
from groeipad.insights.tests.reference import (
    Answer,
    Emp,
    Learn,
    Move,
    World,
    assert_matches,
    hidden,
)
from groeipad.lib import json_numbers
from groeipad.people.models import Employee, Role, User

START, END = date(2025, 1, 1), date(2025, 12, 31)
PERIOD = {"start": START.isoformat(), "end": END.isoformat()}
PAGE = {"van": START.isoformat(), "tot": END.isoformat()}
PASSWORD = "correct horse battery staple"
K = 5


def _world(answers_in_sales: int = 6) -> World:
    """M manages Sales; people move in and out of M's line during 2025."""
    world = World(
        departments={"Sales": None, "North": "Sales", "Other": None, "HR": None},
        employees=[
            Emp("B", "Sales", date(2015, 1, 1), salary=Decimal("90000.00")),
            Emp("M", "Sales", date(2018, 1, 1), salary=Decimal("70000.00"), manager="B"),
            # in the line all year
            Emp("r1", "North", date(2019, 3, 1), salary=Decimal("40000.00"), manager="M"),
            # a new hire in April
            Emp("r2", "Sales", date(2025, 4, 1), salary=Decimal("38000.00"), manager="M"),
            # a leaver: keeps the line as it stood when they left
            Emp(
                "r3",
                "Sales",
                date(2020, 1, 1),
                date(2025, 8, 31),
                "voluntary",
                Decimal("52000.00"),
                manager="M",
            ),
            # a sub-manager and their report: indirect reports count
            Emp("s1", "North", date(2017, 6, 1), salary=Decimal("60000.00"), manager="M"),
            Emp("r4", "North", date(2021, 9, 1), salary=Decimal("41000.00"), manager="s1"),
            # transferred to another manager mid-year: no longer in M's line
            Emp("t1", "Other", date(2016, 1, 1), salary=Decimal("45000.00"), manager="X"),
            Emp("X", "Other", date(2010, 1, 1), salary=Decimal("80000.00")),
            # moved into the line in July, from elsewhere
            Emp("i1", "Sales", date(2019, 1, 1), salary=Decimal("47000.00"), manager="M"),
            # in M's department but reporting to B: outside the line
            Emp("o1", "Sales", date(2018, 1, 1), salary=Decimal("99000.00"), manager="B"),
            # left before the period / hired after it: no day in the period
            Emp("old", "Sales", date(2019, 1, 1), date(2024, 12, 31), "involuntary", manager="M"),
            Emp("new", "Sales", date(2026, 2, 1), manager="M"),
            # a manager whose only report left before the period
            Emp("E", "Other", date(2012, 1, 1)),
            Emp("e1", "Other", date(2015, 1, 1), date(2024, 6, 30), "voluntary", manager="E"),
            Emp("H", "HR", date(2014, 1, 1)),
        ],
        moves=[
            Move("i1", date(2025, 7, 1), "transfer"),
            Move("t1", date(2025, 6, 1), "transfer"),
            Move("r1", date(2025, 3, 1), "promotion"),
            Move("o1", date(2025, 5, 1), "promotion"),
        ],
        learning=[
            Learn("r1", date(2025, 2, 1), "formal", Decimal("16"), Decimal("1200.00")),
            Learn("r3", date(2025, 5, 1), "social", Decimal("6"), Decimal("0")),
            Learn("r4", date(2025, 10, 1), "experience", Decimal("20"), Decimal("250.50")),
            Learn("i1", date(2025, 9, 1), "formal", Decimal("8"), Decimal("799.99")),
            Learn("o1", date(2025, 3, 1), "formal", Decimal("40"), Decimal("5000.00")),
            Learn("t1", date(2025, 2, 1), "formal", Decimal("12"), Decimal("900.00")),
            Learn("r1", date(2024, 12, 31), "formal", Decimal("3"), Decimal("100.00")),
        ],
        surveys={"2025": date(2025, 11, 30)},
        answers=[
            *(Answer("2025", score, "North") for score in (10, 9, 3, 7, 10, 6)[:answers_in_sales]),
            # k answers in Other: shown, so the organisation minus Other gives away nothing
            *[Answer("2025", 0, "Other")] * K,
        ],
    )
    return world


def _users(*numbers: str) -> dict[str, User]:
    users = {}
    for number in numbers:
        employee = Employee.objects.get(employee_number=number)
        users[number] = User.objects.create_user(
            f"user-{number}@example.nl", PASSWORD, employee=employee
        )
    User.objects.filter(employee__employee_number="H").update(role=Role.HR)
    return users


def _expected(world: World, manager: str, start: date = START, end: date = END) -> dict:
    line = world.line(manager, start, end)
    expected = world.kpis(start, end, numbers=line)
    # eNPS: the manager's department with its sub-departments, above the threshold.
    department = next(e.dept for e in world.employees if e.number == manager)
    figure = world.kpis(start, end, dept=department)
    if 0 < figure["enps_responses"] < K:
        return hidden(expected, K)
    for key in ("enps", "enps_responses", "enps_suppressed", "enps_suppressed_reason"):
        expected[key] = figure[key]
    return expected


def _cli(*args: str) -> dict:
    out = io.StringIO()
    call_command(
        "kpi", "--from", PERIOD["start"], "--to", PERIOD["end"], *args, "--json", stdout=out
    )
    return json.loads(out.getvalue())


def _page_value(content: str, key: str) -> str:
    after = content.split(f'data-key="{key}"', 1)[1]
    return after.split('class="kpi-value"', 1)[1].split('value="', 1)[1].split('"', 1)[0]


@pytest.fixture(autouse=True)
def _english(settings):
    settings.LANGUAGE_CODE = "en"


@pytest.fixture
def world(db) -> World:
    world = _world()
    world.save()
    return world


def _manager(number: str) -> Employee:
    return Employee.objects.get(employee_number=number)


@pytest.mark.django_db
def test_the_reference_line_is_the_one_the_spec_describes(world):
    # Guard for the hand-made world itself: who is in, who is out, and why.
    assert world.line("M", START, END) == {"r1", "r2", "r3", "s1", "r4", "i1"}


@pytest.mark.django_db
def test_a_managers_kpis_equal_an_independent_computation_over_the_line(world):
    manager = _manager("M")
    engine = compute_kpis(start=START, end=END, scope=line_scope(manager, START, END))
    expected = _expected(world, "M")
    assert_matches(engine, expected)
    # Spot checks, spelled out: o1 (same department, other manager), t1 (moved away),
    # old and new (no day in the period) never count.
    assert engine["headcount_start"] == 5 and engine["headcount_end"] == 5
    assert engine["hires"] == 1 and engine["leavers"] == 1 and engine["voluntary_leavers"] == 1
    assert engine["internal_moves"] == 2
    assert engine["development_spend"] == Decimal("2250.49")
    assert engine["enps_responses"] == 6


@pytest.mark.django_db
def test_page_api_and_command_give_the_managers_line_the_same_numbers(world, login):
    users = _users("M", "H")
    engine = compute_kpis(
        start=START,
        end=END,
        scope=line_scope(_manager("M"), START, END),
    )
    as_json = json.loads(json_numbers.dumps(spec_object(engine)))
    client = login(users["M"])
    api = client.get("/api/v1/kpis", PERIOD)
    assert api.status_code == 200 and api["X-Groeipad-Line"] == "M"
    assert api.json() == as_json
    assert _cli("--manager", "M") == as_json
    hr = login(users["H"])
    assert hr.get("/api/v1/kpis", {**PERIOD, "manager": "M"}).json() == as_json
    page = login(users["M"]).get("/inzichten/", PAGE).content.decode()
    for key in (
        "headcount_start",
        "headcount_end",
        "hires",
        "leavers",
        "turnover_rate",
        "retention_rate",
        "internal_moves",
        "payroll",
        "development_spend",
        "development_spend_pct_payroll",
        "learning_hours_per_employee",
        "enps",
    ):
        assert _page_value(page, key) == ("" if engine[key] is None else str(engine[key])), key
    assert 'data-scope="enps-department"' in page and "Sales" in page
    hr_page = login(users["H"]).get("/inzichten/", {**PAGE, "manager": "M"}).content.decode()
    assert _page_value(hr_page, "payroll") == str(engine["payroll"])


@pytest.mark.django_db
def test_a_managers_export_holds_the_line_figures_and_is_audited(world, login):
    from groeipad.privacy.models import AuditEvent

    users = _users("M")
    response = login(users["M"]).get("/inzichten/export.csv", PAGE)
    assert response.status_code == 200
    text = response.content.decode("utf-8-sig")
    expected = _cli("--manager", "M")
    assert f"payroll;{expected['payroll']:.2f}\r\n" in text
    assert f"headcount_start;{expected['headcount_start']}\r\n" in text
    assert "Line;Line of E M (M)" in text
    assert "eNPS scope;Sales and its sub-departments" in text
    event = AuditEvent.objects.get(action="export")
    assert event.object_type == "kpis" and event.changes["line_of"] == "M"


@pytest.mark.django_db
def test_the_line_eNPS_is_suppressed_below_the_anonymity_threshold(db):
    world = _world(answers_in_sales=3)
    world.save()
    engine = compute_kpis(start=START, end=END, scope=line_scope(_manager("M"), START, END))
    assert engine["enps"] is None and engine["enps_responses"] is None
    assert_matches(engine, _expected(world, "M"))


@pytest.mark.django_db
def test_a_manager_sees_a_department_only_when_it_lies_wholly_inside_the_line(world, login):
    users = _users("M", "H")
    north = world.kpis(START, END, dept="North")
    client = login(users["M"])
    response = client.get("/api/v1/kpis", {**PERIOD, "department": "North"})
    assert response.status_code == 200
    assert response.json()["headcount_start"] == north["headcount_start"] == 3
    # Sales holds M and o1, who are not in M's line.
    assert client.get("/api/v1/kpis", {**PERIOD, "department": "Sales"}).status_code == 403
    assert client.get("/api/v1/kpis", {**PERIOD, "department": "Other"}).status_code == 403
    ids = departments_inside_line(_manager("M").pk, START, END)
    assert {d.name for d in _manager("r1").department.__class__.objects.filter(pk__in=ids)} == {
        "North"
    }


@pytest.mark.django_db
def test_a_line_of_nobody_in_the_period_is_refused_with_a_clear_message(world, login):
    users = _users("E", "H")
    response = login(users["E"]).get("/api/v1/kpis", PERIOD)
    assert response.status_code == 403 and "Nobody in your line" in response.json()["detail"]
    assert login(users["E"]).get("/inzichten/", PAGE).status_code == 403
    hr = login(users["H"]).get("/api/v1/kpis", {**PERIOD, "manager": "E"})
    assert hr.status_code == 403
    with pytest.raises(CommandError, match="Nobody in the line"):
        _cli("--manager", "E")
    # The year before, e1 was still there.
    earlier = login(users["E"]).get("/api/v1/kpis", {"start": "2024-01-01", "end": "2024-12-31"})
    assert earlier.status_code == 200 and earlier.json()["leavers"] == 1


@pytest.mark.django_db
def test_an_empty_line_gives_zero_counts_and_null_rates(world):
    engine = compute_kpis(start=START, end=END, scope=line_scope(_manager("E"), START, END))
    assert world.line("E", START, END) == set()
    assert_matches(engine, _expected(world, "E"))
    assert engine["turnover_rate"] is None and engine["retention_rate"] is None
    assert engine["development_spend_pct_payroll"] is None
    assert engine["learning_mix"] == {"experience": None, "social": None, "formal": None}


@pytest.mark.django_db
def test_hr_asking_for_an_unknown_manager_gets_404(world, login):
    users = _users("H", "M")
    assert login(users["H"]).get("/api/v1/kpis", {**PERIOD, "manager": "nobody"}).status_code == 404
    with pytest.raises(CommandError, match="no employee with number 'nobody'"):
        _cli("--manager", "nobody")
    # A manager may not ask for someone else's line.
    other = login(users["M"]).get("/api/v1/kpis", {**PERIOD, "manager": "B"})
    assert other.status_code == 403


@pytest.mark.django_db
def test_a_department_and_a_manager_together_are_refused(world, login):
    users = _users("H")
    response = login(users["H"]).get(
        "/api/v1/kpis", {**PERIOD, "manager": "M", "department": "Sales"}
    )
    assert response.status_code == 422


@pytest.mark.django_db
def test_a_lines_kpis_cost_as_few_queries_as_a_departments(world, django_assert_max_num_queries):
    scope = line_scope(_manager("M"), START, END)
    # As a department's: employees, moves, learning, rates, and eNPS answer counts plus
    # the department tree (the anonymity rule decides over the whole tree).
    with django_assert_max_num_queries(6):
        compute_kpis(start=START, end=END, scope=scope)
