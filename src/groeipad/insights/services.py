"""Writes of the insights app: the replacement-cost rates, and the audit of an export."""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from groeipad.lib.actions import Actor, audit
from groeipad.people.models import Organisation
from groeipad.people.scope import is_hr
from groeipad.privacy.models import AuditAction, ObjectType

if TYPE_CHECKING:
    from groeipad.insights.selectors import KpiReport


class StaleVersion(Exception):
    """Someone else changed the settings since this form was opened."""


def current_organisation() -> Organisation:
    """The organisation row the settings live on, created with defaults if missing."""
    organisation = Organisation.objects.order_by("pk").first()
    return organisation or Organisation.objects.create()


def organisation_set_replacement_costs(
    *, actor: Actor, low: Decimal, high: Decimal, version: int
) -> Organisation:
    """Change the replacement-cost rates, if nobody changed them since ``version``."""
    if not is_hr(actor):
        raise PermissionDenied(_("Only HR advisers can change the replacement-cost rates."))
    if low > high:
        raise ValidationError(_("The low estimate cannot be above the high estimate."))
    with transaction.atomic():
        organisation = current_organisation()
        before = {
            "replacement_cost_low": str(organisation.replacement_cost_low),
            "replacement_cost_high": str(organisation.replacement_cost_high),
        }
        # One conditional UPDATE: of two people saving the same version, one wins
        # and the other is told, instead of silently overwriting.
        updated = Organisation.objects.filter(pk=organisation.pk, version=version).update(
            replacement_cost_low=low, replacement_cost_high=high, version=version + 1
        )
        if not updated:
            raise StaleVersion
        organisation.refresh_from_db()
        audit(
            actor=actor,
            verb=AuditAction.UPDATE,
            object_type=ObjectType.ORGANISATION,
            object_id=organisation.pk,
            summary="replacement-cost rates changed",
            changes={
                "before": before,
                "after": {"replacement_cost_low": str(low), "replacement_cost_high": str(high)},
            },
        )
    return organisation


def record_kpi_export(*, actor: Actor, report: KpiReport, fmt: str, scope_label: str) -> None:
    """Audit a KPI export: who took which scope and period out of the application."""
    if report.manager is not None:
        object_id, scope = report.manager.employee_number, "line"
    elif report.department is not None:
        object_id, scope = str(report.department.pk), "department"
    else:
        object_id, scope = "", "organisation"
    audit(
        actor=actor,
        verb=AuditAction.EXPORT,
        object_type=ObjectType.KPIS,
        object_id=object_id,
        summary=f"KPI export ({fmt}) {report.start} - {report.end}",
        changes={
            "format": fmt,
            "start": report.start.isoformat(),
            "end": report.end.isoformat(),
            "scope": scope,
            "department": scope_label if scope == "department" else "",
            "line_of": object_id if scope == "line" else "",
        },
    )
