"""Check-ins: planning one, the notes of each side, agreed next steps."""

from __future__ import annotations

from datetime import timedelta

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from groeipad.lib.page_messages import form_errors as _form_errors
from groeipad.people.access import get_employee_for
from groeipad.plans import access, rules, selectors, services
from groeipad.plans.forms import (
    CheckInForm,
    CheckInPlanForm,
    NextStepForm,
)
from groeipad.plans.views.common import (
    STALE,
    refusal,
)

# --- Check-ins -----------------------------------------------------------------------


@login_required
@require_POST
def checkin_add(request, employee_number: str):
    employee = get_employee_for(request.user, employee_number)
    form = CheckInPlanForm(request.POST)
    back = request.POST.get("back") or reverse("plans:employee", args=[employee_number])
    if not back.startswith("/"):
        back = reverse("plans:employee", args=[employee_number])
    if not form.is_valid():
        messages.error(request, _form_errors(form))
        return redirect(back)
    try:
        checkin = services.checkin_plan(
            actor=request.user, employee=employee, scheduled_for=form.cleaned_data["scheduled_for"]
        )
    except ValidationError as error:
        messages.error(request, refusal(error))
        return redirect(back)
    messages.success(request, _("The check-in is planned."))
    return redirect("plans:checkin", checkin.pk)


def _checkin_context(request, checkin, *, form=None, step_form=None) -> dict:
    today = timezone.localdate()
    side = rules.checkin_side(request.user, checkin)
    agenda = selectors.agenda(checkin.employee, today)
    plan = checkin.plan or selectors.open_plan(checkin.employee)
    goals = [(g.pk, g.title) for g in agenda["goals"]]
    default_next = (checkin.held_on or today) + timedelta(
        weeks=selectors.cadence_weeks(checkin.manager_id)
    )
    if form is None and side:
        form = CheckInForm(
            initial={
                "shared_notes": checkin.shared_notes,
                "private_notes": selectors.private_notes_for(request.user, checkin),
                "next_date": default_next,
                "version": checkin.version,
            }
        )
    return {
        "checkin": checkin,
        "employee": checkin.employee,
        "plan": plan,
        "side": side,
        "agenda": agenda,
        "form": form,
        "step_form": step_form
        or (
            NextStepForm(
                goals=goals,
                initial={
                    "due_date": min(today + timedelta(weeks=4), plan.period_end) if plan else None,
                },
            )
            if side and goals
            else None
        ),
        "steps": selectors.next_steps_of(checkin),
        "default_next": default_next,
        "today": today,
    }


@login_required
def checkin_detail(request, checkin_id: int):
    checkin = access.get_checkin_for(request.user, checkin_id)
    if request.method != "POST":
        return render(request, "plans/checkin.html", _checkin_context(request, checkin))
    if rules.checkin_side(request.user, checkin) is None:
        raise PermissionDenied
    form = CheckInForm(request.POST)
    if not form.is_valid():
        messages.error(request, _form_errors(form))
        return render(
            request, "plans/checkin.html", _checkin_context(request, checkin, form=form), status=400
        )
    data = form.cleaned_data
    try:
        services.checkin_record(
            actor=request.user,
            checkin=checkin,
            version=data["version"],
            shared_notes=data["shared_notes"],
            private_notes=data["private_notes"],
            held=data["held"],
            next_date=data["next_date"],
        )
    except services.StaleEdit:
        messages.error(request, STALE)
        checkin.refresh_from_db(fields=["version", "shared_notes", "status", "held_on"])
        post = request.POST.copy()
        post["version"] = checkin.version
        return render(
            request,
            "plans/checkin.html",
            _checkin_context(request, checkin, form=CheckInForm(post)),
            status=409,
        )
    except ValidationError as error:
        messages.error(request, refusal(error))
        return render(
            request, "plans/checkin.html", _checkin_context(request, checkin, form=form), status=400
        )
    messages.success(request, _("The check-in notes were saved."))
    return redirect("plans:checkin", checkin.pk)


@login_required
@require_POST
def checkin_next_step(request, checkin_id: int):
    checkin = access.get_checkin_for(request.user, checkin_id)
    agenda = selectors.agenda(checkin.employee, timezone.localdate())
    form = NextStepForm(request.POST, goals=[(g.pk, g.title) for g in agenda["goals"]])
    if not form.is_valid():
        messages.error(request, _form_errors(form))
        return render(
            request,
            "plans/checkin.html",
            _checkin_context(request, checkin, step_form=form),
            status=400,
        )
    data = form.cleaned_data
    goal = access.get_goal_for(request.user, data["goal"]) if data["goal"] else None
    try:
        services.checkin_add_next_step(
            actor=request.user,
            checkin=checkin,
            goal=goal,
            description=data["description"],
            instrument=data["instrument"],
            due_date=data["due_date"],
            hours=data["hours"] or 0,
        )
    except ValidationError as error:
        messages.error(request, refusal(error))
        return render(
            request,
            "plans/checkin.html",
            _checkin_context(request, checkin, step_form=form),
            status=400,
        )
    messages.success(request, _("The next step is now an action in the plan."))
    return redirect(reverse("plans:checkin", args=[checkin.pk]) + "#next-steps")
