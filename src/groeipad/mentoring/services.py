"""Writes about mentoring. Each is an action (``lib.actions``): who may, validate, save,
and a typed audit record, in one transaction."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from groeipad.lib.actions import action, ensure
from groeipad.mentoring import matching, rules, selectors
from groeipad.mentoring.models import (
    Match,
    MatchStatus,
    Meeting,
    MeetingForm,
    PairFeedback,
    PairRule,
    Participant,
    Programme,
    Role,
    RuleKind,
    UnmatchedReason,
)
from groeipad.mentoring.rules import MentoringActor
from groeipad.people.models import Employee
from groeipad.plans.models import Goal, PlanStatus
from groeipad.privacy.models import AuditAction, ObjectType
from groeipad.privacy.services import audit_record


def _check_open(programme: Programme) -> None:
    if programme.closed_at is not None:
        raise ValidationError(_("The programme %(name)s is closed.") % {"name": programme.name})


@action
def programme_create(
    *,
    actor: MentoringActor,
    name: str,
    start_date: date | None = None,
    end_date: date | None = None,
    goals: str = "",
    eligibility: str = "",
) -> Programme:
    ensure(rules.may_manage_programmes(actor))
    name = name.strip()
    if not name:
        raise ValidationError(_("A programme needs a name."))
    if start_date and end_date and end_date < start_date:
        raise ValidationError(_("The programme ends before it starts."))
    if Programme.objects.filter(name=name).exists():
        raise ValidationError(_("A programme named %(name)s exists already.") % {"name": name})
    programme = Programme.objects.create(
        name=name,
        start_date=start_date,
        end_date=end_date,
        goals=goals,
        eligibility=eligibility,
    )
    audit_record(
        actor=actor,
        action=AuditAction.CREATE,
        object_type=ObjectType.MENTORING_PROGRAMME,
        object_id=programme.pk,
        summary=f"created mentoring programme {name}",
    )
    return programme


@action
def participant_join(
    *,
    actor: MentoringActor,
    programme: Programme,
    employee: Employee,
    role: str,
    capacity: int = 1,
    offers=(),
    wants=(),
    languages: str = "",
    meeting_form: str = MeetingForm.ANY,
) -> Participant:
    """Enrol ``employee`` as mentor or mentee, or update their profile when enrolled."""
    ensure(rules.may_join(actor, employee))
    _check_open(programme)
    if role not in Role.values:
        raise ValidationError(_("The role must be mentor or mentee."))
    if role == Role.MENTEE:
        capacity = 1
    if not 1 <= capacity <= 100:
        raise ValidationError(_("A mentor's capacity is 1 to 100 mentees."))
    parts = sorted({p.strip().lower() for p in languages.replace(";", ",").split(",") if p.strip()})
    participant, created = Participant.objects.update_or_create(
        programme=programme,
        employee=employee,
        defaults={
            "role": role,
            "capacity": capacity,
            "languages": ", ".join(parts)[:200],
            "meeting_form": meeting_form,
        },
    )
    participant.offers.set(offers)
    participant.wants.set(wants)
    audit_record(
        actor=actor,
        action=AuditAction.CREATE if created else AuditAction.UPDATE,
        object_type=ObjectType.MENTORING_PARTICIPANT,
        object_id=participant.pk,
        summary=f"{employee.employee_number} {role} in {programme.name}",
    )
    return participant


@action
def pair_rule_set(
    *,
    actor: MentoringActor,
    programme: Programme,
    mentor: Participant,
    mentee: Participant,
    kind: str,
) -> PairRule:
    """Lock a pair (always made) or forbid it (never made); a lock must obey the hard rules."""
    ensure(rules.may_manage_programmes(actor))
    _check_open(programme)
    if kind not in RuleKind.values:
        raise ValidationError(_("A pair rule is a lock or a forbid."))
    if not (
        mentor.programme_id == mentee.programme_id == programme.pk
        and mentor.role == Role.MENTOR
        and mentee.role == Role.MENTEE
    ):
        raise ValidationError(_("Pick a mentor and a mentee of this programme."))
    if kind == RuleKind.LOCK:
        mentors, mentees, locks, forbids = selectors.matching_input(programme)
        locks = {lock for lock in locks if lock[1] != mentee.pk} | {(mentor.pk, mentee.pk)}
        forbids.discard((mentor.pk, mentee.pk))
        try:
            # Check every hard rule now, with the other locks: HR hears it at once.
            matching.solve(mentors, mentees, locks=locks, forbids=forbids, top_k=1)
        except matching.MatchingError as error:
            raise ValidationError(str(error)) from error
    if kind == RuleKind.LOCK:
        # A mentee has one mentor: a new lock replaces their earlier one.
        PairRule.objects.filter(mentee=mentee, kind=RuleKind.LOCK).exclude(mentor=mentor).delete()
    rule, _created = PairRule.objects.update_or_create(
        mentor=mentor, mentee=mentee, defaults={"programme": programme, "kind": kind}
    )
    audit_record(
        actor=actor,
        action=AuditAction.UPDATE,
        object_type=ObjectType.MENTORING_PROGRAMME,
        object_id=programme.pk,
        summary=f"{kind} {mentor.employee.employee_number} - {mentee.employee.employee_number}",
    )
    return rule


@action
def pair_rule_remove(*, actor: MentoringActor, rule: PairRule) -> None:
    ensure(rules.may_manage_programmes(actor))
    rule.delete()
    audit_record(
        actor=actor,
        action=AuditAction.DELETE,
        object_type=ObjectType.MENTORING_PROGRAMME,
        object_id=rule.programme_id,
        summary=f"removed {rule.kind} {rule.mentor_id} - {rule.mentee_id}",
    )


@action
def programme_match(
    *, actor: MentoringActor, programme: Programme, save: bool = True
) -> matching.Result:
    """Propose pairs: replaces earlier proposals, keeps locked and confirmed pairs.

    Raises ``matching.MatchingError`` when the locks break a hard rule; nothing changes then.
    """
    ensure(rules.may_manage_programmes(actor))
    _check_open(programme)
    mentors, mentees, locks, forbids = selectors.matching_input(programme)
    result = matching.solve(mentors, mentees, locks=locks, forbids=forbids)
    if not save:
        return result
    # Why each mentee stays without a mentor, for HR's page; cleared for the matched.
    Participant.objects.filter(programme=programme).exclude(unmatched_reason="").update(
        unmatched_reason=""
    )
    for code in UnmatchedReason.values:
        keys = [u.mentee.key for u in result.unmatched if u.code == code]
        if keys:
            Participant.objects.filter(pk__in=keys).update(unmatched_reason=code)
    programme.matched_at = timezone.now()
    programme.save(update_fields=["matched_at"])
    confirmed = set(
        Match.objects.filter(programme=programme, status=MatchStatus.CONFIRMED).values_list(
            "mentee_id", flat=True
        )
    )
    Match.objects.filter(programme=programme).exclude(status=MatchStatus.CONFIRMED).delete()
    Match.objects.bulk_create(
        [
            Match(
                programme=programme,
                mentor_id=pair.mentor.key,
                mentee_id=pair.mentee.key,
                score=pair.score,
                reasons=pair.reasons,
                locked=pair.locked,
            )
            for pair in result.pairs
            if pair.mentee.key not in confirmed
        ],
        batch_size=1000,
    )
    audit_record(
        actor=actor,
        action=AuditAction.UPDATE,
        object_type=ObjectType.MENTORING_PROGRAMME,
        object_id=programme.pk,
        summary=f"matched {programme.name}: {len(result.pairs)} pairs, "
        f"{len(result.unmatched)} unmatched",
        changes={"pairs": len(result.pairs), "unmatched": len(result.unmatched)},
    )
    return result


@action
def match_confirm(*, actor: MentoringActor, match: Match) -> Match:
    """The mentor or the mentee agrees to the pair; confirmed once both have."""
    ensure(rules.may_confirm(actor, match))
    _check_open(match.programme)
    if rules.employee_id_of(actor) == match.mentor.employee_id:
        match.mentor_confirmed = True
    if rules.employee_id_of(actor) == match.mentee.employee_id:
        match.mentee_confirmed = True
    if match.mentor_confirmed and match.mentee_confirmed:
        match.status = MatchStatus.CONFIRMED
    match.save(update_fields=["mentor_confirmed", "mentee_confirmed", "status"])
    audit_record(
        actor=actor,
        action=AuditAction.UPDATE,
        object_type=ObjectType.MENTORING_MATCH,
        object_id=match.pk,
        summary=f"confirmed, status {match.status}",
    )
    return match


@action
def meeting_log(*, actor: MentoringActor, match: Match, on: date, notes: str = "") -> Meeting:
    ensure(rules.may_log_meeting(actor, match))
    if match.status != MatchStatus.CONFIRMED:
        raise ValidationError(_("Meetings are logged once both have confirmed the pair."))
    _check_open(match.programme)
    meeting = Meeting.objects.create(match=match, date=on, notes=notes.strip()[:2000])
    audit_record(
        actor=actor,
        action=AuditAction.CREATE,
        object_type=ObjectType.MENTORING_MEETING,
        object_id=meeting.pk,
        summary=f"meeting on {on.isoformat()} for match {match.pk}",
    )
    return meeting


@action
def programme_close(*, actor: MentoringActor, programme: Programme) -> Programme:
    """HR ends the programme: no more joining, matching or meetings; end feedback opens."""
    ensure(rules.may_manage_programmes(actor))
    _check_open(programme)
    programme.closed_at = timezone.now()
    programme.save(update_fields=["closed_at"])
    audit_record(
        actor=actor,
        action=AuditAction.UPDATE,
        object_type=ObjectType.MENTORING_PROGRAMME,
        object_id=programme.pk,
        summary=f"closed mentoring programme {programme.name}",
    )
    return programme


def _check_confirmed(match: Match, message: str) -> None:
    if match.status != MatchStatus.CONFIRMED:
        raise ValidationError(message)


@action
def match_goal_link(*, actor: MentoringActor, match: Match, goal: Goal | None) -> Match:
    """The mentee links a goal of their own (open) development plan to the pair, or unlinks."""
    ensure(rules.is_mentee_of(actor, match), _("Only the mentee links a goal to the pair."))
    _check_confirmed(match, _("A goal is linked once both have confirmed the pair."))
    if goal is not None:
        if goal.plan.employee_id != match.mentee.employee_id:
            raise ValidationError(_("The goal must be in the mentee's own development plan."))
        if goal.plan.status == PlanStatus.CLOSED:
            raise ValidationError(_("The goal is in a closed plan; pick one of the current plan."))
    match.goal = goal
    match.save(update_fields=["goal"])
    audit_record(
        actor=actor,
        action=AuditAction.UPDATE,
        object_type=ObjectType.MENTORING_MATCH,
        object_id=match.pk,
        summary=f"goal {goal.pk if goal else 'none'} linked",
    )
    return match


@action
def match_sharing_set(
    *, actor: MentoringActor, match: Match, share_goal: bool, share_plan: bool
) -> Match:
    """The mentee decides what the mentor sees: the linked goal, the plan summary, or neither."""
    ensure(rules.is_mentee_of(actor, match), _("Only the mentee decides what the mentor sees."))
    _check_confirmed(match, _("Sharing is set once both have confirmed the pair."))
    match.share_goal = bool(share_goal)
    match.share_plan = bool(share_plan)
    match.save(update_fields=["share_goal", "share_plan"])
    audit_record(
        actor=actor,
        action=AuditAction.UPDATE,
        object_type=ObjectType.MENTORING_MATCH,
        object_id=match.pk,
        summary=f"sharing: goal {match.share_goal}, plan {match.share_plan}",
        changes={"share_goal": match.share_goal, "share_plan": match.share_plan},
    )
    return match


@action
def feedback_give(
    *, actor: MentoringActor, match: Match, rating: int, brought: str = ""
) -> PairFeedback:
    """The mentor or the mentee says, once, how useful the pair was (1-5) and what it brought.

    An anonymous answer (specs/anonymity.md): stored linked to nobody, with its programme
    and role only; the pair is marked answered for that side. One answer per person and
    role in a programme: a mentor of several pairs answers once (with no link, a second
    answer could not be told from another person's).
    """
    ensure(rules.is_in_pair(actor, match))
    _check_confirmed(match, _("Only a confirmed pair gives feedback."))
    if not match.programme.has_ended():
        raise ValidationError(
            _("Feedback is asked once the programme has ended or HR has closed it.")
        )
    if not isinstance(rating, int) or not 1 <= rating <= 5:
        raise ValidationError(_("The rating is a whole number from 1 to 5."))
    role = Role.MENTOR if rules.employee_id_of(actor) == match.mentor.employee_id else Role.MENTEE
    flag = f"{role}_answered"
    # The person's pairs in this programme in this role, locked: two tabs at once give
    # one answer.
    side = Q(mentor_id=match.mentor_id) if role == Role.MENTOR else Q(mentee_id=match.mentee_id)
    mine = list(
        Match.objects.select_for_update()
        .filter(side, programme_id=match.programme_id)
        .order_by("pk")
        .values_list(flag, flat=True)
    )
    if any(mine):
        if role == Role.MENTOR and len(mine) > 1:
            raise ValidationError(
                _(
                    "You have already given your feedback as a mentor in this programme. It "
                    "is anonymous, so it is given once per programme, for all your pairs."
                )
            )
        raise ValidationError(_("You have already given feedback on this pair."))
    Match.objects.filter(pk=match.pk).update(**{flag: True})
    setattr(match, flag, True)
    feedback = PairFeedback.objects.create(
        programme_id=match.programme_id, role=role, rating=rating, brought=brought.strip()[:2000]
    )
    # That an answer arrived on the programme's form, never who gave it: no actor, no
    # pair, no answer id (specs/anonymity.md).
    audit_record(
        actor=None,
        action=AuditAction.CREATE,
        object_type=ObjectType.MENTORING_FEEDBACK,
        object_id=match.programme_id,
        summary=f"anonymous {role} feedback arrived on a programme",
    )
    return feedback
