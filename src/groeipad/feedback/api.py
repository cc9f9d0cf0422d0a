"""360 feedback in the API: the same anonymity rule as the pages (feedback.anonymity).

Nothing returned names a rater: no rater or answer ids, no timestamps, and open answers
in the rule's keyed order. The report is for the employee and whom they shared it with;
HR gets response counts per group only.
"""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from ninja import Router, Schema, Status
from ninja.errors import HttpError
from pydantic import ConfigDict

from groeipad.api.errors import service_call as _errors
from groeipad.feedback import selectors, services
from groeipad.feedback.access import get_report_for, get_round_for, get_round_to_manage_for
from groeipad.feedback.anonymity import (
    GroupCount,
    group_counts,
    group_counts_for,
    report_for,
    report_ready,
    round_k,
)
from groeipad.feedback.models import FeedbackRound, FeedbackSettings, Rater
from groeipad.feedback.rules import may_change_settings, may_manage_round, may_start_group
from groeipad.lib.api_types import Id, SmallInt
from groeipad.people.access import employee_for_viewer
from groeipad.people.scope import Viewer, viewer_for

router = Router(tags=["feedback"])


def _viewer(request) -> Viewer:
    return viewer_for(request.auth)


class RoundIn(Schema):
    # N and the manager choice are the organisation's (GET/PUT /settings), not a
    # round's: a request that tries to set them is refused rather than ignored.
    model_config = ConfigDict(extra="forbid")

    employee_number: str
    closes_on: date
    draft: bool = False


class SettingsIn(Schema):
    model_config = ConfigDict(extra="forbid")

    min_group_size: SmallInt


class SettingsOut(Schema):
    min_group_size: int


class GroupIn(Schema):
    model_config = ConfigDict(extra="forbid")

    department: str | None = None  # a path like "Operations/Planning", with sub-departments
    employee_numbers: list[str] = []
    closes_on: date


class StartedOut(Schema):
    id: int
    employee_number: str


class SkippedOut(Schema):
    employee_number: str
    reason: str


class GroupOut(Schema):
    started: list[StartedOut]
    skipped: list[SkippedOut]


class GroupCountOut(Schema):
    group: str  # a rater group, or "anonymous_total": all anonymous groups together
    invited: int
    submitted: int | None  # None when suppressed: too few raters invited
    suppressed: bool
    suppressed_reason: str | None


class RoundOut(Schema):
    id: int
    employee_number: str
    status: str
    min_group_size: int
    closes_on: date
    groups: list[GroupCountOut]


class RaterIn(Schema):
    model_config = ConfigDict(extra="forbid")

    group: str
    employee_number: str | None = None  # a colleague (from GET .../colleagues)
    email: str | None = None  # or an address: a colleague's, or external (needs approval)


class RaterOut(Schema):
    # Whom the requester invited; never whether or when they answered.
    id: int
    group: str
    name: str
    email: str
    employee_number: str | None
    is_external: bool
    approval: str


class ColleagueOut(Schema):
    employee_number: str
    name: str


class PendingOut(Schema):
    rater: RaterOut
    round_id: int
    employee_number: str
    employee_name: str
    closes_on: date


class OpenedOut(Schema):
    invited: int
    round: RoundOut


class CellOut(Schema):
    group: str
    average: float | None
    ratings: int | None
    suppressed: bool
    suppressed_reason: str | None


class RowOut(Schema):
    competency_id: int
    competency: str
    self_score: int | None
    manager_score: int | None  # the manager's own rating, named (manager_name)
    groups: list[CellOut]
    others_average: float | None
    others_suppressed_reason: str | None
    signal: str | None


class OpenOut(Schema):
    question: str
    answers: list[str]
    manager_answer: str


class ReportOut(Schema):
    min_group_size: int
    manager_name: str
    shown_groups: list[str]
    merged_groups: list[str]
    withheld_groups: list[str]
    others_scope: str
    rows: list[RowOut]
    open_answers: list[OpenOut]


def _round_out(r: FeedbackRound, counts: list[GroupCount] | None = None) -> RoundOut:
    return RoundOut(
        id=r.pk,
        employee_number=r.employee.employee_number,
        status=r.status,
        min_group_size=round_k(r),
        closes_on=r.closes_on,
        groups=[
            GroupCountOut(
                group=c.group,
                invited=c.invited,
                submitted=c.submitted,
                suppressed=c.suppressed,
                suppressed_reason=c.hidden_reason or None,
            )
            for c in (group_counts(r) if counts is None else counts)
        ],
    )


