"""One way to write: an action is access check, transaction, typed audit, side effects.

A service that writes is decorated with ``@action``: it runs in one transaction (joining
the caller's when there is one), and anything it asks ``after_commit`` to do (queue an
e-mail delivery, a notification, a recalculation) is handed to the task queue only once
that transaction has committed. So a failing mail server never rolls back a user's work,
and no mail goes out for work that was rolled back: nothing talks to the network inside a
transaction.

    @action
    def round_open(*, actor: Actor, feedback_round: FeedbackRound) -> None:
        ensure(rules.may_open(actor, feedback_round))
        ...
        audit(actor=actor, verb=AuditAction.UPDATE, object_type=ObjectType.FEEDBACK_ROUND,
              object_id=feedback_round.pk, summary="Round opened")
        after_commit(send_invitations, feedback_round.pk)

Access checks come first and raise ``PermissionDenied`` (``ensure``); the pages and the
API turn that into the product's own 403.
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, ParamSpec, TypeVar

from django.core.exceptions import PermissionDenied
from django.db import transaction

if TYPE_CHECKING:
    from groeipad.people.models import User
    from groeipad.people.scope import Viewer
    from groeipad.privacy.models import AuditAction, AuditEvent, ObjectType

    Actor = User | Viewer | None
else:
    Actor = Any

logger = logging.getLogger(__name__)

P = ParamSpec("P")
R = TypeVar("R")


def action(service: Callable[P, R]) -> Callable[P, R]:
    """Run ``service`` as one action: in a transaction, side effects after commit."""

    @functools.wraps(service)
    def run(*args: P.args, **kwargs: P.kwargs) -> R:
        with transaction.atomic():
            return service(*args, **kwargs)

    return run


def ensure(allowed: bool, message: str | None = None) -> None:
    """The access check of an action: refuse with 403 unless ``allowed``."""
    if not allowed:
        raise PermissionDenied(message)


def actor_user(actor: Actor) -> User | None:
    """The account behind an actor (a Viewer or a User); None for the system."""
    from groeipad.people.scope import Viewer

    if isinstance(actor, Viewer):
        return actor.user
    return actor


def audit(
    *,
    actor: Actor,
    verb: AuditAction,
    object_type: ObjectType,
    object_id: Any = "",
    summary: str,
    changes: dict | None = None,
) -> AuditEvent:
    """The typed audit record of an action (written in the action's transaction)."""
    from groeipad.privacy.services import audit_record

    return audit_record(
        actor=actor_user(actor),
        action=verb,
        object_type=object_type,
        object_id=object_id,
        summary=summary,
        changes=changes,
    )


def after_commit(task: Any, *args: Any, **kwargs: Any) -> None:
    """Enqueue ``task`` (a django-tasks task) once the current transaction commits.

    Outside a transaction it is enqueued at once. If enqueueing itself fails (the
    database went away after the commit), the work is not lost: every side effect keeps
    its own record (an e-mail in the outbox, a reminder row) that the worker's periodic
    scan picks up.
    """
    transaction.on_commit(functools.partial(_enqueue, task, args, kwargs), robust=True)


def _enqueue(task: Any, args: tuple, kwargs: dict) -> None:
    try:
        task.enqueue(*args, **kwargs)
    except Exception:
        logger.exception("Could not enqueue %s; the worker's scan will retry", task)
