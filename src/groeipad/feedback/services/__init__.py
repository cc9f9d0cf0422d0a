"""Writes of 360-degree feedback. Each is an action: who may, validate, save, audit, and
its e-mail queued for after the commit.

- ``organisation``: HR's settings (N, the manager choice).
- ``rounds``: start (own, or drafts for a group), open, close.
- ``raters``: invitations (distinct people; externals approved), answers, reminders.
- ``sharing``: who else reads the report; ``reports``: an export is recorded.
- ``mail``: the e-mails, through the outbox.
"""

from groeipad.feedback.services.common import (
    LINK_DAYS,
    MAX_MIN_GROUP_SIZE,
    OPEN_QUESTIONS,
    REMIND_AFTER,
)
from groeipad.feedback.services.organisation import settings_update
from groeipad.feedback.services.raters import (
    answer_save,
    answer_submit,
    external_decide,
    invite_self,
    rater_invite,
    raters_remind,
    reminders_for_open_rounds,
)
from groeipad.feedback.services.reports import report_exported
from groeipad.feedback.services.rounds import (
    GroupStart,
    forget_who_answered,
    round_close,
    round_open,
    round_start,
    round_start_own,
    rounds_close_past,
    rounds_start_for_group,
)
from groeipad.feedback.services.sharing import round_share

__all__ = [
    "LINK_DAYS",
    "MAX_MIN_GROUP_SIZE",
    "OPEN_QUESTIONS",
    "REMIND_AFTER",
    "GroupStart",
    "answer_save",
    "answer_submit",
    "external_decide",
    "forget_who_answered",
    "invite_self",
    "rater_invite",
    "raters_remind",
    "reminders_for_open_rounds",
    "report_exported",
    "round_close",
    "round_open",
    "round_share",
    "round_start",
    "round_start_own",
    "rounds_close_past",
    "rounds_start_for_group",
    "settings_update",
]
