"""Raters: invited with a personal, expiring link; externals approved; answers; reminders.

Raters of one round are distinct people (feedback.raters: one normalisation of
addresses). A colleague is chosen from the organisation (an employee); an address that
is no employee's is external and waits for the requester's manager or HR before its
invitation goes out.

Submitting turns the rater's draft into a ``Response`` with no link to the rater: the
invitation keeps only ``answered`` (for reminders), and the audit log only that an
answer arrived on the round, never who gave it.
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

from groeipad.feedback import raters as addresses
from groeipad.feedback import rules
from groeipad.feedback.models import (
    COUNTING,
    Answer,
    Approval,
    DraftAnswer,
    FeedbackRound,
    Rater,
    RaterGroup,
    Response,
    RoundStatus,
)
from groeipad.feedback.rules import FeedbackActor
from groeipad.feedback.services.common import (
    REMIND_AFTER,
    account_of,
    expiry,
    new_token,
    record,
)
from groeipad.feedback.services.mail import queue_invitation
from groeipad.lib.actions import action, ensure
from groeipad.people.models import Employee, User
from groeipad.privacy.models import AuditAction, ObjectType

# The label of the audit line for an answer: never who gave it.
ANONYMOUS_RATER = "a rater (anonymous)"


def _clean_email(email: str) -> str:
    email = (email or "").strip().lower()
    try:
        validate_email(email)
    except ValidationError:
        raise ValidationError(
            _("%(email)s is not a valid e-mail address.") % {"email": email or '""'}
        ) from None
    return email


def _refuse(email: str, why: str) -> ValidationError:
    return ValidationError(_("%(email)s cannot be invited: %(why)s") % {"email": email, "why": why})


def _check_distinct(
    feedback_round: FeedbackRound, email: str, employee: Employee | None, group: str, typed: str
) -> str:
    """Refuse the requester (other than as self), their aliases and duplicates; returns
    the address's key. ``typed``: the address as given, named in every refusal."""
    requester = feedback_round.employee
    own_email = (requester.email or "").strip().lower()
    domains = addresses.organisation_domains(own_email)
    key = addresses.email_key(email, domains)
    is_requester = (employee is not None and employee.pk == requester.pk) or (
        bool(own_email) and key == addresses.email_key(own_email, domains)
    )
    if group == RaterGroup.SELF:
        if not is_requester:
            raise _refuse(typed, _("only the employee gives the self-assessment."))
    elif is_requester:
        if typed == own_email:
            why = _("it is the employee's own address; they take part as 'self' only.")
        else:
            why = _(
                "it is an alias of the employee's own address %(own)s; they take part as "
                "'self' only."
            ) % {"own": own_email}
        raise _refuse(typed, why)
    for other in Rater.objects.filter(round=feedback_round).only("email", "employee_id"):
        same_employee = employee is not None and other.employee_id == employee.pk
        if same_employee or addresses.email_key(other.email, domains) == key:
            if other.email == typed:
                why = _("already invited to this round.")
            else:
                why = _("the same person as %(other)s, who is already invited.") % {
                    "other": other.email
                }
            raise _refuse(typed, why)
    if group == RaterGroup.MANAGER and (employee is None or employee.pk != requester.manager_id):
        raise _refuse(
            typed,
            _(
                "only the employee's manager on record rates in the group 'manager' "
                "(their answers are shown as theirs, named)."
            ),
        )
    return key


@action
def rater_invite(
    *,
    actor: FeedbackActor,
    feedback_round: FeedbackRound,
    group: str,
    email: str = "",
    employee: Employee | None = None,
) -> Rater:
    """Invite one rater: a colleague (``employee``, chosen by search) or an address.

    An address that reaches an employee is that employee; any other is external and
    waits for approval (no invitation until the requester's manager or HR approved it).
    Refusals name the address and the reason, and change nothing."""
    ensure(
        rules.may_manage_round(actor, feedback_round),
        _("You may not invite raters for this round."),
    )
    if feedback_round.status == RoundStatus.CLOSED:
        raise ValidationError(_("This round is closed; no more raters can be invited."))
    if group not in RaterGroup.values:
        raise ValidationError(_("Unknown rater group: %(group)s.") % {"group": group})
    if employee is not None:
        if not employee.email:
            raise ValidationError(
                _("%(name)s has no e-mail address; ask HR to add one.")
                % {"name": employee.full_name}
            )
        email = typed = _clean_email(employee.email)
    else:
        email = typed = _clean_email(email)
        domains = addresses.organisation_domains(feedback_round.employee.email or "")
        employee = addresses.employee_by_address(email, domains)
        if employee is not None:
            email = employee.email.strip().lower()
    if (
        employee is not None
        and employee.pk != feedback_round.employee_id
        and employee.leave_date is not None
        and employee.leave_date < timezone.localdate()
    ):
        raise _refuse(
            typed, _("%(name)s has left the organisation.") % {"name": employee.full_name}
        )
    key = _check_distinct(feedback_round, email, employee, group, typed)
    external = employee is None
    now = timezone.now()
    is_open = feedback_round.status == RoundStatus.OPEN
    rater = Rater(
        round=feedback_round,
        group=group,
        email=email,
        email_key=key,
        employee=employee,
        is_external=external,
        approval=Approval.PENDING if external else Approval.NOT_NEEDED,
        user=User.objects.filter(email__iexact=email).first(),
        expires_at=expiry(feedback_round, now),
    )
    token = new_token(rater)
    # A draft keeps the rater on the list (the link is made and mailed on opening); an
    # external waits for approval.
    send = is_open and not external
    if send:
        rater.invited_at = now
    rater.save()
    if send:
        queue_invitation(rater, token, reminder=False)
    if external:
        summary = f"Added an external rater ({group}) to 360 round {feedback_round.pk}"
        summary += ", waiting for approval"
    elif is_open:
        summary = f"Invited a rater ({group}) to 360 round {feedback_round.pk}"
    else:
        summary = f"Added a rater ({group}) to draft 360 round {feedback_round.pk}"
    record(
        actor=actor,
        verb=AuditAction.CREATE,
        object_type=ObjectType.FEEDBACK_RATER,
        object_id=feedback_round.pk,
        summary=summary,
    )
    return rater


