"""Request lists read in a fixed number of queries: the approval queue, the API request
list and My learning run as many queries for 50 requests as for 5, and the queue shows
for every request exactly the remaining budgets the single-request reads give."""

from __future__ import annotations

import itertools
from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from groeipad.budgets import selectors as budget_selectors
from groeipad.budgets.models import Budget, Funding, PersonalBudget
from groeipad.learning.models import (
    Enrolment,
    EnrolmentStatus,
    Evaluation,
    EvaluationLevel,
    LearningOffer,
    Session,
)
from groeipad.people.models import Department, Employee
from groeipad.plans.models import DevelopmentPlan, Goal

pytestmark = pytest.mark.django_db

_serial = itertools.count()


def add_requests(personas, count: int) -> None:
    """``count`` people in bob's line (under alice), half of them in a sub-department of
    Planning with a budget of its own, each with an open request (every third paid from
    a personal budget, every other one for a session, every fourth for a plan goal),
    a personal budget for every other person, one approved request and one completed
    70 days ago waiting for a behaviour rating; a few open requests above the HR
    threshold. Carol gets the same number of requests of her own (My learning)."""
    p = personas
    this = timezone.localdate().year
    today = timezone.localdate()
    night, _ = Department.objects.get_or_create(name="Night", parent=p.planning)
    Budget.objects.get_or_create(
        department=p.operations, year=this, defaults={"amount": Decimal("50000")}
    )
    Budget.objects.get_or_create(department=night, year=this, defaults={"amount": Decimal("20000")})
    offer = LearningOffer.objects.create(title=f"Training {next(_serial)}", kind="external_course")
    session = Session.objects.create(
        offer=offer,
        starts_on=today + timedelta(days=30),
        ends_on=today + timedelta(days=31),
        capacity=1000,
    )
    plan, _ = DevelopmentPlan.objects.get_or_create(
        employee=p.carol,
        defaults={"period_start": date(this, 1, 1), "period_end": date(this, 12, 31)},
    )
    for i in range(count):
        n = next(_serial)
        employee = Employee.objects.create(
            employee_number=f"Q{n}",
            first_name="Medewerker",
            last_name=str(n),
            email=f"queue{n}@example.nl",
            department=night if i % 2 else p.planning,
            manager=p.alice,
            hire_date=date(2020, 1, 1),
        )
        if i % 2 == 0:
            PersonalBudget.objects.create(employee=employee, year=this, amount=Decimal("1500"))
        goal = (
            Goal.objects.create(
                plan=plan,
                title=f"Doel {n}",
                deadline=date(this, 12, 1),
                owner=p.carol,
                proposed_by="employee",
            )
            if i % 4 == 0
            else None
        )
        for who in (employee, p.carol):
            Enrolment.objects.create(
                employee=who,
                offer=offer,
                department=who.department,
                status=EnrolmentStatus.WAITLISTED if i % 5 == 0 else EnrolmentStatus.REQUESTED,
                funding=Funding.PERSONAL if i % 3 == 0 else Funding.DEPARTMENT,
                session=session if i % 2 else None,
                goal=goal,
                cost=Decimal("3000") if i % 7 == 0 else Decimal("400"),
                hours=Decimal("8"),
                reason="Groeien",
            )
        Enrolment.objects.create(
            employee=employee,
            offer=offer,
            department=employee.department,
            status=EnrolmentStatus.APPROVED,
            cost=Decimal("100"),
            hours=Decimal("4"),
        )
        done = Enrolment.objects.create(
            employee=employee,
            offer=offer,
            department=employee.department,
            status=EnrolmentStatus.COMPLETED,
            cost=Decimal("100"),
            hours=Decimal("4"),
            completed_on=today - timedelta(days=70),
        )
        Evaluation.objects.create(enrolment=done, level=EvaluationLevel.REACTION, rating=4)


def count_queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured)


SURFACES = {
    "queue": lambda: reverse("learning:queue"),
    "api": lambda: reverse("api:learning_request_list"),
    "mine": lambda: reverse("learning:mine"),
}


