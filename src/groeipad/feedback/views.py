"""360 pages: the employee's rounds and report, HR's response rates, the rater's form.

Thin views: every write goes through feedback.services, every report through
feedback.anonymity.report_for.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from groeipad.feedback import exports, rules, selectors, services
from groeipad.feedback.access import (
    get_report_for,
    get_round_for,
    get_round_to_manage_for,
)
from groeipad.feedback.anonymity import (
    BLIND_SPOT,
    TOTAL,
    group_counts,
    group_counts_for,
    report_for,
    report_ready,
)
from groeipad.feedback.forms import (
    ColleagueSearchForm,
    GroupStartForm,
    InviteForm,
    RoundStartForm,
    SettingsForm,
    ShareForm,
)
from groeipad.feedback.models import FeedbackSettings, RaterGroup, RoundStatus
from groeipad.feedback.presentation import bar_percent, bucket_label, signal_label
from groeipad.lib.page_messages import form_errors as _errors_of
from groeipad.lib.page_messages import run_service as _run
from groeipad.lib.spreadsheets_export import csv_bytes
from groeipad.people import scope
from groeipad.people.access import employee_for_viewer
from groeipad.people.selectors import department_paths


def _counts(feedback_round, counts=None):
    """Invited and answered per group, as the rule allows (anonymity.group_counts)."""
    return [
        {
            "label": _("all anonymous groups") if c.group == TOTAL else RaterGroup(c.group).label,
            "invited": c.invited,
            "submitted": c.submitted,
            "reason": c.hidden_reason,
            "total": c.group == TOTAL,
        }
        for c in (group_counts(feedback_round) if counts is None else counts)
        if c.invited
    ]


@login_required
def mine(request):
    viewer = request.viewer
    return render(
        request,
        "feedback/mine.html",
        {
            "rounds": list(selectors.my_rounds(viewer)),
            "start_form": RoundStartForm(),
            "may_start": viewer.employee_id is not None or scope.is_hr(viewer),
            "is_hr": scope.is_hr(viewer),
            "settings": FeedbackSettings.current(),
        },
    )


@login_required
@require_POST
def round_start(request):
    form = RoundStartForm(request.POST)
    if not form.is_valid():
        messages.error(request, _errors_of(form))
        return redirect("feedback:mine")
    viewer = request.viewer
    number = form.cleaned_data["employee_number"].strip()
    employee = employee_for_viewer(viewer, number) if number else selectors.own_employee(viewer)
    if employee is None:
        messages.error(request, _("Give the employee number of whom the round is for."))
        return redirect("feedback:mine")
    if employee.pk != viewer.employee_id:
        # HR for someone else: a draft (a group of one); the employee picks the raters.
        try:
            result = services.rounds_start_for_group(
                actor=viewer, employees=[employee], closes_on=form.cleaned_data["closes_on"]
            )
        except (PermissionDenied, ValidationError) as error:
            messages.error(request, " ".join(getattr(error, "messages", [str(error)])))
            return redirect("feedback:mine")
        (messages.success if result.started else messages.warning)(
            request, group_result_message(result)
        )
        if result.started:
            return redirect("feedback:round", round_id=result.started[0].pk)
        return redirect("feedback:mine")
    try:
        feedback_round = services.round_start_own(
            actor=viewer, employee=employee, closes_on=form.cleaned_data["closes_on"]
        )
    except (PermissionDenied, ValidationError) as error:
        messages.error(request, " ".join(getattr(error, "messages", [str(error)])))
        return redirect("feedback:mine")
    messages.success(request, _("The feedback round has started."))
    return redirect("feedback:round", round_id=feedback_round.pk)


@login_required
def round_detail(request, round_id: int):
    viewer = request.viewer
    feedback_round = get_round_for(viewer, round_id)
    is_owner = rules.is_owner(viewer, feedback_round)
    mentors = selectors.mentors_of(feedback_round.employee_id) if is_owner else []
    mentor_ids = {m.pk for m in mentors}
    current_mentor = feedback_round.mentor
    in_pair = bool(current_mentor and current_mentor.employee_id in mentor_ids)
    shared_manager = (
        feedback_round.shared_with_manager_employee if feedback_round.share_with_manager else None
    )
    may_manage = rules.may_manage_round(viewer, feedback_round)
    search = ColleagueSearchForm(request.GET or None)
    query = search.cleaned_data["zoek"] if may_manage and search.is_valid() else ""
    raters = selectors.round_raters(feedback_round, externals_only=not may_manage)
    return render(
        request,
        "feedback/round.html",
        {
            "round": feedback_round,
            "is_draft": feedback_round.status == RoundStatus.DRAFT,
            # A draft shows the N it will get on opening: the organisation's, right now.
            "settings": FeedbackSettings.current(),
            "counts": _counts(feedback_round),
            "may_manage": may_manage,
            "may_decide": rules.may_decide_external(viewer, feedback_round),
            "raters": raters,
            "search_form": search,
            "query": query,
            "found": selectors.colleague_search(feedback_round, query) if query else [],
            "groups": [c for c in RaterGroup.choices if c[0] != RaterGroup.SELF],
            "may_read": rules.may_read_report(viewer, feedback_round),
            "report_ready": report_ready(feedback_round),
            "is_owner": is_owner,
            "shared_manager": shared_manager,
            "shared_manager_left": shared_manager is not None
            and shared_manager.pk != feedback_round.employee.manager_id,
            "invite_form": InviteForm(),
            "share_form": ShareForm(
                mentors=mentors,
                initial={
                    "with_manager": feedback_round.share_with_manager,
                    "mentor": current_mentor.employee_id if current_mentor and in_pair else None,
                    "mentor_email": current_mentor.email if current_mentor and not in_pair else "",
                },
            ),
        },
    )


@login_required
@require_POST
def round_open(request, round_id: int):
    feedback_round = get_round_to_manage_for(request.viewer, round_id)
    try:
        sent = services.round_open(actor=request.viewer, feedback_round=feedback_round)
    except (PermissionDenied, ValidationError) as error:
        messages.error(request, " ".join(getattr(error, "messages", [str(error)])))
    else:
        messages.success(
            request,
            _("The round is open: %(n)s invitations are on their way.") % {"n": sent},
        )
    return redirect("feedback:round", round_id=feedback_round.pk)


@login_required
@require_POST
def rater_invite(request, round_id: int):
    feedback_round = get_round_to_manage_for(request.viewer, round_id)
    form = InviteForm(request.POST)
    if not form.is_valid():
        messages.error(request, _errors_of(form))
    else:
        data = form.cleaned_data
        colleague = selectors.colleague(data["employee"]) if data["employee"] else None
        if data["employee"] and colleague is None:
            messages.error(request, _("That colleague is no longer in the organisation."))
            return redirect("feedback:round", round_id=feedback_round.pk)
        invited = []
        _run(
            request,
            lambda: invited.append(
                services.rater_invite(
                    actor=request.viewer,
                    feedback_round=feedback_round,
                    email=data["email"] or "",
                    employee=colleague,
                    group=data["group"],
                )
            ),
            _("Added.")
            if feedback_round.status == RoundStatus.OPEN
            else _("Added. The invitation goes out when you open the round."),
        )
        if invited and invited[0].is_external:
            messages.info(
                request,
                _(
                    "%(email)s is not a colleague: an external rater. Your manager or HR "
                    "approves external raters before their invitation goes out."
                )
                % {"email": invited[0].email},
            )
        elif invited and feedback_round.status == RoundStatus.OPEN:
            messages.info(request, _("The invitation has been sent."))
    return redirect("feedback:round", round_id=feedback_round.pk)


@login_required
@require_POST
def raters_remind(request, round_id: int):
    feedback_round = get_round_to_manage_for(request.viewer, round_id)
    services.raters_remind(feedback_round=feedback_round, actor=request.viewer)
    # Never how many: that would tell who has not answered yet, reminder by reminder.
    messages.success(
        request,
        _(
            "Reminders go to those who have not answered yet. A rater gets at most one "
            "e-mail every %(days)s days."
        )
        % {"days": services.REMIND_AFTER.days},
    )
    return redirect("feedback:round", round_id=feedback_round.pk)


@login_required
@require_POST
def round_close(request, round_id: int):
    feedback_round = get_round_to_manage_for(request.viewer, round_id)
    _run(
        request,
        lambda: services.round_close(actor=request.viewer, feedback_round=feedback_round),
        _("The round is closed."),
    )
    return redirect("feedback:round", round_id=feedback_round.pk)


@login_required
@require_POST
def round_share(request, round_id: int):
    feedback_round = get_round_for(request.viewer, round_id)
    mentors = (
        selectors.mentors_of(feedback_round.employee_id)
        if rules.is_owner(request.viewer, feedback_round)
        else []
    )
    form = ShareForm(request.POST, mentors=mentors)
    if not form.is_valid():
        messages.error(request, _errors_of(form))
    else:
        _run(
            request,
            lambda: services.round_share(
                actor=request.viewer,
                feedback_round=feedback_round,
                with_manager=form.cleaned_data["with_manager"],
                mentor_email=form.cleaned_data["mentor_email"] or "",
                mentor_employee_id=form.cleaned_data["mentor"],
            ),
            _("Sharing saved."),
        )
    return redirect("feedback:round", round_id=feedback_round.pk)


def _report_context(request, feedback_round):
    report = report_for(feedback_round)
    goal_url = reverse("plans:mine")
    rows = []
    for row in report.rows:
        rows.append(
            {
                "row": row,
                "self_pct": bar_percent(row.self_score, row.scale_max),
                "manager_pct": bar_percent(row.manager_score, row.scale_max),
                "others_pct": bar_percent(row.others_average, row.scale_max),
                "cells": [
                    {
                        "cell": c,
                        "label": bucket_label(c.bucket),
                        "pct": bar_percent(c.average, row.scale_max),
                    }
                    for c in row.cells
                ],
                "signal_label": signal_label(row.signal),
                "goal_url": f"{goal_url}?competentie={row.competency_id}&bron=360#new-goal"
                if row.signal == BLIND_SPOT and rules.is_owner(request.viewer, feedback_round)
                else "",
            }
        )
    return {
        "round": feedback_round,
        "report": report,
        "rows": rows,
        "shown_labels": [bucket_label(b) for b in report.shown],
        "withheld_labels": [RaterGroup(g).label for g in report.withheld],
        "merged_labels": [RaterGroup(g).label for g in report.merged],
    }


@login_required
def report(request, round_id: int):
    feedback_round = get_report_for(request.viewer, round_id)
    if not report_ready(feedback_round):
        return render(request, "feedback/report_pending.html", {"round": feedback_round})
    return render(request, "feedback/report.html", _report_context(request, feedback_round))


@login_required
def report_csv(request, round_id: int):
    feedback_round = get_report_for(request.viewer, round_id)
    if not report_ready(feedback_round):
        return render(
            request, "feedback/report_pending.html", {"round": feedback_round}, status=409
        )
    data = report_for(feedback_round)
    rows = [*exports.competency_rows(data), *exports.open_answer_rows(data)]
    response = HttpResponse(
        csv_bytes(rows, delimiter=",", bom=False), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = 'attachment; filename="360-feedback.csv"'
    services.report_exported(actor=request.viewer, feedback_round=feedback_round, fmt="CSV")
    return response


@login_required
def report_xlsx(request, round_id: int):
    feedback_round = get_report_for(request.viewer, round_id)
    if not report_ready(feedback_round):
        return render(
            request, "feedback/report_pending.html", {"round": feedback_round}, status=409
        )
    response = HttpResponse(
        exports.report_xlsx(report_for(feedback_round)),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = 'attachment; filename="360-feedback.xlsx"'
    services.report_exported(actor=request.viewer, feedback_round=feedback_round, fmt="XLSX")
    return response


@login_required
def settings_page(request):
    if not rules.may_change_settings(request.viewer):
        raise PermissionDenied
    current = FeedbackSettings.current()
    form = SettingsForm(
        request.POST or None,
        initial={"min_group_size": current.min_group_size},
    )
    if request.method == "POST":
        if form.is_valid():
            try:
                services.settings_update(actor=request.viewer, **form.cleaned_data)
            except ValidationError as error:
                messages.error(request, " ".join(error.messages))
            else:
                messages.success(
                    request,
                    _(
                        "Saved. New rounds take these settings when they open; "
                        "rounds already open or closed keep theirs."
                    ),
                )
                return redirect("feedback:settings")
        else:
            messages.error(request, _errors_of(form))
    return render(request, "feedback/settings.html", {"form": form, "settings": current})


def _department_choices() -> list[tuple[int, str]]:
    return sorted(department_paths().items(), key=lambda item: item[1].casefold())


def group_result_message(result: services.GroupStart) -> str:
    text = _("Draft rounds started: %(n)s.") % {"n": len(result.started)}
    if result.started:
        text += " " + ", ".join(r.employee.full_name for r in result.started) + "."
    if result.skipped:
        text += " " + _("Skipped: %(list)s.") % {
            "list": "; ".join(f"{e.full_name} ({reason})" for e, reason in result.skipped)
        }
    return text


@login_required
def group_start(request):
    if not rules.may_start_group(request.viewer):
        raise PermissionDenied
    form = GroupStartForm(request.POST or None, departments=_department_choices())
    if request.method == "POST":
        if not form.is_valid():
            messages.error(request, _errors_of(form))
        else:
            data = form.cleaned_data
            try:
                employees = selectors.group_employees(
                    request.viewer, department_id=data["department"], numbers=data["numbers"]
                )
                result = services.rounds_start_for_group(
                    actor=request.viewer, employees=employees, closes_on=data["closes_on"]
                )
            except (PermissionDenied, ValidationError) as error:
                messages.error(request, " ".join(getattr(error, "messages", [str(error)])))
            else:
                (messages.success if result.started else messages.warning)(
                    request, group_result_message(result)
                )
                return redirect("feedback:hr")
    return render(request, "feedback/group_start.html", {"form": form})


@login_required
def hr_overview(request):
    if not scope.is_hr(request.viewer):
        raise PermissionDenied
    rounds = list(selectors.rounds_for_hr(request.viewer))
    counts = group_counts_for(rounds)
    return render(
        request,
        "feedback/hr.html",
        {"rounds": [{"round": r, "counts": _counts(r, counts[r.pk])} for r in rounds]},
    )
