"""The 360 e-mails: queued in the outbox inside the action, delivered after its commit.

No SMTP call runs in a request's transaction: ``notifications.email_queue`` stores the
mail and its worker delivers it once the action committed (and retries when the mail
server is down), so a missing mail server never costs anyone their work. Each mail has
a key, so a retried action never mails twice.
"""

from __future__ import annotations

from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from groeipad.feedback.anonymity import round_k
from groeipad.feedback.models import FeedbackRound, Rater, RaterGroup
from groeipad.notifications.services import email_queue


def _link(token: str) -> str:
    return settings.BASE_URL + reverse("feedback:rater", args=[token])


def queue_draft_notice(feedback_round: FeedbackRound) -> None:
    """Tell the employee HR started a draft round for them: add raters and open it."""
    employee = feedback_round.employee
    with translation.override(settings.LANGUAGE_CODE):
        body = render_to_string(
            "feedback/email/draft_round.txt",
            {
                "employee": employee,
                "link": settings.BASE_URL + reverse("feedback:round", args=[feedback_round.pk]),
                "closes_on": feedback_round.closes_on,
            },
        )
        subject = _("Your 360-degree feedback round is ready to start")
    email_queue(
        to=employee.email, subject=subject, text=body, key=f"feedback-draft:{feedback_round.pk}"
    )


def queue_invitation(rater: Rater, token: str, *, reminder: bool) -> None:
    """The rater's personal link: the invitation, or a reminder with a renewed link."""
    feedback_round = rater.round
    # Raters may be outside the organisation: write in the platform's language (Dutch).
    with translation.override(settings.LANGUAGE_CODE):
        context = {
            "employee": feedback_round.employee,
            "link": _link(token),
            "n": round_k(feedback_round),
            "expires_at": rater.expires_at,
            "closes_on": feedback_round.closes_on,
            "reminder": reminder,
            "is_self": rater.group == RaterGroup.SELF,
            "is_manager": rater.group == RaterGroup.MANAGER,
        }
        subject = (
            _("Reminder: feedback for %(name)s") if reminder else _("Feedback for %(name)s")
        ) % {"name": feedback_round.employee.first_name}
        body = render_to_string("feedback/email/invitation.txt", context)
    if reminder:
        assert rater.reminded_at is not None
        key = f"feedback-remind:{rater.pk}:{rater.reminded_at.isoformat()}"
    else:
        key = f"feedback-invite:{rater.pk}"
    email_queue(to=rater.email, subject=subject, text=body, key=key)
