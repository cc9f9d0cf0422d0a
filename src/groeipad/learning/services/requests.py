"""Learning requests: asking, deciding (against the budget that pays), cancelling,
the waiting list, completion, and learning recorded from other instruments."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from groeipad.budgets import selectors as budget_selectors
from groeipad.budgets import services as budget_services
from groeipad.budgets.models import Funding
from groeipad.budgets.services import BudgetCheck
from groeipad.learning import rules
from groeipad.learning.models import (
    ActivityKind,
    Enrolment,
    EnrolmentStatus,
    LearningActivity,
    LearningOffer,
    Session,
)
from groeipad.lib.actions import Actor, action, actor_user, audit, ensure
from groeipad.people.models import Employee
from groeipad.privacy.models import AuditAction, ObjectType

OPEN = (EnrolmentStatus.REQUESTED, EnrolmentStatus.WAITLISTED)
TAKES_A_PLACE = (EnrolmentStatus.APPROVED, EnrolmentStatus.COMPLETED)


def _audit_request(actor: Actor, enrolment: Enrolment, summary: str, **extra: Any) -> None:
    audit(
        actor=actor,
        verb=extra.pop("verb", AuditAction.UPDATE),
        object_type=ObjectType.LEARNING_REQUEST,
        object_id=enrolment.pk,
        summary=summary,
        **extra,
    )


@action
def request_offer(
    *,
    actor: Actor,
    employee: Employee,
    offer: LearningOffer,
    session: Session | None = None,
    goal: Any = None,
    reason: str = "",
    funding: str | None = None,
) -> Enrolment:
    """An employee asks for an offer: from a goal in their plan, or freely.

    ``funding`` says which budget pays: "department" or "personal". Left out, it is
    personal when the employee has a personal budget for the year whose rest covers
    the cost, else the department's. Personal without a personal budget is refused.
    """
    ensure(rules.may_request_for(actor, employee), _("You can only request learning for yourself."))
    if not offer.active:
        raise ValidationError(
            _("%(title)s is no longer in the catalogue.") % {"title": offer.title}
        )
    if session is not None and session.offer_id != offer.pk:
        raise ValidationError(_("That session belongs to another offer."))
    if session is not None and session.starts_on < timezone.localdate():
        raise ValidationError(_("That session has already started."))
    if goal is not None and goal.plan.employee_id != employee.pk:
        raise ValidationError(_("That goal is not in this employee's plan."))
    if employee.department_id is None:
        raise ValidationError(_("The employee has no department, so no budget to draw on."))
    if Enrolment.objects.filter(
        employee=employee, offer=offer, status__in=(*OPEN, EnrolmentStatus.APPROVED)
    ).exists():
        raise ValidationError(
            _("%(title)s is already requested or approved for this employee.")
            % {"title": offer.title}
        )
    year = session.starts_on.year if session is not None else timezone.localdate().year
    if funding in (None, ""):
        funding = budget_selectors.default_funding(employee, year, offer.cost)
    funding = budget_services.funding_value(funding)
    if funding == Funding.PERSONAL and budget_selectors.personal_budget_for(employee, year) is None:
        raise budget_services.no_personal_budget(employee, year)
    enrolment = Enrolment.objects.create(
        employee=employee,
        offer=offer,
        session=session,
        goal=goal,
        department_id=employee.department_id,
        funding=funding,
        reason=reason.strip(),
        cost=offer.cost,
        hours=offer.duration_hours,
    )
    _audit_request(
        actor,
        enrolment,
        f"{employee.employee_number} requested {offer.title} ({offer.cost}), "
        f"paid from the {funding} budget",
        verb=AuditAction.CREATE,
    )
    return enrolment


def _decided(enrolment: Enrolment, actor: Actor, status: str, reason: str) -> None:
    enrolment.status = status
    enrolment.decided_by = actor_user(actor)
    enrolment.decided_at = timezone.now()
    enrolment.decision_reason = reason.strip()


def _hold(enrolment: Enrolment, *, override: bool) -> BudgetCheck:
    """Check the request's cost against the budget that pays it, with that row locked."""
    if enrolment.funding == Funding.PERSONAL:
        return budget_services.personal_hold(
            employee=enrolment.employee,
            year=enrolment.budget_year,
            cost=enrolment.cost,
            override=override,
        )
    return budget_services.budget_hold(
        department=enrolment.department,
        year=enrolment.budget_year,
        cost=enrolment.cost,
        override=override,
        refusal=_(
            "Approving this request (%(cost)s) would exceed the learning "
            "budget of %(department)s for %(year)s: %(left)s is left. "
            "Only HR can approve it beyond the budget."
        ),
    )


