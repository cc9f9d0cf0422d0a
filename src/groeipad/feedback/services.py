"""Writes of 360-degree feedback. Each checks who may, validates, saves and audits.

A rater's answers are deliberately not audited: an audit line with a time and a rater
would be exactly the link between a person and their answers that the round promises
not to keep anywhere readable.
"""

from __future__ import annotations

import secrets
from datetime import date, timedelta

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import send_mail
from django.core.validators import validate_email
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from groeipad.feedback import rules
from groeipad.feedback.access import token_hash
from groeipad.feedback.models import (
    DEFAULT_MIN_GROUP_SIZE,
    Answer,
    FeedbackRound,
    OpenKind,
    Question,
    Rater,
    RaterGroup,
    RoundStatus,
)
from groeipad.people.models import Employee, User
from groeipad.privacy.models import AuditAction
from groeipad.privacy.services import audit_record
from groeipad.skills.models import Competency
from groeipad.skills.selectors import requirements_for_profile

# How long a link stays valid after it was (re)sent, and how often a reminder may go out.
LINK_DAYS = 21
REMIND_AFTER = timedelta(days=3)
OPEN_QUESTIONS = [OpenKind.KEEP, OpenKind.START, OpenKind.STOP, OpenKind.UNUSED]


@transaction.atomic
def round_start(
    *,
    actor,
    employee: Employee,
    closes_on: date,
    min_group_size: int = DEFAULT_MIN_GROUP_SIZE,
    show_manager_separately: bool = False,
) -> FeedbackRound:
    """Open a round with the job profile's competencies and the four open questions."""
    if not rules.may_start_round(actor, employee):
        raise PermissionDenied(_("You may not start a feedback round for this employee."))
    if min_group_size < 2:
        raise ValidationError(
            _("The minimum group size must be at least 2, or answers could be traced.")
        )
    if closes_on <= timezone.localdate():
        raise ValidationError(_("The closing date must lie in the future."))
    feedback_round = FeedbackRound.objects.create(
        employee=employee,
        started_by=actor if getattr(actor, "pk", None) else None,
        min_group_size=min_group_size,
        show_manager_separately=show_manager_separately,
        status=RoundStatus.OPEN,
        closes_on=closes_on,
    )
    competency_ids = list(requirements_for_profile(employee.job_profile))
    competencies = sorted(
        Competency.objects.filter(pk__in=competency_ids), key=lambda c: c.name.casefold()
    )
    questions = [Question(competency=c) for c in competencies]
    questions += [Question(open_kind=kind) for kind in OPEN_QUESTIONS]
    for position, question in enumerate(questions, start=1):
        question.round = feedback_round
        question.position = position
    Question.objects.bulk_create(questions)
    audit_record(
        actor=actor,
        action=AuditAction.CREATE,
        object_type="feedback_round",
        object_id=feedback_round.pk,
        summary=f"Started a 360 round for {employee.employee_number} (N={min_group_size})",
    )
    return feedback_round


def _link(token: str) -> str:
    return settings.BASE_URL + reverse("feedback:rater", args=[token])


def _send_invitation(rater: Rater, token: str, *, reminder: bool) -> None:
    feedback_round = rater.round
    # Raters may be outside the organisation: write in the platform's language (Dutch).
    with translation.override(settings.LANGUAGE_CODE):
        context = {
            "employee": feedback_round.employee,
            "link": _link(token),
            "n": feedback_round.min_group_size,
            "expires_at": rater.expires_at,
            "closes_on": feedback_round.closes_on,
            "reminder": reminder,
            "is_self": rater.group == RaterGroup.SELF,
        }
        subject = (
            _("Reminder: feedback for %(name)s") if reminder else _("Feedback for %(name)s")
        ) % {"name": feedback_round.employee.first_name}
        body = render_to_string("feedback/email/invitation.txt", context)
    send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [rater.email])


def _new_token(rater: Rater) -> str:
    token = secrets.token_urlsafe(32)
    rater.token_hash = token_hash(token)
    return token


