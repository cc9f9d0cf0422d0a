"""Retention: per rule, erase what is past its period after the person's leave date.

``retention_apply`` is the daily task's work (``people.tasks.apply_retention``): for
every leaver whose leave date plus the rule's period (``privacy.registry
.retention_days``) has come, it erases the categories of that rule and records it in
``DataErasure``, so the next run skips them: running it twice changes nothing.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from django.db import transaction
from django.db.models import Exists, OuterRef
from django.utils import timezone

from groeipad.lib.actions import audit
from groeipad.people.models import DataErasure, Employee
from groeipad.people.rights.erasure import RULES, erase_categories, erasure_order
from groeipad.privacy.models import AuditAction, ObjectType
from groeipad.privacy.registry import retention_days

# Leavers handled per rule in one transaction; the task loops until none are left.
CHUNK = 200


def due_before(rule: str, today: date) -> date:
    """Leavers on or before this day are due under ``rule`` on ``today``."""
    return today - timedelta(days=retention_days(rule))


def _pending(rule: str):
    """Leavers ``rule`` has not been applied to since they last left."""
    done = DataErasure.objects.filter(
        rule=rule, employee_id=OuterRef("pk"), leave_date=OuterRef("leave_date")
    )
    return Employee.objects.filter(leave_date__isnull=False).exclude(Exists(done))


@dataclass
class RetentionResult:
    dry_run: bool
    # Per rule: people handled, and records per category key.
    people: dict[str, int] = field(default_factory=dict)
    records: dict[str, dict[str, int]] = field(default_factory=dict)

    def as_dict(self) -> dict:
        return {
            "dry_run": self.dry_run,
            "rules": [
                {
                    "rule": rule,
                    "people": self.people.get(rule, 0),
                    "records": sum(self.records.get(rule, {}).values()),
                    "categories": self.records.get(rule, {}),
                }
                for rule in RULES
            ],
        }


def retention_apply(*, today: date | None = None, dry_run: bool = False) -> RetentionResult:
    """Apply every rule to the leavers past its period (background work: no actor)."""
    today = today or timezone.localdate()
    result = RetentionResult(dry_run=dry_run)
    for rule in RULES:
        found = erasure_order([rule])
        people, records = 0, {c.key: 0 for c in found}
        due = _pending(rule).filter(leave_date__lte=due_before(rule, today)).order_by("pk")
        last = 0
        while True:
            chunk = list(due.filter(pk__gt=last)[:CHUNK])
            if not chunk:
                break
            last = chunk[-1].pk
            with transaction.atomic():
                for employee in chunk:
                    erased = erase_categories(employee, found, dry_run=dry_run)
                    people += 1
                    for key, count in erased.counts.items():
                        records[key] += count
                    if dry_run:
                        continue
                    DataErasure.objects.create(
                        employee=employee,
                        rule=rule,
                        leave_date=employee.leave_date,
                        counts=erased.counts,
                    )
                    if erased.total:
                        audit(
                            actor=None,
                            verb=AuditAction.DELETE,
                            object_type=ObjectType.EMPLOYEE,
                            object_id=employee.pk,
                            summary=f"Retention rule '{rule}' applied after the leave date",
                            changes={"records": {k: v for k, v in erased.counts.items() if v}},
                        )
        result.people[rule] = people
        result.records[rule] = records
    return result


@dataclass
class UpcomingErasure:
    employee: Employee
    rule: str
    due_on: date
    counts: dict[str, int]

    @property
    def total(self) -> int:
        return sum(self.counts.values())


def retention_upcoming(
    rule: str, *, today: date | None = None, offset: int = 0, limit: int = 20
) -> tuple[list[UpcomingErasure], bool]:
    """The next leavers ``rule`` will erase, soonest first (overdue ones first of all),
    with what would go; and whether there are more after this page."""
    if rule not in RULES:
        raise ValueError(rule)
    today = today or timezone.localdate()
    days = retention_days(rule)
    leavers = list(
        _pending(rule)
        .select_related("department")
        .order_by("leave_date", "pk")[offset : offset + limit + 1]
    )
    more = len(leavers) > limit
    found = erasure_order([rule])
    rows = []
    for employee in leavers[:limit]:
        assert employee.leave_date is not None
        counts = erase_categories(employee, found, dry_run=True).counts
        rows.append(UpcomingErasure(employee, rule, employee.leave_date + timedelta(days), counts))
    return rows, more