def _locked(enrolment: Enrolment, *related: str) -> Enrolment:
    query = Enrolment.objects.select_for_update(of=("self",))
    if related:
        query = query.select_related(*related)
    return query.get(pk=enrolment.pk)


def _still_open(enrolment: Enrolment) -> None:
    if enrolment.status not in OPEN:
        raise ValidationError(
            _("This request is already %(status)s.") % {"status": enrolment.get_status_display()}
        )


def _may_decide(actor: Actor, employee: Employee, message: str | None = None) -> None:
    ensure(
        rules.may_decide(actor, employee),
        message or _("Only a manager in the employee's line or HR can decide."),
    )


@action
def approve(
    *,
    actor: Actor,
    enrolment: Enrolment,
    reason: str = "",
    override_budget: bool = False,
    funding: str | None = None,
) -> Enrolment:
    """Approve a request; a full session puts it on the waiting list instead.

    The cost is checked against the budget that pays: the department's, or the
    employee's personal budget. ``funding`` lets the decider switch which one pays
    (audited). The session row is locked first, then the paying budget's row, always
    in that order, so two managers approving at the same moment queue up: the second
    sees the first's place taken and the first's money committed.
    """
    _may_decide(actor, enrolment.employee)
    if override_budget:
        ensure(rules.may_override_budget(actor), _("Only HR can approve beyond the budget."))
    enrolment = _locked(enrolment, "employee", "offer", "session")
    _still_open(enrolment)
    switched = ""
    if funding not in (None, "") and budget_services.funding_value(funding) != enrolment.funding:
        switched = f"; paid from the {funding} budget instead of the {enrolment.funding}"
        assert funding is not None
        enrolment.funding = funding
    year = enrolment.budget_year
    if (
        enrolment.funding == Funding.PERSONAL
        and budget_selectors.personal_budget_for(enrolment.employee, year) is None
    ):
        raise budget_services.no_personal_budget(enrolment.employee, year)
    if enrolment.session_id:
        session = Session.objects.select_for_update().get(pk=enrolment.session_id)
        taken = session.enrolments.filter(status__in=TAKES_A_PLACE).count()
        if taken >= session.capacity:
            _decided(enrolment, actor, EnrolmentStatus.WAITLISTED, reason)
            enrolment.save()
            _audit_request(
                actor,
                enrolment,
                f"session {session.pk} full: waiting list{switched}",
                changes={"status": "waitlisted", "funding": enrolment.funding},
            )
            return enrolment
    check = _hold(enrolment, override=override_budget)
    _decided(enrolment, actor, EnrolmentStatus.APPROVED, reason)
    enrolment.budget_override = check.overridden
    enrolment.save()
    summary = f"approved {enrolment.offer.title} for {enrolment.employee.employee_number}"
    _audit_request(
        actor,
        enrolment,
        summary + switched + check.audit_note(enrolment.cost),
        changes={
            "status": "approved",
            "funding": enrolment.funding,
            "budget_override": check.overridden,
        },
    )
    return enrolment


@action
def decline(*, actor: Actor, enrolment: Enrolment, reason: str) -> Enrolment:
    _may_decide(actor, enrolment.employee)
    if not reason.strip():
        raise ValidationError(_("Say why the request is declined."))
    enrolment = _locked(enrolment)
    _still_open(enrolment)
    _decided(enrolment, actor, EnrolmentStatus.DECLINED, reason)
    enrolment.save()
    _audit_request(actor, enrolment, f"declined: {reason.strip()[:200]}")
    return enrolment


@action
def cancel(*, actor: Actor, enrolment: Enrolment) -> Enrolment:
    employee = enrolment.employee
    ensure(
        rules.may_request_for(actor, employee) or rules.may_decide(actor, employee),
        _("You may not do that."),
    )
    enrolment = _locked(enrolment)
    if enrolment.status not in (*OPEN, EnrolmentStatus.APPROVED):
        raise ValidationError(_("Only open or approved requests can be cancelled."))
    freed_place = enrolment.status == EnrolmentStatus.APPROVED and enrolment.session_id
    enrolment.status = EnrolmentStatus.CANCELLED
    enrolment.save(update_fields=["status"])
    _audit_request(actor, enrolment, "cancelled")
    if freed_place and enrolment.session_id:
        _move_up(actor=actor, session_id=enrolment.session_id)
    return enrolment


