"""Writes for the learning catalogue. Each checks who may, validates, saves and audits."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from groeipad.learning import rules, selectors
from groeipad.learning.models import (
    ActivityKind,
    Budget,
    Enrolment,
    EnrolmentStatus,
    Evaluation,
    EvaluationLevel,
    Funding,
    LearningActivity,
    LearningOffer,
    PersonalBudget,
    Session,
)
from groeipad.lib.money import euro
from groeipad.people.models import Employee
from groeipad.privacy.models import AuditAction
from groeipad.privacy.services import audit_record

OPEN = (EnrolmentStatus.REQUESTED, EnrolmentStatus.WAITLISTED)
TAKES_A_PLACE = (EnrolmentStatus.APPROVED, EnrolmentStatus.COMPLETED)
OFFER_FIELDS = (
    "title",
    "kind",
    "provider",
    "format",
    "description",
    "duration_hours",
    "cost",
    "language",
    "mandatory",
    "active",
)


@dataclass(frozen=True)
class BudgetCheck:
    """What approving a cost against a department's development budget found."""

    budget: Budget | PersonalBudget | None
    remaining: Decimal | None
    overridden: bool
    # What the audit note calls the budget: "Operations 2026", "personal budget E123 2026".
    name: str = ""

    def audit_note(self, cost: Decimal) -> str:
        if not self.overridden:
            return ""
        return f"; BUDGET OVERRIDE: {cost} beyond {self.remaining} left of {self.name}"


def budget_hold(*, department, year: int, cost: Decimal, override: bool, refusal) -> BudgetCheck:
    """Check that ``cost`` fits in the department's budget, inside the caller's transaction.

    The budget row is locked before the remaining amount is read, so two approvals that
    draw on the same budget (learning or coaching) at the same moment queue up and the
    second sees the first's money committed. ``refusal`` is the caller's own message with
    ``cost``, ``department``, ``year`` and ``left`` placeholders; ``override`` (HR, checked
    by the caller) turns the refusal into an approval the audit note marks.
    """
    budget = selectors.budget_for(department, year)
    if budget is None:
        return BudgetCheck(budget=None, remaining=None, overridden=False)
    Budget.objects.select_for_update().filter(pk=budget.pk).first()
    remaining = selectors.budget_status(budget.department, budget.year).remaining
    name = f"{budget.department.name} {budget.year}"
    if cost <= remaining:
        return BudgetCheck(budget=budget, remaining=remaining, overridden=False, name=name)
    if not override:
        raise ValidationError(
            refusal
            % {
                "cost": euro(cost),
                "department": budget.department.name,
                "year": budget.year,
                "left": euro(remaining),
            }
        )
    return BudgetCheck(budget=budget, remaining=remaining, overridden=True, name=name)


def _no_personal_budget(employee: Employee, year: int) -> ValidationError:
    return ValidationError(
        _(
            "%(name)s has no personal learning budget for %(year)s, so this learning "
            "can only be paid from the department budget."
        )
        % {"name": employee.full_name, "year": year}
    )


def personal_hold(*, employee: Employee, year: int, cost: Decimal, override: bool) -> BudgetCheck:
    """Check that ``cost`` fits in what is left of the employee's personal budget.

    Like ``budget_hold``: the personal budget row is locked before what is left is read,
    so two approvals on the same personal budget queue up. ``override`` (HR, checked by
    the caller) approves beyond it, and the audit note says so.
    """
    budget = PersonalBudget.objects.select_for_update().filter(employee=employee, year=year).first()
    if budget is None:
        raise _no_personal_budget(employee, year)
    remaining = selectors.personal_budget_status(employee, year).remaining
    name = f"personal budget {employee.employee_number} {year}"
    if cost <= remaining:
        return BudgetCheck(budget=budget, remaining=remaining, overridden=False, name=name)
    if not override:
        raise ValidationError(
            _(
                "Approving this request (%(cost)s) would exceed the personal learning "
                "budget of %(name)s for %(year)s: %(left)s is left. Pay it from the "
                "department budget instead, or only HR can approve it beyond the "
                "personal budget."
            )
            % {
                "cost": euro(cost),
                "name": employee.full_name,
                "year": year,
                "left": euro(remaining),
            }
        )
    return BudgetCheck(budget=budget, remaining=remaining, overridden=True, name=name)


