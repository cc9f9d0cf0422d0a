"""One's own pairs in the API: the mentor and the mentee only (404 for anyone else, HR and
managers included): confirm, meetings, goal link, what the mentee shares, end feedback."""

from __future__ import annotations

from django.utils.translation import gettext as _
from ninja import Router, Status
from ninja.errors import HttpError

from groeipad.api.errors import service_call as _errors
from groeipad.lib.api_types import Id
from groeipad.mentoring import rules, selectors, services
from groeipad.mentoring.access import get_pair_for
from groeipad.mentoring.api.schemas import (
    FeedbackIn,
    FeedbackOut,
    GoalLinkIn,
    MeetingIn,
    MeetingOut,
    MyPairOut,
    PairDetailOut,
    PlanSummaryOut,
    SharingIn,
    goal_out,
)
from groeipad.mentoring.models import MatchStatus, Meeting
from groeipad.people.scope import Viewer, viewer_for

router = Router(tags=["mentoring"])


def _viewer(request) -> Viewer:
    return viewer_for(request.auth)


@router.get("/mine", response=list[MyPairOut], url_name="mentoring_mine")
def mine(request):
    employee_id = _viewer(request).employee_id
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


def _pair_out(viewer: Viewer, match_id: int) -> PairDetailOut:
    m = get_pair_for(viewer, match_id)
    is_mentor = rules.is_mentor_of(viewer, m)
    shared = selectors.shared_for(viewer, m)
    given = selectors.feedback_given(m, viewer.employee_id)
    plan = shared.plan
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
        goal=goal_out(shared.goal) if shared.goal else None,
        plan=PlanSummaryOut(
            id=plan.pk,
            period_start=plan.period_start,
            period_end=plan.period_end,
            strengths=plan.strengths,
            ambitions=plan.ambitions,
            development_points=plan.development_points,
            goals=[goal_out(g) for g in shared.plan_goals],
        )
        if plan
        else None,
        feedback_open=m.status == MatchStatus.CONFIRMED and m.programme.has_ended() and not given,
        feedback_given=given,
    )


@router.get("/pairs/{match_id}", response=PairDetailOut, url_name="mentoring_pair_detail")
def pair_detail(request, match_id: Id):
    return _pair_out(_viewer(request), match_id)


@router.post("/pairs/{match_id}/confirm", response=PairDetailOut, url_name="mentoring_pair_confirm")
def pair_confirm(request, match_id: Id):
    viewer = _viewer(request)
    match = get_pair_for(viewer, match_id)
    _errors(lambda: services.match_confirm(actor=viewer, match=match))
    return _pair_out(viewer, match_id)


def _meeting_out(meeting: Meeting) -> MeetingOut:
    return MeetingOut(id=meeting.pk, date=meeting.date, notes=meeting.notes)


@router.get(
    "/pairs/{match_id}/meetings", response=list[MeetingOut], url_name="mentoring_meeting_list"
)
def meeting_list(request, match_id: Id):
    return [_meeting_out(m) for m in get_pair_for(_viewer(request), match_id).meetings.all()]


@router.post(
    "/pairs/{match_id}/meetings",
    response={201: MeetingOut},
    url_name="mentoring_meeting_create",
)
def meeting_create(request, match_id: Id, payload: MeetingIn):
    """Log a meeting with short notes (once both have confirmed the pair)."""
    viewer = _viewer(request)
    match = get_pair_for(viewer, match_id)
    meeting = _errors(
        lambda: services.meeting_log(
            actor=viewer, match=match, on=payload.date, notes=payload.notes
        )
    )
    return Status(201, _meeting_out(meeting))


@router.post("/pairs/{match_id}/goal", response=PairDetailOut, url_name="mentoring_pair_goal_link")
def pair_goal_link(request, match_id: Id, payload: GoalLinkIn):
    """The mentee links a goal of their current development plan to the pair."""
    viewer = _viewer(request)
    match = get_pair_for(viewer, match_id)
    goal = None
    if payload.goal_id is not None:
        goal = selectors.goal_with_plan(payload.goal_id)
        if goal is None:
            raise HttpError(422, _("The goal must be in the mentee's own development plan."))
    _errors(lambda: services.match_goal_link(actor=viewer, match=match, goal=goal))
    return _pair_out(viewer, match_id)


@router.post(
    "/pairs/{match_id}/sharing", response=PairDetailOut, url_name="mentoring_pair_sharing_set"
)
def pair_sharing_set(request, match_id: Id, payload: SharingIn):
    """The mentee decides what the mentor sees: the linked goal and/or the plan summary."""
    viewer = _viewer(request)
    match = get_pair_for(viewer, match_id)
    _errors(
        lambda: services.match_sharing_set(
            actor=viewer,
            match=match,
            share_goal=payload.share_goal,
            share_plan=payload.share_plan,
        )
    )
    return _pair_out(viewer, match_id)


@router.post(
    "/pairs/{match_id}/feedback",
    response={201: FeedbackOut},
    url_name="mentoring_feedback_create",
)
def feedback_create(request, match_id: Id, payload: FeedbackIn):
    """End feedback, once per person and role in a programme, after it has ended.

    Anonymous: the answer is stored linked to nobody and not handed back (not even its
    id); the response says it was given."""
    viewer = _viewer(request)
    match = get_pair_for(viewer, match_id)
    feedback = _errors(
        lambda: services.feedback_give(
            actor=viewer, match=match, rating=payload.rating, brought=payload.brought
        )
    )
    return Status(201, FeedbackOut(role=feedback.role, answered=True))
