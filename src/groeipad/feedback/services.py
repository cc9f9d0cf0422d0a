"""Writes of 360-degree feedback. Each checks who may, validates, saves and audits.

A rater's answers are deliberately not audited: an audit line with a time and a rater
would be exactly the link between a person and their answers that the round promises
not to keep anywhere readable.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import send_mail
from django.core.validators import validate_email
from django.db import transaction
from django.db.models import Q
from django.db.models.functions import Coalesce
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from groeipad.feedback import rules
from groeipad.feedback.access import token_hash
from groeipad.feedback.models import (
    Answer,
    FeedbackRound,
    FeedbackSettings,
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
MAX_MIN_GROUP_SIZE = 20


def _expiry(feedback_round: FeedbackRound, now: datetime) -> datetime:
    closes = timezone.make_aware(datetime.combine(feedback_round.closes_on, datetime.max.time()))
    return min(now + timedelta(days=LINK_DAYS), closes)


def settings_update(
    *, actor, min_group_size: int, show_manager_separately: bool
) -> FeedbackSettings:
    """HR sets the organisation's N and the manager choice; rounds copy them on opening."""
    if not rules.may_change_settings(actor):
        raise PermissionDenied(_("Only HR can change the feedback settings."))
    if min_group_size < 2:
        raise ValidationError(
            _("The minimum group size must be at least 2, or answers could be traced.")
        )
    if min_group_size > MAX_MIN_GROUP_SIZE:
        raise ValidationError(
            _("The minimum group size can be at most %(max)s.") % {"max": MAX_MIN_GROUP_SIZE}
        )
    current = FeedbackSettings.current()
    before = (current.min_group_size, current.show_manager_separately)
    current.min_group_size = min_group_size
    current.show_manager_separately = show_manager_separately
    current.updated_at = timezone.now()
    current.save()
    audit_record(
        actor=actor,
        action=AuditAction.UPDATE,
        object_type="feedback_settings",
        object_id=current.pk,
        summary=f"Changed the 360 feedback settings (N {before[0]} -> {min_group_size})",
        changes={
            "min_group_size": [before[0], min_group_size],
            "show_manager_separately": [before[1], show_manager_separately],
        },
    )
    return current


def _has_round_in_progress(employee: Employee) -> bool:
    return FeedbackRound.objects.filter(
        employee=employee, status__in=[RoundStatus.DRAFT, RoundStatus.OPEN]
    ).exists()


def _freeze_settings(feedback_round: FeedbackRound) -> None:
    current = FeedbackSettings.current()
    feedback_round.min_group_size = current.min_group_size
    feedback_round.show_manager_separately = current.show_manager_separately


@transaction.atomic
def round_start(
    *, actor, employee: Employee, closes_on: date, draft: bool = False
) -> FeedbackRound:
    """Start a round with the job profile's competencies and the four open questions.

    Open straight away (the employee's own round), or as a draft (HR for a group): then
    the employee adds raters and opens it. N and the manager choice are the
    organisation's (FeedbackSettings), copied when the round opens and fixed from then.
    """
    if not rules.may_start_round(actor, employee):
        raise PermissionDenied(_("You may not start a feedback round for this employee."))
    if closes_on <= timezone.localdate():
        raise ValidationError(_("The closing date must lie in the future."))
    if _has_round_in_progress(employee):
        raise ValidationError(
            _("%(name)s already has a feedback round in progress.") % {"name": employee.full_name}
        )
    feedback_round = FeedbackRound(
        employee=employee,
        started_by=actor if getattr(actor, "pk", None) else None,
        status=RoundStatus.DRAFT if draft else RoundStatus.OPEN,
        closes_on=closes_on,
    )
    _freeze_settings(feedback_round)
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
    audit_record(
        actor=actor,
        action=AuditAction.CREATE,
        object_type="feedback_round",
        object_id=feedback_round.pk,
        summary=(
            f"Started a draft 360 round for {employee.employee_number}"
            if draft
            else f"Started a 360 round for {employee.employee_number} "
            f"(N={feedback_round.min_group_size})"
        ),
    )
    return feedback_round


@transaction.atomic
def round_open(*, actor, feedback_round: FeedbackRound) -> int:
    """Open a draft: N and the manager choice are fixed now, invitations go out now.

    The employee's own self-assessment is added if missing. Returns how many were invited.
    """
    if not rules.may_manage_round(actor, feedback_round):
        raise PermissionDenied(_("You may not open this round."))
    locked = FeedbackRound.objects.select_for_update().get(pk=feedback_round.pk)
    if locked.status != RoundStatus.DRAFT:
        raise ValidationError(_("This round is not a draft; it was opened already."))
    if locked.closes_on <= timezone.localdate():
        raise ValidationError(_("The closing date must lie in the future."))
    _freeze_settings(locked)
    locked.status = RoundStatus.OPEN
    locked.save(update_fields=["status", "min_group_size", "show_manager_separately"])
    feedback_round.status = locked.status
    feedback_round.min_group_size = locked.min_group_size
    feedback_round.show_manager_separately = locked.show_manager_separately
    own = (feedback_round.employee.email or "").lower()
    sent = 0
    if own and not Rater.objects.filter(round=feedback_round, email=own).exists():
        invite_self(actor=actor, feedback_round=feedback_round)
        sent += 1
    now = timezone.now()
    for rater in Rater.objects.filter(round=feedback_round, invited_at__isnull=True):
        rater.round = feedback_round
        token = _new_token(rater)
        rater.expires_at = _expiry(feedback_round, now)
        rater.invited_at = now
        rater.save(update_fields=["token_hash", "expires_at", "invited_at"])
        _send_invitation(rater, token, reminder=False)
        sent += 1
    audit_record(
        actor=actor,
        action=AuditAction.UPDATE,
        object_type="feedback_round",
        object_id=feedback_round.pk,
        summary=f"Opened a 360 round (N={feedback_round.min_group_size}), {sent} invited",
    )
    return sent


