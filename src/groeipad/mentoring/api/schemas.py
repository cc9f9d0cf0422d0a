"""What the mentoring API reads and answers."""

from __future__ import annotations

from datetime import date

from ninja import Schema

from groeipad.lib.api_types import Id, SmallInt
from groeipad.mentoring.models import MeetingForm, PairRule, Programme
from groeipad.plans.models import Goal


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


class JoinIn(Schema):
    role: str
    capacity: SmallInt = 1
    offers: list[Id] = []  # competency ids
    wants: list[Id] = []
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


class RuleIn(Schema):
    mentor: str  # employee numbers
    mentee: str
    kind: str  # lock | forbid


class RuleOut(Schema):
    id: int
    mentor: str
    mentee: str
    kind: str


class UnmatchedOut(Schema):
    mentee: str
    code: str
    reason: str


class FeedbackRowOut(Schema):
    """One role's end feedback as a cell (privacy.anonymity.Cell.as_dict): ``average`` and
    ``answers`` (the answers behind it, stepped) are None while ``suppressed``."""

    role: str
    pairs: int
    people: int  # who can answer in this role (distinct people of the confirmed pairs)
    answers: int | None
    average: float | None
    suppressed: bool
    suppressed_reason: str | None


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
    rating: SmallInt
    brought: str = ""


class FeedbackOut(Schema):
    """Given: the answer itself is anonymous, stored linked to nobody, never returned."""

    role: str
    answered: bool


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
    # The viewer gave their end feedback (not what it said: it is anonymous).
    feedback_given: bool


class MeetingIn(Schema):
    date: date
    notes: str = ""


class MeetingOut(Schema):
    id: int
    date: date
    notes: str


class GoalLinkIn(Schema):
    goal_id: Id | None = None  # null unlinks


class SharingIn(Schema):
    share_goal: bool = False
    share_plan: bool = False


def programme_out(p: Programme) -> ProgrammeOut:
    return ProgrammeOut(
        id=p.pk,
        name=p.name,
        goals=p.goals,
        eligibility=p.eligibility,
        start_date=p.start_date,
        end_date=p.end_date,
        closed=p.closed_at is not None,
    )


def rule_out(rule: PairRule) -> RuleOut:
    return RuleOut(
        id=rule.pk,
        mentor=rule.mentor.employee.employee_number,
        mentee=rule.mentee.employee.employee_number,
        kind=rule.kind,
    )


def goal_out(g: Goal) -> GoalOut:
    return GoalOut(
        id=g.pk,
        title=g.title,
        why=g.why,
        success_criterion=g.success_criterion,
        deadline=g.deadline,
        status=g.status,
    )
