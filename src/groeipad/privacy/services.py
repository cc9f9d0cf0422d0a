"""Writing to the audit log. Every service that touches personal data calls this."""

from __future__ import annotations

from typing import Any

from groeipad.privacy.models import AuditAction, AuditEvent


def _label(actor) -> str:
    if actor is None:
        return "system"
    return getattr(actor, "email", None) or str(actor)


def audit_record(
    *,
    actor,
    action: AuditAction | str,
    object_type: str,
    object_id: Any = "",
    summary: str,
    changes: dict | None = None,
) -> AuditEvent:
    return AuditEvent.objects.create(
        actor=actor if getattr(actor, "pk", None) else None,
        actor_label=_label(actor),
        action=action,
        object_type=object_type,
        object_id=str(object_id) if object_id is not None else "",
        summary=summary[:500],
        changes=changes or {},
    )
