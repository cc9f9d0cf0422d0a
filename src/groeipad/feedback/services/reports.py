"""Reading a report leaves no trace; exporting it is recorded (who took a copy, when)."""

from __future__ import annotations

from django.utils.translation import gettext as _

from groeipad.feedback import rules
from groeipad.feedback.models import FeedbackRound
from groeipad.feedback.rules import FeedbackActor
from groeipad.feedback.services.common import record
from groeipad.lib.actions import action, ensure
from groeipad.privacy.models import AuditAction, ObjectType


@action
def report_exported(*, actor: FeedbackActor, feedback_round: FeedbackRound, fmt: str) -> None:
    """Record that a reader exported the report (``fmt``: "CSV" or "XLSX")."""
    ensure(rules.may_read_report(actor, feedback_round), _("You may not read this report."))
    record(
        actor=actor,
        verb=AuditAction.EXPORT,
        object_type=ObjectType.FEEDBACK_ROUND,
        object_id=feedback_round.pk,
        summary=f"Exported a 360 report as {fmt}",
    )
