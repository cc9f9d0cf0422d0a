"""The access funnel of the notifications app: a reminder is its owner's only."""

from __future__ import annotations

from django.http import Http404
from django.utils.translation import gettext as _

from groeipad.lib.actions import Actor
from groeipad.notifications.models import Reminder
from groeipad.notifications.selectors import reminders_for_user


def get_reminder_for(viewer: Actor, reminder_id: int) -> Reminder:
    """The reminder, if it is the viewer's own (open or put away); 404 otherwise."""
    reminder = reminders_for_user(viewer, include_dismissed=True).filter(pk=reminder_id).first()
    if reminder is None:
        raise Http404(_("No such reminder."))
    return reminder
