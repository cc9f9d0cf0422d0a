"""Check-ins in the API; private notes only to their writer."""

from __future__ import annotations

from ninja import Status

from groeipad.api.errors import service_call as _errors
from groeipad.lib.api_types import Id
from groeipad.people.access import get_employee_for
from groeipad.plans import access, selectors, services
from groeipad.plans.api.router import router
from groeipad.plans.api.schemas import (
    ActionOut,
    CheckInIn,
    CheckInOut,
    CheckInRecordIn,
    NextStepIn,
)
from groeipad.plans.api.serialize import action_out, checkin_out


@router.get("/checkins", response=list[CheckInOut])
def checkin_list(request, employee: str | None = None):
    person = get_employee_for(request.auth, employee) if employee else None
    return [checkin_out(request.auth, c) for c in selectors.checkin_list(request.auth, person)]


@router.post("/checkins", response={201: CheckInOut})
def checkin_create(request, payload: CheckInIn):
    employee = get_employee_for(request.auth, payload.employee_number)
    checkin = _errors(
        lambda: services.checkin_plan(
            actor=request.auth, employee=employee, scheduled_for=payload.scheduled_for
        )
    )
    return Status(201, checkin_out(request.auth, checkin))


@router.get("/checkins/{checkin_id}", response=CheckInOut)
def checkin_detail(request, checkin_id: Id):
    return checkin_out(request.auth, access.get_checkin_for(request.auth, checkin_id))


@router.put("/checkins/{checkin_id}", response=CheckInOut)
def checkin_record(request, checkin_id: Id, payload: CheckInRecordIn):
    checkin = access.get_checkin_for(request.auth, checkin_id)
    _errors(lambda: services.checkin_record(actor=request.auth, checkin=checkin, **payload.dict()))
    return checkin_out(request.auth, access.get_checkin_for(request.auth, checkin_id))


@router.post("/checkins/{checkin_id}/next-steps", response={201: ActionOut})
def checkin_next_step(request, checkin_id: Id, payload: NextStepIn):
    checkin = access.get_checkin_for(request.auth, checkin_id)
    goal = access.get_goal_for(request.auth, payload.goal_id) if payload.goal_id else None
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
    return Status(201, action_out(action))