def _funding_value(funding) -> str:
    if funding not in Funding.values:
        raise ValidationError(
            _("Choose who pays: the department budget or the personal learning budget.")
        )
    return funding


# --- Catalogue ----------------------------------------------------------------------


def offer_save(*, actor, offer: LearningOffer | None = None, **fields) -> LearningOffer:
    if not rules.may_manage_catalogue(actor):
        raise PermissionDenied(_("Only HR can edit the learning catalogue."))
    unknown = set(fields) - set(OFFER_FIELDS)
    if unknown:
        raise ValidationError(_("Unknown fields: %(f)s.") % {"f": ", ".join(sorted(unknown))})
    title = (fields.get("title") if "title" in fields else offer and offer.title) or ""
    clash = LearningOffer.objects.filter(title__iexact=title.strip())
    if offer is not None:
        clash = clash.exclude(pk=offer.pk)
    if clash.exists():
        raise ValidationError(_("An offer called %(title)s already exists.") % {"title": title})
    creating = offer is None
    offer = offer or LearningOffer()
    for name, value in fields.items():
        setattr(offer, name, value.strip() if isinstance(value, str) else value)
    offer.full_clean()
    with transaction.atomic():
        offer.save()
        audit_record(
            actor=actor,
            action=AuditAction.CREATE if creating else AuditAction.UPDATE,
            object_type="learning_offer",
            object_id=offer.pk,
            summary=f"{offer.title}: {offer.kind}, {offer.duration_hours} h, {offer.cost}",
        )
    return offer


def offer_competency_set(*, actor, offer: LearningOffer, competency, level: int):
    from groeipad.learning.models import OfferCompetency

    if not rules.may_manage_catalogue(actor):
        raise PermissionDenied(_("Only HR can edit the learning catalogue."))
    scale = competency.scale
    if not scale.min_level <= level <= scale.max_level:
        raise ValidationError(
            _("Level %(level)s is outside the scale %(low)s-%(high)s of %(name)s.")
            % {
                "level": level,
                "low": scale.min_level,
                "high": scale.max_level,
                "name": competency.name,
            }
        )
    with transaction.atomic():
        link, _created = OfferCompetency.objects.update_or_create(
            offer=offer, competency=competency, defaults={"level": level}
        )
        audit_record(
            actor=actor,
            action=AuditAction.UPDATE,
            object_type="learning_offer",
            object_id=offer.pk,
            summary=f"{offer.title}: develops {competency.name_en} to {level}",
        )
    return link


def session_add(
    *, actor, offer: LearningOffer, starts_on: date, ends_on: date, place: str, capacity: int
) -> Session:
    if not rules.may_manage_catalogue(actor):
        raise PermissionDenied(_("Only HR can edit the learning catalogue."))
    if ends_on < starts_on:
        raise ValidationError(_("A session cannot end before it starts."))
    if capacity < 1:
        raise ValidationError(_("A session needs at least one place."))
    with transaction.atomic():
        session = Session.objects.create(
            offer=offer,
            starts_on=starts_on,
            ends_on=ends_on,
            place=place.strip(),
            capacity=capacity,
        )
        audit_record(
            actor=actor,
            action=AuditAction.CREATE,
            object_type="learning_session",
            object_id=session.pk,
            summary=f"{offer.title} {starts_on} ({capacity} places)",
        )
    return session


