"""Check-ins as iCalendar (RFC 5545): one invitation, or a feed of someone's planned ones.

A check-in is planned for a day, not an hour, so the event is an all-day one (DTSTART as
a DATE): calendar programs show it on that day in the reader's own time zone without
shifting it. The UID is derived from the check-in's id, so importing the same check-in
again updates the event instead of adding a second one; SEQUENCE follows the record's
version. The texts are in the organisation's language, and no note is ever included:
an invitation leaves the application, private notes must not.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from urllib.parse import urlsplit

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext as _
from icalendar import Calendar, Event, vCalAddress

from groeipad.plans.models import CheckIn, CheckInStatus
from groeipad.plans.reminders import absolute, checkin_link

PRODID = "-//Groeipad//Check-ins//NL"


def checkin_uid(checkin: CheckIn) -> str:
    host = urlsplit(settings.BASE_URL).hostname or "groeipad"
    return f"checkin-{checkin.pk}@{host}"


def _address(employee, role: str | None = None) -> vCalAddress:
    address = vCalAddress(f"mailto:{employee.email}")
    address.params["CN"] = employee.full_name
    if role:
        address.params["ROLE"] = role
        address.params["PARTSTAT"] = "NEEDS-ACTION"
    return address


def checkin_event(checkin: CheckIn, *, stamp: datetime) -> Event:
    """The event for a check-in; ``checkin`` comes with its employee and manager loaded."""
    event = Event()
    event.add("uid", checkin_uid(checkin))
    event.add("sequence", checkin.version)
    event.add("dtstamp", stamp)
    event.add("dtstart", checkin.scheduled_for)
    event.add("dtend", checkin.scheduled_for + timedelta(days=1))
    event.add("transp", "TRANSPARENT")  # a day marker: it does not block the whole day
    with translation.override(settings.LANGUAGE_CODE):
        event.add(
            "summary",
            _("Check-in %(employee)s and %(manager)s")
            % {
                "employee": checkin.employee.full_name,
                "manager": checkin.manager.full_name,
            },
        )
        link = absolute(checkin_link(checkin))
        event.add(
            "description",
            _(
                "A short check-in about development: open goals, actions and next steps. "
                "Agree on a time together. Groeipad: %(link)s"
            )
            % {"link": link},
        )
    event.add("organizer", _address(checkin.manager))
    event.add("attendee", _address(checkin.employee, "REQ-PARTICIPANT"))
    event.add("status", "CANCELLED" if checkin.status == CheckInStatus.CANCELLED else "CONFIRMED")
    return event


def calendar(checkins, *, stamp: datetime, method: str) -> bytes:
    """A calendar holding ``checkins``; METHOD:REQUEST for an invitation, PUBLISH for a feed."""
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", method)
    with translation.override(settings.LANGUAGE_CODE):
        cal.add("x-wr-calname", _("Groeipad check-ins"))
    cal.add("x-wr-timezone", settings.TIME_ZONE)
    for checkin in checkins:
        cal.add_component(checkin_event(checkin, stamp=stamp))
    return cal.to_ical()
