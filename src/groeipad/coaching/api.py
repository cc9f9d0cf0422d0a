"""Coaching trajectories in the API: the same services and visibility as the pages."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.utils.translation import gettext as _
from ninja import Router, Schema, Status
from ninja.errors import HttpError

from groeipad.api.errors import service_call as _errors
from groeipad.coaching import selectors, services
from groeipad.coaching.access import get_trajectory_for
from groeipad.coaching.models import CoachingEvaluation, CoachingTrajectory, TrajectoryStatus
from groeipad.lib.api_types import Id, SmallInt
from groeipad.people.models import Employee
from groeipad.people.scope import Viewer, viewer_for

router = Router(tags=["coaching"])


class TrajectoryIn(Schema):
    employee_number: str | None = None  # leave out: for yourself
    coach_kind: str
    internal_coach: str = ""  # employee number or e-mail of an internal coach
    coach_name: str = ""
    coach_organisation: str = ""
    coach_email: str = ""
    goal_text: str
    plan_goal_id: Id | None = None
    planned_sessions: SmallInt
    budget: Decimal
    reason: str = ""


class TrajectoryUpdateIn(Schema):
    version: SmallInt
    coach_kind: str | None = None
    internal_coach: str | None = None
    coach_name: str | None = None
    coach_organisation: str | None = None
    coach_email: str | None = None
    goal_text: str | None = None
    plan_goal_id: Id | None = None
    planned_sessions: SmallInt | None = None
    budget: Decimal | None = None
    reason: str | None = None


class DecisionIn(Schema):
    reason: str = ""
    override_budget: bool = False


class SessionIn(Schema):
    date: date
    hours: Decimal = Decimal("1")
    notes: str = ""
    beyond_plan_reason: str = ""


class CompleteIn(Schema):
    completed_on: date | None = None
    note: str = ""


class CancelIn(Schema):
    reason: str = ""


class EvaluationIn(Schema):
    perspective: str
    goal_reached: SmallInt
    behaviour_change: str = ""
    comment: str = ""


class SessionOut(Schema):
    id: int
    date: date
    hours: Decimal
    notes: str
    beyond_plan_reason: str


class EvaluationOut(Schema):
    id: int
    perspective: str
    goal_reached: int
    behaviour_change: str
    comment: str
    rated_on: date


class TrajectoryOut(Schema):
    id: int
    employee_number: str
    employee_name: str
    coach_kind: str
    coach: str
    internal_coach_number: str | None
    goal_text: str
    planned_sessions: int
    sessions_logged: int
    status: str
    version: int
    # Left out (null) for a viewer who sees the trajectory only as its internal coach.
    budget: Decimal | None = None
    plan_goal_id: int | None = None
    reason: str | None = None
    decision_reason: str | None = None
    budget_override: bool | None = None
    completed_on: date | None = None
    budget_remaining: Decimal | None = None


class TrajectoryDetailOut(TrajectoryOut):
    sessions: list[SessionOut]
    # Only the viewer's own end evaluation (anonymous answers, as in mentoring); which
    # perspectives have been given at all is in ``evaluated``.
    evaluations: list[EvaluationOut]
    evaluated: list[str] = []


class EvaluationSummaryOut(Schema):
    """One perspective's average "goal reached", as a cell (privacy.anonymity)."""

    perspective: str
    value: float | None
    n: int | None
    suppressed: bool
    suppressed_reason: str | None


def _out(
    user: Viewer,
    t: CoachingTrajectory,
    *,
    with_remaining: bool = False,
    coach_only: bool | None = None,
) -> dict:
    data = {
        "id": t.pk,
        "employee_number": t.employee.employee_number,
        "employee_name": t.employee.full_name,
        "coach_kind": t.coach_kind,
        "coach": t.coach_label,
        "internal_coach_number": t.internal_coach.employee_number if t.internal_coach else None,
        "goal_text": t.goal_text,
        "planned_sessions": t.planned_sessions,
        "sessions_logged": getattr(t, "session_count", None)
        if getattr(t, "session_count", None) is not None
        else t.sessions.count(),
        "status": t.status,
        "version": t.version,
    }
    if coach_only is None:
        coach_only = selectors.sees_only_as_coach(user, t)
    if coach_only:
        return data
    data.update(
        budget=t.budget,
        plan_goal_id=t.plan_goal_id,
        reason=t.reason,
        decision_reason=t.decision_reason,
        budget_override=t.budget_override,
        completed_on=t.completed_on,
    )
    if with_remaining and t.status == TrajectoryStatus.REQUESTED:
        data["budget_remaining"] = selectors.remaining_for(t)[1]
    return data


