"""Development plans, goals, actions and check-ins in the API, with the pages' visibility.

A check-in's private notes go only to their writer: the employee's to the employee, the
manager's to the manager; never to the other side, nor to HR.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.utils import timezone
from ninja import Router, Schema, Status
from ninja.errors import HttpError

from groeipad.api.errors import service_call as _errors
from groeipad.people.access import employee_for_viewer
from groeipad.people.models import Employee
from groeipad.plans import access, selectors, services
from groeipad.plans.models import Action, CheckIn, DevelopmentPlan, Goal, PlanTemplate

router = Router(tags=["plans"])


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
    template_id: int | None = None


class PlanPatch(Schema):
    version: int
    strengths: str | None = None
    ambitions: str | None = None
    development_points: str | None = None
    period_start: date | None = None
    period_end: date | None = None


class VersionIn(Schema):
    version: int | None = None


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
    competency_id: int | None = None
    strategic_target_id: int | None = None


class GoalPatch(Schema):
    version: int
    title: str | None = None
    why: str | None = None
    success_criterion: str | None = None
    deadline: date | None = None
    basis: str | None = None


class GoalCloseIn(Schema):
    version: int | None = None
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
    goal_id: int | None = None
    description: str
    instrument: str
    due_date: date
    owner: str | None = None
    hours: Decimal = Decimal(0)
    cost: Decimal = Decimal(0)
    status: str = "planned"


class ActionPatch(Schema):
    version: int
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
    version: int | None = None
    shared_notes: str = ""
    private_notes: str = ""
    held: bool = False
    held_on: date | None = None
    next_date: date | None = None


class NextStepIn(Schema):
    goal_id: int | None = None
    description: str
    instrument: str
    due_date: date
    hours: Decimal = Decimal(0)


def _plan_out(plan: DevelopmentPlan) -> PlanOut:
    goals = selectors.plan_goals(plan)
    mix = selectors.mix_of([a for g in goals for a in g.actions.all()])
    return PlanOut(
        id=plan.pk,
        employee_number=plan.employee.employee_number,
        status=plan.status,
        period_start=plan.period_start,
        period_end=plan.period_end,
        template=plan.template.name if plan.template else None,
        strengths=plan.strengths,
        ambitions=plan.ambitions,
        development_points=plan.development_points,
        co_signed=plan.signed_at is not None,
        closing_summary=plan.closing_summary,
        previous_plan_id=plan.previous_plan_id,
        version=plan.version,
        mix_basis=mix.basis,
        mix=[
            MixPartOut(
                category=p.category,
                amount=float(p.amount),
                percent=p.percent,
                guideline=p.guideline,
            )
            for p in mix.parts
        ],
        flags=selectors.plan_flags(plan, goals),
    )


def _goal_out(goal: Goal) -> GoalOut:
    from groeipad.plans.smart import smart_check

    missing = (
        smart_check(
            title=goal.title,
            success_criterion=goal.success_criterion,
            owner_id=goal.owner_id,
            deadline=goal.deadline,
            period_start=goal.plan.period_start,
            period_end=goal.plan.period_end,
            today=timezone.localdate(),
        )
        if goal.status == "open"
        else []
    )
    return GoalOut(
        id=goal.pk,
        plan_id=goal.plan_id,
        title=goal.title,
        why=goal.why,
        success_criterion=goal.success_criterion,
        competency_id=goal.competency_id,
        strategic_target_id=goal.strategic_target_id,
        basis=goal.basis,
        owner=goal.owner.employee_number,
        deadline=goal.deadline,
        proposed_by=goal.proposed_by,
        status=goal.status,
        situation=goal.situation,
        task=goal.task,
        action_taken=goal.action_taken,
        result=goal.result,
        reflection=goal.reflection,
        transfer=goal.transfer,
        seeded_from_id=goal.seeded_from_id,
        version=goal.version,
        smart_missing=sorted({m.letter for m in missing}),
    )


def _action_out(action: Action) -> ActionOut:
    return ActionOut(
        id=action.pk,
        goal_id=action.goal_id,
        description=action.description,
        instrument=action.instrument,
        category=action.category,
        owner=action.owner.employee_number,
        due_date=action.due_date,
        status=action.status,
        hours=action.hours,
        cost=action.cost,
        source_checkin_id=action.source_checkin_id,
        version=action.version,
    )


def _checkin_out(user, checkin: CheckIn) -> CheckInOut:
    return CheckInOut(
        id=checkin.pk,
        employee_number=checkin.employee.employee_number,
        manager_number=checkin.manager.employee_number,
        plan_id=checkin.plan_id,
        scheduled_for=checkin.scheduled_for,
        status=checkin.status,
        held_on=checkin.held_on,
        shared_notes=checkin.shared_notes,
        my_private_notes=selectors.private_notes_for(user, checkin),
        version=checkin.version,
    )


def _owner(user, number: str | None, default: Employee) -> Employee:
    if not number:
        return default
    return employee_for_viewer(user, number)


# Goals, actions and check-ins first: their fixed prefixes must win over /{plan_id}.


@router.get("/goals/{goal_id}", response=GoalOut)
def goal_detail(request, goal_id: int):
    return _goal_out(access.goal_for_viewer(request.auth, goal_id))


@router.patch("/goals/{goal_id}", response=GoalOut)
def goal_update(request, goal_id: int, payload: GoalPatch):
    goal = access.goal_for_viewer(request.auth, goal_id)
    fields = payload.dict(exclude_unset=True, exclude_none=True)
    version = fields.pop("version")
    _errors(lambda: services.goal_update(actor=request.auth, goal=goal, version=version, **fields))
    return _goal_out(access.goal_for_viewer(request.auth, goal_id))


@router.post("/goals/{goal_id}/close", response=GoalOut)
def goal_close(request, goal_id: int, payload: GoalCloseIn):
    goal = access.goal_for_viewer(request.auth, goal_id)
    _errors(lambda: services.goal_close(actor=request.auth, goal=goal, **payload.dict()))
    return _goal_out(access.goal_for_viewer(request.auth, goal_id))


@router.get("/goals/{goal_id}/actions", response=list[ActionOut])
def action_list(request, goal_id: int):
    goal = access.goal_for_viewer(request.auth, goal_id)
    return [_action_out(a) for a in goal.actions.select_related("owner")]


@router.post("/actions", response={201: ActionOut})
def action_create(request, payload: ActionIn):
    goal = access.goal_for_viewer(request.auth, payload.goal_id) if payload.goal_id else None
    owner = _owner(request.auth, payload.owner, goal.plan.employee) if goal else None
    action = _errors(
        lambda: services.action_create(
            actor=request.auth,
            goal=goal,
            description=payload.description,
            instrument=payload.instrument,
            owner=owner,
            due_date=payload.due_date,
            hours=payload.hours,
            cost=payload.cost,
            status=payload.status,
        )
    )
    return Status(201, _action_out(action))


@router.get("/actions/{action_id}", response=ActionOut)
def action_detail(request, action_id: int):
    return _action_out(access.action_for_viewer(request.auth, action_id))


@router.patch("/actions/{action_id}", response=ActionOut)
def action_update(request, action_id: int, payload: ActionPatch):
    action = access.action_for_viewer(request.auth, action_id)
    fields = payload.dict(exclude_unset=True, exclude_none=True)
    version = fields.pop("version")
    _errors(
        lambda: services.action_update(actor=request.auth, action=action, version=version, **fields)
    )
    return _action_out(access.action_for_viewer(request.auth, action_id))


@router.get("/checkins", response=list[CheckInOut])
def checkin_list(request, employee: str | None = None):
    checkins = selectors.checkins_visible(request.auth).select_related("employee", "manager")
    if employee:
        checkins = checkins.filter(employee=employee_for_viewer(request.auth, employee))
    return [_checkin_out(request.auth, c) for c in checkins.order_by("-scheduled_for")[:500]]


@router.post("/checkins", response={201: CheckInOut})
def checkin_create(request, payload: CheckInIn):
    employee = employee_for_viewer(request.auth, payload.employee_number)
    checkin = _errors(
        lambda: services.checkin_plan(
            actor=request.auth, employee=employee, scheduled_for=payload.scheduled_for
        )
    )
    return Status(201, _checkin_out(request.auth, checkin))


@router.get("/checkins/{checkin_id}", response=CheckInOut)
def checkin_detail(request, checkin_id: int):
    return _checkin_out(request.auth, access.checkin_for_viewer(request.auth, checkin_id))


@router.put("/checkins/{checkin_id}", response=CheckInOut)
def checkin_record(request, checkin_id: int, payload: CheckInRecordIn):
    checkin = access.checkin_for_viewer(request.auth, checkin_id)
    _errors(lambda: services.checkin_record(actor=request.auth, checkin=checkin, **payload.dict()))
    return _checkin_out(request.auth, access.checkin_for_viewer(request.auth, checkin_id))


@router.post("/checkins/{checkin_id}/next-steps", response={201: ActionOut})
def checkin_next_step(request, checkin_id: int, payload: NextStepIn):
    checkin = access.checkin_for_viewer(request.auth, checkin_id)
    goal = access.goal_for_viewer(request.auth, payload.goal_id) if payload.goal_id else None
    action = _errors(
        lambda: services.checkin_add_next_step(
            actor=request.auth,
            checkin=checkin,
            goal=goal,
            description=payload.description,
            instrument=payload.instrument,
            due_date=payload.due_date,
            hours=payload.hours,
        )
    )
    return Status(201, _action_out(action))


@router.get("", response=list[PlanOut], summary="Plans you may see; ?employee= to narrow")
def plan_list(request, employee: str | None = None):
    plans = selectors.plans_visible(request.auth).select_related("employee", "template")
    if employee:
        plans = plans.filter(employee=employee_for_viewer(request.auth, employee))
    return [
        _plan_out(p) for p in plans.order_by("employee__employee_number", "-period_start")[:200]
    ]


@router.post("", response={201: PlanOut})
def plan_create(request, payload: PlanIn):
    employee = employee_for_viewer(request.auth, payload.employee_number)
    template = (
        PlanTemplate.objects.filter(pk=payload.template_id).first() if payload.template_id else None
    )
    if payload.template_id and template is None:
        raise HttpError(422, "template_id: no such plan template.")
    plan = _errors(
        lambda: services.plan_create(
            actor=request.auth,
            employee=employee,
            period_start=payload.period_start,
            period_end=payload.period_end,
            template=template,
        )
    )
    return Status(201, _plan_out(plan))


@router.get("/{plan_id}", response=PlanOut)
def plan_detail(request, plan_id: int):
    return _plan_out(access.plan_for_viewer(request.auth, plan_id))


@router.patch("/{plan_id}", response=PlanOut)
def plan_update(request, plan_id: int, payload: PlanPatch):
    plan = access.plan_for_viewer(request.auth, plan_id)
    fields = payload.dict(exclude_unset=True, exclude_none=True)
    version = fields.pop("version")
    _errors(lambda: services.plan_update(actor=request.auth, plan=plan, version=version, **fields))
    return _plan_out(access.plan_for_viewer(request.auth, plan_id))


@router.post("/{plan_id}/cosign", response=PlanOut)
def plan_cosign(request, plan_id: int, payload: VersionIn):
    plan = access.plan_for_viewer(request.auth, plan_id)
    _errors(lambda: services.plan_cosign(actor=request.auth, plan=plan, version=payload.version))
    return _plan_out(access.plan_for_viewer(request.auth, plan_id))


@router.post("/{plan_id}/close", response=PlanOut)
def plan_close(request, plan_id: int, payload: CloseIn):
    plan = access.plan_for_viewer(request.auth, plan_id)
    _errors(
        lambda: services.plan_close(
            actor=request.auth, plan=plan, summary=payload.summary, version=payload.version
        )
    )
    return _plan_out(access.plan_for_viewer(request.auth, plan_id))


@router.get("/{plan_id}/goals", response=list[GoalOut])
def goal_list(request, plan_id: int):
    plan = access.plan_for_viewer(request.auth, plan_id)
    goals = plan.goals.select_related("owner", "plan")
    return [_goal_out(g) for g in goals]


@router.post("/{plan_id}/goals", response={201: GoalOut})
def goal_create(request, plan_id: int, payload: GoalIn):
    from groeipad.skills.models import Competency, StrategicTarget

    plan = access.plan_for_viewer(request.auth, plan_id)
    owner = _owner(request.auth, payload.owner, plan.employee)
    competency = (
        Competency.objects.filter(pk=payload.competency_id).first()
        if payload.competency_id
        else None
    )
    target = (
        StrategicTarget.objects.filter(pk=payload.strategic_target_id).first()
        if payload.strategic_target_id
        else None
    )
    if payload.competency_id and competency is None:
        raise HttpError(422, "competency_id: no such competency.")
    if payload.strategic_target_id and target is None:
        raise HttpError(422, "strategic_target_id: no such strategic target.")
    goal = _errors(
        lambda: services.goal_create(
            actor=request.auth,
            plan=plan,
            title=payload.title,
            owner=owner,
            deadline=payload.deadline,
            why=payload.why,
            success_criterion=payload.success_criterion,
            basis=payload.basis,
            competency=competency,
            strategic_target=target,
        )
    )
    return Status(201, _goal_out(goal))
