"""Raters: invited with a personal, expiring link; their answers; reminders.

A rater's answers are deliberately not audited: an audit line with a time and a rater
would be exactly the link between a person and their answers that the round promises
not to keep anywhere readable.
"""

from __future__ import annotations

from datetime import datetime

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.db.models import Q
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext as _

from groeipad.feedback import rules
from groeipad.feedback.models import Answer, FeedbackRound, Rater, RaterGroup, RoundStatus
from groeipad.feedback.rules import FeedbackActor
from groeipad.feedback.services.common import REMIND_AFTER, expiry, new_token, record
from groeipad.feedback.services.mail import queue_invitation
from groeipad.lib.actions import action, ensure
from groeipad.people.models import User
from groeipad.privacy.models import AuditAction, ObjectType


def _clean_email(email: str) -> str:
    email = email.strip().lower()
    try:
        validate_email(email)
    except ValidationError:
        raise ValidationError(
            _("%(email)s is not a valid e-mail address.") % {"email": email}
        ) from None
    return email


@action
def rater_invite(
    *, actor: FeedbackActor, feedback_round: FeedbackRound, email: str, group: str
) -> Rater:
    """Invite one rater with a personal, expiring link; only the token's hash is kept."""
    ensure(
        rules.may_manage_round(actor, feedback_round),
        _("You may not invite raters for this round."),
    )
    if feedback_round.status == RoundStatus.CLOSED:
        raise ValidationError(_("This round is closed; no more raters can be invited."))
    email = _clean_email(email)
    if group not in RaterGroup.values:
        raise ValidationError(_("Unknown rater group: %(group)s.") % {"group": group})
    own_email = (feedback_round.employee.email or "").lower()
    if group == RaterGroup.SELF and email != own_email:
        raise ValidationError(_("Only the employee can give the self-assessment."))
    if group != RaterGroup.SELF and email == own_email:
        raise ValidationError(_("The employee takes part as 'self' only."))
    if Rater.objects.filter(round=feedback_round, email=email).exists():
        raise ValidationError(
            _("%(email)s has already been invited to this round.") % {"email": email}
        )
    now = timezone.now()
    is_open = feedback_round.status == RoundStatus.OPEN
    rater = Rater(
        round=feedback_round,
        group=group,
        email=email,
        user=User.objects.filter(email__iexact=email).first(),
        expires_at=expiry(feedback_round, now),
        # A draft keeps the rater on the list; the link is made and mailed on opening.
        invited_at=now if is_open else None,
    )
    token = new_token(rater)
    rater.save()
    if is_open:
        queue_invitation(rater, token, reminder=False)
    record(
        actor=actor,
        verb=AuditAction.CREATE,
        object_type=ObjectType.FEEDBACK_RATER,
        object_id=feedback_round.pk,
        summary=f"Invited a rater ({group}) to 360 round {feedback_round.pk}"
        if is_open
        else f"Added a rater ({group}) to draft 360 round {feedback_round.pk}",
    )
    return rater


def invite_self(*, actor: FeedbackActor, feedback_round: FeedbackRound) -> Rater:
    return rater_invite(
        actor=actor,
        feedback_round=feedback_round,
        email=feedback_round.employee.email or "",
        group=RaterGroup.SELF,
    )


def _clean_answers(rater: Rater, answers: dict[int, dict]) -> list[Answer]:
    """answers: question id -> {"rating": int | None, "text": str}; checked, not saved."""
    questions = {q.pk: q for q in rater.round.questions.select_related("competency__scale")}
    cleaned = []
    for question_id, value in answers.items():
        question = questions.get(question_id)
        if question is None:
            raise ValidationError(
                _("Question %(id)s is not part of this round.") % {"id": question_id}
            )
        rating, text = value.get("rating"), (value.get("text") or "").strip()
        if question.competency is None:
            rating = None
        else:
            text = ""
            scale = question.competency.scale
            if rating is not None and not scale.min_level <= rating <= scale.max_level:
                raise ValidationError(
                    _("%(question)s: the rating must lie between %(low)s and %(high)s.")
                    % {"question": question, "low": scale.min_level, "high": scale.max_level}
                )
        cleaned.append(Answer(rater=rater, question=question, rating=rating, text=text))
    return cleaned


@action
def answer_save(*, rater: Rater, answers: dict[int, dict]) -> None:
    """Save a draft; the rater may come back to it through the same link."""
    locked = Rater.objects.select_for_update().get(pk=rater.pk)
    if locked.submitted_at is not None:
        raise ValidationError(_("These answers were already submitted; they cannot change."))
    cleaned = _clean_answers(locked, answers)
    Answer.objects.filter(rater=locked, question__in=[a.question for a in cleaned]).delete()
    Answer.objects.bulk_create(cleaned)


@action
def answer_submit(*, rater: Rater, answers: dict[int, dict]) -> None:
    """Save and submit, once. A second submit is refused and changes nothing."""
    answer_save(rater=rater, answers=answers)
    # Only the day: the exact time adds nothing the round needs and would be a trace.
    updated = Rater.objects.filter(pk=rater.pk, submitted_at__isnull=True).update(
        submitted_at=timezone.now().replace(hour=0, minute=0, second=0, microsecond=0)
    )
    if not updated:
        raise ValidationError(_("These answers were already submitted; they cannot change."))
    rater.submitted_at = timezone.now()


@action
def raters_remind(
    *,
    feedback_round: FeedbackRound,
    actor: FeedbackActor | None = None,
    now: datetime | None = None,
) -> int:
    """E-mail raters who have not submitted a renewed link (only hashes are kept, so the
    old link cannot be resent). A rater gets at most one e-mail per REMIND_AFTER: not
    within that time of the invitation or of the last reminder, however often this runs
    and however many workers run it at once. Returns how many were reminded.

    Without an actor it is the worker's scan (the system)."""
    if actor is not None:
        ensure(
            rules.may_manage_round(actor, feedback_round),
            _("You may not send reminders for this round."),
        )
    now = now or timezone.now()
    # Past the closing date a new link would be dead on arrival (links end at closing).
    if feedback_round.status != RoundStatus.OPEN or feedback_round.closes_on < timezone.localdate(
        now
    ):
        return 0
    cutoff = now - REMIND_AFTER
    sent = 0
    due = (
        Rater.objects.filter(round=feedback_round, submitted_at__isnull=True)
        .annotate(last_mailed=Coalesce("reminded_at", "invited_at"))
        .filter(Q(last_mailed__isnull=True) | Q(last_mailed__lte=cutoff))
    )
    for rater in due:
        rater.round = feedback_round
        with transaction.atomic():
            token = new_token(rater)
            expires_at = expiry(feedback_round, now)
            # Compare and swap on reminded_at: a second worker (or a second click) that
            # read the same rater finds it changed and sends nothing.
            claimed = Rater.objects.filter(
                pk=rater.pk, reminded_at=rater.reminded_at, submitted_at__isnull=True
            ).update(token_hash=rater.token_hash, expires_at=expires_at, reminded_at=now)
            if not claimed:
                continue
            rater.expires_at, rater.reminded_at = expires_at, now
            queue_invitation(rater, token, reminder=True)
        sent += 1
    return sent


def reminders_for_open_rounds(*, now: datetime | None = None) -> int:
    """What the background task runs: remind in every open round (one action per round)."""
    return sum(
        raters_remind(feedback_round=r, now=now)
        for r in FeedbackRound.objects.filter(status=RoundStatus.OPEN).select_related("employee")
    )
