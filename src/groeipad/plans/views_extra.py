"""Reminders page, calendar files and the printable plan.

Thin views: look the object up through an access function (404 to anyone who may not see
it), then render. The printable plan follows the plan's visibility (plans.access): the
employee, their manager line and HR. A check-in's calendar file is for its two
participants only.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Q
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from groeipad.plans import access, ics, reminders, selectors
from groeipad.plans.models import CheckIn, CheckInStatus

DISMISSED_SHOWN = 20


# --- Access ----------------------------------------------------------------------------


def checkin_for_participant(user, checkin_id: int) -> CheckIn:
    """The check-in, if ``user`` is one of its two participants; 404 otherwise."""
    employee_id = getattr(user, "employee_id", None)
    checkin = (
        CheckIn.objects.select_related("employee", "manager")
        .defer("employee_private_notes", "manager_private_notes")
        .filter(Q(employee_id=employee_id) | Q(manager_id=employee_id), pk=checkin_id)
        .first()
        if employee_id
        else None
    )
    if checkin is None:
        raise Http404(_("No such check-in."))
    return checkin


# --- Reminders -------------------------------------------------------------------------


@login_required
def reminder_list(request):
    open_reminders = list(reminders.reminders_for_user(request.user))
    dismissed = list(
        reminders.reminders_for_user(request.user, include_dismissed=True).filter(
            dismissed_at__isnull=False
        )[:DISMISSED_SHOWN]
    )
    return render(
        request,
        "plans/reminders.html",
        {"open_reminders": open_reminders, "dismissed": dismissed},
    )


@require_POST
@login_required
def reminder_dismiss(request, reminder_id: int):
    reminder = reminders.reminder_for_user(request.user, reminder_id)
    reminders.reminder_dismiss(actor=request.user, reminder=reminder)
    messages.success(request, _("Reminder put away."))
    return redirect("plans_extra:reminders")


# --- Calendar --------------------------------------------------------------------------


def _calendar_response(body: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
def checkin_ics(request, checkin_id: int):
    checkin = checkin_for_participant(request.user, checkin_id)
    body = ics.calendar([checkin], stamp=timezone.now(), method="REQUEST")
    return _calendar_response(body, f"checkin-{checkin.pk}.ics")


@login_required
def checkin_feed(request):
    """The check-ins still planned that the user takes part in, as employee or as manager."""
    employee_id = request.user.employee_id
    checkins = (
        CheckIn.objects.filter(Q(employee_id=employee_id) | Q(manager_id=employee_id))
        .filter(status=CheckInStatus.PLANNED)
        .select_related("employee", "manager")
        .defer("employee_private_notes", "manager_private_notes")
        .order_by("scheduled_for", "pk")
        if employee_id
        else CheckIn.objects.none()
    )
    body = ics.calendar(checkins, stamp=timezone.now(), method="PUBLISH")
    return _calendar_response(body, "groeipad-checkins.ics")


# --- The printable plan ----------------------------------------------------------------


@login_required
def plan_print(request, plan_id: int):
    plan = access.plan_for_viewer(request.user, plan_id)
    goals = selectors.plan_goals(plan)
    actions = [action for goal in goals for action in goal.actions.all()]
    # Only what both sides agreed to share: private notes never leave their owner.
    checkins = list(
        CheckIn.objects.filter(plan=plan, status=CheckInStatus.HELD)
        .only("id", "held_on", "scheduled_for", "shared_notes", "plan_id")
        .order_by("held_on", "pk")
    )
    return render(
        request,
        "plans/print.html",
        {
            "plan": plan,
            "goals": goals,
            "mix": selectors.mix_of(actions),
            "checkins": checkins,
            "printed_on": timezone.localdate(),
        },
    )