def _rater_out(rater: Rater) -> RaterOut:
    employee = rater.employee
    return RaterOut(
        id=rater.pk,
        group=rater.group,
        name=employee.full_name if employee else "",
        email=rater.email,
        employee_number=employee.employee_number if employee else None,
        is_external=rater.is_external,
        approval=rater.approval,
    )


@router.get("/rounds", response=list[RoundOut], summary="My rounds (HR: all, counts only)")
def feedback_round_list(request):
    rounds = list(selectors.rounds_listed_for(_viewer(request)))
    counts = group_counts_for(rounds)
    return [_round_out(r, counts[r.pk]) for r in rounds]


@router.post("/rounds", response={201: RoundOut}, summary="Start a round")
def feedback_round_start(request, payload: RoundIn):
    viewer = _viewer(request)
    employee = employee_for_viewer(viewer, payload.employee_number)
    feedback_round = _errors(
        lambda: services.round_start(
            actor=viewer,
            employee=employee,
            closes_on=payload.closes_on,
            draft=payload.draft,
        )
    )
    return Status(201, _round_out(feedback_round))


@router.post(
    "/rounds/group",
    response={201: GroupOut},
    url_name="feedback_round_group_start",
    summary="HR: start draft rounds for a department (with sub-departments) or a list",
)
def feedback_round_group_start(request, payload: GroupIn):
    from groeipad.people.selectors import DepartmentNotFound, department_by_name

    viewer = _viewer(request)
    if not may_start_group(viewer):
        raise HttpError(403, _("Only HR can start feedback rounds for a group."))

    def start() -> services.GroupStart:
        department_id = None
        if payload.department and payload.employee_numbers:
            raise ValidationError("Give a department or employee numbers, not both.")
        if payload.department:
            try:
                department_id = department_by_name(payload.department).pk
            except DepartmentNotFound:
                raise ValidationError(f"No department {payload.department!r}.") from None
        elif not payload.employee_numbers:
            raise ValidationError("Give a department or employee numbers.")
        employees = selectors.group_employees(
            viewer, department_id=department_id, numbers=payload.employee_numbers
        )
        return services.rounds_start_for_group(
            actor=viewer, employees=employees, closes_on=payload.closes_on
        )

    result = _errors(start)
    return Status(
        201,
        GroupOut(
            started=[
                StartedOut(id=r.pk, employee_number=r.employee.employee_number)
                for r in result.started
            ],
            skipped=[
                SkippedOut(employee_number=e.employee_number, reason=str(reason))
                for e, reason in result.skipped
            ],
        ),
    )


@router.post(
    "/rounds/{round_id}/open",
    response=OpenedOut,
    url_name="feedback_round_open",
    summary="Open a draft round: N is fixed and the invitations go out",
)
def feedback_round_open(request, round_id: Id):
    viewer = _viewer(request)
    feedback_round = get_round_to_manage_for(viewer, round_id)
    invited = _errors(lambda: services.round_open(actor=viewer, feedback_round=feedback_round))
    return OpenedOut(invited=invited, round=_round_out(feedback_round))


@router.get(
    "/settings",
    response=SettingsOut,
    url_name="feedback_settings_detail",
    summary="The organisation's N and manager choice (rounds copy them on opening)",
)
def feedback_settings_detail(request):
    current = FeedbackSettings.current()
    return SettingsOut(min_group_size=current.min_group_size)


@router.put(
    "/settings",
    response=SettingsOut,
    url_name="feedback_settings_update",
    summary="HR: change N and the manager choice for rounds that open from now on",
)
def feedback_settings_update(request, payload: SettingsIn):
    viewer = _viewer(request)
    if not may_change_settings(viewer):
        raise HttpError(403, _("Only HR can change the feedback settings."))
    current = _errors(
        lambda: services.settings_update(actor=viewer, min_group_size=payload.min_group_size)
    )
    return SettingsOut(min_group_size=current.min_group_size)


@router.get("/rounds/{round_id}", response=RoundOut, summary="A round and its response counts")
def feedback_round_detail(request, round_id: Id):
    return _round_out(get_round_for(_viewer(request), round_id))


