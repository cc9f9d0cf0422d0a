"""Ids from a request into rotations and applications the viewer may see; 404 otherwise.

Every page and API endpoint that takes an offer or application id goes through these.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.http import Http404
from django.utils.translation import gettext as _

from groeipad.mobility import selectors
from groeipad.mobility.models import Application, RotationOffer
from groeipad.people.scope import Viewer

if TYPE_CHECKING:
    from groeipad.people.scope import UserLike


def get_offer_for(viewer: Viewer | UserLike, offer_id: int) -> RotationOffer:
    offer = selectors.offer_by_id(viewer, offer_id)
    if offer is None:
        raise Http404(_("No such rotation or internship."))
    return offer


def get_application_for(viewer: Viewer | UserLike, application_id: int) -> Application:
    application = selectors.application_by_id(viewer, application_id)
    if application is None:
        raise Http404(_("No such application."))
    return application
