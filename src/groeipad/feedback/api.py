"""360 feedback in the API: the same anonymity rule as the pages (feedback.anonymity).

Nothing returned names a rater: no rater or answer ids, no timestamps, and open answers
in the rule's keyed order. The report is for the employee and whom they shared it with;
HR gets response counts per group only.
"""

from __future__ import annotations

from datetime import date

from ninja import Router, Schema, Status
from ninja.errors import HttpError

from groeipad.api.errors import service_call as _errors
from groeipad.feedback import services
from groeipad.feedback.access import round_for
from groeipad.feedback.anonymity import group_counts, report_for, report_ready
from groeipad.feedback.models import DEFAULT_MIN_GROUP_SIZE, FeedbackRound
from groeipad.people.access import employee_for_viewer
from groeipad.people.visibility import is_hr, visible_employees

router = Router(tags=["feedback"])


class RoundIn(Schema):
    employee_number: str
    closes_on: date
    min_group_size: int = DEFAULT_MIN_GROUP_SIZE
    show_manager_separately: bool = False


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




def _round_out(r: FeedbackRound) -> RoundOut:
    return RoundOut(
        id=r.pk,
        employee_number=r.employee.employee_number,
        status=r.status,
        min_group_size=r.min_group_size,
        show_manager_separately=r.show_manager_separately,
        closes_on=r.closes_on,
        groups=[
            GroupCountOut(group=c.group, invited=c.invited, submitted=c.submitted)
            for c in group_counts(r)
        ],
    )


@router.get("/rounds", response=list[RoundOut], summary="My rounds (HR: all, counts only)")
def feedback_round_list(request):
    user = request.auth
    rounds = FeedbackRound.objects.select_related("employee")
    if is_hr(user):
        rounds = rounds.filter(employee__in=visible_employees(user))
    else:
        rounds = rounds.filter(employee_id=getattr(user, "employee_id", None) or 0)
    return [_round_out(r) for r in rounds]


@router.post("/rounds", response={201: RoundOut}, summary="Start a round")
def feedback_round_start(request, payload: RoundIn):
    employee = employee_for_viewer(request.auth, payload.employee_number)
    feedback_round = _errors(
        lambda: services.round_start(
            actor=request.auth,
            employee=employee,
            closes_on=payload.closes_on,
            min_group_size=payload.min_group_size,
            show_manager_separately=payload.show_manager_separately,
        )
    )
    return Status(201, _round_out(feedback_round))


@router.get("/rounds/{round_id}", response=RoundOut, summary="A round and its response counts")
def feedback_round_detail(request, round_id: int):
    return _round_out(round_for(request.auth, round_id, need="counts"))


@router.get(
    "/rounds/{round_id}/report",
    response=ReportOut,
    summary="The anonymous report (the employee, or whom they shared it with)",
)
def feedback_round_report(request, round_id: int):
    feedback_round = round_for(request.auth, round_id, need="report")
    if not report_ready(feedback_round):
        raise HttpError(409, "The report is available once the round has closed.")
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