@router.get(
    "/rounds/{round_id}/report",
    response=ReportOut,
    summary="The anonymous report (the employee, or whom they shared it with)",
)
def feedback_round_report(request, round_id: Id):
    feedback_round = get_report_for(_viewer(request), round_id)
    if not report_ready(feedback_round):
        raise HttpError(409, _("The report is available once the round has closed."))
    report = report_for(feedback_round)
    return ReportOut(
        min_group_size=report.min_group_size,
        manager_name=report.manager_name,
        shown_groups=report.shown,
        merged_groups=report.merged,
        withheld_groups=report.withheld,
        others_scope=report.others_scope,
        rows=[
            RowOut(
                competency_id=row.competency_id,
                competency=row.name,
                self_score=row.self_score,
                manager_score=row.manager_score,
                groups=[
                    CellOut(
                        group=c.bucket,
                        average=float(c.average) if c.average is not None else None,
                        ratings=c.ratings,
                        suppressed=c.suppressed,
                        suppressed_reason=c.hidden_reason or None,
                    )
                    for c in row.cells
                ],
                others_average=float(row.others_average)
                if row.others_average is not None
                else None,
                others_suppressed_reason=row.others_reason or None,
                signal=row.signal,
            )
            for row in report.rows
        ],
        open_answers=[
            OpenOut(question=b.kind, answers=b.answers, manager_answer=b.manager_answer)
            for b in report.open_answers
        ],
    )


# --- Raters: invite (distinct people), the list, colleagues, externals' approval ------


@router.get(
    "/rounds/{round_id}/raters",
    response=list[RaterOut],
    url_name="feedback_rater_list",
    summary="Whom the employee invited, never who answered (HR: the externals only)",
)
def feedback_rater_list(request, round_id: Id):
    viewer = _viewer(request)
    feedback_round = get_round_for(viewer, round_id)
    externals_only = not may_manage_round(viewer, feedback_round)
    return [
        _rater_out(r) for r in selectors.round_raters(feedback_round, externals_only=externals_only)
    ]


@router.get(
    "/rounds/{round_id}/colleagues",
    response=list[ColleagueOut],
    url_name="feedback_colleague_search",
    summary="Find colleagues to invite, by name or employee number (at most 10)",
)
def feedback_colleague_search(request, round_id: Id, q: str = ""):
    feedback_round = get_round_to_manage_for(_viewer(request), round_id)
    return [
        ColleagueOut(employee_number=e.employee_number, name=e.full_name)
        for e in selectors.colleague_search(feedback_round, q)
    ]


@router.post(
    "/rounds/{round_id}/raters",
    response={201: RaterOut},
    url_name="feedback_rater_invite",
    summary="Invite a rater: a colleague, or an external address that waits for approval",
)
def feedback_rater_invite(request, round_id: Id, payload: RaterIn):
    viewer = _viewer(request)
    feedback_round = get_round_to_manage_for(viewer, round_id)

    def invite() -> Rater:
        colleague = None
        if bool(payload.employee_number) == bool(payload.email):
            raise ValidationError(_("Give an employee number or an e-mail address (not both)."))
        if payload.employee_number:
            colleague = selectors.colleague_by_number(payload.employee_number)
            if colleague is None:
                raise ValidationError(
                    _("No current colleague with employee number %(number)s.")
                    % {"number": payload.employee_number}
                )
        return services.rater_invite(
            actor=viewer,
            feedback_round=feedback_round,
            group=payload.group,
            email=payload.email or "",
            employee=colleague,
        )

    return Status(201, _rater_out(_errors(invite)))


@router.get(
    "/raters/pending",
    response=list[PendingOut],
    url_name="feedback_rater_pending",
    summary="External raters waiting for my approval (the manager; HR)",
)
def feedback_rater_pending(request):
    return [
        PendingOut(
            rater=_rater_out(r),
            round_id=r.round_id,
            employee_number=r.round.employee.employee_number,
            employee_name=r.round.employee.full_name,
            closes_on=r.round.closes_on,
        )
        for r in selectors.approval_queue(_viewer(request))[:200]
    ]


def _decide(request, rater_id: int, approve: bool) -> RaterOut:
    viewer = _viewer(request)
    rater = selectors.rater_to_decide(viewer, rater_id)
    if rater is None:
        raise HttpError(404, _("No such external rater waiting for your approval."))
    return _rater_out(
        _errors(lambda: services.external_decide(actor=viewer, rater=rater, approve=approve))
    )


@router.post(
    "/raters/{rater_id}/approve",
    response=RaterOut,
    url_name="feedback_rater_approve",
    summary="Approve an external rater: their invitation goes out",
)
def feedback_rater_approve(request, rater_id: Id):
    return _decide(request, rater_id, True)


@router.post(
    "/raters/{rater_id}/refuse",
    response=RaterOut,
    url_name="feedback_rater_refuse",
    summary="Refuse an external rater: nobody is mailed",
)
def feedback_rater_refuse(request, rater_id: Id):
    return _decide(request, rater_id, False)
