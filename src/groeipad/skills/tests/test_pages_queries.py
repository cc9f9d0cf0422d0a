"""The heat map page runs a fixed number of queries, whatever the size of the organisation."""

from __future__ import annotations

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from groeipad.people.models import Department, Employee
from groeipad.skills.models import AssessmentKind, CurrentLevel


def add_rated_employees(personas, profiles, competency, count: int) -> None:
    """``count`` planners over new sub-departments, each with current levels."""
    departments = [
        Department.objects.create(name=f"Team {count}-{i}", parent=personas.planning)
        for i in range(3)
    ]
    start = Employee.objects.count()
    Employee.objects.bulk_create(
        Employee(
            employee_number=f"7{count:03d}{i:05d}",
            first_name=f"Voornaam{i}",
            last_name=f"Achternaam{i}",
            email=f"rated{count}-{i}@example.nl",
            department=departments[i % 3],
            job_profile=profiles["planner" if i % 2 else "senior"],
            manager=personas.bob,
            hire_date=date(2019, 1, 1),
        )
        for i in range(count)
    )
    added = Employee.objects.order_by("id")[start:]
    names = ("Collaboration", "Communication", "Leadership")
    CurrentLevel.objects.bulk_create(
        CurrentLevel(
            employee=employee,
            competency=competency(names[n % 3]),
            level=1 + (n % 5),
            source=AssessmentKind.SELF,
        )
        for n, employee in enumerate(added)
    )


def queries_for(client, url) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured)


@pytest.mark.parametrize("viewer", ["hanna", "bob"])
def test_heat_map_query_count_is_the_same_for_5_and_300_employees(
    login, personas, profiles, competency, viewer
):
    client = login(personas.user(viewer))
    url = reverse("skills:heatmap")
    add_rated_employees(personas, profiles, competency, 5)
    small = queries_for(client, url)
    add_rated_employees(personas, profiles, competency, 295)
    large = queries_for(client, url)
    assert Employee.objects.count() > 300
    assert small == large
    assert large <= 12
