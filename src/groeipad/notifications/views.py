"""The bell page: a person's own reminders, and putting one away.

Thin views: the access funnel (``access.get_reminder_for``) finds the reminder or 404s,
the service writes.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from groeipad.notifications import access, selectors, services

DISMISSED_SHOWN = 20


@login_required
def reminder_list(request):
    return render(
        request,
        "notifications/reminders.html",
        {
            "open_reminders": list(selectors.reminders_for_user(request.user)),
            "dismissed": selectors.reminders_dismissed_for_user(
                request.user, limit=DISMISSED_SHOWN
            ),
        },
    )


@require_POST
@login_required
def reminder_dismiss(request, reminder_id: int):
    reminder = access.get_reminder_for(request.user, reminder_id)
    services.reminder_dismiss(actor=request.user, reminder=reminder)
    messages.success(request, _("Reminder put away."))
    return redirect("notifications:reminders")