def invite_self(*, actor: FeedbackActor, feedback_round: FeedbackRound) -> Rater:
    return rater_invite(
        actor=actor,
        feedback_round=feedback_round,
        employee=feedback_round.employee,
        group=RaterGroup.SELF,
    )


@action
def external_decide(*, actor: FeedbackActor, rater: Rater, approve: bool) -> Rater:
    """The requester's manager or HR approves (the invitation goes out, or on opening) or
    refuses (nobody is mailed) an external rater. Audited, without the address."""
    feedback_round = rater.round
    ensure(
        rules.may_decide_external(actor, feedback_round),
        _("Only the employee's manager or HR can approve external raters."),
    )
    locked = Rater.objects.select_for_update().get(pk=rater.pk)
    if locked.approval != Approval.PENDING:
        raise ValidationError(
            _("%(email)s was already decided on: %(state)s.")
            % {"email": locked.email, "state": locked.get_approval_display()}
        )
    if feedback_round.status == RoundStatus.CLOSED:
        raise ValidationError(_("This round is closed; no more raters can be invited."))
    locked.round = feedback_round
    locked.approval = Approval.APPROVED if approve else Approval.REFUSED
    locked.decided_by = account_of(actor)
    fields = ["approval", "decided_by"]
    token = None
    if approve and feedback_round.status == RoundStatus.OPEN:
        now = timezone.now()
        token = new_token(locked)
        locked.expires_at = expiry(feedback_round, now)
        locked.invited_at = now
        fields += ["token_hash", "expires_at", "invited_at"]
    locked.save(update_fields=fields)
    if token:
        queue_invitation(locked, token, reminder=False)
    record(
        actor=actor,
        verb=AuditAction.UPDATE,
        object_type=ObjectType.FEEDBACK_RATER,
        object_id=feedback_round.pk,
        summary=(
            f"Approved an external rater ({locked.group}) for 360 round {feedback_round.pk}"
            if approve
            else f"Refused an external rater ({locked.group}) for 360 round {feedback_round.pk}"
        ),
    )
    rater.approval, rater.decided_by = locked.approval, locked.decided_by
    return locked


def _clean_answers(rater: Rater, answers: dict[int, dict]) -> list[DraftAnswer]:
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
        cleaned.append(DraftAnswer(rater=rater, question=question, rating=rating, text=text))
    return cleaned


def _already() -> ValidationError:
    return ValidationError(_("These answers were already submitted; they cannot change."))


@action
def answer_save(*, rater: Rater, answers: dict[int, dict]) -> None:
    """Save a draft; the rater may come back to it through the same link."""
    locked = Rater.objects.select_for_update().select_related("round").get(pk=rater.pk)
    if locked.answered is not False:
        raise _already()
    if not locked.counts:
        raise ValidationError(_("This rater was not approved; their answers are not taken."))
    cleaned = _clean_answers(locked, answers)
    DraftAnswer.objects.filter(rater=locked, question__in=[a.question for a in cleaned]).delete()
    DraftAnswer.objects.bulk_create(cleaned)


@action
def answer_submit(*, rater: Rater, answers: dict[int, dict]) -> None:
    """Save and submit, once: the draft becomes an unlinked Response and is deleted; the
    invitation keeps ``answered``. A second submit is refused and changes nothing."""
    answer_save(rater=rater, answers=answers)
    locked = Rater.objects.select_for_update().select_related("round").get(pk=rater.pk)
    if locked.answered is not False:
        raise _already()
    if locked.round.status != RoundStatus.OPEN:
        raise ValidationError(_("This round is closed; answers can no longer be submitted."))
    drafts = list(DraftAnswer.objects.filter(rater=locked))
    response = Response.objects.create(round_id=locked.round_id, group=locked.group)
    Answer.objects.bulk_create(
        Answer(response=response, question_id=d.question_id, rating=d.rating, text=d.text)
        for d in drafts
    )
    DraftAnswer.objects.filter(rater=locked).delete()
    Rater.objects.filter(pk=locked.pk).update(answered=True)
    rater.answered = True
    # That an answer arrived, on which round: not who, not which group, not the response.
    record(
        actor=ANONYMOUS_RATER,
        verb=AuditAction.CREATE,
        object_type=ObjectType.FEEDBACK_ROUND,
        object_id=locked.round_id,
        summary=f"An answer arrived on 360 round {locked.round_id}",
    )


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
    (a second click, the worker). Returns how many were reminded; the requester is told
    only that reminders went out, never how many or to whom.

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
        Rater.objects.filter(
            round=feedback_round,
            answered=False,
            approval__in=COUNTING,
            invited_at__isnull=False,
        )
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
                pk=rater.pk, reminded_at=rater.reminded_at, answered=False
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
