"""Department budgets are read grouped: every list of budgets (page, XLSX export, API,
HR home to-do) runs a fixed number of queries whatever the number of departments, and
the grouped read gives exactly what the one-department read gives."""

from __future__ import annotations

import itertools
from datetime import date
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from groeipad.budgets import registry
from groeipad.budgets import selectors as budget_selectors
from groeipad.budgets.models import Budget, Funding
from groeipad.coaching.models import CoachingTrajectory, TrajectoryStatus
from groeipad.learning.models import Enrolment, EnrolmentStatus, LearningOffer, Session
from groeipad.people.models import Department, Employee

pytestmark = pytest.mark.django_db

_serial = itertools.count()


def add_departments(count: int, year: int, parent: Department | None = None) -> None:
    """``count`` budgeted departments, each with a sub-department without a budget of its
    own (it draws on its parent's), an employee there, a department-funded request
    approved and one completed, a personal-funded one, and an approved coaching
    trajectory: together 90 % of the budget, so the HR to-do names every one."""
    offer = LearningOffer.objects.create(title=f"Training {next(_serial)}", kind="external_course")
    for _ in range(count):
        n = next(_serial)
        top = Department.objects.create(name=f"Afdeling {n}", parent=parent)
        team = Department.objects.create(name=f"Team {n}", parent=top)
        Budget.objects.create(department=top, year=year, amount=Decimal("1000"))
        employee = Employee.objects.create(
            employee_number=f"B{n}",
            first_name="Medewerker",
            last_name=str(n),
            email=f"budget{n}@example.nl",
            department=team,
            hire_date=date(2020, 1, 1),
            annual_salary=Decimal("40000"),
        )
        for status, cost, funding in (
            (EnrolmentStatus.APPROVED, "300", Funding.DEPARTMENT),
            (EnrolmentStatus.COMPLETED, "200", Funding.DEPARTMENT),
            (EnrolmentStatus.APPROVED, "700", Funding.PERSONAL),
        ):
            Enrolment.objects.create(
                employee=employee,
                offer=offer,
                status=status,
                department=team,
                cost=Decimal(cost),
                hours=Decimal("8"),
                funding=funding,
            )
        CoachingTrajectory.objects.create(
            employee=employee,
            coach_kind="external",
            coach_name="Coach",
            goal_text="Leidinggeven",
            planned_sessions=4,
            budget=Decimal("400"),
            department=team,
            status=TrajectoryStatus.APPROVED,
        )


def count_queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured)


SURFACES = {
    "page": lambda year: reverse("learning:budgets") + f"?year={year}",
    "export": lambda year: reverse("learning:export_xlsx") + f"?year={year}",
    "api": lambda year: reverse("api:learning_budget_list") + f"?year={year}",
    "hr_home": lambda year: reverse("web:home"),
}


@pytest.mark.parametrize(
    ("surface", "viewer", "most"),
    [
        # Before the grouped read (5 -> 50 departments): page 37 -> 307 (bob 48 -> 408),
        # export 36 -> 306, API 33 -> 303 (bob 45 -> 405), HR home 54 -> 324.
        ("page", "hanna", 12),
        ("page", "bob", 15),
        ("export", "hanna", 11),
        ("api", "hanna", 8),
        ("api", "bob", 12),
        ("hr_home", "hanna", 30),
    ],
)
def test_budget_lists_read_in_a_fixed_number_of_queries(login, personas, surface, viewer, most):
    year = timezone.localdate().year
    client = login(personas.user(viewer))
    client.cookies["django_language"] = "en"
    url = SURFACES[surface](year)
    # A manager sees the budgets of their own department and those below it.
    parent = personas.operations if viewer == "bob" else None
    add_departments(5, year, parent)
    five = count_queries(client, url)
    add_departments(45, year, parent)
    fifty = count_queries(client, url)
    assert five == fifty <= most


# --- Grouped == one department at a time, against a hand computation ----------------