def _move_up(*, actor: Actor, session_id: int) -> Enrolment | None:
    """Give a freed place to the longest waiting request, if its budget still allows.

    A manager already approved it (the session was full then), so it needs no second
    decision; one that no longer fits the budget stays waiting for HR or the manager.
    """
    session = Session.objects.select_for_update().get(pk=session_id)
    if session.enrolments.filter(status__in=TAKES_A_PLACE).count() >= session.capacity:
        return None
    waiting = (
        Enrolment.objects.select_for_update(of=("self",))
        .filter(session=session, status=EnrolmentStatus.WAITLISTED)
        .select_related("department", "session", "employee")
        .order_by("decided_at", "requested_at", "id")
        .first()
    )
    if waiting is None:
        return None
    if not budget_services.fits_locked(
        funding=waiting.funding,
        employee=waiting.employee,
        department=waiting.department,
        year=waiting.budget_year,
        cost=waiting.cost,
    ):
        return None
    waiting.status = EnrolmentStatus.APPROVED
    waiting.save(update_fields=["status"])
    _audit_request(actor, waiting, f"moved up from the waiting list of session {session.pk}")
    return waiting


@action
def complete(
    *, actor: Actor, enrolment: Enrolment, completed_on: date | None = None
) -> LearningActivity:
    """Mark approved learning completed: it becomes a LearningActivity, once, for the KPIs."""
    _may_decide(
        actor,
        enrolment.employee,
        _("Only a manager in the employee's line or HR can record this."),
    )
    completed_on = completed_on or timezone.localdate()
    if completed_on > timezone.localdate():
        raise ValidationError(_("Completion cannot be dated in the future."))
    enrolment = _locked(enrolment, "offer", "employee")
    if enrolment.status == EnrolmentStatus.COMPLETED and enrolment.activity is not None:
        return enrolment.activity
    if enrolment.status != EnrolmentStatus.APPROVED:
        raise ValidationError(_("Only approved learning can be completed."))
    # get_or_create on the import's own key: an imported row of the same learning
    # is linked, not counted twice.
    activity, _created = LearningActivity.objects.get_or_create(
        employee=enrolment.employee,
        date=completed_on,
        title=enrolment.offer.title,
        defaults={
            "kind": enrolment.offer.activity_kind,
            "hours": enrolment.hours,
            "cost": enrolment.cost,
            "offer": enrolment.offer,
        },
    )
    if activity.offer_id is None:
        activity.offer = enrolment.offer
        activity.save(update_fields=["offer"])
    enrolment.status = EnrolmentStatus.COMPLETED
    enrolment.completed_on = completed_on
    enrolment.activity = activity
    enrolment.save()
    _audit_request(actor, enrolment, f"completed on {completed_on}")
    return activity


@action
def activity_record(
    *,
    actor: Actor,
    employee: Employee,
    on: date,
    title: str,
    kind: str,
    hours: Decimal,
    cost: Decimal,
) -> LearningActivity:
    """Record completed learning from another instrument (coaching, ...) for the KPIs.

    The 70-20-10 category follows from ``kind`` (coaching and mentoring: social, 20).
    Keyed like the import, so the same learning is linked, never counted twice.
    """
    if kind not in ActivityKind.values:
        raise ValidationError(_("Unknown kind of learning: %(kind)s.") % {"kind": kind})
    if hours < 0 or cost < 0:
        raise ValidationError(_("Hours and cost cannot be negative."))
    activity, created = LearningActivity.objects.get_or_create(
        employee=employee,
        date=on,
        title=title[:300],
        defaults={"kind": kind, "hours": hours, "cost": cost},
    )
    if created:
        audit(
            actor=actor,
            verb=AuditAction.CREATE,
            object_type=ObjectType.LEARNING_ACTIVITY,
            object_id=activity.pk,
            summary=f"{employee.employee_number}: {activity.title} ({kind}, {cost})",
        )
    return activity
