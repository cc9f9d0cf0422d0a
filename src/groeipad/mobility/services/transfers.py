"""Transfers on their start date: carried out once by ``transfers_apply``, or called off."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from groeipad.lib.actions import Actor, action, audit, ensure
from groeipad.lib.concurrency import StaleEdit
from groeipad.mobility import rules, selectors
from groeipad.mobility.models import Application, Decision, RotationOffer, TransferStatus
from groeipad.people.models import Employee
from groeipad.people.services import employee_transfer
from groeipad.privacy.models import AuditAction, ObjectType
from groeipad.privacy.services import audit_record

if TYPE_CHECKING:
    # Who carries out a run: a user, a viewer, the system (None), or a command's label.
    RunActor = Actor | str

log = logging.getLogger(__name__)


@dataclass
class TransferRun:
    """What one ``transfers_apply`` run did: transfers carried out and those skipped."""

    day: date
    applied: list[dict] = field(default_factory=list)
    skipped: list[dict] = field(default_factory=list)

    def as_dict(self) -> dict:
        return {"day": self.day.isoformat(), "applied": self.applied, "skipped": self.skipped}


def transfers_apply(*, today: date | None = None, actor: RunActor = None) -> TransferRun:
    """Carry out every planned transfer whose start date has come, each in its own
    transaction: the movement dated the start date, the new department, an audit entry.

    Idempotent and safe with several workers: each application is re-read under a row
    lock and settled by compare-and-swap on its transfer status, so a transfer is carried
    out once however often (and by how many processes) this runs. One that can no longer
    be carried out (the employee left before the start date, moved elsewhere after being
    chosen, already works there, the named new manager no longer works in the host
    department, or the application was withdrawn) is marked skipped with
    the reason, audited and reported; it is not tried again.
    """
    today = today or timezone.localdate()
    run = TransferRun(day=today)
    for pk in list(selectors.transfers_due(today).values_list("pk", flat=True)):
        try:
            outcome = _transfer_settle(pk, today=today, actor=actor)
        except StaleEdit:
            continue  # another worker settled it between our read and our write
        if outcome is None:
            continue
        (run.skipped if outcome.get("reason") else run.applied).append(outcome)
    for item in run.skipped:
        log.warning(
            "transfer of %s to %s on %s skipped: %s",
            item["employee_number"],
            item["department"],
            item["date"],
            item["reason"],
        )
    return run


def _transfer_obstacle(application: Application, employee: Employee, offer: RotationOffer) -> str:
    """Why a planned transfer cannot be carried out any more, or ""."""
    if application.withdrawn_at or application.decision != Decision.CHOSEN:
        return _("The application was withdrawn or is no longer chosen.")
    if employee.leave_date and employee.leave_date < offer.start_date:
        return _("%(name)s left on %(date)s, before the start date.") % {
            "name": employee.full_name,
            "date": employee.leave_date.isoformat(),
        }
    if employee.department_id == offer.host_department_id:
        return _("%(name)s already works in %(department)s.") % {
            "name": employee.full_name,
            "department": offer.host_department.name,
        }
    if application.transfer_from_id and employee.department_id != application.transfer_from_id:
        return _(
            "%(name)s moved to %(department)s after being chosen; HR decides whether the "
            "transfer still stands."
        ) % {"name": employee.full_name, "department": employee.department.name}
    manager_id = application.new_manager_id
    if manager_id is None:
        return _(
            "No new manager in %(department)s is named for %(name)s; HR decides whether the "
            "transfer still stands."
        ) % {"name": employee.full_name, "department": offer.host_department.name}
    if (
        manager_id == employee.pk
        or not selectors.manager_candidates(offer).filter(pk=manager_id).exists()
    ):
        return _(
            "The new manager named for %(name)s no longer works in %(department)s; HR "
            "decides whether the transfer still stands."
        ) % {"name": employee.full_name, "department": offer.host_department.name}
    return ""


@action
def _transfer_settle(pk: int, *, today: date, actor: RunActor) -> dict | None:
    # The lock makes a second worker wait, then find the transfer settled (None).
    application = (
        Application.objects.select_for_update()
        .filter(pk=pk, transfer_status=TransferStatus.PENDING, offer__start_date__lte=today)
        .first()
    )
    if application is None:
        return None
    offer = RotationOffer.objects.select_related("host_department").get(pk=application.offer_id)
    employee = Employee.objects.select_related("department").get(pk=application.employee_id)
    reason = _transfer_obstacle(application, employee, offer)
    movement = None
    if not reason:
        try:
            with transaction.atomic():
                movement = employee_transfer(
                    actor=actor,
                    employee=employee,
                    department=offer.host_department,
                    date=offer.start_date,
                    reason=f"rotation offer {offer.pk}, on its start date",
                    manager=application.new_manager,
                )
        except ValidationError as error:
            reason = " ".join(error.messages)
    status = TransferStatus.SKIPPED if reason else TransferStatus.APPLIED
    # Compare-and-swap on the status as well: only a planned transfer is settled.
    settled = Application.objects.filter(pk=pk, transfer_status=TransferStatus.PENDING).update(
        transfer_status=status,
        transfer_applied_at=timezone.now(),
        transfer_note=reason[:500],
        movement=movement,
    )
    if settled != 1:
        raise StaleEdit  # rolls back the movement as well
    application.transfer_status = status
    # The run's actor may be a command line's label, which the audit keeps as its actor.
    audit_record(
        actor=actor,
        action=AuditAction.UPDATE,
        object_type=ObjectType.ROTATION_APPLICATION,
        object_id=application.pk,
        summary=(
            f"transfer of {employee.employee_number} to {offer.host_department.name} on "
            f"{offer.start_date.isoformat()} "
            + (f"not carried out: {reason}" if reason else "carried out")
        )[:500],
        changes={"transfer": status, "movement": movement.pk if movement else None},
    )
    outcome = {
        "application": pk,
        "employee_number": employee.employee_number,
        "employee": employee.full_name,
        "department": offer.host_department.name,
        "date": offer.start_date.isoformat(),
    }
    if reason:
        outcome["reason"] = reason
    return outcome


@action
def transfer_cancel(*, actor: Actor, application: Application, reason: str) -> Application:
    """HR or the host department calls off a planned transfer, with a reason.

    The employee stays in their department; the rotation itself stays in their plan (it
    can still go ahead as a temporary one). Only a transfer not yet carried out can be
    called off: the status compare-and-swap makes this and ``transfers_apply`` exclusive.
    """
    ensure(
        rules.may_decide(actor, application.offer),
        _("Only HR and the host department call off a transfer."),
    )
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(_("Give a reason when you call off a transfer."))
    note = (_("called off: %(reason)s") % {"reason": reason})[:500]
    settled = Application.objects.filter(
        pk=application.pk, transfer_status=TransferStatus.PENDING
    ).update(
        transfer_status=TransferStatus.SKIPPED,
        transfer_applied_at=timezone.now(),
        transfer_note=note,
    )
    if settled != 1:
        raise ValidationError(
            _("Only a planned transfer can be called off; this one is not (any more).")
        )
    application.refresh_from_db(fields=["transfer_status", "transfer_applied_at", "transfer_note"])
    audit(
        actor=actor,
        verb=AuditAction.UPDATE,
        object_type=ObjectType.ROTATION_APPLICATION,
        object_id=application.pk,
        summary=(
            f"transfer of {application.employee.employee_number} on "
            f"{application.offer.start_date.isoformat()} called off: {reason}"
        )[:500],
        changes={"transfer": TransferStatus.SKIPPED},
    )
    return application
