"""Writing to the audit log. Every service that touches personal data calls this."""

from __future__ import annotations

from typing import Any

from groeipad.privacy.models import AuditAction, AuditEvent, ObjectType


def _label(actor) -> str:
    actor = getattr(actor, "user", actor) if not hasattr(actor, "email") else actor
    if actor is None:
        return "system"
    return getattr(actor, "email", None) or str(actor)


def _account(actor):
    """The account behind ``actor`` (a user, or a people.scope.Viewer), or None."""
    if actor is not None and not hasattr(actor, "email"):
        actor = getattr(actor, "user", None)
    return actor if getattr(actor, "pk", None) else None


def audit_record(
    *,
    actor,
    action: AuditAction,
    object_type: ObjectType,
    object_id: Any = "",
    summary: str,
    changes: dict | None = None,
) -> AuditEvent:
    return AuditEvent.objects.create(
        actor=_account(actor),
        actor_label=_label(actor),
        action=action,
        object_type=object_type,
        object_id=str(object_id) if object_id is not None else "",
        summary=summary[:500],
        changes=changes or {},
    )
