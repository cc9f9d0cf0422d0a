"""Turning ids from a request into catalogue objects, within what the viewer may see."""

from __future__ import annotations

from django.http import Http404
from django.utils.translation import gettext as _

from groeipad.learning.models import Enrolment, LearningOffer
from groeipad.people.visibility import visible_employees


def offer_by_id(offer_id: int) -> LearningOffer:
    # The catalogue holds no personal data: everyone signed in may read it.
    try:
        return LearningOffer.objects.get(pk=offer_id)
    except LearningOffer.DoesNotExist:
        raise Http404(_("No such learning offer.")) from None


def enrolment_for_viewer(user, enrolment_id: int) -> Enrolment:
    """A request of someone the viewer may see; 404 otherwise, never a hint it exists."""
    try:
        return Enrolment.objects.select_related("employee", "offer", "session", "department").get(
            pk=enrolment_id, employee__in=visible_employees(user)
        )
    except Enrolment.DoesNotExist:
        raise Http404(_("No such learning request.")) from None
