"""Goals and actions in the API (registered before /{plan_id}, whose prefix they share)."""

from __future__ import annotations

from ninja import Status

from groeipad.api.errors import service_call as _errors
from groeipad.lib.api_types import Id
from groeipad.plans import access, selectors, services
from groeipad.plans.api.router import router
from groeipad.plans.api.schemas import (
    ActionIn,
    ActionOut,
    ActionPatch,
    GoalCloseIn,
    GoalOut,
    GoalPatch,
)
from groeipad.plans.api.serialize import action_out, goal_out, owner_from


@router.get("/goals/{goal_id}", response=GoalOut)
def goal_detail(request, goal_id: Id):
    return goal_out(access.get_goal_for(request.auth, goal_id))


@router.patch("/goals/{goal_id}", response=GoalOut)
def goal_update(request, goal_id: Id, payload: GoalPatch):
    goal = access.get_goal_for(request.auth, goal_id)
    fields = payload.dict(exclude_unset=True, exclude_none=True)
    version = fields.pop("version")
    _errors(lambda: services.goal_update(actor=request.auth, goal=goal, version=version, **fields))
    return goal_out(access.get_goal_for(request.auth, goal_id))


@router.post("/goals/{goal_id}/close", response=GoalOut)
def goal_close(request, goal_id: Id, payload: GoalCloseIn):
    goal = access.get_goal_for(request.auth, goal_id)
    _errors(lambda: services.goal_close(actor=request.auth, goal=goal, **payload.dict()))
    return goal_out(access.get_goal_for(request.auth, goal_id))


@router.get("/goals/{goal_id}/actions", response=list[ActionOut])
def action_list(request, goal_id: Id):
    goal = access.get_goal_for(request.auth, goal_id)
    return [action_out(a) for a in selectors.actions_of(goal)]


@router.post("/actions", response={201: ActionOut})
def action_create(request, payload: ActionIn):
    goal = access.get_goal_for(request.auth, payload.goal_id) if payload.goal_id else None
    owner = owner_from(request.auth, payload.owner, goal.plan.employee) if goal else None
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
    return Status(201, action_out(action))


@router.get("/actions/{action_id}", response=ActionOut)
def action_detail(request, action_id: Id):
    return action_out(access.get_action_for(request.auth, action_id))


@router.patch("/actions/{action_id}", response=ActionOut)
def action_update(request, action_id: Id, payload: ActionPatch):
    action = access.get_action_for(request.auth, action_id)
    fields = payload.dict(exclude_unset=True, exclude_none=True)
    version = fields.pop("version")
    _errors(
        lambda: services.action_update(actor=request.auth, action=action, version=version, **fields)
    )
    return action_out(access.get_action_for(request.auth, action_id))