def _at(year: int):
    return timezone.make_aware(timezone.datetime(year, 6, 1, 12, 0))


def _person(number, name, department, *, fte="1.0", salary="48000", **extra):
    return Employee.objects.create(
        employee_number=number,
        first_name=name,
        last_name="Test",
        email=f"{name.lower()}@example.nl",
        department=department,
        hire_date=date(2020, 1, 1),
        fte=Decimal(fte),
        annual_salary=Decimal(salary),
        **extra,
    )


@pytest.fixture
def varied(personas):
    """Operations > Planning > Night (own budget this year only); Operations > Logistics
    > Warehouse (no budgets); Finance without a budget; HR with one last year only."""
    p = personas
    this = timezone.localdate().year
    last = this - 1
    night = Department.objects.create(name="Night", parent=p.planning)
    logistics = Department.objects.create(name="Logistics", parent=p.operations)
    warehouse = Department.objects.create(name="Warehouse", parent=logistics)
    Budget.objects.create(
        department=p.operations, year=this, amount=Decimal("5000"), hours=Decimal("100")
    )
    Budget.objects.create(department=night, year=this, amount=Decimal("1000"))
    Budget.objects.create(department=p.operations, year=last, amount=Decimal("4000"))
    Budget.objects.create(department=p.hr, year=last, amount=Decimal("800"))
    nina = _person("2001", "Nina", night, fte="0.8", salary="30000")
    lars = _person("2002", "Lars", warehouse, salary="36000")
    _person("2003", "Leaver", logistics, leave_date=date(2021, 1, 1))  # not on the staff

    offer = LearningOffer.objects.create(title="Plannen", kind="external_course")
    session = Session.objects.create(
        offer=offer, starts_on=date(this, 1, 2), ends_on=date(this, 1, 3), capacity=10
    )

    def request(employee, status, cost, *, hours="0", funding=Funding.DEPARTMENT, **extra):
        Enrolment.objects.create(
            employee=employee,
            offer=offer,
            department=employee.department,
            status=status,
            cost=Decimal(cost),
            hours=Decimal(hours),
            funding=funding,
            **extra,
        )

    request(p.carol, EnrolmentStatus.APPROVED, "300", hours="16")
    request(p.carol, EnrolmentStatus.COMPLETED, "200", hours="8")
    request(p.carol, EnrolmentStatus.APPROVED, "700", funding=Funding.PERSONAL)
    request(p.carol, EnrolmentStatus.COMPLETED, "60", hours="3", funding=Funding.PERSONAL)
    request(nina, EnrolmentStatus.APPROVED, "150")
    request(nina, EnrolmentStatus.COMPLETED, "90", hours="4", requested_at=_at(last))
    # Asked last year for a session this year: this year's budget.
    request(
        lars, EnrolmentStatus.COMPLETED, "120", hours="6", requested_at=_at(last), session=session
    )
    request(lars, EnrolmentStatus.REQUESTED, "999")
    request(p.dave, EnrolmentStatus.APPROVED, "400")
    request(p.alice, EnrolmentStatus.DECLINED, "50")

    def coaching(employee, status, budget, **extra):
        CoachingTrajectory.objects.create(
            employee=employee,
            coach_kind="external",
            coach_name="Coach",
            goal_text="Leidinggeven",
            planned_sessions=4,
            budget=Decimal(budget),
            department=employee.department,
            status=status,
            **extra,
        )

    coaching(p.carol, TrajectoryStatus.APPROVED, "1000")
    coaching(nina, TrajectoryStatus.COMPLETED, "250")
    coaching(lars, TrajectoryStatus.IN_PROGRESS, "500", requested_at=_at(last))
    coaching(p.alice, TrajectoryStatus.REQUESTED, "800")
    return {
        "night": night,
        "logistics": logistics,
        "warehouse": warehouse,
        "this": this,
        "last": last,
    }


def _figures(status):
    return (
        status.amount,
        status.committed,
        status.spent,
        status.remaining,
        status.hours_used,
        status.hours_set_aside,
        status.fte,
        status.payroll,
    )


