"""Actions under a goal, and actions agreed through another instrument."""

from __future__ import annotations

from datetime import date, timedelta

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from groeipad.lib.actions import Actor, action, audit, ensure
from groeipad.lib.concurrency import update_if_unchanged
from groeipad.people.models import Employee
from groeipad.plans import rules
from groeipad.plans.models import (
    Action,
    ActionStatus,
    CheckIn,
    DevelopmentPlan,
    Goal,
    GoalBasis,
    Instrument,
    PlanStatus,
    Proposer,
)
from groeipad.plans.services.common import (
    ACTION_FIELDS,
    OPEN_GOAL,
    check_period,
    decimal_of,
)
from groeipad.privacy.models import AuditAction, ObjectType
from groeipad.skills.models import TalentProfile


def _check_action(
    goal: Goal | None, *, description: str, instrument: str, owner, due_date, status: str
) -> None:
    if goal is None:
        raise ValidationError(
            _("Action '%(action)s': an action belongs to a goal; choose the goal it serves.")
            % {"action": description or "?"}
        )
    where = _("Action '%(action)s'") % {"action": description or "?"}
    if not description.strip():
        raise ValidationError(_("Action: describe what will be done."))
    if instrument not in Instrument.values:
        raise ValidationError(_("%(where)s: choose an instrument.") % {"where": where})
    if status not in ActionStatus.values:
        raise ValidationError(
            _("%(where)s: unknown status '%(status)s'.") % {"where": where, "status": status}
        )
    if owner is None:
        raise ValidationError(_("%(where)s: choose an owner.") % {"where": where})
    plan = goal.plan
    if due_date is None:
        raise ValidationError(_("%(where)s: set a due date.") % {"where": where})
    if not plan.period_start <= due_date <= plan.period_end:
        raise ValidationError(
            _("%(where)s: the due date %(due)s lies outside the plan period %(start)s to %(end)s.")
            % {
                "where": where,
                "due": due_date.isoformat(),
                "start": plan.period_start.isoformat(),
                "end": plan.period_end.isoformat(),
            }
        )
    if goal.status != OPEN_GOAL:
        raise ValidationError(
            _("%(where)s: the goal '%(goal)s' is closed.") % {"where": where, "goal": goal.title}
        )


@action
def action_create(
    *,
    actor: Actor,
    goal: Goal | None,
    description: str,
    instrument: str,
    owner: Employee | None,
    due_date: date | None,
    hours=0,
    cost=0,
    status: str = ActionStatus.PLANNED,
    source_checkin: CheckIn | None = None,
) -> Action:
    description = (description or "").strip()
    if goal is not None:
        ensure(rules.may_edit_plan(actor, goal.plan), _("You cannot add actions to this plan."))
    _check_action(
        goal,
        description=description,
        instrument=instrument,
        owner=owner,
        due_date=due_date,
        status=status,
    )
    assert goal is not None and owner is not None and due_date is not None
    where = _("Action '%(action)s'") % {"action": description}
    hours = decimal_of(hours, _("hours"), where)
    cost = decimal_of(cost, _("cost"), where)
    action = Action.objects.create(
        goal=goal,
        description=description,
        instrument=instrument,
        owner=owner,
        due_date=due_date,
        hours=hours,
        cost=cost,
        status=status,
        done_on=timezone.localdate() if status == ActionStatus.DONE else None,
        source_checkin=source_checkin,
    )
    audit(
        actor=actor,
        verb=AuditAction.CREATE,
        object_type=ObjectType.ACTION,
        object_id=action.pk,
        summary=f"action added to goal {goal.pk}",
    )
    return action


