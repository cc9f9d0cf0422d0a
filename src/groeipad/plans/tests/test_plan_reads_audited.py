"""Reading someone else's development plan is audited (page, API, print), once a day."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from groeipad.plans import services
from groeipad.privacy.models import AuditAction, AuditEvent, ObjectType

URLS = (
    "/ontwikkeling/plannen/{id}/",
    "/ontwikkeling/plannen/{id}/print/",
    "/api/v1/plans/{id}",
    "/api/v1/plans/{id}/goals",
)


@pytest.fixture
def carol_plan(personas):
    today = timezone.localdate()
    return services.plan_create(
        actor=personas.user("carol"),
        employee=personas.carol,
        period_start=today,
        period_end=today + timedelta(days=300),
    )


def _reads():
    return AuditEvent.objects.filter(
        action=AuditAction.READ, object_type=ObjectType.DEVELOPMENT_PLAN
    )


@pytest.mark.parametrize("url", URLS)
@pytest.mark.parametrize("reader", ["alice", "bob", "hanna"])
def test_a_manager_or_hr_reading_a_plan_writes_one_entry(login, personas, carol_plan, url, reader):
    client = login(personas.user(reader))
    for _ in range(3):
        assert client.get(url.format(id=carol_plan.pk)).status_code == 200
    [entry] = _reads()
    assert entry.actor_id == personas.user(reader).pk
    assert entry.object_id == str(carol_plan.pk)
    assert entry.changes == {"employee_id": personas.carol.pk, "employee_number": "1003"}


def test_page_print_and_api_of_one_plan_are_one_read_a_day(login, personas, carol_plan):
    client = login(personas.user("alice"))
    for url in URLS:
        assert client.get(url.format(id=carol_plan.pk)).status_code == 200
    assert _reads().count() == 1


def test_two_readers_are_two_entries(login, personas, carol_plan):
    for reader in ("alice", "bob"):
        login(personas.user(reader)).get(URLS[0].format(id=carol_plan.pk))
    assert sorted(_reads().values_list("actor_label", flat=True)) == [
        "alice@example.nl",
        "bob@example.nl",
    ]


@pytest.mark.parametrize("url", URLS)
def test_the_employee_reading_their_own_plan_writes_none(login, personas, carol_plan, url):
    assert login(personas.user("carol")).get(url.format(id=carol_plan.pk)).status_code == 200
    assert not _reads().exists()


def test_an_outsider_gets_404_and_nothing_is_recorded(login, personas, carol_plan):
    assert login(personas.user("dave")).get(URLS[0].format(id=carol_plan.pk)).status_code == 404
    assert not _reads().exists()


def test_a_write_is_not_a_read(login, personas, carol_plan):
    client = login(personas.user("alice"))
    client.post(f"/ontwikkeling/plannen/{carol_plan.pk}/ondertekenen/")
    assert not _reads().exists()
