"""Calendar files and the printable plan (the reminders page is notifications.views).

Thin views: look the object up through an access function (404 to anyone who may not see
it), then render. The printable plan follows the plan's visibility (plans.access): the
employee, their manager line and HR. A check-in's calendar file is for its two
participants only.
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.db.models import Q
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from groeipad.plans import access, ics, selectors
from groeipad.plans.models import CheckIn, CheckInStatus

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
