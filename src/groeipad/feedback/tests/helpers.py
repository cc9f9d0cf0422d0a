"""Test helpers: invite a rater as the old tests did, with HR approving an external."""

from __future__ import annotations

from groeipad.feedback import services
from groeipad.feedback.models import Approval


def invite_approved(**kwargs):
    """``services.rater_invite(**kwargs)``; an external address is then approved by HR
    (as a real round needs before its invitation goes out). Refusals raise as before."""
    from groeipad.people.models import Role, User

    rater = services.rater_invite(**kwargs)
    if rater.approval == Approval.PENDING:
        hr = User.objects.filter(role=Role.HR).order_by("pk").first()
        rater = services.external_decide(actor=hr, rater=rater, approve=True)
    return rater