def _detail(user: Viewer, trajectory_id: int) -> dict:
    t = get_trajectory_for(user, trajectory_id)
    data = _out(user, t, with_remaining=True)
    data["sessions"] = list(t.sessions.all())
    data["evaluations"] = selectors.readable_evaluations(user, t)
    coach_only = selectors.sees_only_as_coach(user, t)
    data["evaluated"] = [] if coach_only else sorted(selectors.given_perspectives(t))
    return data


def _coach(reference: str | None) -> Employee | None:
    if not reference:
        return None
    coach = selectors.colleague_by_reference(reference)
    if coach is None:
        raise HttpError(422, f"No current colleague with employee number or e-mail {reference}.")
    return coach


def _goal(user: Viewer, goal_id: int | None) -> object | None:
    if goal_id is None:
        return None
    goal = selectors.goal_of_visible_employee(user, goal_id)
    if goal is None:
        raise HttpError(422, f"Goal {goal_id} is not a goal you may link.")
    return goal


@router.get("", response=list[TrajectoryOut], url_name="coaching_trajectory_list")
def trajectory_list(request, status: str = ""):
    user = viewer_for(request.user)
    rows = list(
        selectors.trajectories_for_viewer(user, status=status).order_by("-requested_at", "-id")
    )
    # One query for "seen only as coach" for the whole list, not one per row.
    seen = selectors.employee_ids_seen(user, {t.employee_id for t in rows})
    return [_out(user, t, coach_only=t.employee_id not in seen) for t in rows]


@router.get(
    "/evaluation-summary",
    response=list[EvaluationSummaryOut],
    url_name="coaching_evaluation_summary",
)
def evaluation_summary(request):
    """HR: per perspective the average "goal reached" of the end evaluations, or
    suppressed with the reason (fewer than k answers by distinct people; stepped)."""
    user = viewer_for(request.user)
    if not user.is_hr:
        raise HttpError(403, _("Only HR sees the coaching evaluations' averages."))
    return [
        EvaluationSummaryOut(perspective=row.perspective, **row.cell.as_dict())
        for row in selectors.evaluation_summary(user)
    ]


@router.post("", response={201: TrajectoryDetailOut}, url_name="coaching_trajectory_create")
def trajectory_create(request, payload: TrajectoryIn):
    user = viewer_for(request.user)
    if payload.employee_number:
        employee = selectors.employee_to_request_for(user, payload.employee_number)
        if employee is None:
            raise HttpError(404, _("No such employee."))
    else:
        employee = getattr(request.user, "employee", None)
        if employee is None:
            raise HttpError(422, _("Give the employee_number of the employee to coach."))
    trajectory = _errors(
        lambda: services.trajectory_request(
            actor=user,
            employee=employee,
            coach_kind=payload.coach_kind,
            internal_coach=_coach(payload.internal_coach),
            coach_name=payload.coach_name,
            coach_organisation=payload.coach_organisation,
            coach_email=payload.coach_email,
            goal_text=payload.goal_text,
            plan_goal=_goal(user, payload.plan_goal_id),
            planned_sessions=payload.planned_sessions,
            budget=payload.budget,
            reason=payload.reason,
        )
    )
    return Status(201, _detail(user, trajectory.pk))


@router.get("/{trajectory_id}", response=TrajectoryDetailOut, url_name="coaching_trajectory_detail")
def trajectory_detail(request, trajectory_id: Id):
    return _detail(viewer_for(request.user), trajectory_id)