def test_grouped_read_equals_one_department_at_a_time_and_the_hand_computation(personas, varied):
    p = personas
    night, logistics, warehouse = varied["night"], varied["logistics"], varied["warehouse"]
    departments = list(Department.objects.order_by("pk"))
    D = Decimal
    expected = {
        varied["this"]: {
            # Operations pays for Planning, Logistics and Warehouse, not for Night:
            # committed 300 + coaching 1000; spent 200 + 120 (session this year);
            # hours 8 + 6; staff bob, alice, carol (3 x 1.0, 3 x 48000), nina 0.8 / 30000,
            # lars 1.0 / 36000; the leaver does not count.
            p.operations: (D(5000), D(1300), D(320), D(3380), D(14), D(100), D("4.8"), D(210000)),
            night: (D(1000), D(150), D(250), D(600), D(0), D(0), D("0.8"), D(30000)),
            # Without a budget: only its own requests, no amount.
            p.planning: (None, D(1300), D(200), None, D(8), D(0), D("2.8"), D(126000)),
            p.finance: (None, D(400), D(0), None, D(0), D(0), D(1), D(48000)),
            logistics: (None, D(0), D(0), None, D(0), D(0), D(1), D(36000)),
            warehouse: (None, D(0), D(120), None, D(6), D(0), D(1), D(36000)),
            p.hr: (None, D(0), D(0), None, D(0), D(0), D(1), D(48000)),
        },
        varied["last"]: {
            # Night has no budget last year: its 90 (4 hours) is Operations'; lars'
            # coaching asked last year is committed on it.
            p.operations: (D(4000), D(500), D(90), D(3410), D(4), D(0), D("4.8"), D(210000)),
            night: (None, D(0), D(90), None, D(4), D(0), D("0.8"), D(30000)),
            p.hr: (D(800), D(0), D(0), D(800), D(0), D(0), D(1), D(48000)),
            p.finance: (None, D(0), D(0), None, D(0), D(0), D(1), D(48000)),
        },
    }
    for year, hand in expected.items():
        grouped = budget_selectors.budget_statuses(departments, year)
        assert [s.department for s in grouped] == departments
        for status in grouped:
            single = budget_selectors.budget_status(status.department, year)
            assert _figures(status) == _figures(single), status.department
            assert status.budget == single.budget
            if status.department in hand:
                assert _figures(status) == hand[status.department], status.department
    assert budget_selectors.charged_department_ids(p.operations, varied["this"]) == sorted(
        [p.operations.pk, p.planning.pk, logistics.pk, warehouse.pk]
    )
    assert budget_selectors.charged_department_ids(p.operations, varied["last"]) == sorted(
        [p.operations.pk, p.planning.pk, night.pk, logistics.pk, warehouse.pk]
    )


def test_a_draw_source_without_a_grouped_form_is_still_counted(personas, varied, monkeypatch):
    calls = []

    def flat_fee(department_ids, year):  # 10 euros committed per charged department
        calls.append(sorted(department_ids))
        return Decimal(10 * len(department_ids)), Decimal("0")

    monkeypatch.setattr(registry, "BUDGET_DRAWS", [*registry.BUDGET_DRAWS, flat_fee])
    this = varied["this"]
    grouped = budget_selectors.budget_statuses([personas.operations, varied["night"]], this)
    # Operations charges 4 departments: 1300 + 40; Night 1: 150 + 10.
    assert [s.committed for s in grouped] == [Decimal("1340"), Decimal("160")]
    assert budget_selectors.budget_status(personas.operations, this).committed == Decimal("1340")


def test_one_budget_reads_in_a_fixed_number_of_queries(
    personas, varied, django_assert_max_num_queries
):
    # The approval path (budget_hold) reads one department: tree, budgets, requests,
    # coaching, staff.
    with django_assert_max_num_queries(5):
        budget_selectors.budget_status(personas.operations, varied["this"])
