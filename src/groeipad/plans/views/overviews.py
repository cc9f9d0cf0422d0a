"""The manager's team overview with the check-in rhythm, and the HR overview."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from groeipad.lib.page_messages import form_errors as _form_errors
from groeipad.people import scope
from groeipad.people.selectors import department_paths
from groeipad.plans import selectors, services
from groeipad.plans.forms import (
    CadenceForm,
)
from groeipad.plans.views.common import (
    refusal,
)

# --- Team and HR overviews -----------------------------------------------------------


@login_required
def team(request):
    if not scope.is_manager(request.user):
        raise PermissionDenied
    today = timezone.localdate()
    paths = department_paths()
    # Employees annotated by the selector (plan_status, next_checkin, overdue_actions ...).
    rows: list[Any] = list(selectors.team_overview(request.user, today))
    for row in rows:
        row.department_path = paths.get(row.department_id, "")
        row.checkin_overdue = row.next_checkin is not None and row.next_checkin < today
    weeks = selectors.cadence_weeks(request.user.employee_id)
    return render(
        request,
        "plans/team.html",
        {
            "rows": rows,
            "today": today,
            "cadence_form": CadenceForm(initial={"weeks": weeks}),
            "with_plan": sum(1 for r in rows if r.plan_status),
            "overdue_total": sum(r.overdue_actions for r in rows),
        },
    )


@login_required
@require_POST
def cadence_save(request):
    employee = getattr(request.user, "employee", None)
    if employee is None:
        raise PermissionDenied
    form = CadenceForm(request.POST)
    if not form.is_valid():
        messages.error(request, _form_errors(form))
        return redirect("plans:team")
    try:
        services.cadence_set(actor=request.user, manager=employee, weeks=form.cleaned_data["weeks"])
    except ValidationError as error:
        messages.error(request, refusal(error))
    else:
        messages.success(request, _("Your check-in rhythm was saved."))
    return redirect("plans:team")


@login_required
def hr_overview(request):
    if not scope.is_hr(request.user):
        raise PermissionDenied
    today = timezone.localdate()
    paths = department_paths()
    rows = selectors.inclusion_by_department(request.user, today)
    for row in rows:
        row.path = paths.get(row.department_id, "") if row.department_id else _("(no department)")
    rows.sort(key=lambda r: r.path.casefold())
    total = sum(r.employees for r in rows)
    with_plan = sum(r.with_active_plan for r in rows)
    return render(
        request,
        "plans/hr.html",
        {
            "rows": rows,
            "total": total,
            "with_plan": with_plan,
            "share": with_plan / total if total else 0,
            "counts": selectors.plan_status_counts(request.user),
            "templates": selectors.templates_with_goals(),
            "departments": selectors.department_count(),
            "checkins_overdue": selectors.overdue_checkins(today).count(),
            "actions_overdue": selectors.overdue_actions(today).count(),
        },
    )
