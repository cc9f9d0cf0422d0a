"""The reminders page and the top bar's count: each person sees their own, and only those."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from groeipad.notifications.models import Reminder, ReminderKind
from groeipad.notifications.reminders import reminders_scan
from groeipad.plans.tests.reminder_world import TODAY, make_world

PAGE = "/ontwikkeling/herinneringen/"


@pytest.fixture
def world(personas, settings):
    settings.LANGUAGE_CODE = "en"
    w = make_world(personas)
    reminders_scan(today=TODAY)
    return w


def subjects(response) -> list[str]:
    return [r.subject for r in response.context["open_reminders"]]


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        (
            "carol",
            {
                "Action overdue: Planning van week 10 samen met Alice maken",
                "Check-in with Alice Jansen not held yet",
            },
        ),
        (
            "alice",
            {
                "Action of Carol Bakker overdue: Planning van week 10 samen met Alice maken",
                "Check-in with Carol Bakker not held yet",
                "Your team this week: 3 points for attention",
            },
        ),
        (
            "bob",
            {"Time for a check-in with Alice Jansen", "Your team this week: 1 point for attention"},
        ),
        ("dave", set()),
        ("hanna", set()),
        ("admin", set()),
    ],
)
def test_each_role_sees_only_their_own_reminders(world, login, role, expected):
    user = world.personas.admin.user if role == "admin" else world.user(role)
    response = login(user).get(PAGE)
    assert response.status_code == 200
    assert set(subjects(response)) == expected
    # The count in the top bar says the same.
    assert response.context["nav_reminders"] == len(expected)


def test_anonymous_is_sent_to_log_in(world, client):
    response = client.get(PAGE)
    assert response.status_code == 302 and response["Location"].startswith("/login/")


def test_putting_a_reminder_away_hides_it_and_lowers_the_count(world, login):
    client = login(world.user("carol"))
    reminder = Reminder.objects.get(user=world.user("carol"), kind=ReminderKind.ACTION_OVERDUE)
    response = client.post(reverse("notifications:reminder_dismiss", args=[reminder.pk]))
    assert response.status_code == 302 and response["Location"] == PAGE
    reminder.refresh_from_db()
    assert reminder.dismissed_at is not None
    page = client.get(PAGE)
    assert subjects(page) == ["Check-in with Alice Jansen not held yet"]
    assert page.context["nav_reminders"] == 1
    assert [r.pk for r in page.context["dismissed"]] == [reminder.pk]


@pytest.mark.parametrize("role", ["alice", "bob", "hanna", "dave"])
def test_nobody_can_put_away_someone_elses_reminder(world, login, role):
    reminder = Reminder.objects.get(user=world.user("carol"), kind=ReminderKind.ACTION_OVERDUE)
    response = login(world.user(role)).post(
        reverse("notifications:reminder_dismiss", args=[reminder.pk])
    )
    assert response.status_code == 404
    reminder.refresh_from_db()
    assert reminder.dismissed_at is None


def test_the_top_bar_shows_the_count_as_a_badge(world, login):
    page = login(world.user("alice")).get("/").content.decode()
    assert f'href="{PAGE}"' in page
    assert '<span class="badge current"' in page


def test_the_page_runs_the_same_queries_for_3_and_300_reminders(world, login):
    client = login(world.user("alice"))
    client.get(PAGE)
    with CaptureQueriesContext(connection) as small:
        client.get(PAGE)
    alice = world.user("alice")
    Reminder.objects.bulk_create(
        Reminder(key=f"extra:{i}", user=alice, kind=ReminderKind.DIGEST, subject=f"Extra {i}")
        for i in range(297)
    )
    with CaptureQueriesContext(connection) as large:
        response = client.get(PAGE)
    assert len(response.context["open_reminders"]) == 300
    assert len(large) == len(small)
