"""The list and detail pages run a fixed number of queries, whatever the number of rows."""

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from groeipad.people.models import Employee, JobProfile, Movement, MovementKind


def add_employees(personas, count: int, *, managers=None) -> None:
    """``count`` extra employees spread over departments, jobs and managers."""
    job = JobProfile.objects.create(name=f"Analist {count}")
    departments = [personas.planning, personas.operations, personas.finance]
    managers = managers or [personas.bob, personas.alice, personas.carol]
    Employee.objects.bulk_create(
        Employee(
            employee_number=f"8{i:05d}",
            first_name=f"Voornaam{i}",
            last_name=f"Achternaam{i}",
            email=f"bulk{i}@example.nl",
            department=departments[i % 3],
            job_profile=job if i % 2 else None,
            manager=managers[i % len(managers)],
            hire_date=date(2019, 1, 1),
            leave_date=date(2023, 6, 30) if i % 7 == 0 else None,
        )
        for i in range(count)
    )


def queries_for(client, url, params=None) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url, params or {})
    assert response.status_code == 200
    return len(captured)


@pytest.mark.parametrize("viewer", ["hanna", "bob"])
def test_employee_list_query_count_is_the_same_for_5_and_500(login, personas, viewer):
    client = login(personas.user(viewer))
    url = reverse("web:employee_list")
    params = {"filter": "1", "afdeling": personas.operations.pk, "q": "a"}
    small = queries_for(client, url, {"filter": "1"})
    small_filtered = queries_for(client, url, params)
    add_employees(personas, 500)
    large = queries_for(client, url, {"filter": "1"})
    large_filtered = queries_for(client, url, params)
    large_page_3 = queries_for(client, url, {"filter": "1", "pagina": 3})
    assert small == large == large_page_3
    assert small_filtered == large_filtered
    assert large <= 10


def test_employee_page_query_count_does_not_grow_with_reports_and_history(login, personas):
    client = login(personas.user("hanna"))
    url = reverse("web:employee_detail", args=["1001"])
    small = queries_for(client, url)
    add_employees(personas, 60, managers=[personas.bob])
    Movement.objects.bulk_create(
        Movement(
            employee=personas.bob,
            date=date(2020 + i, 3, 1),
            kind=MovementKind.TRANSFER,
            department=personas.operations,
        )
        for i in range(5)
    )
    assert queries_for(client, url) == small


@pytest.mark.parametrize("viewer", ["hanna", "bob", "carol"])
def test_home_query_count_is_fixed(login, personas, viewer):
    client = login(personas.user(viewer))
    before = queries_for(client, "/")
    # Under bob and alice only: carol must stay someone without a team.
    add_employees(personas, 30, managers=[personas.bob, personas.alice])
    assert queries_for(client, "/") == before