@dataclass
class GroupStart:
    started: list[FeedbackRound] = field(default_factory=list)
    # (employee, reason) for everyone left out, with a reason a person can act on.
    skipped: list[tuple[Employee, str]] = field(default_factory=list)


def employees_of_department(department) -> list[Employee]:
    """Current employees of a department and all its sub-departments."""
    from groeipad.people.selectors import department_subtree_ids

    return list(
        Employee.objects.filter(
            department_id__in=department_subtree_ids(department.pk), leave_date__isnull=True
        )
        .select_related("job_profile")
        .order_by("employee_number")
    )


def rounds_start_for_group(*, actor, employees: list[Employee], closes_on: date) -> GroupStart:
    """HR starts draft rounds for a group; each employee adds raters and opens their own.

    People who already have a draft or open round are skipped and named in the result.
    """
    if not rules.may_start_group(actor):
        raise PermissionDenied(_("Only HR can start feedback rounds for a group."))
    if closes_on <= timezone.localdate():
        raise ValidationError(_("The closing date must lie in the future."))
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
        transaction.on_commit(lambda r=feedback_round: _send_draft_notice(r))
        result.started.append(feedback_round)
    return result


def _send_draft_notice(feedback_round: FeedbackRound) -> None:
    employee = feedback_round.employee
    with translation.override(settings.LANGUAGE_CODE):
        body = render_to_string(
            "feedback/email/draft_round.txt",
            {
                "employee": employee,
                "link": settings.BASE_URL + reverse("feedback:round", args=[feedback_round.pk]),
                "closes_on": feedback_round.closes_on,
            },
        )
        subject = _("Your 360-degree feedback round is ready to start")
    send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [employee.email])


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
    if feedback_round.status == RoundStatus.CLOSED:
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
    now = timezone.now()
    is_open = feedback_round.status == RoundStatus.OPEN
    rater = Rater(
        round=feedback_round,
        group=group,
        email=email,
        user=User.objects.filter(email__iexact=email).first(),
        expires_at=_expiry(feedback_round, now),
        # A draft keeps the rater on the list; the link is made and mailed on opening.
        invited_at=now if is_open else None,
    )
    token = _new_token(rater)
    rater.save()
    if is_open:
        _send_invitation(rater, token, reminder=False)
    audit_record(
        actor=actor,
        action=AuditAction.CREATE,
        object_type="feedback_rater",
        object_id=feedback_round.pk,
        summary=f"Invited a rater ({group}) to 360 round {feedback_round.pk}"
        if is_open
        else f"Added a rater ({group}) to draft 360 round {feedback_round.pk}",
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
    old link cannot be resent). A rater gets at most one e-mail per REMIND_AFTER: not
    within that time of the invitation or of the last reminder, however often this runs
    and however many workers run it at once. Returns how many were reminded."""
    if actor is not None and not rules.may_manage_round(actor, feedback_round):
        raise PermissionDenied(_("You may not send reminders for this round."))
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
            token = _new_token(rater)
            expires_at = _expiry(feedback_round, now)
            # Compare and swap on reminded_at: a second worker (or a second click) that
            # read the same rater finds it changed and sends nothing.
            claimed = Rater.objects.filter(
                pk=rater.pk, reminded_at=rater.reminded_at, submitted_at__isnull=True
            ).update(token_hash=rater.token_hash, expires_at=expires_at, reminded_at=now)
            if not claimed:
                continue
            rater.expires_at, rater.reminded_at = expires_at, now
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


def mentors_of(employee_id: int | None) -> list[Employee]:
    """The employee's mentors from confirmed mentoring pairs (read from mentoring)."""
    from groeipad.mentoring.models import MatchStatus
    from groeipad.mentoring.selectors import matches_of_employee

    return [
        match.mentor.employee
        for match in matches_of_employee(employee_id).filter(
            mentee__employee_id=employee_id, status=MatchStatus.CONFIRMED
        )
    ]


def round_share(
    *,
    actor,
    feedback_round: FeedbackRound,
    with_manager: bool,
    mentor_email: str = "",
    mentor_employee_id: int | None = None,
) -> None:
    """The employee alone decides who else reads their report: their manager, and/or one
    mentor (from their mentoring pair, or any colleague with an account by e-mail)."""
    if not rules.is_owner(actor, feedback_round):
        raise PermissionDenied(_("Only the employee can share their feedback report."))
    mentor = None
    if mentor_employee_id:
        if mentor_employee_id not in {e.pk for e in mentors_of(actor.employee_id)}:
            raise ValidationError(_("That person is not your mentor in a mentoring programme."))
        mentor = User.objects.filter(employee_id=mentor_employee_id, is_active=True).first()
        if mentor is None:
            raise ValidationError(_("Your mentor has no account yet; ask HR to create one."))
    elif mentor_email.strip():
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
