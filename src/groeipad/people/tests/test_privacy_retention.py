"""Retention: the daily task erases exactly what the rules say for leavers of several
years, and a second run changes nothing."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

pytestmark = pytest.mark.django_db

TODAY = date(2026, 6, 15)


def _leaver(personas, number: str, left: date):
    from groeipad.learning.models import ActivityKind, LearningActivity
    from groeipad.people.models import Employee, User
    from groeipad.plans.models import DevelopmentPlan
    from groeipad.skills.models import Assessment, AssessmentKind, Competency, Framework
    from groeipad.skills.services import scale_default

    employee = Employee.objects.create(
        employee_number=number,
        first_name=f"Naam{number}",
        last_name="Vertrokken",
        email=f"v{number}@example.nl",
        department=personas.planning,
        hire_date=date(2010, 1, 1),
        leave_date=left,
        annual_salary=Decimal("40000"),
    )
    User.objects.create_user(employee.email, "x", employee=employee)
    framework, _ = Framework.objects.get_or_create(name="R")
    competency, _ = Competency.objects.get_or_create(
        framework=framework, name_nl="Plannen", name_en="Planning", scale=scale_default()
    )
    DevelopmentPlan.objects.create(
        employee=employee, period_start=left - timedelta(days=300), period_end=left
    )
    Assessment.objects.create(
        employee=employee, competency=competency, kind=AssessmentKind.SELF, level=3
    )
    LearningActivity.objects.create(
        employee=employee,
        date=left - timedelta(days=100),
        title="Excel",
        kind=ActivityKind.EXTERNAL_TRAINING,
        hours=Decimal("4"),
        cost=Decimal("200"),
    )
    return employee


def _years_ago(years: float) -> date:
    return TODAY - timedelta(days=round(years * 365))


@pytest.fixture
def leavers(personas):
    return {
        years: _leaver(personas, number, _years_ago(years))
        for number, years in (("5001", 1), ("5002", 2.5), ("5003", 8))
    }


def _state(employee) -> dict:
    from groeipad.learning.models import LearningActivity
    from groeipad.people.models import Employee, User
    from groeipad.plans.models import DevelopmentPlan
    from groeipad.skills.models import Assessment

    record = Employee.objects.get(pk=employee.pk)
    return {
        "number": record.employee_number,
        "plans": DevelopmentPlan.objects.filter(employee=employee).count(),
        "assessments": Assessment.objects.filter(employee=employee).count(),
        "activity": LearningActivity.objects.get(employee=employee).title,
        "cost": LearningActivity.objects.get(employee=employee).cost,
        "account": User.objects.get(employee=employee).email,
    }


def test_the_task_removes_exactly_what_the_rules_say_and_twice_nothing(leavers, personas):
    from groeipad.people.models import DataErasure
    from groeipad.people.rights import retention_apply
    from groeipad.people.rights.retention import retention_upcoming

    one, two_and_half, eight = leavers[1], leavers[2.5], leavers[8]
    untouched = {key: _state(e) for key, e in leavers.items()}
    dry = retention_apply(today=TODAY, dry_run=True)
    assert dry.people == {"development": 2, "employment": 1}
    assert {key: _state(e) for key, e in leavers.items()} == untouched

    first = retention_apply(today=TODAY)
    assert first.people == {"development": 2, "employment": 1}
    # Left a year ago: within both periods, nothing goes.
    assert _state(one) == untouched[1]
    # 2.5 years: development data goes (730 days); the employment record stays (7 years).
    state = _state(two_and_half)
    assert state["number"] == "5002"
    assert (state["plans"], state["assessments"]) == (0, 0)
    assert state["activity"].startswith("verwijderd-") and state["cost"] == 200
    assert state["account"].endswith("@verwijderd.invalid")
    # 8 years: development data and the record pseudonymised.
    state = _state(eight)
    assert state["number"].startswith("verwijderd-")
    assert (state["plans"], state["assessments"]) == (0, 0)
    assert first.records["development"]["plans"] == 2
    assert first.records["employment"]["employee_record"] == 1
    assert DataErasure.objects.count() == 3

    after = {key: _state(e) for key, e in leavers.items()}
    second = retention_apply(today=TODAY)
    assert second.people == {"development": 0, "employment": 0}
    assert {key: _state(e) for key, e in leavers.items()} == after
    assert DataErasure.objects.count() == 3

    # Next in line: the one-year leaver, due two years after leaving.
    rows, more = retention_upcoming("development", today=TODAY)
    assert [(r.employee.employee_number, r.due_on) for r in rows] == [
        ("5001", one.leave_date + timedelta(days=730))
    ]
    assert rows[0].counts["plans"] == 1 and not more
    # A year later it is due; the rest stays as it is.
    third = retention_apply(today=TODAY + timedelta(days=400))
    assert third.people == {"development": 1, "employment": 0}
    assert _state(one)["plans"] == 0 and _state(one)["number"] == "5001"


def test_the_period_is_the_setting(leavers, settings):
    from groeipad.people.rights import retention_apply

    settings.GROEIPAD_RETENTION_DAYS = {"development": 300, "employment": 3000}
    result = retention_apply(today=TODAY, dry_run=True)
    assert result.people == {"development": 3, "employment": 0}


def test_the_worker_schedules_it_once_a_day(leavers):
    from django.utils import timezone

    from groeipad.people.tasks import apply_retention, schedule_retention

    now = timezone.now()
    assert schedule_retention(now=now) is True
    assert schedule_retention(now=now) is False  # the day's key is taken
    result = apply_retention.call(TODAY.isoformat())
    assert [row["people"] for row in result["rules"]] == [2, 1]


def test_retention_page_and_api_for_hr_paged_with_fixed_queries(personas, client):
    from groeipad.people.rights.retention import retention_upcoming

    for index in range(12):
        _leaver(personas, f"60{index:02d}", date(2025, 1, 1) + timedelta(days=index))
    client.force_login(personas.user("hanna"))
    page = client.get("/privacy/bewaartermijnen/")
    assert page.status_code == 200
    text = page.content.decode()
    assert "6000" in text and "6009" in text and "6010" not in text  # ten per page
    second = client.get("/privacy/bewaartermijnen/", {"pagina": "2"}).content.decode()
    assert "6010" in second and "6011" in second and "6000" not in second
    api = client.get("/api/v1/privacy/retention", {"limit": 5}).json()
    assert [item["employee_number"] for item in api["items"]] == [f"60{i:02d}" for i in range(5)]
    assert api["more"] is True and api["items"][0]["due_on"] == "2027-01-01"
    assert client.get("/api/v1/privacy/retention", {"rule": "audit"}).status_code == 400
    assert client.get("/api/v1/privacy/retention", {"limit": 0}).status_code == 400
    # The same number of queries for a page of 5, whether 12 or 24 leavers wait.
    with CaptureQueriesContext(connection) as few:
        retention_upcoming("development", limit=5)
    for index in range(12, 24):
        _leaver(personas, f"60{index:02d}", date(2025, 3, 1) + timedelta(days=index))
    with CaptureQueriesContext(connection) as many:
        retention_upcoming("development", limit=5)
    assert len(many.captured_queries) == len(few.captured_queries)
    for who in ("alice", "carol"):
        client.force_login(personas.user(who))
        assert client.get("/privacy/bewaartermijnen/").status_code == 403
        assert client.get("/api/v1/privacy/retention").status_code == 403


def test_retention_command(leavers):
    from django.core.management import call_command

    from groeipad.people.models import DataErasure

    call_command("privacy", "retention", "--dry-run")
    assert DataErasure.objects.count() == 0
    call_command("privacy", "retention")
    assert DataErasure.objects.count() > 0


def test_rehired_and_left_again_is_handled_again(leavers):
    from groeipad.people.models import Employee
    from groeipad.people.rights import retention_apply
    from groeipad.plans.models import DevelopmentPlan

    retention_apply(today=TODAY)
    person = leavers[2.5]
    # Rehired, with a new plan, and left again (800 days before TODAY: past 730 too).
    left_again = TODAY - timedelta(days=800)
    Employee.objects.filter(pk=person.pk).update(leave_date=left_again)
    DevelopmentPlan.objects.create(
        employee=person, period_start=left_again - timedelta(days=100), period_end=left_again
    )
    result = retention_apply(today=TODAY)
    assert result.people == {"development": 1, "employment": 0}
    assert not DevelopmentPlan.objects.filter(employee=person).exists()
    assert retention_apply(today=TODAY).people == {"development": 0, "employment": 0}