@router.put("/{trajectory_id}", response=TrajectoryDetailOut, url_name="coaching_trajectory_update")
def trajectory_update(request, trajectory_id: Id, payload: TrajectoryUpdateIn):
    user = viewer_for(request.user)
    t = get_trajectory_for(user, trajectory_id)
    changes = payload.dict(exclude_unset=True)
    version = changes.pop("version")
    # null for a text clears it; a field the request cannot be without may not be null.
    for name in ("coach_name", "coach_organisation", "coach_email", "goal_text", "reason"):
        if name in changes and changes[name] is None:
            changes[name] = ""
    for name in ("coach_kind", "planned_sessions", "budget"):
        if name in changes and changes[name] is None:
            raise HttpError(422, _("%(field)s cannot be empty.") % {"field": name})
    if "internal_coach" in changes:
        changes["internal_coach"] = _coach(changes["internal_coach"])
    if "plan_goal_id" in changes:
        changes["plan_goal"] = _goal(user, changes.pop("plan_goal_id"))
    _errors(
        lambda: services.trajectory_update(actor=user, trajectory=t, version=version, **changes)
    )
    return _detail(user, t.pk)


@router.post(
    "/{trajectory_id}/approve",
    response=TrajectoryDetailOut,
    url_name="coaching_trajectory_approve",
)
def trajectory_approve(request, trajectory_id: Id, payload: DecisionIn):
    user = viewer_for(request.user)
    t = get_trajectory_for(user, trajectory_id)
    _errors(
        lambda: services.approve(
            actor=user,
            trajectory=t,
            reason=payload.reason,
            override_budget=payload.override_budget,
        )
    )
    return _detail(user, t.pk)


@router.post(
    "/{trajectory_id}/decline",
    response=TrajectoryDetailOut,
    url_name="coaching_trajectory_decline",
)
def trajectory_decline(request, trajectory_id: Id, payload: DecisionIn):
    user = viewer_for(request.user)
    t = get_trajectory_for(user, trajectory_id)
    _errors(lambda: services.decline(actor=user, trajectory=t, reason=payload.reason))
    return _detail(user, t.pk)


@router.post(
    "/{trajectory_id}/sessions", response={201: SessionOut}, url_name="coaching_session_create"
)
def session_create(request, trajectory_id: Id, payload: SessionIn):
    user = viewer_for(request.user)
    t = get_trajectory_for(user, trajectory_id)
    session = _errors(
        lambda: services.session_log(
            actor=user,
            trajectory=t,
            on=payload.date,
            hours=payload.hours,
            notes=payload.notes,
            beyond_plan_reason=payload.beyond_plan_reason,
        )
    )
    return Status(201, session)


@router.post(
    "/{trajectory_id}/complete",
    response=TrajectoryDetailOut,
    url_name="coaching_trajectory_complete",
)
def trajectory_complete(request, trajectory_id: Id, payload: CompleteIn):
    user = viewer_for(request.user)
    t = get_trajectory_for(user, trajectory_id)
    _errors(
        lambda: services.complete(
            actor=user, trajectory=t, completed_on=payload.completed_on, note=payload.note
        )
    )
    return _detail(user, t.pk)


class AnsweredOut(Schema):
    """The employee's end evaluation was given: it is anonymous, stored linked to nobody,
    so it is not handed back (not even its id)."""

    perspective: str
    answered: bool


@router.post(
    "/{trajectory_id}/evaluations",
    response={201: EvaluationOut | AnsweredOut},
    url_name="coaching_evaluation_create",
)
def evaluation_create(request, trajectory_id: Id, payload: EvaluationIn):
    user = viewer_for(request.user)
    t = get_trajectory_for(user, trajectory_id)
    evaluation = _errors(lambda: services.evaluate(actor=user, trajectory=t, **payload.dict()))
    if not isinstance(evaluation, CoachingEvaluation):
        return Status(201, AnsweredOut(perspective=payload.perspective, answered=True))
    return Status(201, evaluation)


@router.post(
    "/{trajectory_id}/cancel",
    response=TrajectoryDetailOut,
    url_name="coaching_trajectory_cancel",
)
def trajectory_cancel(request, trajectory_id: Id, payload: CancelIn):
    user = viewer_for(request.user)
    t = get_trajectory_for(user, trajectory_id)
    _errors(lambda: services.cancel(actor=user, trajectory=t, reason=payload.reason))
    return _detail(user, t.pk)
