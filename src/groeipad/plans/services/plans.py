"""Plans: start, edit the sections, co-sign, close, start the next one."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from groeipad.lib.actions import Actor, action, actor_user, audit, ensure
from groeipad.lib.concurrency import update_if_unchanged
from groeipad.people.models import Employee
from groeipad.plans import rules
from groeipad.plans.models import (
    CheckIn,
    CheckInStatus,
    DevelopmentPlan,
    Goal,
    PlanStatus,
    PlanTemplate,
)
from groeipad.plans.services.common import (
    OPEN_GOAL,
    PLAN_FIELDS,
    check_period,
    open_plan_error,
    proposer,
)
from groeipad.privacy.models import AuditAction, ObjectType
from groeipad.skills.models import TalentProfile


@action
def plan_create(
    *,
    actor: Actor,
    employee: Employee,
    period_start: date,
    period_end: date,
    template: PlanTemplate | None = None,
    previous_plan: DevelopmentPlan | None = None,
) -> DevelopmentPlan:
    """A draft plan; strengths and ambitions start from the employee's talent profile."""
    ensure(
        rules.may_start_plan(actor, employee),
        _("Only the employee or their manager starts a plan."),
    )
    check_period(period_start, period_end)
    if DevelopmentPlan.objects.filter(employee=employee).exclude(status=PlanStatus.CLOSED).exists():
        raise open_plan_error(employee)
    profile = TalentProfile.objects.filter(employee=employee).first()
    try:
        with transaction.atomic():
            plan = DevelopmentPlan.objects.create(
                employee=employee,
                period_start=period_start,
                period_end=period_end,
                template=template,
                previous_plan=previous_plan,
                strengths=profile.strengths if profile else "",
                ambitions=profile.ambitions if profile else "",
            )
            audit(
                actor=actor,
                verb=AuditAction.CREATE,
                object_type=ObjectType.DEVELOPMENT_PLAN,
                object_id=plan.pk,
                summary=f"plan {period_start}..{period_end} for {employee.employee_number}",
            )
    except IntegrityError:
        # Two tabs starting a plan at once: the database's one-open-plan rule decides.
        raise open_plan_error(employee) from None
    return plan


@action
def plan_update(
    *, actor: Actor, plan: DevelopmentPlan, version: int | None, **fields
) -> DevelopmentPlan:
    ensure(
        rules.may_edit_plan(actor, plan), _("This plan cannot be changed by you (or it is closed).")
    )
    unknown = set(fields) - set(PLAN_FIELDS)
    if unknown:
        raise ValidationError(_("Unknown fields: %s") % ", ".join(sorted(unknown)))
    start = fields.get("period_start", plan.period_start)
    end = fields.get("period_end", plan.period_end)
    check_period(start, end)
    outside = plan.goals.filter(status=OPEN_GOAL).exclude(deadline__range=(start, end)).first()
    if outside is not None:
        raise ValidationError(
            _("Plan period: the goal '%(goal)s' has its deadline outside the new period.")
            % {"goal": outside.title}
        )
    update_if_unchanged(DevelopmentPlan, plan, version, **fields)
    audit(
        actor=actor,
        verb=AuditAction.UPDATE,
        object_type=ObjectType.DEVELOPMENT_PLAN,
        object_id=plan.pk,
        summary=f"plan of {plan.employee.employee_number} updated",
        changes={"fields": sorted(fields)},
    )
    return plan


@action
def plan_cosign(
    *, actor: Actor, plan: DevelopmentPlan, version: int | None = None
) -> DevelopmentPlan:
    """The manager co-signs: the draft becomes the active plan."""
    ensure(
        rules.may_cosign(actor, plan),
        _("Only %(name)s's manager can co-sign this plan.") % {"name": plan.employee.full_name},
    )
    if plan.status != PlanStatus.DRAFT:
        raise ValidationError(
            _("Only a draft plan can be co-signed; this one is %(status)s.")
            % {"status": plan.get_status_display()}
        )
    if not plan.goals.exists():
        raise ValidationError(_("Add at least one goal before co-signing the plan."))
    update_if_unchanged(
        DevelopmentPlan,
        plan,
        version,
        status=PlanStatus.ACTIVE,
        signed_by_manager=actor_user(actor),
        signed_at=timezone.now(),
    )
    audit(
        actor=actor,
        verb=AuditAction.UPDATE,
        object_type=ObjectType.DEVELOPMENT_PLAN,
        object_id=plan.pk,
        summary=f"plan of {plan.employee.employee_number} co-signed",
    )
    return plan


@action
def plan_close(
    *, actor: Actor, plan: DevelopmentPlan, summary: str, version: int | None = None
) -> DevelopmentPlan:
    """The plan becomes history; open goals stay open there and carry over to the next."""
    ensure(
        rules.may_close_plan(actor, plan),
        _("This plan cannot be closed by you (or it is closed already)."),
    )
    if not summary.strip():
        raise ValidationError(_("Looking back: write a short summary before closing the plan."))
    update_if_unchanged(
        DevelopmentPlan,
        plan,
        version,
        status=PlanStatus.CLOSED,
        closed_at=timezone.now(),
        closing_summary=summary.strip(),
    )
    # Planned check-ins of a closed plan move to no plan; the conversation goes on.
    CheckIn.objects.filter(plan=plan, status=CheckInStatus.PLANNED).update(plan=None)
    audit(
        actor=actor,
        verb=AuditAction.UPDATE,
        object_type=ObjectType.DEVELOPMENT_PLAN,
        object_id=plan.pk,
        summary=f"plan of {plan.employee.employee_number} closed",
    )
    return plan


@action
def plan_start_next(
    *,
    actor: Actor,
    previous: DevelopmentPlan,
    period_start: date,
    period_end: date,
    template: PlanTemplate | None = None,
) -> DevelopmentPlan:
    """A new draft that feeds on the closed one: open goals and transfers come along."""
    ensure(
        rules.may_start_plan(actor, previous.employee),
        _("Only the employee or their manager starts a plan."),
    )
    if previous.status != PlanStatus.CLOSED:
        raise ValidationError(_("Close the current plan before starting the next one."))
    plan = plan_create(
        actor=actor,
        employee=previous.employee,
        period_start=period_start,
        period_end=period_end,
        template=template or previous.template,
        previous_plan=previous,
    )
    proposed_by = proposer(actor, plan)
    carried = []
    for goal in previous.goals.all():
        if goal.status == OPEN_GOAL:
            title, why = goal.title, goal.why
        elif goal.transfer.strip():
            title, why = (
                goal.transfer.strip()[:300],
                _("Transfer from: %(goal)s") % {"goal": goal.title},
            )
        else:
            continue
        carried.append(
            Goal(
                plan=plan,
                title=title,
                why=why,
                success_criterion=goal.success_criterion if goal.status == OPEN_GOAL else "",
                competency_id=goal.competency_id,
                strategic_target_id=goal.strategic_target_id,
                basis=goal.basis,
                owner_id=goal.owner_id,
                deadline=period_end,
                proposed_by=proposed_by,
                seeded_from=goal,
            )
        )
    Goal.objects.bulk_create(carried)
    return plan