def budget_set(*, actor, department, year: int, amount: Decimal, hours: Decimal = Decimal("0")):
    if not rules.may_manage_catalogue(actor):
        raise PermissionDenied(_("Only HR can set learning budgets."))
    if amount < 0 or hours < 0:
        raise ValidationError(_("A budget cannot be negative."))
    with transaction.atomic():
        budget, _created = Budget.objects.update_or_create(
            department=department, year=year, defaults={"amount": amount, "hours": hours}
        )
        audit_record(
            actor=actor,
            action=AuditAction.UPDATE,
            object_type="learning_budget",
            object_id=budget.pk,
            summary=f"{department.name} {year}: {amount} euros, {hours} h",
        )
    return budget


# --- Requests and decisions ---------------------------------------------------------


def request_offer(
    *,
    actor,
    employee: Employee,
    offer: LearningOffer,
    session: Session | None = None,
    goal=None,
    reason: str = "",
    funding: str | None = None,
) -> Enrolment:
    """An employee asks for an offer: from a goal in their plan, or freely.

    ``funding`` says which budget pays: "department" or "personal". Left out, it is
    personal when the employee has a personal budget for the year whose rest covers
    the cost, else the department's. Personal without a personal budget is refused.
    """
    if not rules.may_request_for(actor, employee):
        raise PermissionDenied(_("You can only request learning for yourself."))
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
        funding = selectors.default_funding(employee, year, offer.cost)
    funding = _funding_value(funding)
    if funding == Funding.PERSONAL and selectors.personal_budget_for(employee, year) is None:
        raise _no_personal_budget(employee, year)
    with transaction.atomic():
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
        audit_record(
            actor=actor,
            action=AuditAction.CREATE,
            object_type="learning_request",
            object_id=enrolment.pk,
            summary=f"{employee.employee_number} requested {offer.title} ({offer.cost}), "
            f"paid from the {funding} budget",
        )
    return enrolment


def _decided(enrolment: Enrolment, actor, status: str, reason: str) -> None:
    enrolment.status = status
    enrolment.decided_by = actor if getattr(actor, "pk", None) else None
    enrolment.decided_at = timezone.now()
    enrolment.decision_reason = reason.strip()


