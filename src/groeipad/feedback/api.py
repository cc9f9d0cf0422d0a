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
)
from groeipad.feedback.models import FeedbackRound, FeedbackSettings
from groeipad.feedback.rules import may_change_settings, may_start_group
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

    min_group_size: int
    show_manager_separately: bool


class SettingsOut(Schema):
    min_group_size: int
    show_manager_separately: bool


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
    group: str
    invited: int
    submitted: int


class RoundOut(Schema):
    id: int
    employee_number: str
    status: str
    min_group_size: int
    show_manager_separately: bool
    closes_on: date
    groups: list[GroupCountOut]


class OpenedOut(Schema):
    invited: int
    round: RoundOut


class CellOut(Schema):
    group: str
    average: float | None
    ratings: int


class RowOut(Schema):
    competency_id: int
    competency: str
    self_score: int | None
    groups: list[CellOut]
    others_average: float | None
    signal: str | None


class OpenOut(Schema):
    question: str
    answers: list[str]


class ReportOut(Schema):
    min_group_size: int
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
        min_group_size=r.min_group_size,
        show_manager_separately=r.show_manager_separately,
        closes_on=r.closes_on,
        groups=[
            GroupCountOut(group=c.group, invited=c.invited, submitted=c.submitted)
            for c in (group_counts(r) if counts is None else counts)
        ],
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
def feedback_round_open(request, round_id: int):
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
    return SettingsOut(
        min_group_size=current.min_group_size,
        show_manager_separately=current.show_manager_separately,
    )


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
        lambda: services.settings_update(
            actor=viewer,
            min_group_size=payload.min_group_size,
            show_manager_separately=payload.show_manager_separately,
        )
    )
    return SettingsOut(
        min_group_size=current.min_group_size,
        show_manager_separately=current.show_manager_separately,
    )


@router.get("/rounds/{round_id}", response=RoundOut, summary="A round and its response counts")
def feedback_round_detail(request, round_id: int):
    return _round_out(get_round_for(_viewer(request), round_id))


@router.get(
    "/rounds/{round_id}/report",
    response=ReportOut,
    summary="The anonymous report (the employee, or whom they shared it with)",
)
def feedback_round_report(request, round_id: int):
    feedback_round = get_report_for(_viewer(request), round_id)
    if not report_ready(feedback_round):
        raise HttpError(409, _("The report is available once the round has closed."))
    report = report_for(feedback_round)
    return ReportOut(
        min_group_size=report.min_group_size,
        shown_groups=report.shown,
        merged_groups=report.merged,
        withheld_groups=report.withheld,
        others_scope=report.others_scope,
        rows=[
            RowOut(
                competency_id=row.competency_id,
                competency=row.name,
                self_score=row.self_score,
                groups=[
                    CellOut(
                        group=c.bucket,
                        average=float(c.average) if c.average is not None else None,
                        ratings=c.ratings,
                    )
                    for c in row.cells
                ],
                others_average=float(row.others_average)
                if row.others_average is not None
                else None,
                signal=row.signal,
            )
            for row in report.rows
        ],
        open_answers=[OpenOut(question=b.kind, answers=b.answers) for b in report.open_answers],
    )
