"""What the 360 writes share: link lifetimes, tokens and the typed audit record."""

from __future__ import annotations

import secrets
from datetime import datetime, timedelta
from typing import Any

from django.utils import timezone

from groeipad.feedback.access import token_hash
from groeipad.feedback.models import FeedbackRound, FeedbackSettings, OpenKind, Rater
from groeipad.feedback.rules import FeedbackActor
from groeipad.lib.actions import actor_user
from groeipad.people.models import User
from groeipad.privacy.anonymity import Instrument, threshold
from groeipad.privacy.models import AuditAction, ObjectType
from groeipad.privacy.services import audit_record

# How long a link stays valid after it was (re)sent, and how often a reminder may go out.
LINK_DAYS = 21
REMIND_AFTER = timedelta(days=3)
OPEN_QUESTIONS = [OpenKind.KEEP, OpenKind.START, OpenKind.STOP, OpenKind.UNUSED]
MAX_MIN_GROUP_SIZE = 20


def min_k() -> int:
    """The floor of N for 360 rater groups (privacy.anonymity: never below 3)."""
    return threshold(Instrument.FEEDBACK)


def expiry(feedback_round: FeedbackRound, now: datetime) -> datetime:
    closes = timezone.make_aware(datetime.combine(feedback_round.closes_on, datetime.max.time()))
    return min(now + timedelta(days=LINK_DAYS), closes)


def new_token(rater: Rater) -> str:
    """A fresh link token for ``rater``; only its hash is kept on the rater."""
    token = secrets.token_urlsafe(32)
    rater.token_hash = token_hash(token)
    return token


def freeze_settings(feedback_round: FeedbackRound) -> None:
    current = FeedbackSettings.current()
    feedback_round.min_group_size = max(current.min_group_size, min_k())


def account_of(actor: FeedbackActor) -> User | None:
    """The account behind the actor (None for the system and the command line)."""
    return None if isinstance(actor, str) else actor_user(actor)


def record(
    *,
    actor: FeedbackActor,
    verb: AuditAction,
    object_type: ObjectType,
    object_id: Any,
    summary: str,
    changes: dict | None = None,
) -> None:
    """The typed audit record of a 360 action (``lib.actions.audit``), written in the
    action's transaction; the command line keeps its own label ("command line (jan)")."""
    audit_record(
        actor=actor if isinstance(actor, str) else actor_user(actor),
        action=verb,
        object_type=object_type,
        object_id=object_id,
        summary=summary,
        changes=changes,
    )
