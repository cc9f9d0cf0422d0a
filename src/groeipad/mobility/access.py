"""Ids from a request into rotations and applications the viewer may see; 404 otherwise."""

from __future__ import annotations

from django.http import Http404
from django.utils.translation import gettext as _

from groeipad.mobility import selectors
from groeipad.mobility.models import Application, RotationOffer


def offer_for_viewer(user, offer_id: int) -> RotationOffer:
    offer = selectors.offer_by_id(user, offer_id)
    if offer is None:
        raise Http404(_("No such rotation or internship."))
    return offer


def application_for_viewer(user, application_id: int) -> Application:
    try:
        return selectors.applications_for_viewer(user).get(pk=application_id)
    except Application.DoesNotExist:
        raise Http404(_("No such application.")) from None
