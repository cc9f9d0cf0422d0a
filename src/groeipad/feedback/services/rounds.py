"""A round's life: started (open, or a draft for HR's group), opened, closed."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from groeipad.feedback import rules
from groeipad.feedback.models import (
    COUNTING,
    DraftAnswer,
    FeedbackRound,
    Question,
    Rater,
    RaterGroup,
    RoundStatus,
)
from groeipad.feedback.rules import FeedbackActor
from groeipad.feedback.services.common import (
    OPEN_QUESTIONS,
    account_of,
    expiry,
    freeze_settings,
    new_token,
    record,
)
from groeipad.feedback.services.mail import queue_draft_notice, queue_invitation
from groeipad.feedback.services.raters import invite_self
from groeipad.lib.actions import action, ensure
from groeipad.people.models import Employee
from groeipad.privacy.models import AuditAction, ObjectType
from groeipad.skills.models import Competency
from groeipad.skills.selectors import requirements_for_profile


def _has_round_in_progress(employee: Employee) -> bool:
    return FeedbackRound.objects.filter(
        employee=employee, status__in=[RoundStatus.DRAFT, RoundStatus.OPEN]
    ).exists()


def _check_closing_date(closes_on: date) -> None:
    if closes_on <= timezone.localdate():
        raise ValidationError(_("The closing date must lie in the future."))


@action
def round_start(
    *, actor: FeedbackActor, employee: Employee, closes_on: date, draft: bool = False
) -> FeedbackRound:
    """Start a round with the job profile's competencies and the four open questions.

    Open straight away (the employee's own round), or as a draft (HR for a group): then
    the employee adds raters and opens it. N and the manager choice are the
    organisation's (FeedbackSettings), copied when the round opens and fixed from then.
    """
    ensure(
        rules.may_start_round(actor, employee),
        _("You may not start a feedback round for this employee."),
    )
    _check_closing_date(closes_on)
    if _has_round_in_progress(employee):
        raise ValidationError(
            _("%(name)s already has a feedback round in progress.") % {"name": employee.full_name}
        )
    feedback_round = FeedbackRound(
        employee=employee,
        started_by=account_of(actor),
        status=RoundStatus.DRAFT if draft else RoundStatus.OPEN,
        closes_on=closes_on,
    )
    freeze_settings(feedback_round)
    feedback_round.save()
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
    record(
        actor=actor,
        verb=AuditAction.CREATE,
        object_type=ObjectType.FEEDBACK_ROUND,
        object_id=feedback_round.pk,
        summary=(
            f"Started a draft 360 round for {employee.employee_number}"
            if draft
            else f"Started a 360 round for {employee.employee_number} "
            f"(N={feedback_round.min_group_size})"
        ),
    )
    return feedback_round


@action
def round_start_own(*, actor: FeedbackActor, employee: Employee, closes_on: date) -> FeedbackRound:
    """The employee starts their own round: open at once, with their self-assessment, in
    one action (the invitation goes out after the commit)."""
    feedback_round = round_start(actor=actor, employee=employee, closes_on=closes_on)
    if rules.is_owner(actor, feedback_round) and employee.email:
        invite_self(actor=actor, feedback_round=feedback_round)
    return feedback_round


@action
def round_open(*, actor: FeedbackActor, feedback_round: FeedbackRound) -> int:
    """Open a draft: N and the manager choice are fixed now, invitations go out now.

    The employee's own self-assessment is added if missing. Returns how many were invited.
    The invitations are queued in this action and delivered after it committed: a mail
    server that is down delays them, it never undoes the opening or the self-assessment.
    """
    ensure(rules.may_manage_round(actor, feedback_round), _("You may not open this round."))
    locked = FeedbackRound.objects.select_for_update().get(pk=feedback_round.pk)
    if locked.status != RoundStatus.DRAFT:
        raise ValidationError(_("This round is not a draft; it was opened already."))
    _check_closing_date(locked.closes_on)
    freeze_settings(locked)
    locked.status = RoundStatus.OPEN
    locked.save(update_fields=["status", "min_group_size"])
    feedback_round.status = locked.status
    feedback_round.min_group_size = locked.min_group_size
    own = (feedback_round.employee.email or "").lower()
    sent = 0
    if own and not Rater.objects.filter(round=feedback_round, group=RaterGroup.SELF).exists():
        invite_self(actor=actor, feedback_round=feedback_round)
        sent += 1
    now = timezone.now()
    # Externals still waiting for approval are not invited: approving them sends it.
    for rater in Rater.objects.filter(
        round=feedback_round, invited_at__isnull=True, approval__in=COUNTING
    ):
        rater.round = feedback_round
        token = new_token(rater)
        rater.expires_at = expiry(feedback_round, now)
        rater.invited_at = now
        rater.save(update_fields=["token_hash", "expires_at", "invited_at"])
        queue_invitation(rater, token, reminder=False)
        sent += 1
    record(
        actor=actor,
        verb=AuditAction.UPDATE,
        object_type=ObjectType.FEEDBACK_ROUND,
        object_id=feedback_round.pk,
        summary=f"Opened a 360 round (N={feedback_round.min_group_size}), {sent} invited",
    )
    return sent


@dataclass
class GroupStart:
    started: list[FeedbackRound] = field(default_factory=list)
    # (employee, reason) for everyone left out, with a reason a person can act on.
    skipped: list[tuple[Employee, str]] = field(default_factory=list)


@action
def rounds_start_for_group(
    *, actor: FeedbackActor, employees: list[Employee], closes_on: date
) -> GroupStart:
    """HR starts draft rounds for a group; each employee adds raters and opens their own.

    People who already have a draft or open round are skipped and named in the result.
    """
    ensure(rules.may_start_group(actor), _("Only HR can start feedback rounds for a group."))
    _check_closing_date(closes_on)
    if not employees:
        raise ValidationError(_("The group has no employees."))
    result = GroupStart()
    busy = set(
        FeedbackRound.objects.filter(
            employee__in=employees, status__in=[RoundStatus.DRAFT, RoundStatus.OPEN]
        ).values_list("employee_id", flat=True)
    )
    for employee in employees:
        if employee.pk in busy:
            result.skipped.append((employee, _("already has a feedback round in progress")))
            continue
        if not employee.email:
            result.skipped.append((employee, _("has no e-mail address")))
            continue
        feedback_round = round_start(
            actor=actor, employee=employee, closes_on=closes_on, draft=True
        )
        queue_draft_notice(feedback_round)
        result.started.append(feedback_round)
    return result


def forget_who_answered(round_ids) -> int:
    """A closed round's invitations lose even "answered" (specs/anonymity.md, "Who
    answered"), and when they were last reminded (a reminder went only to those who had
    not answered yet); unsubmitted drafts go: they were never part of the report."""
    DraftAnswer.objects.filter(rater__round_id__in=round_ids).delete()
    return Rater.objects.filter(round_id__in=round_ids).update(answered=None, reminded_at=None)


@action
def round_close(*, actor: FeedbackActor, feedback_round: FeedbackRound) -> None:
    ensure(rules.may_manage_round(actor, feedback_round), _("You may not close this round."))
    FeedbackRound.objects.filter(pk=feedback_round.pk).update(status=RoundStatus.CLOSED)
    feedback_round.status = RoundStatus.CLOSED
    forget_who_answered([feedback_round.pk])
    record(
        actor=actor,
        verb=AuditAction.UPDATE,
        object_type=ObjectType.FEEDBACK_ROUND,
        object_id=feedback_round.pk,
        summary="Closed a 360 round",
    )


@action
def rounds_close_past(*, today: date | None = None) -> int:
    """The worker's daily part: rounds past their closing date are closed, and every
    closed round's invitations forget who answered. Returns how many rounds it closed;
    a second run changes nothing."""
    today = today or timezone.localdate()
    past = list(
        FeedbackRound.objects.filter(status=RoundStatus.OPEN, closes_on__lt=today).values_list(
            "pk", flat=True
        )
    )
    if past:
        FeedbackRound.objects.filter(pk__in=past).update(status=RoundStatus.CLOSED)
        for pk in past:
            record(
                actor=None,
                verb=AuditAction.UPDATE,
                object_type=ObjectType.FEEDBACK_ROUND,
                object_id=pk,
                summary="Closed a 360 round (its closing date passed)",
            )
    closed = FeedbackRound.objects.filter(status=RoundStatus.CLOSED)
    stale = (
        closed.filter(Q(raters__answered__isnull=False) | Q(raters__reminded_at__isnull=False))
        .values_list("pk", flat=True)
        .distinct()
    )
    forget_who_answered(list(stale))
    return len(past)
