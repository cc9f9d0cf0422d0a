"""Turning ids from a request into catalogue objects, within what the viewer may see."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.http import Http404
from django.utils.translation import gettext as _

from groeipad.learning.models import Enrolment, LearningOffer, Session
from groeipad.people import scope
from groeipad.people.scope import Viewer

if TYPE_CHECKING:
    from groeipad.people.scope import UserLike


def get_offer_for(viewer: Viewer | UserLike, offer_id: int) -> LearningOffer:
    """An offer of the catalogue. The catalogue holds no personal data: everyone signed
    in may read it (the pages and the API require a login before this)."""
    try:
        return LearningOffer.objects.get(pk=offer_id)
    except LearningOffer.DoesNotExist:
        raise Http404(_("No such learning offer.")) from None


def get_session_for(
    viewer: Viewer | UserLike, offer: LearningOffer, session_id: int
) -> Session | None:
    """A session of ``offer``; None when the offer has no session with that id."""
    return Session.objects.filter(pk=session_id, offer=offer).first()


def get_enrolment_for(viewer: Viewer | UserLike, enrolment_id: int) -> Enrolment:
    """A request of someone the viewer may see; 404 otherwise, never a hint it exists."""
    try:
        return Enrolment.objects.select_related("employee", "offer", "session", "department").get(
            pk=enrolment_id, employee__in=scope.visible_employees(viewer)
        )
    except Enrolment.DoesNotExist:
        raise Http404(_("No such learning request.")) from None
