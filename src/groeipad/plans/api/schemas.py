"""What the plans API takes and gives."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from ninja import Schema

from groeipad.lib.api_types import Id, SmallInt


class MixPartOut(Schema):
    category: str
    amount: float
    percent: int
    guideline: int


class PlanOut(Schema):
    id: int
    employee_number: str
    status: str
    period_start: date
    period_end: date
    template: str | None
    strengths: str
    ambitions: str
    development_points: str
    co_signed: bool
    closing_summary: str
    previous_plan_id: int | None
    version: int
    mix_basis: str
    mix: list[MixPartOut]
    flags: list[str]


class PlanIn(Schema):
    employee_number: str
    period_start: date
    period_end: date
    template_id: Id | None = None


class PlanPatch(Schema):
    version: SmallInt
    strengths: str | None = None
    ambitions: str | None = None
    development_points: str | None = None
    period_start: date | None = None
    period_end: date | None = None


class VersionIn(Schema):
    version: SmallInt | None = None


class CloseIn(VersionIn):
    summary: str


class GoalOut(Schema):
    id: int
    plan_id: int
    title: str
    why: str
    success_criterion: str
    competency_id: int | None
    strategic_target_id: int | None
    basis: str
    owner: str
    deadline: date
    proposed_by: str
    status: str
    situation: str
    task: str
    action_taken: str
    result: str
    reflection: str
    transfer: str
    seeded_from_id: int | None
    version: int
    smart_missing: list[str]


class GoalIn(Schema):
    title: str
    deadline: date
    owner: str | None = None  # employee number; the plan's employee when left out
    why: str = ""
    success_criterion: str = ""
    basis: str = "development"
    competency_id: Id | None = None
    strategic_target_id: Id | None = None


class GoalPatch(Schema):
    version: SmallInt
    title: str | None = None
    why: str | None = None
    success_criterion: str | None = None
    deadline: date | None = None
    basis: str | None = None


class GoalCloseIn(Schema):
    version: SmallInt | None = None
    status: str
    result: str
    reflection: str
    situation: str = ""
    task: str = ""
    action_taken: str = ""
    transfer: str = ""


class ActionOut(Schema):
    id: int
    goal_id: int
    description: str
    instrument: str
    category: str
    owner: str
    due_date: date
    status: str
    hours: Decimal
    cost: Decimal
    source_checkin_id: int | None
    version: int


class ActionIn(Schema):
    goal_id: Id | None = None
    description: str
    instrument: str
    due_date: date
    owner: str | None = None
    hours: Decimal = Decimal(0)
    cost: Decimal = Decimal(0)
    status: str = "planned"


class ActionPatch(Schema):
    version: SmallInt
    description: str | None = None
    instrument: str | None = None
    due_date: date | None = None
    status: str | None = None
    hours: Decimal | None = None
    cost: Decimal | None = None


class CheckInOut(Schema):
    id: int
    employee_number: str
    manager_number: str
    plan_id: int | None
    scheduled_for: date
    status: str
    held_on: date | None
    shared_notes: str
    my_private_notes: str | None  # only your own; null when you are neither side
    version: int


class CheckInIn(Schema):
    employee_number: str
    scheduled_for: date


class CheckInRecordIn(Schema):
    version: SmallInt | None = None
    shared_notes: str = ""
    private_notes: str = ""
    held: bool = False
    held_on: date | None = None
    next_date: date | None = None


class NextStepIn(Schema):
    goal_id: Id | None = None
    description: str
    instrument: str
    due_date: date
    hours: Decimal = Decimal(0)
