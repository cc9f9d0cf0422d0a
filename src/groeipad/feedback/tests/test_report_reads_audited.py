"""Reading someone else's 360 report is audited (page, API, CSV, XLSX), once a day."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from groeipad.feedback import services
from groeipad.privacy.models import AuditAction, AuditEvent, ObjectType


@pytest.fixture
def shared(world, start_round, add_rater):
    """Alice's closed round, shared with her manager Bob (peers 3, so a report)."""
    feedback_round = start_round(n=3)
    add_rater(feedback_round, "self", {world.listen: 4})
    for rating in (2, 3, 4):
        add_rater(feedback_round, "peer", {world.listen: rating})
    services.round_close(actor=world.user("alice"), feedback_round=feedback_round)
    services.round_share(
        actor=world.user("alice"), feedback_round=feedback_round, with_manager=True
    )
    return feedback_round


def _reads():
    return AuditEvent.objects.filter(
        action=AuditAction.READ, object_type=ObjectType.FEEDBACK_REPORT
    )


URLS = (
    "/feedback/rondes/{id}/rapport/",
    "/feedback/rondes/{id}/rapport.csv",
    "/feedback/rondes/{id}/rapport.xlsx",
    "/api/v1/feedback/rounds/{id}/report",
)


@pytest.mark.parametrize("url", URLS)
def test_the_manager_reading_a_shared_report_writes_one_entry(login, world, shared, url):
    client = login(world.user("bob"))
    for _ in range(2):
        assert client.get(url.format(id=shared.pk)).status_code == 200
    [entry] = _reads()
    assert entry.actor_id == world.user("bob").pk
    assert entry.object_id == str(shared.pk)
    assert entry.changes == {
        "employee_id": world.alice.pk,
        "employee_number": world.alice.employee_number,
    }


def test_every_way_of_reading_counts_as_one_read_a_day(login, world, shared):
    client = login(world.user("bob"))
    for url in URLS:
        assert client.get(url.format(id=shared.pk)).status_code == 200
    assert _reads().count() == 1


@pytest.mark.parametrize("url", URLS)
def test_the_employee_reading_their_own_report_writes_none(login, world, shared, url):
    assert login(world.user("alice")).get(url.format(id=shared.pk)).status_code == 200
    assert not _reads().exists()


def test_an_outsider_is_refused_and_nothing_is_recorded(login, world, shared):
    client = login(world.user("dave"))
    assert client.get(URLS[0].format(id=shared.pk)).status_code == 404
    assert not _reads().exists()


def test_the_next_day_is_a_new_read(login, world, shared, monkeypatch):
    client = login(world.user("bob"))
    client.get(URLS[0].format(id=shared.pk))
    tomorrow = timezone.now() + dt.timedelta(days=1)
    monkeypatch.setattr(timezone, "now", lambda: tomorrow)
    monkeypatch.setattr(timezone, "localdate", lambda *a: timezone.localtime(tomorrow).date())
    # A day later yesterday's session has run out (the absolute session lifetime): log in.
    client = login(world.user("bob"))
    client.get(URLS[0].format(id=shared.pk))
    assert _reads().count() == 2
