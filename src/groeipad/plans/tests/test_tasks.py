"""Background tasks: the scan through the real database queue, once per slot, twice safely."""

from __future__ import annotations

import threading
from datetime import UTC, datetime, timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import connection, connections
from django_tasks_db.models import DBTaskResult

from groeipad.cli.main import usage
from groeipad.lib.tasks import enqueue_once, task_id_for
from groeipad.notifications.models import Reminder
from groeipad.notifications.tasks import scan_reminders, schedule_scan
from groeipad.plans.tests.reminder_world import TODAY, make_world

SCAN_PATH = "groeipad.notifications.tasks.scan_reminders"
NOON = datetime(2025, 3, 12, 12, 0, tzinfo=UTC)


@pytest.fixture(autouse=True)
def _english(settings):
    settings.LANGUAGE_CODE = "en"


def run_worker(**options) -> None:
    call_command("worker", batch=True, verbosity=0, **{"scan_every": 0, **options})


def test_enqueue_once_refuses_a_second_task_under_the_same_key(db):
    first = enqueue_once(scan_reminders, "test-key", today=TODAY.isoformat())
    assert first is not None and str(first.id) == str(task_id_for("test-key"))
    assert enqueue_once(scan_reminders, "test-key", today=TODAY.isoformat()) is None
    assert DBTaskResult.objects.count() == 1
    # Without a key the id is random: ordinary enqueues are unaffected.
    scan_reminders.enqueue()
    scan_reminders.enqueue()
    assert DBTaskResult.objects.count() == 3


def test_schedule_scan_enqueues_once_per_slot(db):
    assert schedule_scan(now=NOON, every_minutes=15) is True
    assert schedule_scan(now=NOON + timedelta(minutes=14), every_minutes=15) is False
    assert schedule_scan(now=NOON + timedelta(minutes=15), every_minutes=15) is True
    assert DBTaskResult.objects.filter(task_path=SCAN_PATH).count() == 2


@pytest.mark.django_db(transaction=True)
def test_the_worker_runs_the_scan_and_a_second_scan_changes_nothing(personas):
    make_world(personas)
    scan_reminders.enqueue(today=TODAY.isoformat())
    run_worker()
    assert Reminder.objects.count() == 7
    assert len(mail.outbox) == 7
    scan_reminders.enqueue(today=TODAY.isoformat())
    run_worker()
    assert Reminder.objects.count() == 7
    assert len(mail.outbox) == 7
    # Each scan's mail went out through the outbox's own delivery tasks.
    results = list(DBTaskResult.objects.filter(task_path=SCAN_PATH).order_by("enqueued_at"))
    assert [r.status for r in results] == ["SUCCESSFUL", "SUCCESSFUL"]
    assert [r.return_value for r in results] == [
        {"day": "2025-03-12", "created": 7, "emailed": 7},
        {"day": "2025-03-12", "created": 0, "emailed": 0},
    ]


@pytest.mark.django_db(transaction=True)
def test_groeipad_worker_schedules_the_scan_once_per_slot(personas):
    run_worker(scan_every=60)
    run_worker(scan_every=60)  # the same hour: nothing new is enqueued
    scans = DBTaskResult.objects.filter(task_path=SCAN_PATH)
    assert scans.count() == 1
    assert scans.get().status == "SUCCESSFUL"


@pytest.mark.django_db(transaction=True)
def test_two_workers_scheduling_the_same_slot_enqueue_one_scan(personas):
    if connection.vendor != "postgresql":
        pytest.skip("two connections writing at once: PostgreSQL")
    start = threading.Barrier(2)
    outcomes = []

    def worker():
        try:
            start.wait()
            outcomes.append(schedule_scan(now=NOON, every_minutes=15))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=worker) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    assert sorted(outcomes) == [False, True]
    assert DBTaskResult.objects.filter(task_path=SCAN_PATH).count() == 1


def test_groeipad_help_lists_the_worker():
    assert "worker" in usage()


def test_worker_refuses_a_negative_interval(db):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="--scan-every"):
        call_command("worker", batch=True, scan_every=-1, verbosity=0)
