"""Applying for an offer, the manager's consent, the host's choice, withdrawing."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from groeipad.lib.actions import Actor, action, actor_user, audit, ensure
from groeipad.mobility import rules, selectors
from groeipad.mobility.models import (
    Application,
    Consent,
    Decision,
    OfferStatus,
    RotationOffer,
    TransferStatus,
)
from groeipad.people import scope
from groeipad.people.models import Employee
from groeipad.people.services import employee_transfer
from groeipad.plans.models import Instrument
from groeipad.plans.services import action_place_agreed
from groeipad.privacy.models import AuditAction, ObjectType

_LOCKED_FIELDS = (
    "consent",
    "consent_reason",
    "consent_by_id",
    "consent_at",
    "decision",
    "decision_reason",
    "decided_by_id",
    "decided_at",
    "withdrawn_at",
)


def _audit(
    actor: Actor,
    application: Application,
    summary: str,
    *,
    verb: AuditAction = AuditAction.UPDATE,
    changes: dict | None = None,
) -> None:
    audit(
        actor=actor,
        verb=verb,
        object_type=ObjectType.ROTATION_APPLICATION,
        object_id=application.pk,
        summary=summary[:500],
        changes=changes,
    )


@action
def application_create(*, actor: Actor, offer: RotationOffer, motivation: str = "") -> Application:
    """The logged-in employee applies, once per offer; their manager is asked to consent."""
    employee_id = scope.as_viewer(actor).employee_id
    ensure(employee_id is not None, _("Only employees apply for a rotation or internship."))
    assert employee_id is not None
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
    if selectors.chosen_count(offer) >= offer.places:
        raise ValidationError(_("All places of this offer are filled."))
    try:
        with transaction.atomic():
            application = Application.objects.create(
                offer=offer, employee=employee, motivation=(motivation or "").strip()
            )
    except IntegrityError:
        raise ValidationError(_("You have already applied for this offer.")) from None
    _audit(
        actor,
        application,
        f"{employee.employee_number} applied for offer {offer.pk} '{offer.title}'",
        verb=AuditAction.CREATE,
    )
    return application


def _locked(application: Application) -> Application:
    """Re-read the application under a row lock, so two decisions cannot cross."""
    fresh = Application.objects.select_for_update().get(pk=application.pk)
    for name in _LOCKED_FIELDS:
        setattr(application, name, getattr(fresh, name))
    return application


@action
def application_consent(
    *, actor: Actor, application: Application, give: bool, reason: str = ""
) -> Application:
    """The direct manager (HR when there is none) consents or refuses, with a reason."""
    ensure(
        rules.may_consent(actor, application),
        _("Only the employee's own manager (HR when there is none) decides on consent."),
    )
    reason = (reason or "").strip()
    if not give and not reason:
        raise ValidationError(_("Give a reason when you do not consent."))
    _locked(application)
    if application.withdrawn_at:
        raise ValidationError(_("This application was withdrawn."))
    if application.consent != Consent.PENDING:
        raise ValidationError(_("Consent has already been decided for this application."))
    application.consent = Consent.GIVEN if give else Consent.REFUSED
    application.consent_reason = reason
    application.consent_by = actor_user(actor)
    application.consent_at = timezone.now()
    application.save(update_fields=["consent", "consent_reason", "consent_by", "consent_at"])
    _audit(
        actor,
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
    *,
    actor: Actor,
    offer: RotationOffer,
    pk: int | str | None = None,
    employee_number: str | None = None,
) -> Employee | None:
    """The new manager a page (employee id) or the API (employee number) names for a
    transfer; None when none is named or the offer is not a transfer. Only those who
    decide may look; an unknown one is refused with the same message as one outside the
    host department (no probing for who exists)."""
    ensure(rules.may_decide(actor, offer), _("Only HR and the host department choose candidates."))
    if not offer.is_transfer:
        return None
    if pk == "":
        pk = None
    number = (employee_number or "").strip()
    if pk is None and not number:
        return None
    query = Employee.objects.select_related("department")
    try:
        found = (
            query.filter(pk=int(pk)).first()
            if pk is not None
            else query.filter(employee_number=number).first()
        )
    except (TypeError, ValueError):
        found = None
    if found is None:
        raise _outside_host(offer)
    return found


def _new_manager_check(
    actor: Actor, employee: Employee, offer: RotationOffer, named: Employee | None
) -> Employee:
    """The named new manager, or the deciding user when they work in the host department
    (or below it); refused when nobody fitting is named."""
    candidates = selectors.manager_candidates(offer)
    if named is None:
        own = scope.as_viewer(actor).employee_id
        if own and own != employee.pk:
            found = candidates.filter(pk=own).first()
            if found is not None:
                return found
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


def _place_in_plan(actor: Actor, employee: Employee, offer: RotationOffer):
    kind = offer.get_kind_display().capitalize()
    placed, _started = action_place_agreed(
        actor=actor,
        employee=employee,
        goal_title=f"{kind}: {offer.title}",
        description=_("%(kind)s at %(department)s, %(start)s to %(end)s")
        % {
            "kind": kind,
            "department": offer.host_department.name,
            "start": offer.start_date.isoformat(),
            "end": offer.end_date.isoformat(),
        },
        instrument=Instrument.JOB_ROTATION,
        start=offer.start_date,
        end=offer.end_date,
        competency=selectors.first_competency(offer),
        why=offer.description,
    )
    return placed


def _transfer_on_choice(
    actor: Actor,
    application: Application,
    employee: Employee,
    offer: RotationOffer,
    new_manager: Employee | None,
    today: date,
) -> None:
    """Record the transfer of a chosen candidate: now when the start date has come, else
    planned for ``transfers_apply``."""
    if employee.department_id == offer.host_department_id:
        raise ValidationError(
            _("%(name)s already works in %(department)s.")
            % {"name": employee.full_name, "department": offer.host_department.name}
        )
    application.transfer_from = employee.department
    application.new_manager = _new_manager_check(actor, employee, offer, new_manager)
    if offer.start_date <= today:
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


@action
def application_decide(
    *,
    actor: Actor,
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
    ensure(
        rules.may_decide(actor, application.offer),
        _("Only HR and the host department choose candidates."),
    )
    reason = (reason or "").strip()
    if not choose and not reason:
        raise ValidationError(_("Give a reason when you do not choose a candidate."))
    # The offer row lock serialises choices for one offer: places cannot overflow.
    offer = (
        RotationOffer.objects.select_for_update()
        .select_related("host_department")
        .get(pk=application.offer_id)
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
        if selectors.chosen_count(offer) >= offer.places:
            raise ValidationError(
                _("All %(places)d places of this offer are filled.") % {"places": offer.places}
            )
        application.plan_action = _place_in_plan(actor, employee, offer)
        if offer.is_transfer:
            _transfer_on_choice(
                actor, application, employee, offer, new_manager, today or timezone.localdate()
            )
    application.decision = Decision.CHOSEN if choose else Decision.NOT_CHOSEN
    application.decision_reason = reason
    application.decided_by = actor_user(actor)
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
        application,
        f"host decision {application.decision} for {employee.employee_number} on offer "
        f"{offer.pk}" + (f": {reason}" if reason else ""),
        changes={
            "plan_action": application.plan_action_id,
            "movement": application.movement_id,
            "transfer": application.transfer_status,
            "new_manager": (
                application.new_manager.employee_number if application.new_manager else None
            ),
        },
    )
    return application


@action
def application_withdraw(*, actor: Actor, application: Application) -> Application:
    """The applicant withdraws, as long as the host has not decided."""
    ensure(
        rules.may_withdraw(actor, application), _("Only the applicant withdraws an application.")
    )
    _locked(application)
    if application.withdrawn_at:
        raise ValidationError(_("This application was already withdrawn."))
    if application.decision != Decision.PENDING:
        raise ValidationError(
            _("The host department has already decided; talk to them and your manager.")
        )
    application.withdrawn_at = timezone.now()
    application.save(update_fields=["withdrawn_at"])
    _audit(actor, application, "withdrawn by the applicant")
    return application
