"""The reminder scan: who gets which reminder, once, and which e-mail goes out, once."""

from __future__ import annotations

import threading
from datetime import timedelta

import pytest
from django.core import mail
from django.db import connection, connections
from django.utils import timezone

from groeipad.notifications.models import OutgoingEmail, Reminder, ReminderKind
from groeipad.notifications.reminders import reminders_scan, reminders_send
from groeipad.notifications.services import emails_deliver_due
from groeipad.people.models import Employee
from groeipad.plans.models import (
    ActionStatus,
    Cadence,
    CheckIn,
    CheckInStatus,
    PlanStatus,
)
from groeipad.plans.tests.reminder_world import TODAY, make_world


@pytest.fixture
def world(personas):
    return make_world(personas)


@pytest.fixture(autouse=True)
def _english(settings):
    # Reminder texts are written in LANGUAGE_CODE; these tests read them in English.
    settings.LANGUAGE_CODE = "en"
    settings.BASE_URL = "https://groeipad.example.nl"


def keys() -> set[str]:
    return set(Reminder.objects.values_list("key", flat=True))


def expected_keys(w) -> set[str]:
    """Written out from the world's story, not computed by the code under test."""
    carol, alice, bob = w.user("carol").pk, w.user("alice").pk, w.user("bob").pk
    return {
        f"action_overdue:{w.overdue.pk}:{carol}",  # the owner
        f"action_overdue:{w.overdue.pk}:{alice}",  # the owner's manager
        f"checkin_overdue:{w.missed.pk}:{alice}",
        f"checkin_overdue:{w.missed.pk}:{carol}",
        f"checkin_due:{w.personas.alice.pk}:{w.held.held_on.isoformat()}:{bob}",
        f"digest:{alice}:2025-W11",
        f"digest:{bob}:2025-W11",
    }


def test_scan_creates_one_reminder_per_person_and_fact(world):
    assert reminders_scan(today=TODAY) == 7
    assert keys() == expected_keys(world)


def test_second_scan_changes_nothing(world):
    reminders_scan(today=TODAY)
    before = list(Reminder.objects.order_by("pk").values())
    assert reminders_scan(today=TODAY) == 0
    assert list(Reminder.objects.order_by("pk").values()) == before


def test_a_later_day_adds_only_what_is_new(world):
    reminders_scan(today=TODAY)
    # The future action runs late next month; the digest is per ISO week.
    later = world.future.due_date + timedelta(days=1)
    world.missed.status = CheckInStatus.HELD
    world.missed.held_on = later
    world.missed.save()
    added = keys()
    reminders_scan(today=later)
    added = keys() - added
    carol, alice = world.user("carol").pk, world.user("alice").pk
    iso_year, week, _ = later.isocalendar()
    assert {k for k in added if k.startswith("action_overdue")} == {
        f"action_overdue:{world.future.pk}:{carol}",
        f"action_overdue:{world.future.pk}:{alice}",
    }
    assert f"digest:{alice}:{iso_year}-W{week:02d}" in added


def test_reminder_texts_name_the_action_and_link_to_the_plan(world):
    reminders_scan(today=TODAY)
    own = Reminder.objects.get(key=f"action_overdue:{world.overdue.pk}:{world.user('carol').pk}")
    assert own.kind == ReminderKind.ACTION_OVERDUE
    assert own.subject == "Action overdue: Planning van week 10 samen met Alice maken"
    assert "9 March 2025" in own.body  # the due date
    assert own.link == f"/ontwikkeling/plannen/{world.plan.pk}/"
    manager = Reminder.objects.get(
        key=f"action_overdue:{world.overdue.pk}:{world.user('alice').pk}"
    )
    assert manager.subject.startswith("Action of Carol Bakker overdue")


def test_done_cancelled_closed_and_left_get_no_action_reminder(world):
    world.overdue.status = ActionStatus.DONE
    world.overdue.save()
    reminders_scan(today=TODAY)
    assert not {k for k in keys() if k.startswith("action_overdue")}
    # Open again, but the plan closed: history, no reminders.
    world.overdue.status = ActionStatus.IN_PROGRESS
    world.overdue.save()
    world.plan.status = PlanStatus.CLOSED
    world.plan.save()
    reminders_scan(today=TODAY)
    assert not {k for k in keys() if k.startswith("action_overdue")}
    # Open plan, but carol has left.
    world.plan.status = PlanStatus.ACTIVE
    world.plan.save()
    Employee.objects.filter(pk=world.personas.carol.pk).update(leave_date=TODAY - timedelta(days=1))
    Reminder.objects.all().delete()
    reminders_scan(today=TODAY)
    assert not {k for k in keys() if k.startswith(("action_overdue", "checkin_overdue"))}


def test_the_managers_cadence_decides_when_a_checkin_is_due(world):
    Cadence.objects.create(manager=world.personas.bob, weeks=12)
    reminders_scan(today=TODAY)
    assert not {k for k in keys() if k.startswith("checkin_due")}  # 10 weeks < 12
    reminders_scan(today=TODAY + timedelta(weeks=3))  # 13 weeks > 12
    assert {k.split(":")[1] for k in keys() if k.startswith("checkin_due")} == {
        str(world.personas.alice.pk)
    }


def test_a_planned_checkin_stops_the_due_reminder_and_a_new_one_restarts_it(world):
    CheckIn.objects.create(
        employee=world.personas.alice, manager=world.personas.bob, scheduled_for=TODAY
    )
    reminders_scan(today=TODAY)
    assert not {k for k in keys() if k.startswith("checkin_due")}