def _hold(enrolment: Enrolment, *, override: bool) -> BudgetCheck:
    """Check the request's cost against the budget that pays it, with that row locked."""
    if enrolment.funding == Funding.PERSONAL:
        return personal_hold(
            employee=enrolment.employee,
            year=enrolment.budget_year,
            cost=enrolment.cost,
            override=override,
        )
    return budget_hold(
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


def approve(
    *,
    actor,
    enrolment: Enrolment,
    reason: str = "",
    override_budget: bool = False,
    funding: str | None = None,
):
    """Approve a request; a full session puts it on the waiting list instead.

    The cost is checked against the budget that pays: the department's, or the
    employee's personal budget. ``funding`` lets the decider switch which one pays
    (audited). The session row is locked first, then the paying budget's row, always
    in that order, so two managers approving at the same moment queue up: the second
    sees the first's place taken and the first's money committed.
    """
    if not rules.may_decide(actor, enrolment.employee):
        raise PermissionDenied(_("Only a manager in the employee's line or HR can decide."))
    if override_budget and not rules.may_override_budget(actor):
        raise PermissionDenied(_("Only HR can approve beyond the budget."))
    with transaction.atomic():
        enrolment = (
            Enrolment.objects.select_for_update(of=("self",))
            .select_related("employee", "offer", "session")
            .get(pk=enrolment.pk)
        )
        if enrolment.status not in OPEN:
            raise ValidationError(
                _("This request is already %(status)s.")
                % {"status": enrolment.get_status_display()}
            )
        switched = ""
        if funding not in (None, "") and _funding_value(funding) != enrolment.funding:
            switched = f"; paid from the {funding} budget instead of the {enrolment.funding}"
            enrolment.funding = funding
        year = enrolment.budget_year
        if (
            enrolment.funding == Funding.PERSONAL
            and selectors.personal_budget_for(enrolment.employee, year) is None
        ):
            raise _no_personal_budget(enrolment.employee, year)
        if enrolment.session_id:
            session = Session.objects.select_for_update().get(pk=enrolment.session_id)
            taken = session.enrolments.filter(status__in=TAKES_A_PLACE).count()
            if taken >= session.capacity:
                _decided(enrolment, actor, EnrolmentStatus.WAITLISTED, reason)
                enrolment.save()
                audit_record(
                    actor=actor,
                    action=AuditAction.UPDATE,
                    object_type="learning_request",
                    object_id=enrolment.pk,
                    summary=f"session {session.pk} full: waiting list{switched}",
                    changes={"status": "waitlisted", "funding": enrolment.funding},
                )
                return enrolment
        check = _hold(enrolment, override=override_budget)
        _decided(enrolment, actor, EnrolmentStatus.APPROVED, reason)
        enrolment.budget_override = check.overridden
        enrolment.save()
        summary = f"approved {enrolment.offer.title} for {enrolment.employee.employee_number}"
        summary += switched + check.audit_note(enrolment.cost)
        audit_record(
            actor=actor,
            action=AuditAction.UPDATE,
            object_type="learning_request",
            object_id=enrolment.pk,
            summary=summary,
            changes={
                "status": "approved",
                "funding": enrolment.funding,
                "budget_override": check.overridden,
            },
        )
    return enrolment


def decline(*, actor, enrolment: Enrolment, reason: str) -> Enrolment:
    if not rules.may_decide(actor, enrolment.employee):
        raise PermissionDenied(_("Only a manager in the employee's line or HR can decide."))
    if not reason.strip():
        raise ValidationError(_("Say why the request is declined."))
    with transaction.atomic():
        enrolment = Enrolment.objects.select_for_update(of=("self",)).get(pk=enrolment.pk)
        if enrolment.status not in OPEN:
            raise ValidationError(
                _("This request is already %(status)s.")
                % {"status": enrolment.get_status_display()}
            )
        _decided(enrolment, actor, EnrolmentStatus.DECLINED, reason)
        enrolment.save()
        audit_record(
            actor=actor,
            action=AuditAction.UPDATE,
            object_type="learning_request",
            object_id=enrolment.pk,
            summary=f"declined: {reason.strip()[:200]}",
        )
    return enrolment


def cancel(*, actor, enrolment: Enrolment) -> Enrolment:
    employee = enrolment.employee
    if not (rules.may_request_for(actor, employee) or rules.may_decide(actor, employee)):
        raise PermissionDenied
    with transaction.atomic():
        enrolment = Enrolment.objects.select_for_update(of=("self",)).get(pk=enrolment.pk)
        if enrolment.status not in (*OPEN, EnrolmentStatus.APPROVED):
            raise ValidationError(_("Only open or approved requests can be cancelled."))
        freed_place = enrolment.status == EnrolmentStatus.APPROVED and enrolment.session_id
        enrolment.status = EnrolmentStatus.CANCELLED
        enrolment.save(update_fields=["status"])
        audit_record(
            actor=actor,
            action=AuditAction.UPDATE,
            object_type="learning_request",
            object_id=enrolment.pk,
            summary="cancelled",
        )
        if freed_place:
            _move_up(actor=actor, session_id=enrolment.session_id)
    return enrolment


def _move_up(*, actor, session_id: int) -> Enrolment | None:
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
    if waiting.funding == Funding.PERSONAL:
        budget = (
            PersonalBudget.objects.select_for_update()
            .filter(employee_id=waiting.employee_id, year=waiting.budget_year)
            .first()
        )
        if budget is None:
            return None
        status = selectors.personal_budget_status(waiting.employee, waiting.budget_year)
        if waiting.cost > status.remaining:
            return None
    else:
        budget = selectors.budget_for(waiting.department, waiting.budget_year)
        if budget is not None:
            Budget.objects.select_for_update().filter(pk=budget.pk).first()
            remaining = selectors.budget_status(budget.department, budget.year).remaining
            if waiting.cost > remaining:
                return None
    waiting.status = EnrolmentStatus.APPROVED
    waiting.save(update_fields=["status"])
    audit_record(
        actor=actor,
        action=AuditAction.UPDATE,
        object_type="learning_request",
        object_id=waiting.pk,
        summary=f"moved up from the waiting list of session {session.pk}",
    )
    return waiting


def complete(*, actor, enrolment: Enrolment, completed_on: date | None = None) -> LearningActivity:
    """Mark approved learning completed: it becomes a LearningActivity, once, for the KPIs."""
    if not rules.may_decide(actor, enrolment.employee):
        raise PermissionDenied(_("Only a manager in the employee's line or HR can record this."))
    completed_on = completed_on or timezone.localdate()
    if completed_on > timezone.localdate():
        raise ValidationError(_("Completion cannot be dated in the future."))
    with transaction.atomic():
        enrolment = (
            Enrolment.objects.select_for_update(of=("self",))
            .select_related("offer", "employee")
            .get(pk=enrolment.pk)
        )
        if enrolment.status == EnrolmentStatus.COMPLETED and enrolment.activity_id:
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
        audit_record(
            actor=actor,
            action=AuditAction.UPDATE,
            object_type="learning_request",
            object_id=enrolment.pk,
            summary=f"completed on {completed_on}",
        )
    return activity


def activity_record(
    *, actor, employee: Employee, on: date, title: str, kind: str, hours: Decimal, cost: Decimal
) -> LearningActivity:
    """Record completed learning from another instrument (coaching, ...) for the KPIs.

    The 70-20-10 category follows from ``kind`` (coaching and mentoring: social, 20).
    Keyed like the import, so the same learning is linked, never counted twice.
    """
    if kind not in ActivityKind.values:
        raise ValidationError(_("Unknown kind of learning: %(kind)s.") % {"kind": kind})
    if hours < 0 or cost < 0:
        raise ValidationError(_("Hours and cost cannot be negative."))
    with transaction.atomic():
        activity, created = LearningActivity.objects.get_or_create(
            employee=employee,
            date=on,
            title=title[:300],
            defaults={"kind": kind, "hours": hours, "cost": cost},
        )
        if created:
            audit_record(
                actor=actor,
                action=AuditAction.CREATE,
                object_type="learning_activity",
                object_id=activity.pk,
                summary=f"{employee.employee_number}: {activity.title} ({kind}, {cost})",
            )
    return activity


# --- Evaluation -----------------------------------------------------------------------


def _mean(values: list[int]) -> int:
    """The rounded average (half up) of 1-5 self-assessments."""
    from decimal import ROUND_HALF_UP

    return int((Decimal(sum(values)) / len(values)).quantize(Decimal("1"), ROUND_HALF_UP))


def _learning_scores(enrolment: Enrolment, scores, before, rating) -> list[tuple]:
    """(competency id or None, before, after) for each competency the offer develops.

    An offer without linked competencies takes one overall row (``before``/``rating``
    are accepted as that row). With competencies, each is rated, and only those.
    """
    from groeipad.learning.models import OfferCompetency

    linked = {
        link.competency_id: link.competency
        for link in OfferCompetency.objects.filter(offer_id=enrolment.offer_id).select_related(
            "competency"
        )
    }
    if scores is None:
        if linked:
            raise ValidationError(
                _("Rate your level before and after for each competency the offer develops.")
            )
        if before is None or rating is None:
            raise ValidationError(_("Give your level before the learning as well as after."))
        scores = [(None, before, rating)]
    rows = []
    for item in scores:
        competency_id, low, high = (
            (item.get("competency_id"), item.get("before"), item.get("after"))
            if isinstance(item, dict)
            else item
        )
        rows.append((competency_id, low, high))
    ids = [row[0] for row in rows]
    if len(set(ids)) != len(ids):
        raise ValidationError(_("Each competency is rated once."))
    wanted = set(linked) or {None}
    if set(ids) != wanted:
        missing = wanted - set(ids)
        if missing and linked:
            raise ValidationError(
                _("Rate each competency the offer develops; missing: %(names)s.")
                % {"names": ", ".join(sorted(linked[c].name for c in missing))}
            )
        raise ValidationError(_("Rate only the competencies this offer develops."))
    for _competency, low, high in rows:
        for value, label in ((low, _("before")), (high, _("after"))):
            if value is None:
                raise ValidationError(_("Give your level before the learning as well as after."))
            if not 1 <= value <= 5:
                raise ValidationError(
                    _("The %(label)s must be 1 to 5, not %(value)s.")
                    % {"label": label, "value": value}
                )
    return rows


def evaluate(
    *,
    actor,
    enrolment: Enrolment,
    level: str,
    rating: int | None = None,
    before: int | None = None,
    scores=None,
    comment: str = "",
    today: date | None = None,
) -> Evaluation:
    """Reaction and learning by the participant; behaviour by the manager, 60+ days on.

    Learning is the participant's self-assessment before and after on each competency
    the offer develops: ``scores`` as (competency id, before, after) tuples or dicts
    with those keys. The Evaluation keeps the participant's rounded averages.
    """
    from groeipad.learning.models import LearningScore

    today = today or timezone.localdate()
    # Read it afresh: the caller's copy may predate the completion.
    enrolment = Enrolment.objects.select_related("employee").get(pk=enrolment.pk)
    own = getattr(actor, "employee_id", None) == enrolment.employee_id
    if level not in EvaluationLevel.values:
        raise ValidationError(_("Unknown evaluation level: %(level)s.") % {"level": level})
    if level in (EvaluationLevel.REACTION, EvaluationLevel.LEARNING) and not own:
        raise PermissionDenied(_("Only the participant rates their reaction and learning."))
    if level == EvaluationLevel.BEHAVIOUR and not rules.may_decide(actor, enrolment.employee):
        raise PermissionDenied(_("Only a manager in the employee's line rates behaviour."))
    if enrolment.status != EnrolmentStatus.COMPLETED:
        raise ValidationError(_("Evaluate learning after it is completed."))
    for value, label in ((rating, _("rating")), (before, _("before"))):
        if value is not None and not 1 <= value <= 5:
            raise ValidationError(
                _("The %(label)s must be 1 to 5, not %(value)s.") % {"label": label, "value": value}
            )
    rows = []
    if level == EvaluationLevel.LEARNING:
        rows = _learning_scores(enrolment, scores, before, rating)
        before = _mean([row[1] for row in rows])
        rating = _mean([row[2] for row in rows])
    else:
        before = None
        if rating is None:
            raise ValidationError(_("Give a rating from 1 to 5."))
    if level == EvaluationLevel.BEHAVIOUR:
        low, _high = selectors.setting("LEARNING_BEHAVIOUR_DAYS")
        if today < enrolment.completed_on + timedelta(days=low):
            raise ValidationError(
                _("Behaviour is rated from %(day)s, %(n)s days after completion.")
                % {"day": enrolment.completed_on + timedelta(days=low), "n": low}
            )
    if Evaluation.objects.filter(enrolment=enrolment, level=level).exists():
        raise ValidationError(_("This level has already been evaluated."))
    with transaction.atomic():
        evaluation = Evaluation.objects.create(
            enrolment=enrolment,
            level=level,
            rating=rating,
            before=before,
            comment=comment.strip(),
            rater=actor,
            rated_on=today,
        )
        LearningScore.objects.bulk_create(
            [
                LearningScore(evaluation=evaluation, competency_id=c, before=low, after=high)
                for c, low, high in rows
            ]
        )
        detail = "; ".join(f"{c or 'overall'} {low}->{high}" for c, low, high in rows)
        audit_record(
            actor=actor,
            action=AuditAction.CREATE,
            object_type="learning_evaluation",
            object_id=evaluation.pk,
            summary=f"{level} {before or ''}->{rating} for {enrolment.pk}"
            + (f" ({detail})" if detail else ""),
        )
    return evaluation
