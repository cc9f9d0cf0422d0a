"""Writes about mentoring. Each checks who may, validates, saves and audits."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from groeipad.mentoring import matching, rules, selectors
from groeipad.mentoring.models import (
    Match,
    MatchStatus,
    Meeting,
    MeetingForm,
    PairRule,
    Participant,
    Programme,
    Role,
    RuleKind,
)
from groeipad.privacy.models import AuditAction
from groeipad.privacy.services import audit_record


def programme_create(
    *,
    actor,
    name: str,
    start_date: date | None = None,
    end_date: date | None = None,
    goals: str = "",
    eligibility: str = "",
) -> Programme:
    if not rules.may_manage_programmes(actor):
        raise PermissionDenied
    name = name.strip()
    if not name:
        raise ValidationError(_("A programme needs a name."))
    if start_date and end_date and end_date < start_date:
        raise ValidationError(_("The programme ends before it starts."))
    if Programme.objects.filter(name=name).exists():
        raise ValidationError(_("A programme named %(name)s exists already.") % {"name": name})
    with transaction.atomic():
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
            object_type="mentoring_programme",
            object_id=programme.pk,
            summary=f"created mentoring programme {name}",
        )
    return programme


def participant_join(
    *,
    actor,
    programme: Programme,
    employee,
    role: str,
    capacity: int = 1,
    offers=(),
    wants=(),
    languages: str = "",
    meeting_form: str = MeetingForm.ANY,
) -> Participant:
    """Enrol ``employee`` as mentor or mentee, or update their profile when enrolled."""
    if not rules.may_join(actor, employee):
        raise PermissionDenied
    if role not in Role.values:
        raise ValidationError(_("The role must be mentor or mentee."))
    if role == Role.MENTEE:
        capacity = 1
    if not 1 <= capacity <= 100:
        raise ValidationError(_("A mentor's capacity is 1 to 100 mentees."))
    parts = sorted({p.strip().lower() for p in languages.replace(";", ",").split(",") if p.strip()})
    with transaction.atomic():
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
            object_type="mentoring_participant",
            object_id=participant.pk,
            summary=f"{employee.employee_number} {role} in {programme.name}",
        )
    return participant


def pair_rule_set(
    *, actor, programme: Programme, mentor: Participant, mentee: Participant, kind: str
) -> PairRule:
    """Lock a pair (always made) or forbid it (never made); a lock must obey the hard rules."""
    if not rules.may_manage_programmes(actor):
        raise PermissionDenied
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
    with transaction.atomic():
        if kind == RuleKind.LOCK:
            # A mentee has one mentor: a new lock replaces their earlier one.
            PairRule.objects.filter(mentee=mentee, kind=RuleKind.LOCK).exclude(
                mentor=mentor
            ).delete()
        rule, _created = PairRule.objects.update_or_create(
            mentor=mentor, mentee=mentee, defaults={"programme": programme, "kind": kind}
        )
        audit_record(
            actor=actor,
            action=AuditAction.UPDATE,
            object_type="mentoring_programme",
            object_id=programme.pk,
            summary=f"{kind} {mentor.employee.employee_number} - {mentee.employee.employee_number}",
        )
    return rule


def pair_rule_remove(*, actor, rule: PairRule) -> None:
    if not rules.may_manage_programmes(actor):
        raise PermissionDenied
    with transaction.atomic():
        rule.delete()
        audit_record(
            actor=actor,
            action=AuditAction.DELETE,
            object_type="mentoring_programme",
            object_id=rule.programme_id,
            summary=f"removed {rule.kind} {rule.mentor_id} - {rule.mentee_id}",
        )


def programme_match(*, actor, programme: Programme, save: bool = True) -> matching.Result:
    """Propose pairs: replaces earlier proposals, keeps locked and confirmed pairs.

    Raises ``matching.MatchingError`` when the locks break a hard rule; nothing changes then.
    """
    if not rules.may_manage_programmes(actor):
        raise PermissionDenied
    mentors, mentees, locks, forbids = selectors.matching_input(programme)
    result = matching.solve(mentors, mentees, locks=locks, forbids=forbids)
    if not save:
        return result
    with transaction.atomic():
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
            object_type="mentoring_programme",
            object_id=programme.pk,
            summary=f"matched {programme.name}: {len(result.pairs)} pairs, "
            f"{len(result.unmatched)} unmatched",
            changes={"pairs": len(result.pairs), "unmatched": len(result.unmatched)},
        )
    return result


def match_confirm(*, actor, match: Match) -> Match:
    """The mentor or the mentee agrees to the pair; confirmed once both have."""
    if not rules.may_confirm(actor, match):
        raise PermissionDenied
    with transaction.atomic():
        if actor.employee_id == match.mentor.employee_id:
            match.mentor_confirmed = True
        if actor.employee_id == match.mentee.employee_id:
            match.mentee_confirmed = True
        if match.mentor_confirmed and match.mentee_confirmed:
            match.status = MatchStatus.CONFIRMED
        match.save(update_fields=["mentor_confirmed", "mentee_confirmed", "status"])
        audit_record(
            actor=actor,
            action=AuditAction.UPDATE,
            object_type="mentoring_match",
            object_id=match.pk,
            summary=f"confirmed, status {match.status}",
        )
    return match


def meeting_log(*, actor, match: Match, on: date, notes: str = "") -> Meeting:
    if not rules.may_log_meeting(actor, match):
        raise PermissionDenied
    if match.status != MatchStatus.CONFIRMED:
        raise ValidationError(_("Meetings are logged once both have confirmed the pair."))
    with transaction.atomic():
        meeting = Meeting.objects.create(match=match, date=on, notes=notes.strip()[:2000])
        audit_record(
            actor=actor,
            action=AuditAction.CREATE,
            object_type="mentoring_meeting",
            object_id=meeting.pk,
            summary=f"meeting on {on.isoformat()} for match {match.pk}",
        )
    return meeting
