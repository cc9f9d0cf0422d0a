"""Coaching pages: the list (mine / as coach / to decide / HR), the request form, the detail.

Thin views: parse the request, call access/selector/service, render. Every write goes
through coaching.services, which checks who may.
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from groeipad.budgets.models import Budget
from groeipad.coaching import rules, selectors, services
from groeipad.coaching.access import get_trajectory_for
from groeipad.coaching.forms import (
    CancelForm,
    CompleteForm,
    DecisionForm,
    EvaluationForm,
    RequestForm,
    SessionForm,
)
from groeipad.coaching.models import RUNNING, CoachingTrajectory, Perspective, TrajectoryStatus
from groeipad.lib.page_messages import form_errors as _form_errors
from groeipad.lib.page_messages import run_service as _run
from groeipad.people.models import Employee
from groeipad.people.scope import Viewer, viewer_for
from groeipad.privacy import anonymity
from groeipad.privacy.anonymity import Instrument

HR_LIST_LIMIT = 200


def _with_budget(trajectories: Iterable[CoachingTrajectory]) -> list[dict[str, Any]]:
    """Each open request with what is left of the budget it draws on (once per budget)."""
    seen: dict[tuple[int, int], tuple[Budget | None, Decimal | None]] = {}
    rows = []
    for t in trajectories:
        key = (t.department_id, t.budget_year)
        if key not in seen:
            seen[key] = selectors.remaining_for(t)
        budget, remaining = seen[key]
        rows.append(
            {
                "t": t,
                "budget": budget,
                "remaining": remaining,
                "over": remaining is not None and t.budget > remaining,
            }
        )
    return rows


@login_required
def trajectory_list(request: HttpRequest) -> HttpResponse:
    user = viewer_for(request.user)
    hr = user.is_hr
    all_rows = selectors.all_for_hr(user, limit=HR_LIST_LIMIT)
    return render(
        request,
        "coaching/list.html",
        {
            "mine": list(selectors.mine(user)),
            "coached": list(selectors.coached_by(user)),
            "queue": _with_budget(selectors.approval_queue(user)),
            "running": list(selectors.running(user)),
            "hr_attention": list(selectors.hr_attention(user)) if hr else [],
            "all_rows": all_rows,
            "evaluation_summary": selectors.evaluation_summary(user),
            "k": anonymity.threshold(Instrument.COACHING),
            "hr_limit": HR_LIST_LIMIT,
            "is_hr": hr,
            "threshold": selectors.hr_threshold(),
            "may_override": rules.may_override_budget(user),
            "today": timezone.localdate(),
        },
    )


def _request_form(request: HttpRequest, user: Viewer, data: Any = None) -> RequestForm:
    form = RequestForm(data, initial={"coach_kind": "external", "planned_sessions": 6})
    own: Employee | None = getattr(request.user, "employee", None)
    people = selectors.people_to_request_for(user)
    choices: list[tuple[int, str]] = []
    if own is not None:
        choices.append((own.pk, _("myself (%(name)s)") % {"name": own.full_name}))
    choices += [(e.pk, e.full_name) for e in people if own is None or e.pk != own.pk]
    _choices(form, "employee").choices = choices
    _choices(form, "plan_goal").choices = [("", _("none"))] + [
        (g.pk, f"{g.plan.employee.full_name}: {g.title}") for g in selectors.goals_for_request(user)
    ]
    form.people = {e.pk: e for e in people}
    if own is not None:
        form.people[own.pk] = own
    return form


def _choices(form: RequestForm, name: str) -> forms.ChoiceField:
    field = form.fields[name]
    assert isinstance(field, forms.ChoiceField)
    return field


@login_required
def trajectory_new(request: HttpRequest) -> HttpResponse:
    viewer = viewer_for(request.user)
    form = _request_form(request, viewer, request.POST or None)
    if not _choices(form, "employee").choices:
        raise PermissionDenied
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            employee = form.people[data["employee"]]
            internal = None
            if data["coach_kind"] == "internal":
                internal = selectors.colleague_by_reference(data["internal_coach"])
                if internal is None and data["internal_coach"].strip():
                    messages.error(
                        request,
                        _("No current colleague with employee number or e-mail %(ref)s.")
                        % {"ref": data["internal_coach"].strip()},
                    )
                    return render(request, "coaching/new.html", {"form": form})
            goal = None
            if data["plan_goal"]:
                goal = selectors.goal_for_request(viewer, data["plan_goal"])
            holder: dict[str, CoachingTrajectory] = {}
            if _run(
                request,
                lambda: holder.update(
                    t=services.trajectory_request(
                        actor=viewer,
                        employee=employee,
                        coach_kind=data["coach_kind"],
                        internal_coach=internal,
                        coach_name=data["coach_name"],
                        coach_organisation=data["coach_organisation"],
                        coach_email=data["coach_email"],
                        goal_text=data["goal_text"],
                        plan_goal=goal,
                        planned_sessions=data["planned_sessions"],
                        budget=data["budget"],
                        reason=data["reason"],
                    )
                ),
                _("Requested. The manager in the line decides; you see the answer here."),
            ):
                return redirect("coaching:detail", trajectory_id=holder["t"].pk)
        else:
            messages.error(request, _form_errors(form))
    return render(request, "coaching/new.html", {"form": form})


@login_required
def trajectory_detail(request: HttpRequest, trajectory_id: int) -> HttpResponse:
    user = viewer_for(request.user)
    t = get_trajectory_for(user, trajectory_id)
    coach_only = selectors.sees_only_as_coach(user, t)
    own = user.employee_id == t.employee_id
    decider = rules.may_decide(user, t.employee)
    # Only the manager's end evaluation, to the manager who gave it; the employee's is an
    # anonymous answer, linked to nobody: they see that they answered.
    evaluations = {e.perspective: e for e in selectors.readable_evaluations(user, t)}
    given = set() if coach_only else selectors.given_perspectives(t)
    completed = t.status == TrajectoryStatus.COMPLETED
    answered_elsewhere = (
        completed
        and own
        and Perspective.EMPLOYEE not in given
        and selectors.answered_any(t.employee_id)
    )
    budget, remaining = (None, None)
    if not coach_only and t.status == TrajectoryStatus.REQUESTED:
        budget, remaining = selectors.remaining_for(t)
    sessions = selectors.sessions_of(t)
    return render(
        request,
        "coaching/detail.html",
        {
            "t": t,
            "coach_only": coach_only,
            "sessions": sessions,
            "sessions_left": max(t.planned_sessions - len(sessions), 0),
            "evaluations": evaluations,
            "k": anonymity.threshold(Instrument.COACHING),
            "answered_own": own and Perspective.EMPLOYEE in given,
            # One anonymous answer per person: given on another trajectory of theirs.
            "answered_elsewhere": answered_elsewhere,
            "given_by_others": sorted(
                str(Perspective(p).label)
                for p in given
                if p not in evaluations and not (own and p == Perspective.EMPLOYEE)
            ),
            "budget": budget,
            "remaining": remaining,
            "over": remaining is not None and t.budget > remaining,
            "may_decide": decider and t.status == TrajectoryStatus.REQUESTED,
            "may_override": rules.may_override_budget(user),
            "may_log": t.status in RUNNING and rules.may_log_session(user, t),
            "may_complete": decider and t.status in RUNNING,
            "may_cancel": not coach_only
            and t.status in (TrajectoryStatus.REQUESTED, *RUNNING)
            and (rules.may_cancel(user, t) or decider),
            "ask_employee": completed
            and own
            and Perspective.EMPLOYEE not in given
            and not answered_elsewhere,
            "ask_manager": completed and decider and Perspective.MANAGER not in given,
            "today": timezone.localdate(),
        },
    )


@require_POST
@login_required
def decide(request: HttpRequest, trajectory_id: int) -> HttpResponse:
    viewer = viewer_for(request.user)
    t = get_trajectory_for(viewer, trajectory_id)
    form = DecisionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _form_errors(form))
    elif form.cleaned_data["decision"] == "approve":
        _run(
            request,
            lambda: services.approve(
                actor=viewer,
                trajectory=t,
                reason=form.cleaned_data["reason"],
                override_budget=form.cleaned_data["override_budget"],
            ),
            _("Approved."),
        )
    else:
        _run(
            request,
            lambda: services.decline(
                actor=viewer, trajectory=t, reason=form.cleaned_data["reason"]
            ),
            _("Declined."),
        )
    if request.POST.get("next") == "list":
        return redirect("coaching:list")
    return redirect("coaching:detail", trajectory_id=t.pk)


@require_POST
@login_required
def session_add(request: HttpRequest, trajectory_id: int) -> HttpResponse:
    viewer = viewer_for(request.user)
    t = get_trajectory_for(viewer, trajectory_id)
    form = SessionForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        _run(
            request,
            lambda: services.session_log(
                actor=viewer,
                trajectory=t,
                on=data["date"],
                hours=data["hours"],
                notes=data["notes"],
                beyond_plan_reason=data["beyond_plan_reason"],
            ),
            _("Session logged."),
        )
    else:
        messages.error(request, _form_errors(form))
    return redirect("coaching:detail", trajectory_id=t.pk)


@require_POST
@login_required
def complete(request: HttpRequest, trajectory_id: int) -> HttpResponse:
    viewer = viewer_for(request.user)
    t = get_trajectory_for(viewer, trajectory_id)
    form = CompleteForm(request.POST)
    if form.is_valid():
        _run(
            request,
            lambda: services.complete(
                actor=viewer,
                trajectory=t,
                completed_on=form.cleaned_data["completed_on"],
                note=form.cleaned_data["note"],
            ),
            _("Completed: the coaching counts in the learning figures."),
        )
    else:
        messages.error(request, _form_errors(form))
    return redirect("coaching:detail", trajectory_id=t.pk)


@require_POST
@login_required
def evaluate(request: HttpRequest, trajectory_id: int) -> HttpResponse:
    viewer = viewer_for(request.user)
    t = get_trajectory_for(viewer, trajectory_id)
    form = EvaluationForm(request.POST)
    if form.is_valid():
        _run(
            request,
            lambda: services.evaluate(actor=viewer, trajectory=t, **form.cleaned_data),
            _("Thank you: the evaluation is saved."),
        )
    else:
        messages.error(request, _form_errors(form))
    return redirect("coaching:detail", trajectory_id=t.pk)


@require_POST
@login_required
def cancel(request: HttpRequest, trajectory_id: int) -> HttpResponse:
    viewer = viewer_for(request.user)
    t = get_trajectory_for(viewer, trajectory_id)
    form = CancelForm(request.POST)
    reason = form.cleaned_data["reason"] if form.is_valid() else ""
    _run(
        request,
        lambda: services.cancel(actor=viewer, trajectory=t, reason=reason),
        _("Cancelled."),
    )
    return redirect("coaching:detail", trajectory_id=t.pk)
