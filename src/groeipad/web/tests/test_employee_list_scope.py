"""The employee list (page and GET /api/v1/employees) is people.scope.visible_employees.

A manager sees their own line: direct and indirect reports, nobody outside it, and a
leaver drops out the day after the leave date. HR sees the organisation, leavers too.
"""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from groeipad.people import scope
from groeipad.people.models import Employee
from groeipad.people.services import api_token_create


@pytest.fixture
def leaver_and_last_day(personas):
    """Carol (Alice's report) left yesterday; Erik (also Alice's) leaves today."""
    today = timezone.localdate()
    personas.carol.leave_date = today - timedelta(days=1)
    personas.carol.save()
    Employee.objects.create(
        employee_number="1006",
        first_name="Erik",
        last_name="Mulder",
        email="erik@example.nl",
        department=personas.planning,
        manager=personas.alice,
        hire_date=today - timedelta(days=400),
        leave_date=today,
    )


def _page_numbers(client, user) -> set[str]:
    client.force_login(user)
    # filter=1 without "huidig": every row the viewer may see, leavers included.
    response = client.get(reverse("web:employee_list"), {"filter": "1"})
    assert response.status_code == 200
    return {e.employee_number for e in response.context["rows"]}


def _api_numbers(client, user) -> set[str]:
    _token, key = api_token_create(actor=None, user=user)
    response = client.get("/api/v1/employees", HTTP_AUTHORIZATION=f"Bearer {key}")
    assert response.status_code == 200
    return {item["employee_number"] for item in response.json()["items"]}


@pytest.mark.parametrize("read", [_page_numbers, _api_numbers], ids=["page", "api"])
def test_a_manager_lists_their_own_line_without_the_leaver_of_yesterday(
    client, personas, leaver_and_last_day, read
):
    # Alice: herself, and Erik on his last day; Carol left yesterday; Bob (her manager),
    # Dave and Hanna are outside her line.
    assert read(client, personas.user("alice")) == {"1002", "1006"}
    # Bob, above Alice: his whole line, still without Carol.
    assert read(client, personas.user("bob")) == {"1001", "1002", "1006"}


@pytest.mark.parametrize("read", [_page_numbers, _api_numbers], ids=["page", "api"])
def test_hr_lists_the_whole_organisation_leavers_included(
    client, personas, leaver_and_last_day, read
):
    assert read(client, personas.user("hanna")) == {"1001", "1002", "1003", "1004", "1005", "1006"}


@pytest.mark.parametrize("persona", ["alice", "bob", "hanna", "dave"])
def test_the_list_is_exactly_visible_employees(client, personas, leaver_and_last_day, persona):
    user = personas.user(persona)
    expected = set(scope.visible_employees(user).values_list("employee_number", flat=True))
    assert _api_numbers(client, user) == expected


def test_a_manager_whose_only_report_left_yesterday_has_no_employee_list(client, personas):
    personas.carol.leave_date = timezone.localdate() - timedelta(days=1)
    personas.carol.save()
    client.force_login(personas.user("alice"))
    home = client.get(reverse("web:home")).content.decode()
    assert f'href="{reverse("web:employee_list")}"' not in home
    assert client.get(reverse("web:employee_list")).status_code == 403
    # Bob still manages Alice: his list is Alice and himself, Carol gone.
    assert _page_numbers(client, personas.user("bob")) == {"1001", "1002"}
