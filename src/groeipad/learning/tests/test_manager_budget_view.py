"""A manager's budget view equals an independent computation.

People move in and out of the manager's line and department during the year. A request
stays on the department budget that paid for it (the department recorded when it was
asked), whoever the employee reports to now; the manager sees the budgets of the
departments they hold (``people.scope.budget_departments``) and the personal budgets
of their current line. The page, the API and the workbook all show exactly that, and
every amount equals a sum over the raw requests and trajectories computed here.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from io import BytesIO

import pytest
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from groeipad.budgets import services as budget_services
from groeipad.budgets.models import Budget, Funding, PersonalBudget
from groeipad.coaching import services as coaching_services
from groeipad.coaching.models import COMMITTED, CoachingTrajectory, TrajectoryStatus
from groeipad.learning import services
from groeipad.learning.models import Enrolment, EnrolmentStatus, LearningOffer
from groeipad.people import scope
from groeipad.people.models import Department, Employee, User

pytestmark = pytest.mark.django_db


def _offer(title: str, cost: str) -> LearningOffer:
    return LearningOffer.objects.create(title=title, kind="external_course", cost=Decimal(cost))


def _move(employee: Employee, department: Department, manager: Employee) -> None:
    employee.department = department
    employee.manager = manager
    employee.save()


def _by_hand(year: int, charged: dict[str, set[int]]) -> dict[str, tuple[Decimal, Decimal]]:
    """(committed, spent) per budget, summed over the raw rows of the departments that
    budget pays for, written out by hand (not the budgets app's tree walk)."""
    result = {}
    for name, department_ids in charged.items():
        requests = Enrolment.objects.filter(
            department_id__in=department_ids, funding=Funding.DEPARTMENT, requested_at__year=year
        )
        coaching = CoachingTrajectory.objects.filter(
            department_id__in=department_ids, requested_at__year=year
        )
        committed = sum(
            (e.cost for e in requests if e.status == EnrolmentStatus.APPROVED), Decimal(0)
        ) + sum((t.budget for t in coaching if t.status in COMMITTED), Decimal(0))
        spent = sum(
            (e.cost for e in requests if e.status == EnrolmentStatus.COMPLETED), Decimal(0)
        ) + sum((t.budget for t in coaching if t.status == TrajectoryStatus.COMPLETED), Decimal(0))
        result[name] = (committed, spent)
    return result


@pytest.fixture
def moved_year(personas):
    """Operations > Planning (alice manages it, no budget: draws on Operations) > Night
    (its own budget); Finance (dave) has its own budget too.

    Carol asks in Planning and then moves to Finance under dave; Erik asks in Finance
    and then moves into Night under alice. Each keeps asking in the new place."""
    p = personas
    hr = p.user("hanna")
    year = timezone.localdate().year
    night = Department.objects.create(name="Night", parent=p.planning)
    for department, amount in ((p.operations, "10000"), (night, "2000"), (p.finance, "3000")):
        budget_services.budget_set(
            actor=hr, department=department, year=year, amount=Decimal(amount)
        )
    Budget.objects.create(department=p.planning, year=year - 1, amount=Decimal("999"))
    erik = Employee.objects.create(
        employee_number="1006",
        first_name="Erik",
        last_name="Mulder",
        email="erik@example.nl",
        department=p.finance,
        manager=p.dave,
        hire_date=date(2020, 1, 1),
    )
    User.objects.create_user(erik.email, "x", employee=erik)
    PersonalBudget.objects.create(employee=erik, year=year, amount=Decimal("750"))
    PersonalBudget.objects.create(employee=p.carol, year=year, amount=Decimal("500"))

    def ask(employee, offer, decider, *, funding=Funding.DEPARTMENT, complete=False):
        enrolment = services.request_offer(
            actor=hr, employee=employee, offer=offer, funding=funding
        )
        services.approve(actor=p.user(decider), enrolment=enrolment)
        if complete:
            services.complete(actor=p.user(decider), enrolment=enrolment)
        return enrolment

    # In Planning under alice: on Operations' budget, and it stays there.
    ask(p.carol, _offer("Plannen", "400"), "alice")
    ask(p.bob, _offer("Leiderschap", "200"), "hanna", complete=True)
    # In Finance under dave: on Finance's budget, and it stays there.
    ask(erik, _offer("Boekhouden", "300"), "dave", complete=True)
    _move(p.carol, p.finance, p.dave)
    _move(erik, night, p.alice)
    # After the moves: Carol now asks on Finance, Erik on Night (and on his own budget).
    ask(p.carol, _offer("Excel", "250"), "dave")
    ask(erik, _offer("Nachtplanning", "150"), "alice")
    ask(erik, _offer("E-learning", "100"), "alice", funding=Funding.PERSONAL)
    trajectory = coaching_services.trajectory_request(
        actor=hr,
        employee=erik,
        coach_kind="external",
        coach_name="Coach",
        goal_text="Leidinggeven in de nacht",
        planned_sessions=4,
        budget=Decimal("500"),
    )
    coaching_services.approve(actor=p.user("alice"), trajectory=trajectory)
    return {"year": year, "night": night, "erik": erik}


def test_a_managers_budget_view_equals_an_independent_computation(personas, moved_year, login):
    p = personas
    year, night, erik = moved_year["year"], moved_year["night"], moved_year["erik"]
    alice = p.user("alice")

    # What alice holds: Planning, what is below it (Night) and above it (Operations);
    # with a budget this year: Operations and Night. Not Finance, where Carol is now
    # and Erik was; not Planning, which has a budget last year only.
    held = set(scope.budget_departments(alice).values_list("name", flat=True))
    assert held == {"Operations", "Planning", "Night"}
    budgeted = set(Budget.objects.filter(year=year).values_list("department__name", flat=True))
    assert held & budgeted == {"Operations", "Night"}

    # Operations pays for itself and Planning (no budget of its own), not for Night.
    hand = _by_hand(
        year,
        {
            "Operations": {p.operations.pk, p.planning.pk},
            "Night": {night.pk},
            "Finance": {p.finance.pk},
        },
    )
    # The same, written out: Carol's 400 (asked in Planning) stays on Operations after
    # she left; Bob's 200 is spent. Night: Erik's 150 and the coaching's 500; his
    # personal-funded 100 is on his own budget. Finance keeps Erik's 300 from before.
    assert hand == {
        "Operations": (Decimal("400"), Decimal("200")),
        "Night": (Decimal("650"), Decimal("0")),
        "Finance": (Decimal("250"), Decimal("300")),
    }
    amounts = {"Operations": Decimal("10000"), "Night": Decimal("2000")}
    expected = {
        name: (amounts[name], committed, spent, amounts[name] - committed - spent)
        for name, (committed, spent) in hand.items()
        if name in amounts
    }

    client = login(alice)
    client.cookies["django_language"] = "en"
    page = client.get(reverse("learning:budgets") + f"?year={year}")
    assert page.status_code == 200
    shown = {
        r.department.name: (r.amount, r.committed, r.spent, r.remaining)
        for _path, r in page.context["rows"]
    }
    assert shown == expected
    assert [path for path, _r in page.context["rows"]] == [
        "Operations/Planning/Night",
        "Operations",
    ]

    api = client.get(reverse("api:learning_budget_list") + f"?year={year}").json()
    assert {
        b["department"]: tuple(Decimal(b[k]) for k in ("amount", "committed", "spent", "remaining"))
        for b in api
    } == expected

    from openpyxl import load_workbook

    book = load_workbook(BytesIO(client.get(f"/leren/export.xlsx?year={year}").content))
    sheet = {row[0]: row for row in book.worksheets[1].iter_rows(min_row=2, values_only=True)}
    assert {
        name: tuple(Decimal(str(row[i])) for i in (2, 5, 6, 7)) for name, row in sheet.items()
    } == expected

    # Personal budgets: alice's line now, so Erik (moved in) and not Carol (moved out).
    line_now = set(scope.line(alice).values_list("pk", flat=True))
    assert erik.pk in line_now and p.carol.pk not in line_now
    personal_hand = {
        b.employee.employee_number: (
            b.amount,
            b.amount
            - sum(
                (
                    e.cost
                    for e in Enrolment.objects.filter(
                        Q(status=EnrolmentStatus.APPROVED) | Q(status=EnrolmentStatus.COMPLETED),
                        employee=b.employee,
                        funding=Funding.PERSONAL,
                        requested_at__year=year,
                    )
                ),
                Decimal(0),
            ),
        )
        for b in PersonalBudget.objects.filter(year=year, employee_id__in=line_now)
    }
    assert personal_hand == {"1006": (Decimal("750"), Decimal("650"))}
    personal = client.get(reverse("api:learning_personal_budget_list") + f"?year={year}").json()
    assert {
        r["employee_number"]: (Decimal(r["amount"]), Decimal(r["remaining"])) for r in personal
    } == personal_hand
    assert {
        row.employee.employee_number: (row.amount, row.remaining)
        for row in page.context["personal"]
    } == personal_hand


def test_the_manager_who_paid_keeps_the_request_the_new_manager_does_not_get_it(
    personas, moved_year, login
):
    """Dave, Finance's manager now for Carol, sees Finance's budget with Carol's new
    request and Erik's old one, not Carol's request from Planning."""
    year = moved_year["year"]
    client = login(personas.user("dave"))
    api = client.get(reverse("api:learning_budget_list") + f"?year={year}").json()
    assert [(b["department"], Decimal(b["committed"]), Decimal(b["spent"])) for b in api] == [
        ("Finance", Decimal("250"), Decimal("300"))
    ]
