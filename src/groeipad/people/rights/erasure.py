"""Erasure and pseudonymisation (art. 17): HR erases a leaver's personal data."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from groeipad.lib.actions import Actor, action, audit, ensure
from groeipad.people.models import DataErasure, Employee
from groeipad.people.scope import as_viewer
from groeipad.privacy.models import AuditAction, ObjectType
from groeipad.privacy.registry import RETENTION, DataCategory, categories

# The rules this module applies: HR's erasure applies both at once, the daily task each
# at its time. The audit log keeps its own retention (a maintenance command of its own).
RULES = ("development", "employment")


@dataclass
class ErasureResult:
    dry_run: bool
    # Per category key: how many records go (dry run) or went.
    counts: dict[str, int] = field(default_factory=dict)
    labels: dict[str, str] = field(default_factory=dict)

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    @property
    def changed(self) -> bool:
        return not self.dry_run and self.total > 0

    def as_dict(self) -> dict:
        return {
            "dry_run": self.dry_run,
            "total": self.total,
            "categories": [
                {"key": key, "label": self.labels[key], "records": count}
                for key, count in self.counts.items()
            ],
        }


def erasure_order(rules: Iterable[str] | None = None) -> list[DataCategory]:
    """The categories of ``rules`` (both of ``RULES``: None), the employee record last: the others
    still find the person by their e-mail address and account before it changes."""
    wanted = set(rules) if rules is not None else set(RULES)
    assert wanted <= set(RETENTION), wanted
    found = [c for c in categories() if c.retention in wanted]
    return sorted(found, key=lambda c: (c.app == "people", c.key == "employee_record"))


def erase_categories(
    employee: Employee, found: list[DataCategory], *, dry_run: bool
) -> ErasureResult:
    result = ErasureResult(dry_run=dry_run)
    for category in found:
        result.counts[category.key] = category.erase(employee, dry_run)
        result.labels[category.key] = str(category.label)
    return result


def still_employed(employee: Employee, today) -> bool:
    return employee.leave_date is None or employee.leave_date >= today


@action
def employee_erase(actor: Actor, employee: Employee, dry_run: bool = False) -> ErasureResult:
    """Erase ``employee``'s personal data and pseudonymise their record (HR only).

    Refused while they are employed (no leave date, or one today or later). A dry run
    only counts. A second run finds nothing left: it changes nothing and records nothing.
    """
    viewer = as_viewer(actor)
    ensure(viewer.is_hr, _("Only HR may erase a person's data."))
    today = timezone.localdate()
    if still_employed(employee, today):
        if employee.leave_date is None:
            message = _(
                "%(number)s is still employed (no leave date): erase a person only after "
                "they have left."
            ) % {"number": employee.employee_number}
        else:
            message = _(
                "%(number)s is still employed until %(date)s: erase a person only after "
                "they have left."
            ) % {"number": employee.employee_number, "date": employee.leave_date.isoformat()}
        raise ValidationError(message)
    # Locks the row: two HR advisers erasing at once erase once.
    Employee.objects.select_for_update().filter(pk=employee.pk).first()
    result = erase_categories(employee, erasure_order(), dry_run=dry_run)
    if dry_run:
        return result
    for rule in RULES:
        DataErasure.objects.get_or_create(
            employee=employee,
            rule=rule,
            leave_date=employee.leave_date,
            defaults={"counts": dict(result.counts)},
        )
    if result.changed:
        # What went, counted; never the data itself (nor the name it had).
        audit(
            actor=viewer,
            verb=AuditAction.DELETE,
            object_type=ObjectType.EMPLOYEE,
            object_id=employee.pk,
            summary="Personal data erased and the employee record pseudonymised (article 17)",
            changes={"records": {k: v for k, v in result.counts.items() if v}},
        )
    return result
