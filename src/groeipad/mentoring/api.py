"""Mentoring in the API: programmes, joining, pair rules and matching (HR), one's own pairs
(confirm, meetings, goal link, sharing, end feedback). Writes go through the same services as
the pages; a refusal answers 403 or 422 with the reason in words."""

from __future__ import annotations

from datetime import date

from django.shortcuts import get_object_or_404
from ninja import Router, Schema, Status
from ninja.errors import HttpError

from groeipad.api.errors import service_call as _errors
from groeipad.mentoring import rules, selectors, services
from groeipad.mentoring.access import match_for_member
from groeipad.mentoring.matching import MatchingError
from groeipad.mentoring.models import (
    Match,
    MatchStatus,
    Meeting,
    MeetingForm,
    PairFeedback,
    PairRule,
    Participant,
    Programme,
)
from groeipad.people.visibility import visible_employees
from groeipad.plans.models import Goal
from groeipad.skills.models import Competency

router = Router(tags=["mentoring"])


class ProgrammeIn(Schema):
    name: str
    start_date: date | None = None
    end_date: date | None = None
    goals: str = ""
    eligibility: str = ""


class ProgrammeOut(Schema):
    id: int
    name: str
    goals: str
    eligibility: str
    start_date: date | None = None
    end_date: date | None = None
    closed: bool = False


class PairOut(Schema):
    mentor: str
    mentee: str
    score: float
    status: str
    locked: bool
    reasons: dict


class MyPairOut(Schema):
    id: int
    programme: str
    role: str
    partner: str
    status: str
    meetings: int


def _programme_out(p: Programme) -> ProgrammeOut:
    return ProgrammeOut(
        id=p.pk,
        name=p.name,
        goals=p.goals,
        eligibility=p.eligibility,
        start_date=p.start_date,
        end_date=p.end_date,
        closed=p.closed_at is not None,
    )


@router.get("/programmes", response=list[ProgrammeOut], url_name="mentoring_programme_list")
def programme_list(request):
    return [_programme_out(p) for p in selectors.programme_list()]


@router.post("/programmes", response={201: ProgrammeOut}, url_name="mentoring_programme_create")
def programme_create(request, payload: ProgrammeIn):
    """HR starts a programme."""
    programme = _errors(lambda: services.programme_create(actor=request.auth, **payload.dict()))
    return Status(201, _programme_out(programme))


def _programme_for_hr(request, programme_id: int) -> Programme:
    if not rules.may_manage_programmes(request.auth):
        raise HttpError(403, "HR only")
    return get_object_or_404(Programme, pk=programme_id)


@router.get(
    "/programmes/{programme_id}/pairs", response=list[PairOut], url_name="mentoring_pair_list"
)
def pair_list(request, programme_id: int):
    programme = _programme_for_hr(request, programme_id)
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
def match(request, programme_id: int):
    """Propose pairs (locked and confirmed pairs stay): ``{"pairs": [...], "unmatched": [...]}``."""
    programme = _programme_for_hr(request, programme_id)
    try:
        result = _errors(lambda: services.programme_match(actor=request.auth, programme=programme))
    except MatchingError as error:
        # A lock that breaks a hard rule: nothing changes; the message names the pair.
        raise HttpError(422, str(error)) from None
    return result.as_json()


@router.get("/mine", response=list[MyPairOut], url_name="mentoring_mine")
def mine(request):
    employee_id = request.auth.employee_id
    out = []
    for m in selectors.matches_of_employee(employee_id):
        is_mentor = m.mentor.employee_id == employee_id
        partner = m.mentee if is_mentor else m.mentor
        out.append(
            MyPairOut(
                id=m.pk,
                programme=m.programme.name,
                role="mentor" if is_mentor else "mentee",
                partner=partner.employee.full_name,
                status=m.status,
                meetings=len(m.meetings.all()),
            )
        )
    return out


# --- HR: programme, rules, unmatched, end feedback -----------------------------------


