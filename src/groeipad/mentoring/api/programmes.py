"""Programmes in the API: the list, joining, and HR's side (rules, matching, closing,
the unmatched and the aggregated end feedback). HR's endpoints answer 403 to anyone else."""

from __future__ import annotations

from django.http import Http404
from django.utils.translation import gettext as _
from ninja import Router, Status
from ninja.errors import HttpError

from groeipad.api.errors import service_call as _errors
from groeipad.lib.api_types import Id
from groeipad.mentoring import selectors, services
from groeipad.mentoring.access import (
    get_programme_for,
    get_programme_to_manage_for,
    get_rule_for,
)
from groeipad.mentoring.api.schemas import (
    FeedbackRowOut,
    JoinIn,
    PairOut,
    ParticipantOut,
    ProgrammeIn,
    ProgrammeOut,
    RuleIn,
    RuleOut,
    UnmatchedOut,
    programme_out,
    rule_out,
)
from groeipad.mentoring.matching import MatchingError
from groeipad.mentoring.models import MeetingForm, Participant, Programme
from groeipad.people.scope import Viewer, viewer_for
from groeipad.skills.models import Competency

router = Router(tags=["mentoring"])


def _viewer(request) -> Viewer:
    return viewer_for(request.auth)


@router.get("/programmes", response=list[ProgrammeOut], url_name="mentoring_programme_list")
def programme_list(request):
    return [programme_out(p) for p in selectors.programme_list()]


@router.post("/programmes", response={201: ProgrammeOut}, url_name="mentoring_programme_create")
def programme_create(request, payload: ProgrammeIn):
    """HR starts a programme."""
    viewer = _viewer(request)
    programme = _errors(lambda: services.programme_create(actor=viewer, **payload.dict()))
    return Status(201, programme_out(programme))


@router.get(
    "/programmes/{programme_id}/pairs", response=list[PairOut], url_name="mentoring_pair_list"
)
def pair_list(request, programme_id: Id):
    programme = get_programme_to_manage_for(_viewer(request), programme_id)
    return [
        PairOut(
            mentor=m.mentor.employee.employee_number,
            mentee=m.mentee.employee.employee_number,
            score=m.score,
            status=m.status,
            locked=m.locked,
            reasons=m.reasons,
        )
        for m in selectors.programme_matches(programme)
    ]


@router.post("/programmes/{programme_id}/match", url_name="mentoring_match")
def match(request, programme_id: Id):
    """Propose pairs (locked and confirmed pairs stay): ``{"pairs": [...], "unmatched": [...]}``."""
    viewer = _viewer(request)
    programme = get_programme_to_manage_for(viewer, programme_id)
    try:
        result = _errors(lambda: services.programme_match(actor=viewer, programme=programme))
    except MatchingError as error:
        # A lock that breaks a hard rule: nothing changes; the message names the pair.
        raise HttpError(422, str(error)) from None
    return result.as_json()


def _competencies(ids: list[int], what: str) -> list[Competency]:
    found = selectors.competencies(ids)
    if len(found) != len(set(ids)):
        missing = sorted(set(ids) - {c.pk for c in found})
        raise HttpError(422, f"Unknown competency id in {what}: {', '.join(map(str, missing))}.")
    return found


@router.post("/programmes/{programme_id}/join", response=ParticipantOut, url_name="mentoring_join")
def join(request, programme_id: Id, payload: JoinIn):
    """Join as mentor or mentee with a profile (or update it); HR may enrol anyone."""
    viewer = _viewer(request)
    programme = get_programme_for(viewer, programme_id)
    if payload.employee_number:
        employee = selectors.employee_to_enrol(viewer, payload.employee_number)
        if employee is None:
            raise Http404  # not among those the viewer may see: never a hint
    else:
        employee = selectors.own_employee(viewer)
        if employee is None:
            raise HttpError(403, _("Only employees take part in mentoring."))
    if payload.meeting_form not in MeetingForm.values:
        raise HttpError(422, f"meeting_form is one of: {', '.join(MeetingForm.values)}.")
    offers = _competencies(payload.offers, "offers")
    wants = _competencies(payload.wants, "wants")
    participant = _errors(
        lambda: services.participant_join(
            actor=viewer,
            programme=programme,
            employee=employee,
            role=payload.role,
            capacity=payload.capacity,
            offers=offers,
            wants=wants,
            languages=payload.languages,
            meeting_form=payload.meeting_form,
        )
    )
    return ParticipantOut(
        id=participant.pk,
        employee_number=employee.employee_number,
        role=participant.role,
        capacity=participant.capacity,
        offers=sorted(c.pk for c in offers),
        wants=sorted(c.pk for c in wants),
        languages=participant.languages,
        meeting_form=participant.meeting_form,
    )


