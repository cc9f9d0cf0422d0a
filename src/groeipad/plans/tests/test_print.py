"""The printable plan: whoever may see the plan gets it; private check-in notes never."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from groeipad.plans.models import Action, CheckInStatus
from groeipad.plans.tests.reminder_world import TODAY, make_world


@pytest.fixture
def world(personas):
    return make_world(personas)


@pytest.fixture
def english(client):
    client.cookies["django_language"] = "en"
    with translation.override("en"):
        yield


def print_url(world) -> str:
    return reverse("plans_extra:plan_print", args=[world.plan.pk])


@pytest.mark.parametrize(
    ("role", "status"),
    [
        ("carol", 200),  # the employee
        ("alice", 200),  # the manager
        ("bob", 200),  # the manager's manager
        ("hanna", 200),  # HR reads every plan
        ("admin", 200),
        ("dave", 404),  # an outsider
    ],
)
def test_the_printable_plan_is_for_whoever_may_see_the_plan(world, login, role, status):
    user = world.personas.admin.user if role == "admin" else world.user(role)
    response = login(user).get(print_url(world))
    assert response.status_code == status
    if status == 404:
        assert b"Carol" not in response.content


def test_anonymous_is_sent_to_log_in(world, client):
    response = client.get(print_url(world))
    assert response.status_code == 302 and response["Location"].startswith("/login/")


def test_the_printable_plan_shows_sections_goals_actions_mix_and_signatures(world, login, english):
    world.missed.status = CheckInStatus.HELD
    world.missed.held_on = TODAY
    world.missed.shared_notes = "Afgesproken: planning week 12 samen"
    world.missed.save()
    page = login(world.user("alice")).get(print_url(world)).content.decode()
    for text in (
        "Rustig en precies plannen",
        "Teamleider planning worden",
        "Presenteren voor grote groepen",
        world.goal.title,
        world.goal.success_criterion,
        world.overdue.description,
        world.future.description,
        world.done.description,
        "Afgesproken: planning week 12 samen",
        "Signatures",
        "Carol Bakker",
        "Alice Jansen",
    ):
        assert text in page, text
    # No navigation: a sheet to print, not a page of the app.
    assert 'class="mainnav"' not in page
    assert "@page" not in page  # the A4 rules live in print.css
    assert "plans/print.css" in page
    # Mix by planned hours, cancelled left out: on the job 8 of 14 = 57%, through others
    # 2 of 14 = 14%, formal 4 of 14 = 29% (largest remainder: 57 + 14 + 29 = 100).
    hours = {"on_the_job": 8, "internal_training": 4, "feedback": 2}
    total = sum(hours.values())
    assert round(100 * 8 / total) == 57 and round(100 * 4 / total) == 29
    for percent in ("57%", "14%", "29%"):
        assert f'<td class="num">{percent}</td>' in page


def test_private_checkin_notes_never_appear_in_print(world, login):
    world.missed.status = CheckInStatus.HELD
    world.missed.held_on = TODAY
    world.missed.save()
    for role in ("carol", "alice", "bob", "hanna"):
        page = login(world.user(role)).get(print_url(world)).content.decode()
        assert "PRIVATE" not in page, role


def test_printing_runs_the_same_queries_for_3_and_60_actions(world, login):
    client = login(world.user("alice"))
    client.get(print_url(world))  # warm up the session and the translations
    with CaptureQueriesContext(connection) as small:
        client.get(print_url(world))
    Action.objects.bulk_create(
        Action(
            goal=world.goal,
            description=f"Extra actie {i}",
            instrument="coaching",
            category="social",
            owner=world.personas.carol,
            due_date=TODAY,
        )
        for i in range(57)
    )
    with CaptureQueriesContext(connection) as large:
        client.get(print_url(world))
    assert len(large) == len(small)


@pytest.mark.django_db
def test_a_plan_cosigned_by_an_account_that_is_gone_still_shows(world, client, english):
    """The signer's account may be deleted (SET_NULL) or never have existed (imported
    history): the plan page and its print say it was co-signed, without a name."""
    from django.utils import timezone

    from groeipad.plans.models import DevelopmentPlan

    DevelopmentPlan.objects.filter(pk=world.plan.pk).update(
        signed_at=timezone.now(), signed_by_manager=None
    )
    client.force_login(world.plan.employee.user)
    page = client.get(reverse("plans:plan", args=[world.plan.pk]))
    assert page.status_code == 200 and "co-signed on" in page.content.decode()
    printed = client.get(print_url(world))
    assert printed.status_code == 200 and "Co-signed in Groeipad on" in printed.content.decode()
