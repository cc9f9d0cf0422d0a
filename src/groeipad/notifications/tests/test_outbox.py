"""The outbox: mail is queued with the user's work, sent after the commit, retried, once."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.db import transaction
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from groeipad.notifications import services
from groeipad.notifications.models import OutgoingEmail
from groeipad.notifications.services import (
    LEASE,
    MAX_ATTEMPTS,
    backoff,
    email_deliver,
    email_queue,
    emails_deliver_due,
)
from groeipad.notifications.tasks import deliver_email

Status = OutgoingEmail.Status
DELIVER_PATH = "groeipad.notifications.tasks.deliver_email"


def run_worker() -> None:
    call_command("worker", batch=True, verbosity=0, scan_every=0)


def queue(**extra) -> OutgoingEmail:
    email = email_queue(to="carol@example.nl", subject="Hallo", text="Tekst", **extra)
    assert email is not None
    return email


# --- Sending once ---------------------------------------------------------------------


def test_a_queued_mail_is_sent_once(db, mailoutbox):
    email = queue(html="<p>Tekst</p>")
    assert email_deliver(email.pk) == "sent"
    assert email_deliver(email.pk) == "skipped"
    assert emails_deliver_due() == 0
    assert len(mailoutbox) == 1
    assert mailoutbox[0].to == ["carol@example.nl"]
    assert mailoutbox[0].alternatives == [("<p>Tekst</p>", "text/html")]
    email.refresh_from_db()
    assert email.status == Status.SENT and email.sent_at is not None and email.attempts == 0


def test_a_sent_mail_keeps_no_body_so_no_personal_link_outlives_the_sending(db, mailoutbox):
    email = email_queue(
        to="carol@example.nl",
        subject="Hallo",
        text="Je link: https://x.example/feedback/geheim/",
        html="<a>geheim</a>",
    )
    assert email is not None
    assert email_deliver(email.pk) == "sent"
    email.refresh_from_db()
    assert (email.text, email.html) == ("", "")
    assert "geheim" in mailoutbox[0].body  # what was sent was whole
    assert email.subject == "Hallo" and email.to == "carol@example.nl"


def test_a_duplicate_key_queues_once_and_keeps_the_callers_work(db, personas, mailoutbox):
    with transaction.atomic():
        assert queue(key="welcome:carol") is not None
        assert email_queue(to="x@example.nl", subject="s", text="t", key="welcome:carol") is None
        # The refused insert was a savepoint: the surrounding transaction goes on.
        personas.carol.first_name = "Caroline"
        personas.carol.save()
    assert OutgoingEmail.objects.count() == 1
    assert emails_deliver_due() == 1
    assert len(mailoutbox) == 1
    personas.carol.refresh_from_db()
    assert personas.carol.first_name == "Caroline"


@pytest.mark.django_db(transaction=True)
def test_a_rolled_back_transaction_queues_and_sends_nothing(mailoutbox):
    with pytest.raises(RuntimeError), transaction.atomic():
        queue()
        raise RuntimeError("the user's action fails")
    assert not OutgoingEmail.objects.exists()
    assert not DBTaskResult.objects.exists()  # no delivery was enqueued either
    run_worker()
    assert mailoutbox == []


@pytest.mark.django_db(transaction=True)
def test_the_delivery_is_enqueued_only_after_the_commit(mailoutbox):
    with transaction.atomic():
        email = queue()
        assert not DBTaskResult.objects.exists()
    assert DBTaskResult.objects.get().task_path == DELIVER_PATH
    run_worker()
    assert len(mailoutbox) == 1
    email.refresh_from_db()
    assert email.status == Status.SENT


# --- SMTP down, SMTP back -----------------------------------------------------------------


@pytest.mark.django_db(transaction=True)
def test_smtp_down_the_users_action_succeeds_and_the_mail_waits(personas, smtp, client):
    client.force_login(personas.user("carol"))
    from django.test import override_settings

    with override_settings(ROOT_URLCONF="groeipad.notifications.tests.urls_for_tests"):
        response = client.post("/test/rename/", {"name": "Caroline"})
    assert response.status_code == 200  # not a 500: SMTP is not called in the request
    personas.carol.refresh_from_db()
    assert personas.carol.first_name == "Caroline"
    email = OutgoingEmail.objects.get()
    assert email.status == Status.PENDING and email.attempts == 0

    run_worker()  # the delivery task: SMTP is down
    email.refresh_from_db()
    assert email.status == Status.PENDING
    assert email.attempts == 1
    assert "Connection" in email.last_error or "refused" in email.last_error.lower()
    assert email.claimed_until is None
    first, retry = DBTaskResult.objects.filter(task_path=DELIVER_PATH).order_by("enqueued_at")
    assert first.status == "SUCCESSFUL" and first.return_value == "retry"
    # The retry waits for the backoff: run_after is the mail's next attempt.
    assert retry.status == "READY" and retry.run_after == email.next_attempt_at
    assert timedelta(seconds=59) < email.next_attempt_at - timezone.now() <= timedelta(minutes=1)
    assert smtp.messages == []

    smtp.start()  # SMTP is back; the worker's scan finds the mail once it is due
    assert emails_deliver_due() == 0  # not due yet
    later = timezone.now() + timedelta(minutes=1, seconds=1)
    assert emails_deliver_due(now=later) == 1
    assert deliver_email.call(email.pk) == "skipped"  # the queued retry, when it runs
    assert emails_deliver_due(now=later + timedelta(hours=2)) == 0
    assert len(smtp.messages) == 1
    recipients, message = smtp.messages[0]
    assert recipients == ["carol@example.nl"]
    assert message["Subject"] == "Your name is now Caroline"
    email.refresh_from_db()
    assert email.status == Status.SENT and email.attempts == 1


def test_the_backoff_doubles_from_one_minute_up_to_an_hour_then_gives_up(db, smtp):
    email = queue()
    clock = timezone.now()
    waits = []
    for _attempt in range(MAX_ATTEMPTS - 1):
        assert emails_deliver_due(now=clock) == 0
        email.refresh_from_db()
        assert email.status == Status.PENDING
        waits.append(email.next_attempt_at - clock)
        # Just before the wait is over nothing happens; at its end the next try.
        assert email_deliver(email.pk, now=email.next_attempt_at - timedelta(seconds=1)) == (
            "skipped"
        )
        clock = email.next_attempt_at
    minutes = [1, 2, 4, 8, 16, 32, 60, 60, 60, 60, 60]  # written out, not computed
    assert waits == [timedelta(minutes=m) for m in minutes]
    assert email_deliver(email.pk, now=clock) == "failed"
    email.refresh_from_db()
    assert email.status == Status.FAILED and email.attempts == MAX_ATTEMPTS == 12
    assert emails_deliver_due(now=clock + timedelta(days=1)) == 0  # given up: no more tries
    assert smtp.messages == []


def test_backoff_of_no_failure_is_no_wait():
    assert backoff(0) == timedelta(0)
    assert backoff(100) == timedelta(hours=1)


# --- A worker killed half-way ---------------------------------------------------------------


def test_a_worker_killed_after_claiming_is_taken_over_once_the_lease_ends(db, smtp):
    smtp.start()
    email = queue()
    now = timezone.now()
    # A worker claims the mail and dies before sending it (or before marking it sent).
    assert services._claim(email.pk, now)
    email.refresh_from_db()
    assert email.status == Status.SENDING and email.claimed_until == now + LEASE
    assert emails_deliver_due(now=now + LEASE - timedelta(seconds=1)) == 0  # still its lease
    assert smtp.messages == []
    assert emails_deliver_due(now=now + LEASE + timedelta(seconds=1)) == 1
    assert emails_deliver_due(now=now + 3 * LEASE) == 0
    assert len(smtp.messages) == 1
    email.refresh_from_db()
    assert email.status == Status.SENT and email.claimed_until is None


def test_two_deliveries_of_one_mail_send_it_once(db, smtp):
    smtp.start()
    email = queue()
    outcomes = [email_deliver(email.pk), email_deliver(email.pk), deliver_email.call(email.pk)]
    assert outcomes == ["sent", "skipped", "skipped"]
    assert len(smtp.messages) == 1


def test_the_retry_now_action_makes_failed_mail_due_again(db, mailoutbox):
    email = queue()
    OutgoingEmail.objects.filter(pk=email.pk).update(
        status=Status.FAILED, attempts=12, next_attempt_at=timezone.now() + timedelta(days=9)
    )
    assert services.email_retry_now([email.pk]) == 1
    assert emails_deliver_due() == 1
    assert len(mailoutbox) == 1
    assert services.email_retry_now([email.pk]) == 0  # sent mail is not sent again


@pytest.mark.django_db(transaction=True)
def test_two_workers_sweeping_at_once_send_each_mail_once(mailoutbox):
    import threading

    from django.db import connection, connections

    if connection.vendor != "postgresql":
        pytest.skip("two connections writing at once: PostgreSQL")
    for number in range(40):
        email_queue(to=f"p{number}@example.nl", subject=f"Mail {number}", text="t")
    start = threading.Barrier(2)
    counts, errors = [], []

    def worker():
        try:
            start.wait()
            counts.append(emails_deliver_due())
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
    assert sum(counts) == 40 == len(mailoutbox)
    assert len({m.subject for m in mailoutbox}) == 40
