"""Plans and a plan's goals in the API."""

from __future__ import annotations

from django.utils.translation import gettext as _
from ninja import Status
from ninja.errors import HttpError

from groeipad.api.errors import service_call as _errors
from groeipad.lib.api_types import Id
from groeipad.people.access import get_employee_for
from groeipad.plans import access, selectors, services
from groeipad.plans.api.router import router
from groeipad.plans.api.schemas import (
    CloseIn,
    GoalIn,
    GoalOut,
    PlanIn,
    PlanOut,
    PlanPatch,
    VersionIn,
)
from groeipad.plans.api.serialize import goal_out, owner_from, plan_out


@router.get("", response=list[PlanOut], summary="Plans you may see; ?employee= to narrow")
def plan_list(request, employee: str | None = None):
    person = get_employee_for(request.auth, employee) if employee else None
    return [plan_out(p) for p in selectors.plan_list(request.auth, person)]


@router.post("", response={201: PlanOut})
def plan_create(request, payload: PlanIn):
    employee = get_employee_for(request.auth, payload.employee_number)
    template = selectors.template(payload.template_id)
    if payload.template_id and template is None:
        raise HttpError(422, _("template_id: no such plan template."))
    plan = _errors(
        lambda: services.plan_create(
            actor=request.auth,
            employee=employee,
            period_start=payload.period_start,
            period_end=payload.period_end,
            template=template,
        )
    )
    return Status(201, plan_out(plan))


@router.get("/{plan_id}", response=PlanOut)
def plan_detail(request, plan_id: Id):
    return plan_out(access.read_plan_for(request.auth, plan_id))


@router.patch("/{plan_id}", response=PlanOut)
def plan_update(request, plan_id: Id, payload: PlanPatch):
    plan = access.get_plan_for(request.auth, plan_id)
    fields = payload.dict(exclude_unset=True, exclude_none=True)
    version = fields.pop("version")
    _errors(lambda: services.plan_update(actor=request.auth, plan=plan, version=version, **fields))
    return plan_out(access.get_plan_for(request.auth, plan_id))


@router.post("/{plan_id}/cosign", response=PlanOut)
def plan_cosign(request, plan_id: Id, payload: VersionIn):
    plan = access.get_plan_for(request.auth, plan_id)
    _errors(lambda: services.plan_cosign(actor=request.auth, plan=plan, version=payload.version))
    return plan_out(access.get_plan_for(request.auth, plan_id))


@router.post("/{plan_id}/close", response=PlanOut)
def plan_close(request, plan_id: Id, payload: CloseIn):
    plan = access.get_plan_for(request.auth, plan_id)
    _errors(
        lambda: services.plan_close(
            actor=request.auth, plan=plan, summary=payload.summary, version=payload.version
        )
    )
    return plan_out(access.get_plan_for(request.auth, plan_id))


@router.get("/{plan_id}/goals", response=list[GoalOut])
def goal_list(request, plan_id: Id):
    plan = access.read_plan_for(request.auth, plan_id)
    return [goal_out(g) for g in selectors.goals_of(plan)]


@router.post("/{plan_id}/goals", response={201: GoalOut})
def goal_create(request, plan_id: Id, payload: GoalIn):
    plan = access.get_plan_for(request.auth, plan_id)
    owner = owner_from(request.auth, payload.owner, plan.employee)
    competency = selectors.competency(payload.competency_id)
    target = selectors.strategic_target(payload.strategic_target_id)
    if payload.competency_id and competency is None:
        raise HttpError(422, _("competency_id: no such competency."))
    if payload.strategic_target_id and target is None:
        raise HttpError(422, _("strategic_target_id: no such strategic target."))
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
    return Status(201, goal_out(goal))