@pytest.mark.parametrize(
    ("surface", "viewer", "most"),
    [
        # Before the grouped read (5 -> 50 requests): queue 111 -> 1014 (bob and HR),
        # API 142 -> 1412; My learning was already fixed at 8.
        ("queue", "bob", 17),
        ("queue", "hanna", 17),
        ("api", "bob", 12),
        ("api", "hanna", 12),
        ("mine", "carol", 8),
    ],
)
def test_request_lists_read_in_a_fixed_number_of_queries(login, personas, surface, viewer, most):
    client = login(personas.user(viewer))
    client.cookies["django_language"] = "en"
    url = SURFACES[surface]()
    add_requests(personas, 5)
    five = count_queries(client, url)
    add_requests(personas, 45)
    fifty = count_queries(client, url)
    assert five == fifty <= most


# --- All requests at once == one request at a time, against a hand computation -------


def _at(year: int):
    return timezone.make_aware(timezone.datetime(year, 6, 1, 12, 0))


@pytest.fixture
def varied(personas):
    """Operations (budget this and last year) > Planning > Night (own budget this year
    only); Operations > Logistics > Warehouse (no budgets: draws on Operations); Finance
    without a budget; personal budgets for carol (both years) and nina (this year)."""
    p = personas
    this = timezone.localdate().year
    last = this - 1
    night = Department.objects.create(name="Night", parent=p.planning)
    logistics = Department.objects.create(name="Logistics", parent=p.operations)
    warehouse = Department.objects.create(name="Warehouse", parent=logistics)
    Budget.objects.create(department=p.operations, year=this, amount=Decimal("5000"))
    Budget.objects.create(department=night, year=this, amount=Decimal("1000"))
    Budget.objects.create(department=p.operations, year=last, amount=Decimal("4000"))
    Budget.objects.create(department=p.hr, year=last, amount=Decimal("800"))

    def person(number, name, department):
        return Employee.objects.create(
            employee_number=number,
            first_name=name,
            last_name="Test",
            email=f"{name.lower()}@example.nl",
            department=department,
            manager=p.alice,
            hire_date=date(2020, 1, 1),
        )

    nina = person("2001", "Nina", night)
    lars = person("2002", "Lars", warehouse)
    PersonalBudget.objects.create(employee=p.carol, year=this, amount=Decimal("1000"))
    PersonalBudget.objects.create(employee=p.carol, year=last, amount=Decimal("500"))
    PersonalBudget.objects.create(employee=nina, year=this, amount=Decimal("300"))
    offer = LearningOffer.objects.create(title="Plannen", kind="external_course")
    session = Session.objects.create(
        offer=offer, starts_on=date(this, 1, 2), ends_on=date(this, 1, 3), capacity=10
    )

    def request(employee, status, cost, funding=Funding.DEPARTMENT, **extra):
        return Enrolment.objects.create(
            employee=employee,
            offer=offer,
            department=employee.department,
            status=status,
            cost=Decimal(cost),
            hours=Decimal("8"),
            funding=funding,
            **extra,
        )

    S, P = EnrolmentStatus, Funding.PERSONAL
    # What is already held and spent.
    request(p.carol, S.APPROVED, "300")
    request(p.carol, S.COMPLETED, "200")
    request(p.carol, S.APPROVED, "700", P)
    request(p.carol, S.COMPLETED, "60", P, requested_at=_at(last))
    request(nina, S.APPROVED, "150")
    request(nina, S.COMPLETED, "90", requested_at=_at(last))
    # Open requests, in the order the queue shows them (oldest first).
    t = timezone.now()
    open_requests = {
        "carol dept": request(p.carol, S.REQUESTED, "400", requested_at=t),
        "carol personal": request(p.carol, S.REQUESTED, "250", P, requested_at=t),
        "nina dept": request(nina, S.WAITLISTED, "100", requested_at=t),
        "nina personal last": request(nina, S.REQUESTED, "80", P, requested_at=_at(last)),
        "lars dept": request(lars, S.REQUESTED, "999", requested_at=t),
        "lars last": request(lars, S.REQUESTED, "120", requested_at=_at(last)),
        # Asked last year for a session this year: this year's budgets.
        "lars session": request(lars, S.REQUESTED, "70", requested_at=_at(last), session=session),
        "dave dept": request(p.dave, S.REQUESTED, "400", requested_at=t),
        "carol personal last": request(p.carol, S.REQUESTED, "100", P, requested_at=_at(last)),
        "alice dept": request(p.alice, S.REQUESTED, "50", requested_at=t),
    }
    return {"this": this, "last": last, "night": night, "requests": open_requests}


