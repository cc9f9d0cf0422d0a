"""Coaching end evaluations are anonymous answers (specs/anonymity.md): each author reads
their own; HR sees per perspective an average from k answers by distinct people, stepped."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from statistics import mean

import pytest
from django.test import override_settings

from groeipad.coaching import services
from groeipad.conftest import PASSWORD
from groeipad.people.models import Employee, User
from groeipad.privacy.anonymity import stepped

pytestmark = pytest.mark.django_db
K = 3


class World:
    """Employees e0..e5 in Planning, each with their own manager m0..m5."""

    def __init__(self, personas):
        self.personas = personas
        self.pairs = []
        for i in range(6):
            manager = self._person(f"60{i:02d}", f"Chef{i}", None)
            self.pairs.append((self._person(f"70{i:02d}", f"Coachee{i}", manager), manager))

    def _person(self, number, first, manager):
        employee = Employee.objects.create(
            employee_number=number,
            first_name=first,
            last_name="Test",
            email=f"{first.lower()}@example.nl",
            department=self.personas.planning,
            manager=manager,
            hire_date=date(2020, 1, 1),
            annual_salary=Decimal("48000"),
        )
        User.objects.create_user(employee.email, PASSWORD, employee=employee)
        employee.refresh_from_db()
        return employee

    def completed(self, i):
        employee, manager = self.pairs[i]
        t = services.trajectory_request(
            actor=employee.user,
            employee=employee,
            goal_text="Duidelijker feedback geven",
            planned_sessions=1,
            budget=Decimal("100"),
            coach_kind="external",
            coach_name="Petra de Coach",
            coach_organisation="Coachpraktijk Utrecht",
            coach_email="petra@coach.example",
        )
        services.approve(actor=manager.user, trajectory=t)
        services.session_log(actor=employee.user, trajectory=t, on=date.today())
        return services.complete(actor=manager.user, trajectory=t)

    def evaluate(self, t, i, perspective, rating, **extra):
        employee, manager = self.pairs[i]
        actor = employee.user if perspective == "employee" else manager.user
        return services.evaluate(
            actor=actor, trajectory=t, perspective=perspective, goal_reached=rating, **extra
        )


@pytest.fixture
def world(personas, budget):
    return World(personas)


@pytest.fixture
def english(client):
    client.cookies["django_language"] = "en"


def test_each_author_reads_only_their_own_evaluation(world, personas, login, english):
    t = world.completed(0)
    world.evaluate(t, 0, "employee", 2, comment="Weinig aan gehad")
    world.evaluate(t, 0, "manager", 5, behaviour_change="Geeft nu rustig feedback")
    employee, manager = world.pairs[0]
    url = f"/coaching/{t.pk}/"
    mine = login(employee.user).get(url).content.decode()
    # The employee's answer is linked to nobody: they see that they answered, not what.
    assert "Weinig aan gehad" not in mine and "Geeft nu rustig feedback" not in mine
    assert "You gave your evaluation" in mine and "Evaluated by: manager" in mine
    theirs = login(manager.user).get(url).content.decode()
    assert "Geeft nu rustig feedback" in theirs and "Weinig aan gehad" not in theirs
    hr = login(personas.user("hanna")).get(url).content.decode()
    assert "Weinig aan gehad" not in hr and "Geeft nu rustig feedback" not in hr
    assert "goal reached 2/5" not in hr and "goal reached 5/5" not in hr
    body = login(personas.user("hanna")).get(f"/api/v1/coaching/{t.pk}").json()
    assert body["evaluations"] == [] and body["evaluated"] == ["employee", "manager"]
    body = login(employee.user).get(f"/api/v1/coaching/{t.pk}").json()
    assert body["evaluations"] == [] and body["evaluated"] == ["employee", "manager"]


def _summary(client):
    response = client.get("/api/v1/coaching/evaluation-summary")
    assert response.status_code == 200
    return {row["perspective"]: row for row in response.json()}


def _expected(ratings):
    used = ratings[: stepped(len(ratings), K)]
    return (round(mean(used), 1), len(used)) if len(used) >= K else (None, None)


@pytest.mark.parametrize("answers", [K - 1, K, K + 1])
def test_hr_sees_averages_from_k_answers(world, personas, login, english, answers):
    ratings = [4, 1, 5, 2]
    for i in range(answers):
        world.evaluate(world.completed(i), i, "employee", ratings[i])
    hr = login(personas.user("hanna"))
    row = _summary(hr)["employee"]
    value, n = _expected(ratings[:answers])
    assert (row["value"], row["n"], row["suppressed"]) == (value, n, value is None)
    page = hr.get("/coaching/").content.decode()
    if value is None:
        assert row["suppressed_reason"] == "fewer than 3 answers"
        assert page.count("fewer than 3 answers") == 2  # both perspectives
    else:
        assert f"{mean(ratings[:K]):.1f}" in page


def test_the_average_moves_only_with_k_new_answers(world, personas, login):
    ratings = [5, 1, 4, 2, 3, 1]
    hr = login(personas.user("hanna"))
    seen = []
    for i, rating in enumerate(ratings):
        world.evaluate(world.completed(i), i, "manager", rating)
        row = _summary(hr)["manager"]
        assert (row["value"], row["n"]) == _expected(ratings[: i + 1])
        seen.append((row["value"], row["n"]))
    assert [i + 1 for i in range(1, 6) if seen[i] != seen[i - 1]] == [3, 6]


def test_one_manager_evaluating_three_is_one_person(world, personas, login):
    """HR evaluates three trajectories as manager: three answers, one person."""
    hr_user = personas.user("hanna")
    for i, rating in enumerate([2, 3, 4]):
        t = world.completed(i)
        services.evaluate(actor=hr_user, trajectory=t, perspective="manager", goal_reached=rating)
        world.evaluate(t, i, "employee", rating)
    rows = _summary(login(hr_user))
    assert rows["manager"]["suppressed"] is True and rows["employee"]["value"] == 3.0
    with override_settings(GROEIPAD_ANONYMITY_K={"coaching": 4}):
        assert _summary(login(hr_user))["employee"]["suppressed"] is True


def test_only_hr_reads_the_averages(world, login):
    employee, manager = world.pairs[0]
    for user in (employee.user, manager.user):
        assert login(user).get("/api/v1/coaching/evaluation-summary").status_code == 403
        assert "coaching-outcomes" not in login(user).get("/coaching/").content.decode()


def test_the_audit_log_keeps_that_an_evaluation_arrived_not_what_it_says(world):
    from groeipad.privacy.models import AuditEvent

    t = world.completed(0)
    world.evaluate(t, 0, "employee", 2)
    [event] = AuditEvent.objects.filter(object_type="coaching_evaluation", object_id="")
    assert "2/5" not in event.summary and "goal" not in event.summary