@transaction.atomic
def rater_invite(*, actor, feedback_round: FeedbackRound, email: str, group: str) -> Rater:
    """Invite one rater with a personal, expiring link; only the token's hash is kept."""
    if not rules.may_manage_round(actor, feedback_round):
        raise PermissionDenied(_("You may not invite raters for this round."))
    if feedback_round.status != RoundStatus.OPEN:
        raise ValidationError(_("This round is closed; no more raters can be invited."))
    email = email.strip().lower()
    try:
        validate_email(email)
    except ValidationError:
        raise ValidationError(
            _("%(email)s is not a valid e-mail address.") % {"email": email}
        ) from None
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
    closes = timezone.make_aware(
        timezone.datetime.combine(feedback_round.closes_on, timezone.datetime.max.time())
    )
    rater = Rater(
        round=feedback_round,
        group=group,
        email=email,
        user=User.objects.filter(email__iexact=email).first(),
        expires_at=min(timezone.now() + timedelta(days=LINK_DAYS), closes),
    )
    token = _new_token(rater)
    rater.save()
    _send_invitation(rater, token, reminder=False)
    audit_record(
        actor=actor,
        action=AuditAction.CREATE,
        object_type="feedback_rater",
        object_id=feedback_round.pk,
        summary=f"Invited a rater ({group}) to 360 round {feedback_round.pk}",
    )
    return rater


def invite_self(*, actor, feedback_round: FeedbackRound) -> Rater:
    return rater_invite(
        actor=actor,
        feedback_round=feedback_round,
        email=feedback_round.employee.email,
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
        if question.is_open:
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


@transaction.atomic
def answer_save(*, rater: Rater, answers: dict[int, dict]) -> None:
    """Save a draft; the rater may come back to it through the same link."""
    locked = Rater.objects.select_for_update().get(pk=rater.pk)
    if locked.submitted_at is not None:
        raise ValidationError(_("These answers were already submitted; they cannot change."))
    cleaned = _clean_answers(locked, answers)
    Answer.objects.filter(rater=locked, question__in=[a.question for a in cleaned]).delete()
    Answer.objects.bulk_create(cleaned)


@transaction.atomic
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


def raters_remind(*, feedback_round: FeedbackRound, actor=None, now=None) -> int:
    """E-mail raters who have not submitted a renewed link (only hashes are kept, so the
    old link cannot be resent); at most once per REMIND_AFTER. Returns how many."""
    if actor is not None and not rules.may_manage_round(actor, feedback_round):
        raise PermissionDenied(_("You may not send reminders for this round."))
    now = now or timezone.now()
    if feedback_round.status != RoundStatus.OPEN:
        return 0
    closes = timezone.make_aware(
        timezone.datetime.combine(feedback_round.closes_on, timezone.datetime.max.time())
    )
    sent = 0
    due = Rater.objects.filter(round=feedback_round, submitted_at__isnull=True).exclude(
        reminded_at__gt=now - REMIND_AFTER
    )
    for rater in due.select_related("round__employee"):
        with transaction.atomic():
            token = _new_token(rater)
            rater.expires_at = min(now + timedelta(days=LINK_DAYS), closes)
            rater.reminded_at = now
            rater.save(update_fields=["token_hash", "expires_at", "reminded_at"])
            _send_invitation(rater, token, reminder=True)
        sent += 1
    return sent


def reminders_for_open_rounds(*, now=None) -> int:
    """What the background task runs: remind in every open round."""
    return sum(
        raters_remind(feedback_round=r, now=now)
        for r in FeedbackRound.objects.filter(status=RoundStatus.OPEN).select_related("employee")
    )


def round_close(*, actor, feedback_round: FeedbackRound) -> None:
    if not rules.may_manage_round(actor, feedback_round):
        raise PermissionDenied(_("You may not close this round."))
    FeedbackRound.objects.filter(pk=feedback_round.pk).update(status=RoundStatus.CLOSED)
    feedback_round.status = RoundStatus.CLOSED
    audit_record(
        actor=actor,
        action=AuditAction.UPDATE,
        object_type="feedback_round",
        object_id=feedback_round.pk,
        summary="Closed a 360 round",
    )


def round_share(
    *, actor, feedback_round: FeedbackRound, with_manager: bool, mentor_email: str = ""
) -> None:
    """The employee alone decides who else reads their report."""
    if not rules.is_owner(actor, feedback_round):
        raise PermissionDenied(_("Only the employee can share their feedback report."))
    mentor = None
    if mentor_email.strip():
        mentor = User.objects.filter(email__iexact=mentor_email.strip(), is_active=True).first()
        if mentor is None:
            raise ValidationError(
                _("No account with the e-mail address %(email)s.") % {"email": mentor_email}
            )
        if mentor.pk == actor.pk:
            raise ValidationError(_("You cannot be your own mentor."))
    feedback_round.share_with_manager = with_manager
    feedback_round.mentor = mentor
    feedback_round.save(update_fields=["share_with_manager", "mentor"])
    audit_record(
        actor=actor,
        action=AuditAction.UPDATE,
        object_type="feedback_round",
        object_id=feedback_round.pk,
        summary="Changed who may read a 360 report",
        changes={"share_with_manager": with_manager, "mentor": mentor.email if mentor else ""},
    )