@router.post(
    "/programmes/{programme_id}/close", response=ProgrammeOut, url_name="mentoring_programme_close"
)
def programme_close(request, programme_id: Id):
    """End the programme: the confirmed pairs are asked for their end feedback."""
    viewer = _viewer(request)
    programme = get_programme_to_manage_for(viewer, programme_id)
    return programme_out(
        _errors(lambda: services.programme_close(actor=viewer, programme=programme))
    )


@router.get(
    "/programmes/{programme_id}/rules", response=list[RuleOut], url_name="mentoring_rule_list"
)
def rule_list(request, programme_id: Id):
    programme = get_programme_to_manage_for(_viewer(request), programme_id)
    return [rule_out(r) for r in selectors.programme_rules(programme)]


def _participant(programme: Programme, number: str, what: str) -> Participant:
    found = selectors.participant_by_number(programme, number)
    if found is None:
        raise HttpError(422, f"{number} is not a {what} in this programme.")
    return found


@router.post(
    "/programmes/{programme_id}/rules", response={201: RuleOut}, url_name="mentoring_rule_set"
)
def rule_set(request, programme_id: Id, payload: RuleIn):
    """Lock a pair (always made) or forbid it; a lock that breaks a hard rule answers 422."""
    viewer = _viewer(request)
    programme = get_programme_to_manage_for(viewer, programme_id)
    mentor = _participant(programme, payload.mentor, "mentor")
    mentee = _participant(programme, payload.mentee, "mentee")
    rule = _errors(
        lambda: services.pair_rule_set(
            actor=viewer, programme=programme, mentor=mentor, mentee=mentee, kind=payload.kind
        )
    )
    return Status(201, rule_out(rule))


@router.delete(
    "/programmes/{programme_id}/rules/{rule_id}",
    response={204: None},
    url_name="mentoring_rule_remove",
)
def rule_remove(request, programme_id: Id, rule_id: Id):
    viewer = _viewer(request)
    programme = get_programme_to_manage_for(viewer, programme_id)
    rule = get_rule_for(viewer, programme, rule_id)
    _errors(lambda: services.pair_rule_remove(actor=viewer, rule=rule))
    return Status(204, None)


@router.get(
    "/programmes/{programme_id}/unmatched",
    response=list[UnmatchedOut],
    url_name="mentoring_unmatched_list",
)
def unmatched_list(request, programme_id: Id):
    """Mentees without a pair and why (code blank: not matched yet or joined since)."""
    programme = get_programme_to_manage_for(_viewer(request), programme_id)
    return [
        UnmatchedOut(
            mentee=p.employee.employee_number,
            code=p.unmatched_reason,
            reason=p.get_unmatched_reason_display() if p.unmatched_reason else "",
        )
        for p in selectors.unmatched_mentees(programme)
    ]


@router.get(
    "/programmes/{programme_id}/feedback",
    response=list[FeedbackRowOut],
    url_name="mentoring_feedback_summary",
)
def feedback_summary(request, programme_id: Id):
    """Per role: the average rating and the answers behind it, or suppressed with the
    reason (fewer than k answers by distinct people; stepped as answers come in)."""
    programme = get_programme_to_manage_for(_viewer(request), programme_id)
    return [
        FeedbackRowOut(
            role=r.role,
            pairs=r.pairs,
            people=r.people,
            answers=r.answers,
            average=r.average,
            suppressed=r.cell.suppressed,
            suppressed_reason=r.cell.hidden_reason or None,
        )
        for r in selectors.feedback_summary(programme)
    ]
