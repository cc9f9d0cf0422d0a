"""Calendar files: one check-in (for its two participants only) and the planned feed."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.utils import timezone

from groeipad.plans import access, ics, selectors


def _calendar_response(body: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
def checkin_ics(request, checkin_id: int):
    checkin = access.get_checkin_as_participant(request.user, checkin_id)
    body = ics.calendar([checkin], stamp=timezone.now(), method="REQUEST")
    return _calendar_response(body, f"checkin-{checkin.pk}.ics")


@login_required
def checkin_feed(request):
    """The check-ins still planned that the user takes part in, as employee or as manager."""
    checkins = selectors.planned_checkins_taken_part_in(request.user)
    body = ics.calendar(checkins, stamp=timezone.now(), method="PUBLISH")
    return _calendar_response(body, "groeipad-checkins.ics")
