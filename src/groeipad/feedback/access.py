"""The access funnels: a round id or a rater's token from a request, or a 404.

Every page and API endpoint that takes a round id goes through one of these; what the
viewer may not see answers 404, never a hint that it exists.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable

from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from groeipad.feedback import rules
from groeipad.feedback.models import FeedbackRound, Rater, RoundStatus
from groeipad.lib.actions import Actor
from groeipad.privacy.models import ObjectType
from groeipad.privacy.services import audit_read


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _round_if(
    viewer: Actor, round_id: int, allowed: Callable[[Actor, FeedbackRound], bool]
) -> FeedbackRound:
    feedback_round = (
        FeedbackRound.objects.select_related("employee", "mentor", "shared_with_manager_employee")
        .filter(pk=round_id)
        .first()
    )
    if feedback_round is None or not allowed(viewer, feedback_round):
        raise Http404(_("No such feedback round."))
    return feedback_round


def get_round_for(viewer: Actor, round_id: int) -> FeedbackRound:
    """The round and its response counts: the employee, and HR."""
    return _round_if(viewer, round_id, rules.may_see_counts)


def get_round_to_manage_for(viewer: Actor, round_id: int) -> FeedbackRound:
    """A round the viewer invites raters to, reminds, opens or closes."""
    return _round_if(viewer, round_id, rules.may_manage_round)


def get_report_for(viewer: Actor, round_id: int) -> FeedbackRound:
    """The round whose report the viewer may read: the employee, and whom they shared with.

    Every way to read it (page, API, CSV, XLSX) comes here, so reading someone else's
    report is audited here (once a day per viewer and report)."""
    feedback_round = _round_if(viewer, round_id, rules.may_read_report)
    audit_read(
        actor=viewer,
        object_type=ObjectType.FEEDBACK_REPORT,
        object_id=feedback_round.pk,
        subject=feedback_round.employee,
    )
    return feedback_round


class LinkInvalid(Exception):
    """Unknown, altered, expired or closed: the rater is told the same for each."""


def get_rater_for(token: str) -> Rater:
    """The rater behind a link's token, while the link and its round are open."""
    rater = (
        Rater.objects.select_related("round__employee").filter(token_hash=token_hash(token)).first()
    )
    if (
        rater is None
        or not rater.counts  # an external waiting for approval, or refused: never invited
        or rater.invited_at is None
        or rater.expires_at <= timezone.now()
        or rater.round.status != RoundStatus.OPEN
    ):
        raise LinkInvalid
    return rater