class JoinIn(Schema):
    role: str
    capacity: int = 1
    offers: list[int] = []  # competency ids
    wants: list[int] = []
    languages: str = ""
    meeting_form: str = MeetingForm.ANY
    # HR enrols someone else by employee number; left out, the caller joins themself.
    employee_number: str | None = None


class ParticipantOut(Schema):
    id: int
    employee_number: str
    role: str
    capacity: int
    offers: list[int]
    wants: list[int]
    languages: str
    meeting_form: str


def _competencies(ids: list[int], what: str) -> list[Competency]:
    found = list(Competency.objects.filter(pk__in=set(ids)))
    if len(found) != len(set(ids)):
        missing = sorted(set(ids) - {c.pk for c in found})
        raise HttpError(422, f"Unknown competency id in {what}: {', '.join(map(str, missing))}.")
    return found


@router.post("/programmes/{programme_id}/join", response=ParticipantOut, url_name="mentoring_join")
def join(request, programme_id: int, payload: JoinIn):
    """Join as mentor or mentee with a profile (or update it); HR may enrol anyone."""
    programme = get_object_or_404(Programme, pk=programme_id)
    if payload.employee_number:
        employee = get_object_or_404(
            visible_employees(request.auth), employee_number=payload.employee_number
        )
    else:
        employee = getattr(request.auth, "employee", None)
        if employee is None:
            raise HttpError(403, "Only employees take part in mentoring.")
    if payload.meeting_form not in MeetingForm.values:
        raise HttpError(422, f"meeting_form is one of: {', '.join(MeetingForm.values)}.")
    offers = _competencies(payload.offers, "offers")
    wants = _competencies(payload.wants, "wants")
    participant = _errors(
        lambda: services.participant_join(
            actor=request.auth,
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
def programme_close(request, programme_id: int):
    """End the programme: the confirmed pairs are asked for their end feedback."""
    programme = _programme_for_hr(request, programme_id)
    return _programme_out(
        _errors(lambda: services.programme_close(actor=request.auth, programme=programme))
    )


class RuleIn(Schema):
    mentor: str  # employee numbers
    mentee: str
    kind: str  # lock | forbid


class RuleOut(Schema):
    id: int
    mentor: str
    mentee: str
    kind: str


def _rule_out(rule: PairRule) -> RuleOut:
    return RuleOut(
        id=rule.pk,
        mentor=rule.mentor.employee.employee_number,
        mentee=rule.mentee.employee.employee_number,
        kind=rule.kind,
    )


@router.get(
    "/programmes/{programme_id}/rules", response=list[RuleOut], url_name="mentoring_rule_list"
)
def rule_list(request, programme_id: int):
    programme = _programme_for_hr(request, programme_id)
    return [
        _rule_out(r)
        for r in PairRule.objects.filter(programme=programme)
        .select_related("mentor__employee", "mentee__employee")
        .order_by("pk")
    ]


@router.post(
    "/programmes/{programme_id}/rules", response={201: RuleOut}, url_name="mentoring_rule_set"
)
def rule_set(request, programme_id: int, payload: RuleIn):
    """Lock a pair (always made) or forbid it; a lock that breaks a hard rule answers 422."""
    programme = _programme_for_hr(request, programme_id)

    def participant(number: str, what: str) -> Participant:
        found = (
            Participant.objects.filter(programme=programme, employee__employee_number=number)
            .select_related("employee")
            .first()
        )
        if found is None:
            raise HttpError(422, f"{number} is not a {what} in this programme.")
        return found

    mentor, mentee = participant(payload.mentor, "mentor"), participant(payload.mentee, "mentee")
    rule = _errors(
        lambda: services.pair_rule_set(
            actor=request.auth, programme=programme, mentor=mentor, mentee=mentee, kind=payload.kind
        )
    )
    return Status(201, _rule_out(rule))


@router.delete(
    "/programmes/{programme_id}/rules/{rule_id}",
    response={204: None},
    url_name="mentoring_rule_remove",
)
def rule_remove(request, programme_id: int, rule_id: int):
    programme = _programme_for_hr(request, programme_id)
    rule = get_object_or_404(PairRule, pk=rule_id, programme=programme)
    _errors(lambda: services.pair_rule_remove(actor=request.auth, rule=rule))
    return Status(204, None)


class UnmatchedOut(Schema):
    mentee: str
    code: str
    reason: str


@router.get(
    "/programmes/{programme_id}/unmatched",
    response=list[UnmatchedOut],
    url_name="mentoring_unmatched_list",
)
def unmatched_list(request, programme_id: int):
    """Mentees without a pair and why (code blank: not matched yet or joined since)."""
    programme = _programme_for_hr(request, programme_id)
    matches = list(Match.objects.filter(programme=programme).only("mentee_id"))
    return [
        UnmatchedOut(
            mentee=p.employee.employee_number,
            code=p.unmatched_reason,
            reason=p.get_unmatched_reason_display() if p.unmatched_reason else "",
        )
        for p in selectors.unmatched_mentees(programme, matches)
    ]


class FeedbackRowOut(Schema):
    role: str
    pairs: int
    answers: int
    average: float | None


@router.get(
    "/programmes/{programme_id}/feedback",
    response=list[FeedbackRowOut],
    url_name="mentoring_feedback_summary",
)
def feedback_summary(request, programme_id: int):
    """Per role: answers out of the confirmed pairs and the average rating (from 3 answers on)."""
    programme = _programme_for_hr(request, programme_id)
    return [
        FeedbackRowOut(role=r.role, pairs=r.pairs, answers=r.answers, average=r.average)
        for r in selectors.feedback_summary(programme)
    ]


# --- One's own pair: the mentor and the mentee only (404 for anyone else, HR included) ---


class GoalOut(Schema):
    id: int
    title: str
    why: str
    success_criterion: str
    deadline: date
    status: str


class PlanSummaryOut(Schema):
    id: int
    period_start: date
    period_end: date
    strengths: str
    ambitions: str
    development_points: str
    goals: list[GoalOut]


class FeedbackIn(Schema):
    rating: int
    brought: str = ""


class FeedbackOut(Schema):
    role: str
    rating: int
    brought: str


class PairDetailOut(Schema):
    id: int
    programme: str
    role: str
    partner: str
    status: str
    mentor_confirmed: bool
    mentee_confirmed: bool
    score: float
    reasons: dict
    meetings: int
    share_goal: bool
    share_plan: bool
    # The mentee sees their linked goal; the mentor only when the mentee shares it.
    goal: GoalOut | None
    # The mentor sees the mentee's plan summary only when the mentee shares it.
    plan: PlanSummaryOut | None
    feedback_open: bool
    my_feedback: FeedbackOut | None


def _goal_out(g: Goal) -> GoalOut:
    return GoalOut(
        id=g.pk,
        title=g.title,
        why=g.why,
        success_criterion=g.success_criterion,
        deadline=g.deadline,
        status=g.status,
    )


def _feedback_out(f: PairFeedback) -> FeedbackOut:
    return FeedbackOut(role=f.role, rating=f.rating, brought=f.brought)


def _pair_out(request, match_id: int) -> PairDetailOut:
    user = request.auth
    m = match_for_member(user, match_id)
    is_mentor = rules.is_mentor_of(user, m)
    shared = selectors.shared_for(user, m)
    mine = selectors.my_feedback(m, user.employee_id)
    return PairDetailOut(
        id=m.pk,
        programme=m.programme.name,
        role="mentor" if is_mentor else "mentee",
        partner=(m.mentee if is_mentor else m.mentor).employee.full_name,
        status=m.status,
        mentor_confirmed=m.mentor_confirmed,
        mentee_confirmed=m.mentee_confirmed,
        score=m.score,
        reasons=m.reasons,
        meetings=len(m.meetings.all()),
        share_goal=m.share_goal,
        share_plan=m.share_plan,
        goal=_goal_out(shared.goal) if shared.goal else None,
        plan=PlanSummaryOut(
            id=shared.plan.pk,
            period_start=shared.plan.period_start,
            period_end=shared.plan.period_end,
            strengths=shared.plan.strengths,
            ambitions=shared.plan.ambitions,
            development_points=shared.plan.development_points,
            goals=[_goal_out(g) for g in shared.plan_goals],
        )
        if shared.plan
        else None,
        feedback_open=m.status == MatchStatus.CONFIRMED
        and m.programme.has_ended()
        and mine is None,
        my_feedback=_feedback_out(mine) if mine else None,
    )


@router.get("/pairs/{match_id}", response=PairDetailOut, url_name="mentoring_pair_detail")
def pair_detail(request, match_id: int):
    return _pair_out(request, match_id)


@router.post("/pairs/{match_id}/confirm", response=PairDetailOut, url_name="mentoring_pair_confirm")
def pair_confirm(request, match_id: int):
    match = match_for_member(request.auth, match_id)
    _errors(lambda: services.match_confirm(actor=request.auth, match=match))
    return _pair_out(request, match_id)


class MeetingIn(Schema):
    date: date
    notes: str = ""


class MeetingOut(Schema):
    id: int
    date: date
    notes: str


def _meeting_out(meeting: Meeting) -> MeetingOut:
    return MeetingOut(id=meeting.pk, date=meeting.date, notes=meeting.notes)


@router.get(
    "/pairs/{match_id}/meetings", response=list[MeetingOut], url_name="mentoring_meeting_list"
)
def meeting_list(request, match_id: int):
    return [_meeting_out(m) for m in match_for_member(request.auth, match_id).meetings.all()]


@router.post(
    "/pairs/{match_id}/meetings",
    response={201: MeetingOut},
    url_name="mentoring_meeting_create",
)
def meeting_create(request, match_id: int, payload: MeetingIn):
    """Log a meeting with short notes (once both have confirmed the pair)."""
    match = match_for_member(request.auth, match_id)
    meeting = _errors(
        lambda: services.meeting_log(
            actor=request.auth, match=match, on=payload.date, notes=payload.notes
        )
    )
    return Status(201, _meeting_out(meeting))


class GoalLinkIn(Schema):
    goal_id: int | None = None  # null unlinks


@router.post("/pairs/{match_id}/goal", response=PairDetailOut, url_name="mentoring_pair_goal_link")
def pair_goal_link(request, match_id: int, payload: GoalLinkIn):
    """The mentee links a goal of their current development plan to the pair."""
    match = match_for_member(request.auth, match_id)
    goal = None
    if payload.goal_id is not None:
        goal = Goal.objects.select_related("plan").filter(pk=payload.goal_id).first()
        if goal is None:
            raise HttpError(422, "The goal must be in the mentee's own development plan.")
    _errors(lambda: services.match_goal_link(actor=request.auth, match=match, goal=goal))
    return _pair_out(request, match_id)


class SharingIn(Schema):
    share_goal: bool = False
    share_plan: bool = False


@router.post(
    "/pairs/{match_id}/sharing", response=PairDetailOut, url_name="mentoring_pair_sharing_set"
)
def pair_sharing_set(request, match_id: int, payload: SharingIn):
    """The mentee decides what the mentor sees: the linked goal and/or the plan summary."""
    match = match_for_member(request.auth, match_id)
    _errors(
        lambda: services.match_sharing_set(
            actor=request.auth,
            match=match,
            share_goal=payload.share_goal,
            share_plan=payload.share_plan,
        )
    )
    return _pair_out(request, match_id)


@router.post(
    "/pairs/{match_id}/feedback",
    response={201: FeedbackOut},
    url_name="mentoring_feedback_create",
)
def feedback_create(request, match_id: int, payload: FeedbackIn):
    """End feedback, once per person per pair, after the programme has ended."""
    match = match_for_member(request.auth, match_id)
    feedback = _errors(
        lambda: services.feedback_give(
            actor=request.auth, match=match, rating=payload.rating, brought=payload.brought
        )
    )
    return Status(201, _feedback_out(feedback))
