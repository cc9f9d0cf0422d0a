"""Reading the audit log and the data inventory, for the transparency page and API."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import Q, QuerySet
from django.utils import timezone

from groeipad.privacy import anonymity, registry
from groeipad.privacy.models import AuditAction, AuditEvent, ObjectType

PER_PAGE = 50


@dataclass(frozen=True)
class AuditPage:
    entries: list[AuditEvent]
    page: int
    per_page: int
    has_next: bool

    @property
    def has_previous(self) -> bool:
        return self.page > 1


def _start_of(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))


def audit_events(
    *,
    since: dt.date | None = None,
    until: dt.date | None = None,
    action: str = "",
    object_type: str = "",
    actor: str = "",
    employee: str = "",
) -> QuerySet[AuditEvent]:
    """The audit log filtered, newest first; dates are whole days in Amsterdam.

    ``employee``: entries about that employee (number): reads of their data, which name
    them in ``changes``, and entries whose object is the employee record itself.
    """
    events = AuditEvent.objects.all()
    if since:
        events = events.filter(at__gte=_start_of(since))
    if until:
        events = events.filter(at__lt=_start_of(until + dt.timedelta(days=1)))
    if action:
        events = events.filter(action=action)
    if object_type:
        events = events.filter(object_type=object_type)
    if actor:
        events = events.filter(actor_label__iexact=actor.strip())
    if employee:
        number = employee.strip()
        events = events.filter(
            Q(changes__employee_number=number)
            | Q(object_type=ObjectType.EMPLOYEE, object_id=number)
        )
    return events.order_by("-at", "-id")


def audit_page(*, page: int = 1, per_page: int = PER_PAGE, **filters: Any) -> AuditPage:
    """One page of the filtered log: one query, never the whole log, no total count."""
    page = max(page or 1, 1)
    start = (page - 1) * per_page
    rows = list(audit_events(**filters)[start : start + per_page + 1])
    return AuditPage(
        entries=rows[:per_page], page=page, per_page=per_page, has_next=len(rows) > per_page
    )


def action_label(action: str) -> str:
    try:
        return str(AuditAction(action).label)
    except ValueError:
        return action


def object_type_label(object_type: str) -> str:
    try:
        return str(ObjectType(object_type).label)
    except ValueError:
        return object_type


@dataclass(frozen=True)
class Threshold:
    instrument: str
    label: str
    k: int


def anonymity_thresholds() -> list[Threshold]:
    """k per instrument, as configured (never below ``anonymity.MIN_K``)."""
    return [
        Threshold(str(instrument), str(anonymity.INSTRUMENT_LABELS[instrument]), k)
        for instrument, k in anonymity.thresholds().items()
    ]


@dataclass(frozen=True)
class Retention:
    key: str
    label: str
    days: int


def retention_periods() -> list[Retention]:
    return [
        Retention(rule.key, str(rule.label), registry.retention_days(rule.key))
        for rule in registry.RETENTION.values()
    ]
