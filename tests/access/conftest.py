"""The access matrix's organisation, built once per module through the services.

    G  Greet Grootjans   (grand-manager, Directie)
    └─ M  Mark Middelkoop (manager, Zorg)
       ├─ E  Eva Eerdmans   (employee, Zorg)
       ├─ T  Tom Tijdelijk  (leaves today: still in the line)
       └─ L  Lotte Lindqvist (left last month: out of every manager's line)
    P  Pieter Plasschaert (another manager, Financiën)
    └─ O  Olga Overbeek   (the outsider)
    H  Hanna Hofstede    (HR adviser, HR)       A  admin (an account without employee)

Every owner (E, T, L, O) has a plan with a goal, an action and a check-in, a 360 round, a
learning request, a coaching trajectory and a rotation application; each object's text
carries ``geheim-<owner>`` so a response that shows it can be caught. One mentoring pair
(kind ``pair``, owner E): O mentors E, across departments.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.db import transaction
from django.utils import timezone

PASSWORD = "correct horse battery staple"
PEOPLE = {
    # key: (number, first, last, department, manager key)
    "G": ("3001", "Greet", "Grootjans", "Directie", None),
    "M": ("3002", "Mark", "Middelkoop", "Zorg", "G"),
    "E": ("3003", "Eva", "Eerdmans", "Zorg", "M"),
    "T": ("3004", "Tom", "Tijdelijk", "Zorg", "M"),
    "L": ("3005", "Lotte", "Lindqvist", "Zorg", "M"),
    "P": ("3006", "Pieter", "Plasschaert", "Financien", None),
    "O": ("3007", "Olga", "Overbeek", "Financien", "P"),
    "H": ("3008", "Hanna", "Hofstede", "HR", None),
}
OWNERS = ("E", "T", "L", "O")


@dataclass
class World:
    today: date
    employees: dict = field(default_factory=dict)
    users: dict = field(default_factory=dict)
    departments: dict = field(default_factory=dict)
    # kind -> owner -> object id
    objects: dict = field(default_factory=dict)

    def id_of(self, kind: str, owner: str) -> str:
        if kind == "employee":
            return self.employees[owner].employee_number
        return str(self.objects[kind][owner])


def _build() -> World:
    from groeipad.budgets import services as budgets
    from groeipad.coaching import services as coaching
    from groeipad.feedback import services as feedback
    from groeipad.learning import services as learning
    from groeipad.mobility import services as mobility
    from groeipad.mobility.models import OfferKind
    from groeipad.people.accounts import leaver_accounts_deactivate
    from groeipad.people.models import Department, Employee, Role, User
    from groeipad.plans import services as plans

    today = timezone.localdate()
    world = World(today=today)
    directie = Department.objects.create(name="Directie")
    world.departments = {
        "Directie": directie,
        "Zorg": Department.objects.create(name="Zorg", parent=directie),
        "Financien": Department.objects.create(name="Financien"),
        "HR": Department.objects.create(name="HR"),
    }
    for key, (number, first, last, department, manager) in PEOPLE.items():
        employee = Employee.objects.create(
            employee_number=number,
            first_name=first,
            last_name=last,
            email=f"{first.lower()}@matrix.example",
            department=world.departments[department],
            manager=world.employees[manager] if manager else None,
            hire_date=date(2020, 1, 1),
            annual_salary=Decimal("50000"),
        )
        world.employees[key] = employee
        world.users[key] = User.objects.create_user(employee.email, PASSWORD, employee=employee)
    User.objects.filter(pk=world.users["H"].pk).update(role=Role.HR)
    world.users["A"] = User.objects.create_user("admin@matrix.example", PASSWORD, role=Role.ADMIN)
    for key in world.users:
        world.users[key] = User.objects.get(pk=world.users[key].pk)
    hr = world.users["H"]

    offer = learning.offer_save(
        actor=hr,
        title="Plannen met Excel",
        kind="internal_training",
        provider="Academie",
        duration_hours=Decimal("8"),
        cost=Decimal("300"),
    )
    for department in world.departments.values():
        budgets.budget_set(
            actor=hr, department=department, year=today.year, amount=Decimal("50000")
        )
    rotation = mobility.offer_create(
        actor=hr,
        host_department=world.departments["HR"],
        kind=OfferKind.ROTATION,
        title="Meelopen bij HR",
        duration_weeks=4,
        start_date=today + timedelta(days=60),
        places=4,
    )
    kinds = ("plan", "goal", "action", "checkin", "round", "enrolment", "trajectory", "application")
    world.objects = {kind: {} for kind in kinds}
    world.objects["rater"] = {}  # an external 360 rater waiting for approval
    for owner in OWNERS:
        employee, user = world.employees[owner], world.users[owner]
        secret = f"geheim-{owner}"
        plan = plans.plan_create(
            actor=user,
            employee=employee,
            period_start=today - timedelta(days=10),
            period_end=today + timedelta(days=300),
        )
        goal = plans.goal_create(
            actor=user,
            plan=plan,
            title=f"Zelfstandig plannen {secret}",
            success_criterion=f"Vanaf week 20 zonder hulp plannen; {secret}",
            owner=employee,
            deadline=today + timedelta(days=100),
            basis="strength",
        )
        action = plans.action_create(
            actor=user,
            goal=goal,
            description=f"Cursus volgen {secret}",
            instrument="internal_training",
            owner=employee,
            due_date=today + timedelta(days=50),
        )
        checkin = plans.checkin_plan(
            actor=user, employee=employee, scheduled_for=today + timedelta(days=7)
        )
        feedback_round = feedback.round_start(
            actor=user, employee=employee, closes_on=today + timedelta(days=30)
        )
        enrolment = learning.request_offer(
            actor=user, employee=employee, offer=offer, reason=f"Nodig {secret}"
        )
        trajectory = coaching.trajectory_request(
            actor=user,
            employee=employee,
            coach_kind="external",
            goal_text=f"Rustiger feedback geven {secret}",
            planned_sessions=3,
            budget=Decimal("900"),
            coach_name="Petra de Coach",
            coach_organisation="Coachpraktijk",
            coach_email="petra@coach.example",
        )
        application = mobility.application_create(
            actor=user, offer=rotation, motivation=f"Breder kijken {secret}"
        )
        for kind, obj in zip(
            kinds,
            (plan, goal, action, checkin, feedback_round, enrolment, trajectory, application),
            strict=True,
        ):
            world.objects[kind][owner] = obj.pk
        external = feedback.rater_invite(
            actor=user,
            feedback_round=feedback_round,
            email=f"extern-{owner.lower()}@klant.example",
            group="other",
        )
        world.objects["rater"][owner] = external.pk
    # A mentoring pair across the organisation: O mentors E (no line between them).
    from groeipad.mentoring import services as mentoring
    from groeipad.mentoring.models import Match

    programme = mentoring.programme_create(actor=hr, name="Buddy geheim-programma")
    mentoring.participant_join(
        actor=hr, programme=programme, employee=world.employees["O"], role="mentor"
    )
    mentoring.participant_join(
        actor=hr, programme=programme, employee=world.employees["E"], role="mentee"
    )
    mentoring.programme_match(actor=hr, programme=programme)
    match = Match.objects.get(programme=programme, mentee__employee=world.employees["E"])
    mentoring.match_confirm(actor=world.users["O"], match=match)
    mentoring.match_confirm(actor=world.users["E"], match=match)
    world.objects["pair"] = {"E": match.pk}
    # Every owner has an API token (kind ``token``), named with their secret.
    from groeipad.people.services import api_token_create

    world.objects["token"] = {
        owner: api_token_create(
            actor=world.users[owner], user=world.users[owner], name=f"token geheim-{owner}"
        )[0].pk
        for owner in OWNERS
    }
    # L left last month (the line keeps the rows as they stood), T leaves today.
    Employee.objects.filter(pk=world.employees["L"].pk).update(
        leave_date=today - timedelta(days=30), leave_reason="voluntary"
    )
    Employee.objects.filter(pk=world.employees["T"].pk).update(
        leave_date=today, leave_reason="voluntary"
    )
    leaver_accounts_deactivate(today=today)
    for key in world.employees:
        world.employees[key].refresh_from_db()
    return world


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    """Built once for the module inside a transaction that is rolled back at its end;
    each test runs in a savepoint within it (pytest-django's ``db``)."""
    with django_db_blocker.unblock(), transaction.atomic():
        built = _build()
        yield built
        transaction.set_rollback(True)
