"""Writes for rotations and internships. Each checks who may (rules), validates, saves, audits.

Apply -> the direct manager consents (HR when there is none) -> the host department
chooses among consented applications, up to the number of places. Choosing places an
action in the employee's development plan (plans.services) and, for a transfer, records
the move, the new department and the new manager the host names (people.services), so
the management line (and who sees the employee) moves along: in the same transaction when the
start date has come, else ``transfers_apply`` (run daily by ``groeipad worker``, or by
``groeipad rotations apply-transfers``) does it on the start date.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from groeipad.lib.concurrency import StaleEdit
from groeipad.mobility import rules, selectors
from groeipad.mobility.models import (
    Application,
    Consent,
    Decision,
    OfferCompetency,
    OfferKind,
    OfferStatus,
    RotationOffer,
    TransferStatus,
)
from groeipad.people.models import Department, Employee
from groeipad.people.services import employee_transfer
from groeipad.plans.models import Instrument
from groeipad.plans.services import action_place_agreed
from groeipad.privacy.models import AuditAction
from groeipad.privacy.services import audit_record
from groeipad.skills.models import Competency

MAX_WEEKS = 104
MAX_PLACES = 100

log = logging.getLogger(__name__)


def _audit(actor, action, obj, summary: str, changes: dict | None = None) -> None:
    audit_record(
        actor=actor,
        action=action,
        object_type="rotation_application" if isinstance(obj, Application) else "rotation_offer",
        object_id=obj.pk,
        summary=summary[:500],
        changes=changes,
    )


# --- Offers ------------------------------------------------------------------------------


def offer_create(
    *,
    actor,
    host_department: Department | None,
    kind: str,
    title: str,
    duration_weeks: int | None,
    start_date: date | None,
    places: int | None = 1,
    description: str = "",
    is_transfer: bool = False,
    competencies: list[tuple[Competency, int | None]] | None = None,
) -> RotationOffer:
    """A rotation or internship offered by ``host_department``: HR, or a manager there."""
    if host_department is None:
        raise ValidationError(_("Choose the department that offers the place."))
    if not rules.may_create_offer(actor, host_department):
        raise PermissionDenied(
            _("Only HR and the managers of %(department)s offer places there.")
            % {"department": host_department.name}
        )
    title = (title or "").strip()
    if not title:
        raise ValidationError(_("Say what the rotation or internship is (the title is empty)."))
    if len(title) > 200:
        raise ValidationError(_("Keep the title under 200 characters."))
    if kind not in OfferKind.values:
        raise ValidationError(_("Choose whether it is a job rotation or an internship."))
    if duration_weeks is None or not 1 <= int(duration_weeks) <= MAX_WEEKS:
        raise ValidationError(
            _("The duration must be between 1 and %(max)d weeks.") % {"max": MAX_WEEKS}
        )
    if start_date is None:
        raise ValidationError(_("Give the start date."))
    if places is None or not 1 <= int(places) <= MAX_PLACES:
        raise ValidationError(
            _("The number of places must be between 1 and %(max)d.") % {"max": MAX_PLACES}
        )
    pairs = list(competencies or [])
    seen = set()
    for competency, level in pairs:
        if competency.pk in seen:
            raise ValidationError(
                _("%(competency)s is listed twice.") % {"competency": competency.name}
            )
        seen.add(competency.pk)
        scale = competency.scale
        if level is not None and not scale.min_level <= level <= scale.max_level:
            raise ValidationError(
                _("Target level for %(competency)s: choose %(min)d to %(max)d.")
                % {"competency": competency.name, "min": scale.min_level, "max": scale.max_level}
            )
    with transaction.atomic():
        offer = RotationOffer.objects.create(
            host_department=host_department,
            kind=kind,
            title=title,
            description=(description or "").strip(),
            duration_weeks=int(duration_weeks),
            start_date=start_date,
            places=int(places),
            is_transfer=bool(is_transfer),
            created_by=actor if getattr(actor, "pk", None) else None,
        )
        OfferCompetency.objects.bulk_create(
            OfferCompetency(offer=offer, competency=c, target_level=level) for c, level in pairs
        )
        _audit(
            actor,
            AuditAction.CREATE,
            offer,
            f"{kind} '{title}' in {host_department.name}, {offer.duration_weeks} weeks from "
            f"{start_date.isoformat()}, {offer.places} place(s)"
            + (", transfer" if offer.is_transfer else ""),
        )
    return offer


def offer_close(*, actor, offer: RotationOffer) -> RotationOffer:
    """No more applications; the host can still choose among those who applied."""
    if not rules.may_decide(actor, offer):
        raise PermissionDenied(_("Only HR and the host department close this offer."))
    if offer.status == OfferStatus.CLOSED:
        raise ValidationError(_("This offer is already closed."))
    with transaction.atomic():
        RotationOffer.objects.filter(pk=offer.pk).update(status=OfferStatus.CLOSED)
        offer.status = OfferStatus.CLOSED
        _audit(actor, AuditAction.UPDATE, offer, f"closed '{offer.title}'")
    return offer


def _chosen_count(offer: RotationOffer) -> int:
    return Application.objects.filter(offer=offer, decision=Decision.CHOSEN).count()


# --- Applications ------------------------------------------------------------------------


def application_create(*, actor, offer: RotationOffer, motivation: str = "") -> Application:
    """The logged-in employee applies, once per offer; their manager is asked to consent."""
    employee_id = getattr(actor, "employee_id", None)
    if not employee_id:
        raise PermissionDenied(_("Only employees apply for a rotation or internship."))
    employee = Employee.objects.select_related("department").get(pk=employee_id)
    if offer.status != OfferStatus.OPEN:
        raise ValidationError(_("This offer is closed for applications."))
    if employee.leave_date and employee.leave_date < timezone.localdate():
        raise ValidationError(_("Only current employees apply."))
    if employee.department_id == offer.host_department_id:
        raise ValidationError(
            _("You already work in %(department)s; a rotation is a place in another department.")
            % {"department": offer.host_department.name}
        )
    if Application.objects.filter(offer=offer, employee=employee).exists():
        raise ValidationError(_("You have already applied for this offer."))
    if _chosen_count(offer) >= offer.places:
        raise ValidationError(_("All places of this offer are filled."))
    try:
        with transaction.atomic():
            application = Application.objects.create(
                offer=offer, employee=employee, motivation=(motivation or "").strip()
            )
            _audit(
                actor,
                AuditAction.CREATE,
                application,
                f"{employee.employee_number} applied for offer {offer.pk} '{offer.title}'",
            )
    except IntegrityError:
        raise ValidationError(_("You have already applied for this offer.")) from None
    return application


def _locked(application: Application) -> Application:
    """Re-read the application under a row lock, so two decisions cannot cross."""
    fresh = Application.objects.select_for_update().get(pk=application.pk)
    for name in (
        "consent",
        "consent_reason",
        "consent_by_id",
        "consent_at",
        "decision",
        "decision_reason",
        "decided_by_id",
        "decided_at",
        "withdrawn_at",
    ):
        setattr(application, name, getattr(fresh, name))
    return application


def application_consent(
    *, actor, application: Application, give: bool, reason: str = ""
) -> Application:
    """The direct manager (HR when there is none) consents or refuses, with a reason."""
    if not rules.may_consent(actor, application):
        raise PermissionDenied(
            _("Only the employee's own manager (HR when there is none) decides on consent.")
        )
    reason = (reason or "").strip()
    if not give and not reason:
        raise ValidationError(_("Give a reason when you do not consent."))
    with transaction.atomic():
        _locked(application)
        if application.withdrawn_at:
            raise ValidationError(_("This application was withdrawn."))
        if application.consent != Consent.PENDING:
            raise ValidationError(_("Consent has already been decided for this application."))
        application.consent = Consent.GIVEN if give else Consent.REFUSED
        application.consent_reason = reason
        application.consent_by = actor
        application.consent_at = timezone.now()
        application.save(update_fields=["consent", "consent_reason", "consent_by", "consent_at"])
        _audit(
            actor,
            AuditAction.UPDATE,
            application,
            f"consent {application.consent} for {application.employee.employee_number} "
            f"on offer {application.offer_id}" + (f": {reason}" if reason else ""),
        )
    return application


def _outside_host(offer: RotationOffer) -> ValidationError:
    return ValidationError(
        _("New manager: choose someone who works in %(department)s or one of its sub-departments.")
        % {"department": offer.host_department.name}
    )


def new_manager_find(
    *, actor, offer: RotationOffer, pk=None, employee_number: str | None = None
) -> Employee | None:
    """The new manager a page (employee id) or the API (employee number) names for a
    transfer; None when none is named or the offer is not a transfer. Only those who
    decide may look; an unknown one is refused with the same message as one outside the
    host department (no probing for who exists)."""
    if not rules.may_decide(actor, offer):
        raise PermissionDenied(_("Only HR and the host department choose candidates."))
    if not offer.is_transfer:
        return None
    if pk in (None, ""):
        pk = None
    number = (employee_number or "").strip()
    if pk is None and not number:
        return None
    query = Employee.objects.select_related("department")
    try:
        found = (
            query.filter(pk=int(pk)).first()
            if pk is not None
            else (query.filter(employee_number=number).first())
        )
    except (TypeError, ValueError):
        found = None
    if found is None:
        raise _outside_host(offer)
    return found


def _new_manager_check(actor, employee: Employee, offer: RotationOffer, named) -> Employee:
    """The named new manager, or the deciding user when they work in the host department
    (or below it); refused when nobody fitting is named."""
    candidates = selectors.manager_candidates(offer)
    if named is None:
        own = getattr(actor, "employee_id", None)
        if own and own != employee.pk and candidates.filter(pk=own).exists():
            return Employee.objects.get(pk=own)
        raise ValidationError(
            _(
                "New manager: name who manages %(name)s after the transfer, someone who "
                "works in %(department)s or one of its sub-departments."
            )
            % {"name": employee.full_name, "department": offer.host_department.name}
        )
    if named.pk == employee.pk:
        raise ValidationError(
            _("New manager: %(name)s cannot be their own manager.") % {"name": employee.full_name}
        )
    if not candidates.filter(pk=named.pk).exists():
        raise _outside_host(offer)
    return named


def application_decide(
    *,
    actor,
    application: Application,
    choose: bool,
    reason: str = "",
    today: date | None = None,
    new_manager: Employee | None = None,
) -> Application:
    """The host department (or HR) chooses a consented candidate, or not, with a reason.

    Choosing fills a place, adds the rotation to the employee's plan as an on-the-job (70)
    action, and for a transfer records the move, the new department and the new manager
    (``new_manager``; default: the deciding user when they work in the host department,
    else required): now when the start date is ``today`` (default: the local date) or
    earlier, else the transfer is planned and ``transfers_apply`` carries it out on the
    start date. A rotation without transfer never changes the manager.
    """
    offer = application.offer
    if not rules.may_decide(actor, offer):
        raise PermissionDenied(_("Only HR and the host department choose candidates."))
    reason = (reason or "").strip()
    if not choose and not reason:
        raise ValidationError(_("Give a reason when you do not choose a candidate."))
    with transaction.atomic():
        # The offer row lock serialises choices for one offer: places cannot overflow.
        offer = (
            RotationOffer.objects.select_for_update()
            .select_related("host_department")
            .get(pk=offer.pk)
        )
        application.offer = offer
        _locked(application)
        if application.withdrawn_at:
            raise ValidationError(_("This application was withdrawn."))
        if application.consent != Consent.GIVEN:
            raise ValidationError(
                _(
                    "The manager has not consented to this application; only consented "
                    "applications reach the host department."
                )
            )
        if application.decision != Decision.PENDING:
            raise ValidationError(_("This application has already been decided."))
        employee = Employee.objects.select_related("department").get(pk=application.employee_id)
        if choose:
            if _chosen_count(offer) >= offer.places:
                raise ValidationError(
                    _("All %(places)d places of this offer are filled.") % {"places": offer.places}
                )
            action, _started = action_place_agreed(
                actor=actor,
                employee=employee,
                goal_title=f"{offer.get_kind_display().capitalize()}: {offer.title}",
                description=_("%(kind)s at %(department)s, %(start)s to %(end)s")
                % {
                    "kind": offer.get_kind_display().capitalize(),
                    "department": offer.host_department.name,
                    "start": offer.start_date.isoformat(),
                    "end": offer.end_date.isoformat(),
                },
                instrument=Instrument.JOB_ROTATION,
                start=offer.start_date,
                end=offer.end_date,
                competency=_first_competency(offer),
                why=offer.description,
            )
            application.plan_action = action
            if offer.is_transfer:
                if employee.department_id == offer.host_department_id:
                    raise ValidationError(
                        _("%(name)s already works in %(department)s.")
                        % {"name": employee.full_name, "department": offer.host_department.name}
                    )
                application.transfer_from = employee.department
                application.new_manager = _new_manager_check(actor, employee, offer, new_manager)
                if offer.start_date <= (today or timezone.localdate()):
                    application.movement = employee_transfer(
                        actor=actor,
                        employee=employee,
                        department=offer.host_department,
                        date=offer.start_date,
                        reason=f"rotation offer {offer.pk}",
                        manager=application.new_manager,
                    )
                    application.transfer_status = TransferStatus.APPLIED
                    application.transfer_applied_at = timezone.now()
                else:
                    application.transfer_status = TransferStatus.PENDING
        application.decision = Decision.CHOSEN if choose else Decision.NOT_CHOSEN
        application.decision_reason = reason
        application.decided_by = actor
        application.decided_at = timezone.now()
        application.save(
            update_fields=[
                "decision",
                "decision_reason",
                "decided_by",
                "decided_at",
                "plan_action",
                "movement",
                "transfer_status",
                "transfer_from",
                "transfer_applied_at",
                "new_manager",
            ]
        )
        _audit(
            actor,
            AuditAction.UPDATE,
            application,
            f"host decision {application.decision} for {employee.employee_number} on offer "
            f"{offer.pk}" + (f": {reason}" if reason else ""),
            changes={
                "plan_action": application.plan_action_id,
                "movement": application.movement_id,
                "transfer": application.transfer_status,
                "new_manager": (
                    application.new_manager.employee_number if application.new_manager_id else None
                ),
            },
        )
    return application


def _first_competency(offer: RotationOffer):
    link = offer.offer_competencies.select_related("competency").order_by("pk").first()
    return link.competency if link else None


def application_withdraw(*, actor, application: Application) -> Application:
    """The applicant withdraws, as long as the host has not decided."""
    if not rules.may_withdraw(actor, application):
        raise PermissionDenied(_("Only the applicant withdraws an application."))
    with transaction.atomic():
        _locked(application)
        if application.withdrawn_at:
            raise ValidationError(_("This application was already withdrawn."))
        if application.decision != Decision.PENDING:
            raise ValidationError(
                _("The host department has already decided; talk to them and your manager.")
            )
        application.withdrawn_at = timezone.now()
        application.save(update_fields=["withdrawn_at"])
        _audit(actor, AuditAction.UPDATE, application, "withdrawn by the applicant")
    return application


# --- Transfers on their start date --------------------------------------------------------


@dataclass
class TransferRun:
    """What one ``transfers_apply`` run did: transfers carried out and those skipped."""

    day: date
    applied: list[dict] = field(default_factory=list)
    skipped: list[dict] = field(default_factory=list)

    def as_dict(self) -> dict:
        return {"day": self.day.isoformat(), "applied": self.applied, "skipped": self.skipped}


def transfers_due(today: date):
    """Chosen transfers still planned whose start date is ``today`` or earlier."""
    return Application.objects.filter(
        transfer_status=TransferStatus.PENDING, offer__start_date__lte=today
    ).order_by("offer__start_date", "pk")


def transfers_apply(*, today: date | None = None, actor=None) -> TransferRun:
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
    for pk in list(transfers_due(today).values_list("pk", flat=True)):
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


def _transfer_obstacle(application: Application, employee: Employee, offer) -> str:
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


def _transfer_settle(pk: int, *, today: date, actor) -> dict | None:
    with transaction.atomic():
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
        _audit(
            actor,
            AuditAction.UPDATE,
            application,
            f"transfer of {employee.employee_number} to {offer.host_department.name} on "
            f"{offer.start_date.isoformat()} "
            + (f"not carried out: {reason}" if reason else "carried out"),
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


def transfer_cancel(*, actor, application: Application, reason: str) -> Application:
    """HR or the host department calls off a planned transfer, with a reason.

    The employee stays in their department; the rotation itself stays in their plan (it
    can still go ahead as a temporary one). Only a transfer not yet carried out can be
    called off: the status compare-and-swap makes this and ``transfers_apply`` exclusive.
    """
    if not rules.may_decide(actor, application.offer):
        raise PermissionDenied(_("Only HR and the host department call off a transfer."))
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(_("Give a reason when you call off a transfer."))
    note = (_("called off: %(reason)s") % {"reason": reason})[:500]
    with transaction.atomic():
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
        application.refresh_from_db(
            fields=["transfer_status", "transfer_applied_at", "transfer_note"]
        )
        _audit(
            actor,
            AuditAction.UPDATE,
            application,
            f"transfer of {application.employee.employee_number} on "
            f"{application.offer.start_date.isoformat()} called off: {reason}",
            changes={"transfer": TransferStatus.SKIPPED},
        )
    return application
