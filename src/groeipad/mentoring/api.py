"""Mentoring in the API: programmes, matching (HR) and one's own pairs."""

from __future__ import annotations

from django.shortcuts import get_object_or_404
from ninja import Router, Schema
from ninja.errors import HttpError

from groeipad.mentoring import rules, selectors, services
from groeipad.mentoring.matching import MatchingError
from groeipad.mentoring.models import Programme

router = Router(tags=["mentoring"])


class ProgrammeOut(Schema):
    id: int
    name: str
    goals: str
    eligibility: str


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


@router.get("/programmes", response=list[ProgrammeOut], url_name="mentoring_programme_list")
def programme_list(request):
    return [
        ProgrammeOut(id=p.pk, name=p.name, goals=p.goals, eligibility=p.eligibility)
        for p in selectors.programme_list()
    ]


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
        result = services.programme_match(actor=request.auth, programme=programme)
    except MatchingError as error:
        raise HttpError(400, str(error)) from error
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
