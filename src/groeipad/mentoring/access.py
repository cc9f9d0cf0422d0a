"""Turning a pair id from a request into a match the viewer is part of; 404 otherwise."""

from __future__ import annotations

from django.http import Http404
from django.utils.translation import gettext as _

from groeipad.mentoring import rules
from groeipad.mentoring.models import Match


def match_for_member(user, match_id: int) -> Match:
    """The pair, when the viewer is its mentor or mentee. HR and managers get 404: what a
    pair logs and shares stays between the two of them."""
    match = (
        Match.objects.select_related(
            "programme", "mentor__employee", "mentee__employee", "goal__plan"
        )
        .prefetch_related("meetings", "feedback")
        .filter(pk=match_id)
        .first()
    )
    if match is None or not rules.is_in_pair(user, match):
        raise Http404(_("No such pair."))
    return match
