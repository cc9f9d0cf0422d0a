"""Check-ins as iCalendar: parsed back, for the two participants only, never with notes."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.urls import reverse
from icalendar import Calendar

from groeipad.plans.models import CheckIn, CheckInStatus
from groeipad.plans.tests.reminder_world import TODAY, make_world


@pytest.fixture
def world(personas, settings):
    settings.BASE_URL = "https://groeipad.example.nl"
    return make_world(personas)


def parse(response):
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    body = response.content
    assert b"PRIVATE" not in body
    return Calendar.from_ical(body)


def test_a_checkin_invitation_parses_back_with_date_people_and_dutch_summary(world, login):
    url = reverse("plans_extra:checkin_ics", args=[world.missed.pk])
    cal = parse(login(world.user("carol")).get(url))
    assert str(cal["method"]) == "REQUEST"
    (event,) = cal.walk("VEVENT")
    assert str(event["uid"]) == f"checkin-{world.missed.pk}@groeipad.example.nl"
    assert event.decoded("dtstart") == TODAY - timedelta(days=2)
    assert isinstance(event.decoded("dtstart"), date)
    assert event.decoded("dtend") == TODAY - timedelta(days=1)
    assert str(event["organizer"]) == "mailto:alice@example.nl"
    assert event["organizer"].params["CN"] == "Alice Jansen"
    assert str(event["attendee"]) == "mailto:carol@example.nl"
    assert event["attendee"].params["CN"] == "Carol Bakker"
    assert str(event["summary"]) == "Voortgangsgesprek Carol Bakker en Alice Jansen"
    assert f"/ontwikkeling/checkins/{world.missed.pk}/" in str(event["description"])


def test_the_uid_stays_the_same_when_the_checkin_moves(world, login):
    client = login(world.user("alice"))
    url = reverse("plans_extra:checkin_ics", args=[world.missed.pk])
    first = parse(client.get(url)).walk("VEVENT")[0]
    CheckIn.objects.filter(pk=world.missed.pk).update(scheduled_for=TODAY, version=2)
    second = parse(client.get(url)).walk("VEVENT")[0]
    assert str(first["uid"]) == str(second["uid"])
    assert second.decoded("dtstart") == TODAY
    assert int(second["sequence"]) > int(first["sequence"])


@pytest.mark.parametrize(
    ("role", "status"),
    [
        ("carol", 200),
        ("alice", 200),  # the two participants
        ("bob", 404),
        ("hanna", 404),
        ("dave", 404),
        ("admin", 404),
    ],
)
def test_only_the_two_participants_get_the_invitation(world, login, role, status):
    user = world.personas.admin.user if role == "admin" else world.user(role)
    url = reverse("plans_extra:checkin_ics", args=[world.missed.pk])
    assert login(user).get(url).status_code == status


def test_the_feed_holds_ones_own_planned_checkins_as_employee_or_manager(world, login):
    CheckIn.objects.create(
        employee=world.personas.alice,
        manager=world.personas.bob,
        scheduled_for=TODAY + timedelta(days=14),
    )
    CheckIn.objects.create(
        employee=world.personas.carol,
        manager=world.personas.alice,
        scheduled_for=TODAY + timedelta(days=30),
        status=CheckInStatus.CANCELLED,
    )
    feed = reverse("plans_extra:checkin_feed")

    def dates(user):
        cal = parse(login(user).get(feed))
        assert str(cal["method"]) == "PUBLISH"
        return sorted(e.decoded("dtstart") for e in cal.walk("VEVENT"))

    # alice: manager in the missed one with carol, employee in the one with bob; the
    # held and the cancelled check-ins are not in a feed of planned ones.
    assert dates(world.user("alice")) == [TODAY - timedelta(days=2), TODAY + timedelta(days=14)]
    assert dates(world.user("carol")) == [TODAY - timedelta(days=2)]
    assert dates(world.user("bob")) == [TODAY + timedelta(days=14)]
    assert dates(world.user("dave")) == []
    assert dates(world.personas.admin.user) == []
