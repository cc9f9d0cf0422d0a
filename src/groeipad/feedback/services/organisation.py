"""HR's anonymity settings for 360 feedback: N (never below the floor, 3 by default).

The manager's own rating is always shown as theirs, named (specs/anonymity.md): there
is no choice to merge it into the anonymous groups any more."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from groeipad.feedback import rules
from groeipad.feedback.models import FeedbackSettings
from groeipad.feedback.rules import FeedbackActor
from groeipad.feedback.services.common import MAX_MIN_GROUP_SIZE, min_k, record
from groeipad.lib.actions import action, ensure
from groeipad.privacy.models import AuditAction, ObjectType


@action
def settings_update(*, actor: FeedbackActor, min_group_size: int) -> FeedbackSettings:
    """HR sets the organisation's N; rounds copy it on opening."""
    ensure(rules.may_change_settings(actor), _("Only HR can change the feedback settings."))
    floor = min_k()
    if min_group_size < floor:
        raise ValidationError(
            _(
                "The minimum group size must be at least %(k)s, or answers could be traced "
                "(you gave %(n)s)."
            )
            % {"k": floor, "n": min_group_size}
        )
    if min_group_size > MAX_MIN_GROUP_SIZE:
        raise ValidationError(
            _("The minimum group size can be at most %(max)s.") % {"max": MAX_MIN_GROUP_SIZE}
        )
    current = FeedbackSettings.current()
    before = (current.min_group_size,)
    current.min_group_size = min_group_size
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
        },
    )
    return current