def test_an_employee_never_met_is_due_from_the_hire_date(world):
    world.held.delete()
    reminders_scan(today=TODAY)
    hire = world.personas.alice.hire_date.isoformat()
    due = Reminder.objects.get(kind=ReminderKind.CHECKIN_DUE)
    assert due.key == f"checkin_due:{world.personas.alice.pk}:{hire}:{world.user('bob').pk}"
    assert "no check-in since starting" in due.body


def test_digest_lists_the_teams_overdue_actions_checkins_and_unsigned_plans(world):
    reminders_scan(today=TODAY)
    digest = Reminder.objects.get(key=f"digest:{world.user('alice').pk}:2025-W11")
    # One overdue action, one missed check-in, one plan without co-signature.
    assert digest.subject == "Your team this week: 3 points for attention"
    assert "Carol Bakker: Planning van week 10 samen met Alice maken" in digest.body
    assert "Check-ins planned but not held" in digest.body
    assert "Plans waiting for your co-signature" in digest.body
    bob_digest = Reminder.objects.get(key=f"digest:{world.user('bob').pk}:2025-W11")
    assert bob_digest.subject == "Your team this week: 1 point for attention"
    assert "Alice Jansen: last check-in 1 January 2025" in bob_digest.body
    assert "PRIVATE" not in digest.body + bob_digest.body


def test_no_digest_for_a_manager_with_nothing_to_report(world):
    world.held.held_on = TODAY - timedelta(days=3)
    world.held.save()
    reminders_scan(today=TODAY)
    assert not Reminder.objects.filter(key__startswith=f"digest:{world.user('bob').pk}:")


# --- E-mail (Django's in-memory outbox; the real SMTP test is in test_reminders_smtp) ----


def test_each_reminder_is_emailed_once(world):
    reminders_scan(today=TODAY)
    assert reminders_send() == 7  # into the outbox, one mail per reminder
    assert mail.outbox == []  # nothing is sent while queueing
    assert emails_deliver_due() == 7
    assert len(mail.outbox) == 7
    assert reminders_send() == 0
    reminders_scan(today=TODAY)
    assert reminders_send() == 0
    assert emails_deliver_due() == 0
    assert len(mail.outbox) == 7
    assert OutgoingEmail.objects.filter(status=OutgoingEmail.Status.SENT).count() == 7
    assert not Reminder.objects.filter(emailed_at__isnull=True)
    carol_mail = [m for m in mail.outbox if m.to == ["carol@example.nl"]]
    assert {m.subject for m in carol_mail} == {
        "Action overdue: Planning van week 10 samen met Alice maken",
        "Check-in with Alice Jansen not held yet",
    }
    message = next(m for m in carol_mail if m.subject.startswith("Action"))
    link = f"https://groeipad.example.nl/ontwikkeling/plannen/{world.plan.pk}/"
    assert link in message.body
    html, mime = message.alternatives[0]
    assert mime == "text/html" and link in html


def test_dismissed_reminders_and_inactive_accounts_get_no_email(world):
    reminders_scan(today=TODAY)
    Reminder.objects.filter(user=world.user("carol")).update(dismissed_at=timezone.now())
    world.personas.bob.user.is_active = False
    world.personas.bob.user.save()
    assert reminders_send() == 3  # alice: action, check-in, digest; carol put hers away; bob is off
    emails_deliver_due()
    assert {m.to[0] for m in mail.outbox} == {"alice@example.nl"}


def test_a_failed_send_keeps_that_mail_in_the_outbox_for_a_later_try(world, monkeypatch):
    reminders_scan(today=TODAY)
    assert reminders_send() == 7
    from django.core.mail.message import EmailMessage

    calls = {"n": 0}
    original = EmailMessage.send

    def flaky(self, fail_silently=False):
        calls["n"] += 1
        if calls["n"] == 3:
            raise ConnectionRefusedError("SMTP down")
        return original(self, fail_silently)

    monkeypatch.setattr(EmailMessage, "send", flaky)
    assert emails_deliver_due() == 6
    waiting = OutgoingEmail.objects.get(status=OutgoingEmail.Status.PENDING)
    assert waiting.attempts == 1 and "SMTP down" in waiting.last_error
    # Every reminder is handed over: the retry is the outbox's, not the scan's.
    assert not Reminder.objects.filter(emailed_at__isnull=True)
    assert reminders_send() == 0
    monkeypatch.setattr(EmailMessage, "send", original)
    assert emails_deliver_due() == 0  # not due yet: one minute's backoff
    assert emails_deliver_due(now=timezone.now() + timedelta(minutes=1, seconds=1)) == 1
    assert len(mail.outbox) == 7
    assert len({(m.to[0], m.subject) for m in mail.outbox}) == 7


@pytest.mark.django_db(transaction=True)
def test_two_workers_at_once_never_send_the_same_reminder_twice(personas):
    if connection.vendor != "postgresql":
        pytest.skip("row locks with SKIP LOCKED are PostgreSQL's; SQLite runs one writer")
    make_world(personas)
    reminders_scan(today=TODAY)
    # More reminders, so the two workers overlap over several batches.
    carol = personas.user("carol")
    Reminder.objects.bulk_create(
        Reminder(key=f"test:{i}", user=carol, kind=ReminderKind.DIGEST, subject=f"Herinnering {i}")
        for i in range(150)
    )
    total = Reminder.objects.count()
    start = threading.Barrier(2)
    counts, errors = [], []

    def worker():
        try:
            start.wait()
            counts.append(reminders_send(batch=5))
        except Exception as error:  # pragma: no cover - reported below
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=worker) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert not errors
    emails_deliver_due()
    assert sum(counts) == total == len(mail.outbox)
    sent = [(m.to[0], m.subject) for m in mail.outbox]
    assert len(set(sent)) == len(sent)
    assert all(counts), f"both workers should have sent some: {counts}"
