"""Writing to the audit log. Every service that touches personal data calls this."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import connection, transaction
from django.utils import timezone

from groeipad.privacy import db
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


def audit_read(*, actor, object_type: ObjectType, object_id: Any, subject) -> AuditEvent | None:
    """Record that ``actor`` read ``subject``'s data ``object_type`` ``object_id``.

    ``subject`` is the employee whose data it is (anything with ``pk`` and
    ``employee_number``). Nothing is recorded when people read their own data, nor for
    the system, nor twice a day for the same viewer and object (one indexed query
    decides). The entry holds what was read and whose it is, never the data itself.
    """
    account = _account(actor)
    if account is None or _employee_id(actor, account) == subject.pk:
        return None
    object_id = str(object_id)
    day_start = timezone.make_aware(
        dt.datetime.combine(timezone.localdate(), dt.time.min), timezone.get_current_timezone()
    )
    already = AuditEvent.objects.filter(
        actor=account, object_type=object_type, object_id=object_id, at__gte=day_start
    ).filter(action=AuditAction.READ)
    if already.exists():
        return None
    return audit_record(
        actor=account,
        action=AuditAction.READ,
        object_type=object_type,
        object_id=object_id,
        summary=f"Read {object_type} {object_id} of employee {subject.employee_number}",
        changes={"employee_id": subject.pk, "employee_number": subject.employee_number},
    )


def _employee_id(actor, account) -> int | None:
    employee_id = getattr(actor, "employee_id", None)
    return employee_id if employee_id is not None else getattr(account, "employee_id", None)


class PruneError(Exception):
    """The prune command cannot run (bad date, or not the table's owner)."""


def audit_prune(*, actor, before: dt.datetime, dry_run: bool = False) -> int:
    """Remove the audit entries from before ``before``: the log's own retention.

    The only way past the database's protection (``privacy.db.protection_lifted``): in
    one transaction the triggers go off, the old entries go, the triggers come back and
    an entry records how many went up to which moment. On PostgreSQL only the table's
    owner may do this. ``dry_run`` counts and changes nothing. Returns the count.
    """
    if timezone.is_naive(before):
        raise PruneError("The moment to prune before needs a time zone.")
    if before > timezone.now():
        raise PruneError("Cannot prune entries from the future.")
    old = AuditEvent.objects.filter(at__lt=before)
    if dry_run:
        return old.count()
    try:
        with transaction.atomic():
            with db.protection_lifted(connection), connection.cursor() as cursor:
                cursor.execute(
                    f"DELETE FROM {db.TABLE} WHERE at < %s",
                    [connection.ops.adapt_datetimefield_value(before)],
                )
                removed = cursor.rowcount
            audit_record(
                actor=actor,
                action=AuditAction.PRUNE,
                object_type=ObjectType.AUDIT_LOG,
                summary=f"Removed {removed} audit entries from before {before.isoformat()}",
                changes={"removed": removed, "before": before.isoformat()},
            )
    except db.ProtectionError as error:
        raise PruneError(str(error)) from error
    return removed
