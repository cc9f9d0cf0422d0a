"""Turning a round id or a rater's token from a request into objects, or a 404."""

from __future__ import annotations

import hashlib

from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from groeipad.feedback import rules
from groeipad.feedback.models import FeedbackRound, Rater, RoundStatus


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def round_for(user, round_id: int, *, need: str = "counts") -> FeedbackRound:
    """The round if ``user`` may ``need`` ("counts", "manage" or "report") it; else 404."""
    check = {
        "counts": rules.may_see_counts,
        "manage": rules.may_manage_round,
        "report": rules.may_read_report,
    }[need]
    feedback_round = FeedbackRound.objects.select_related("employee").filter(pk=round_id).first()
    if feedback_round is None or not check(user, feedback_round):
        raise Http404(_("No such feedback round."))
    return feedback_round


class LinkInvalid(Exception):
    """Unknown, altered, expired or closed: the rater is told the same for each."""


def rater_for_token(token: str) -> Rater:
    rater = (
        Rater.objects.select_related("round__employee").filter(token_hash=token_hash(token)).first()
    )
    if (
        rater is None
        or rater.expires_at <= timezone.now()
        or rater.round.status != RoundStatus.OPEN
    ):
        raise LinkInvalid
    return rater
