"""HR's anonymity settings for 360 feedback: N and the manager choice."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from groeipad.feedback import rules
from groeipad.feedback.models import FeedbackSettings
from groeipad.feedback.rules import FeedbackActor
from groeipad.feedback.services.common import MAX_MIN_GROUP_SIZE, record
from groeipad.lib.actions import action, ensure
from groeipad.privacy.models import AuditAction, ObjectType


@action
def settings_update(
    *, actor: FeedbackActor, min_group_size: int, show_manager_separately: bool
) -> FeedbackSettings:
    """HR sets the organisation's N and the manager choice; rounds copy them on opening."""
    ensure(rules.may_change_settings(actor), _("Only HR can change the feedback settings."))
    if min_group_size < 2:
        raise ValidationError(
            _("The minimum group size must be at least 2, or answers could be traced.")
        )
    if min_group_size > MAX_MIN_GROUP_SIZE:
        raise ValidationError(
            _("The minimum group size can be at most %(max)s.") % {"max": MAX_MIN_GROUP_SIZE}
        )
    current = FeedbackSettings.current()
    before = (current.min_group_size, current.show_manager_separately)
    current.min_group_size = min_group_size
    current.show_manager_separately = show_manager_separately
    current.updated_at = timezone.now()
    current.save()
    record(
        actor=actor,
        verb=AuditAction.UPDATE,
        object_type=ObjectType.FEEDBACK_SETTINGS,
        object_id=current.pk,
        summary=f"Changed the 360 feedback settings (N {before[0]} -> {min_group_size})",
        changes={
            "min_group_size": [before[0], min_group_size],
            "show_manager_separately": [before[1], show_manager_separately],
        },
    )
    return current