def _single(e):
    budget, remaining = budget_selectors.department_remaining(e.department, e.budget_year)
    personal = budget_selectors.personal_budget_status(e.employee, e.budget_year)
    paying = budget_selectors.paying_budget(e)
    return (
        budget,
        remaining,
        personal.budget if personal else None,
        personal.remaining if personal else None,
        paying.funding,
        paying.budget,
        paying.remaining,
    )


def _shown(row):
    personal = row["personal"]
    return (
        row["budget"],
        row["remaining"],
        personal.budget if personal else None,
        personal.remaining if personal else None,
        row["paying"].funding,
        row["paying"].budget,
        row["paying"].remaining,
    )


@pytest.mark.parametrize("viewer", ["bob", "hanna"])
def test_queue_shows_what_the_single_request_reads_give(login, personas, varied, viewer):
    p = personas
    this, last = varied["this"], varied["last"]
    D = Decimal
    ops = p.operations.pk
    night = varied["night"].pk
    # By hand: (department and year of the budget drawn on, what is left of it, what is
    # left of the personal budget, what is left of the budget that pays).
    # Operations this year: 5000 - 300 held - 200 spent (Planning; Warehouse has none);
    # last year 4000 - 90 (Night had no budget then). Night: 1000 - 150.
    # Carol personal: this year 1000 - 700, last year 500 - 60; nina 300 this year only.
    hand = {
        "carol dept": ((ops, this), D(4500), D(300), D(4500)),
        "carol personal": ((ops, this), D(4500), D(300), D(300)),
        "nina dept": ((night, this), D(850), D(300), D(850)),
        "nina personal last": ((ops, last), D(3910), None, None),
        "lars dept": ((ops, this), D(4500), None, D(4500)),
        "lars last": ((ops, last), D(3910), None, D(3910)),
        "lars session": ((ops, this), D(4500), None, D(4500)),
        "dave dept": (None, None, None, None),
        "carol personal last": ((ops, last), D(3910), D(440), D(440)),
        "alice dept": ((ops, this), D(4500), None, D(4500)),
    }
    names = {e.pk: name for name, e in varied["requests"].items()}
    client = login(p.user(viewer))
    response = client.get(reverse("learning:queue"))
    assert response.status_code == 200
    rows = response.context["rows"]
    shown = [names[row["e"].pk] for row in rows]
    # bob's line: alice, carol, nina and lars (not dave in Finance); HR sees everyone.
    expected = [n for n in hand if viewer == "hanna" or not n.startswith("dave")]
    assert sorted(shown) == sorted(expected)
    for row in rows:
        e = Enrolment.objects.get(pk=row["e"].pk)  # fresh: the single path reads alone
        name = names[e.pk]
        assert _shown(row) == _single(e), name
        budget = row["budget"]
        figures = (
            (budget.department_id, budget.year) if budget else None,
            row["remaining"],
            row["personal"].remaining if row["personal"] else None,
            row["paying"].remaining,
        )
        assert figures == hand[name], name
        if budget:  # the page names the budget's department without a query per row
            assert budget.department.pk == budget.department_id
    # Nina asked last year on her personal budget, which she only has this year.
    over = {names[row["e"].pk] for row in rows if row["over"]}
    assert over == {"nina personal last"}


def test_api_request_list_gives_what_the_single_request_read_gives(login, personas, varied):
    client = login(personas.user("hanna"))
    response = client.get(reverse("api:learning_request_list"))
    assert response.status_code == 200
    listed = {row["id"]: row["budget_remaining"] for row in response.json()}
    assert len(listed) == Enrolment.objects.count()
    for e in Enrolment.objects.all():
        single = budget_selectors.paying_budget(e).remaining
        assert listed[e.pk] == (None if single is None else str(single)), e.pk