@action
def action_place_agreed(
    *,
    actor: Actor,
    employee: Employee,
    goal_title: str,
    description: str,
    instrument: str,
    start: date,
    end: date,
    competency=None,
    why: str = "",
) -> tuple[Action, bool]:
    """Place an action agreed through another instrument in the employee's plan.

    For example a rotation the manager consented to and the host department chose: who
    may was decided there, so the plan's edit rules are not asked again. The action gets
    its own goal; its due date is ``end``, kept inside the plan period. Without a plan in
    progress a draft plan is started for the period (a year at least), which the employee
    and manager then complete and co-sign. Returns the action and whether a plan was
    started.
    """
    if instrument not in Instrument.values:
        raise ValidationError(
            _("Action '%(action)s': choose an instrument.") % {"action": description}
        )
    check_period(start, end if end > start else start + timedelta(days=1))
    plan = (
        DevelopmentPlan.objects.select_for_update()
        .filter(employee=employee)
        .exclude(status=PlanStatus.CLOSED)
        .first()
    )
    started = plan is None
    if plan is None:
        profile = TalentProfile.objects.filter(employee=employee).first()
        plan = DevelopmentPlan.objects.create(
            employee=employee,
            period_start=start,
            period_end=max(end, start + timedelta(days=364)),
            strengths=profile.strengths if profile else "",
            ambitions=profile.ambitions if profile else "",
        )
        audit(
            actor=actor,
            verb=AuditAction.CREATE,
            object_type=ObjectType.DEVELOPMENT_PLAN,
            object_id=plan.pk,
            summary=f"plan {plan.period_start}..{plan.period_end} for "
            f"{employee.employee_number}, started for: {goal_title}"[:500],
        )
    due = min(max(end, plan.period_start), plan.period_end)
    goal = Goal.objects.create(
        plan=plan,
        title=goal_title.strip()[:300],
        why=why.strip(),
        owner=employee,
        deadline=due,
        basis=GoalBasis.DEVELOPMENT,
        competency=competency,
        proposed_by=Proposer.MANAGER,
    )
    action = Action.objects.create(
        goal=goal,
        description=description.strip()[:300],
        instrument=instrument,
        owner=employee,
        due_date=due,
    )
    audit(
        actor=actor,
        verb=AuditAction.CREATE,
        object_type=ObjectType.ACTION,
        object_id=action.pk,
        summary=f"agreed action placed in plan {plan.pk} of {employee.employee_number}"
        f" (goal {goal.pk}): {goal_title}"[:500],
    )
    return action, started


@action
def action_update(*, actor: Actor, action: Action, version: int | None, **fields) -> Action:
    goal = action.goal
    ensure(rules.may_edit_plan(actor, goal.plan), _("You cannot change actions in this plan."))
    unknown = set(fields) - set(ACTION_FIELDS)
    if unknown:
        raise ValidationError(_("Unknown fields: %s") % ", ".join(sorted(unknown)))
    merged = {f: fields.get(f, getattr(action, f)) for f in ACTION_FIELDS}
    _check_action(
        goal,
        description=merged["description"],
        instrument=merged["instrument"],
        owner=merged["owner"],
        due_date=merged["due_date"],
        status=merged["status"],
    )
    where = _("Action '%(action)s'") % {"action": merged["description"]}
    if "hours" in fields:
        fields["hours"] = decimal_of(fields["hours"], _("hours"), where)
    if "cost" in fields:
        fields["cost"] = decimal_of(fields["cost"], _("cost"), where)
    if "instrument" in fields:
        # update() skips save(), so keep the derived 70-20-10 category in step here.
        from groeipad.plans.models import CATEGORY_OF_INSTRUMENT

        fields["category"] = CATEGORY_OF_INSTRUMENT[Instrument(fields["instrument"])]
    if "status" in fields:
        fields["done_on"] = (
            action.done_on or timezone.localdate()
            if fields["status"] == ActionStatus.DONE
            else None
        )
    update_if_unchanged(Action, action, version, **fields)
    audit(
        actor=actor,
        verb=AuditAction.UPDATE,
        object_type=ObjectType.ACTION,
        object_id=action.pk,
        summary=f"action {action.pk} updated",
        changes={"fields": sorted(fields)},
    )
    return action
