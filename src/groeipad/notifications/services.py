"""The outbox's writes: queue an e-mail in the caller's transaction, deliver it after.

See the package docstring (``groeipad.notifications``) for how queueing, claiming,
retrying and the worker's scan fit together.
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta

from django.core.mail import EmailMultiAlternatives
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from groeipad.lib.actions import Actor, action, actor_user, after_commit
from groeipad.notifications.models import OutgoingEmail, Reminder

logger = logging.getLogger(__name__)

#: How long a worker may hold a claimed mail before another worker may take it over.
LEASE = timedelta(minutes=5)
#: Retries start one minute after a failure and double, up to an hour.
BACKOFF_FIRST = timedelta(minutes=1)
BACKOFF_MAX = timedelta(minutes=60)
#: After this many failed attempts a mail is given up (status failed).
MAX_ATTEMPTS = 12

Status = OutgoingEmail.Status


def backoff(attempts: int) -> timedelta:
    """The wait before the next try after ``attempts`` failed ones (1, 2, 4 ... 60 min)."""
    if attempts < 1:
        return timedelta(0)
    exponent = min(attempts - 1, 16)  # 2**16 minutes is far past the cap already
    return min(BACKOFF_FIRST * 2**exponent, BACKOFF_MAX)


def email_queue(
    *, to: str, subject: str, text: str, html: str = "", key: str | None = None
) -> OutgoingEmail | None:
    """Queue one e-mail in the caller's transaction; it is delivered after the commit.

    With a ``key``, a second call with the same key queues nothing and returns None
    (within the same transaction as across processes: the column is unique).
    """
    try:
        with transaction.atomic():  # a savepoint: a refused duplicate keeps the caller's work
            email = OutgoingEmail.objects.create(
                to=to, subject=subject, text=text, html=html, key=key
            )
    except IntegrityError:
        if key is not None and OutgoingEmail.objects.filter(key=key).exists():
            return None
        raise
    from groeipad.notifications.tasks import deliver_email

    after_commit(deliver_email, email.pk)
    return email


def _claim(email_id: int, now: datetime) -> bool:
    """Take the mail for this worker: one compare-and-swap update, True if we got it."""
    claimable = Q(status=Status.PENDING, next_attempt_at__lte=now) | Q(
        status=Status.SENDING, claimed_until__lt=now
    )
    return bool(
        OutgoingEmail.objects.filter(claimable, pk=email_id).update(
            status=Status.SENDING, claimed_until=now + LEASE
        )
    )


def _send(email: OutgoingEmail) -> None:
    message = EmailMultiAlternatives(subject=email.subject, body=email.text, to=[email.to])
    if email.html:
        message.attach_alternative(email.html, "text/html")
    message.send(fail_silently=False)


def email_deliver(email_id: int, *, now: datetime | None = None) -> str:
    """Send one queued mail if it is due and no other worker holds it; the outcome.

    Returns "sent", "retry", "failed" or "skipped" (not due, already sent, or claimed
    by another worker). Called by the worker outside any transaction: the claim and the
    outcome are single-row updates that commit on their own, SMTP runs between them.
    ``now`` is the moment the mail is due by (a test's clock; the real one otherwise).
    """
    now = now or timezone.now()
    if not _claim(email_id, now):
        return "skipped"
    email = OutgoingEmail.objects.get(pk=email_id)
    try:
        _send(email)
    except Exception as error:  # SMTP down, refused, timed out: try again later
        return _failed(email, error, now)
    # The body goes once it is sent: a mail can carry a personal link (a 360 rater's),
    # and the database alone must never yield a working one.
    OutgoingEmail.objects.filter(pk=email_id, status=Status.SENDING).update(
        status=Status.SENT,
        sent_at=timezone.now(),
        claimed_until=None,
        last_error="",
        text="",
        html="",
    )
    return "sent"


def _failed(email: OutgoingEmail, error: Exception, now: datetime) -> str:
    attempts = email.attempts + 1
    given_up = attempts >= MAX_ATTEMPTS
    next_at = now + backoff(attempts)
    # Only while still ours: a mail another worker took over (and sent) stays as it is.
    OutgoingEmail.objects.filter(pk=email.pk, status=Status.SENDING).update(
        status=Status.FAILED if given_up else Status.PENDING,
        attempts=attempts,
        next_attempt_at=next_at,
        claimed_until=None,
        last_error=f"{type(error).__name__}: {error}"[:2000],
    )
    if given_up:
        logger.error("E-mail %s to %s failed %s times; given up", email.pk, email.to, attempts)
        return "failed"
    logger.warning("E-mail %s to %s failed (%s); retry at %s", email.pk, email.to, error, next_at)
    from groeipad.notifications.tasks import deliver_email

    try:
        deliver_email.using(run_after=next_at).enqueue(email.pk)
    except Exception:  # the scan picks it up when it is due
        logger.exception("Could not enqueue the retry of e-mail %s", email.pk)
    return "retry"


def emails_due(now: datetime | None = None) -> list[int]:
    """Ids of queued mail that is due, and of mail whose worker's lease ran out."""
    now = now or timezone.now()
    return list(
        OutgoingEmail.objects.filter(
            Q(status=Status.PENDING, next_attempt_at__lte=now)
            | Q(status=Status.SENDING, claimed_until__lt=now)
        )
        .order_by("next_attempt_at", "pk")
        .values_list("pk", flat=True)
    )


def emails_deliver_due(now: datetime | None = None) -> int:
    """Deliver every due mail (the worker's periodic scan); the number sent."""
    now = now or timezone.now()
    return sum(email_deliver(pk, now=now) == "sent" for pk in emails_due(now))


@action
def email_retry_now(email_ids: list[int]) -> int:
    """Make pending or failed mail due at once (the admin's "retry now"); how many."""
    now = timezone.now()
    ids = list(
        OutgoingEmail.objects.filter(
            pk__in=email_ids, status__in=[Status.PENDING, Status.FAILED]
        ).values_list("pk", flat=True)
    )
    OutgoingEmail.objects.filter(pk__in=ids).update(
        status=Status.PENDING, next_attempt_at=now, claimed_until=None
    )
    from groeipad.notifications.tasks import deliver_email

    for pk in ids:
        after_commit(deliver_email, pk)
    return len(ids)


# --- Reminders in the application ---------------------------------------------------------


@action
def reminder_dismiss(*, actor: Actor, reminder: Reminder) -> None:
    """Put the actor's own reminder away (someone else's is not found: 404)."""
    user = actor_user(actor)
    if user is None or reminder.user_id != user.pk:
        raise Http404(_("No such reminder."))
    if reminder.dismissed_at is None:
        reminder.dismissed_at = timezone.now()
        reminder.save(update_fields=["dismissed_at"])
