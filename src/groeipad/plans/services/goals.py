"""Goals: add, change, close with a STARRT reflection, seed from a transfer."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from groeipad.lib.actions import Actor, action, audit, ensure
from groeipad.lib.concurrency import update_if_unchanged
from groeipad.people.models import Employee
from groeipad.plans import rules, selectors
from groeipad.plans.models import (
    DevelopmentPlan,
    Goal,
    GoalBasis,
    GoalStatus,
    PlanStatus,
)
from groeipad.plans.services.common import (
    GOAL_FIELDS,
    OPEN_GOAL,
    proposer,
)
from groeipad.privacy.models import AuditAction, ObjectType


def _check_goal(
    plan: DevelopmentPlan, *, title: str, owner: Employee | None, deadline, basis: str
) -> None:
    if not title.strip():
        raise ValidationError(_("Goal: say what the goal is (the 'what' is empty)."))
    if len(title) > 300:
        raise ValidationError(_("Goal: keep the 'what' under 300 characters."))
    if owner is None:
        raise ValidationError(_("Goal '%(goal)s': choose an owner.") % {"goal": title})
    if owner.pk != plan.employee_id and owner.pk not in {
        m.pk for m in selectors.managers_above(plan.employee)
    }:
        raise ValidationError(
            _("Goal '%(goal)s': the owner must be %(name)s or someone in their manager line.")
            % {"goal": title, "name": plan.employee.full_name}
        )
    if deadline is None:
        raise ValidationError(_("Goal '%(goal)s': set a deadline.") % {"goal": title})
    if deadline < plan.period_start:
        raise ValidationError(
            _("Goal '%(goal)s': the deadline %(deadline)s is before the plan starts (%(start)s).")
            % {
                "goal": title,
                "deadline": deadline.isoformat(),
                "start": plan.period_start.isoformat(),
            }
        )
    if deadline > plan.period_end:
        raise ValidationError(
            _("Goal '%(goal)s': the deadline %(deadline)s is after the plan ends (%(end)s).")
            % {"goal": title, "deadline": deadline.isoformat(), "end": plan.period_end.isoformat()}
        )
    if basis not in GoalBasis.values:
        raise ValidationError(
            _("Goal '%(goal)s': unknown basis '%(basis)s'.") % {"goal": title, "basis": basis}
        )


@action
def goal_create(
    *,
    actor: Actor,
    plan: DevelopmentPlan,
    title: str,
    owner: Employee | None,
    deadline: date | None,
    why: str = "",
    success_criterion: str = "",
    basis: str = GoalBasis.DEVELOPMENT,
    competency=None,
    strategic_target=None,
    seeded_from: Goal | None = None,
) -> Goal:
    """Add a goal; who proposed it follows from who adds it."""
    ensure(rules.may_edit_plan(actor, plan), _("You cannot add goals to this plan."))
    title = title.strip()
    _check_goal(plan, title=title, owner=owner, deadline=deadline, basis=basis)
    assert owner is not None and deadline is not None
    goal = Goal.objects.create(
        plan=plan,
        title=title,
        why=why.strip(),
        success_criterion=success_criterion.strip(),
        owner=owner,
        deadline=deadline,
        basis=basis,
        competency=competency,
        strategic_target=strategic_target,
        proposed_by=proposer(actor, plan),
        seeded_from=seeded_from,
    )
    audit(
        actor=actor,
        verb=AuditAction.CREATE,
        object_type=ObjectType.GOAL,
        object_id=goal.pk,
        summary=f"goal added to plan {plan.pk} of {plan.employee.employee_number}",
    )
    return goal


@action
def goal_update(*, actor: Actor, goal: Goal, version: int | None, **fields) -> Goal:
    plan = goal.plan
    ensure(rules.may_edit_plan(actor, plan), _("You cannot change goals in this plan."))
    unknown = set(fields) - set(GOAL_FIELDS)
    if unknown:
        raise ValidationError(_("Unknown fields: %s") % ", ".join(sorted(unknown)))
    if goal.status != OPEN_GOAL:
        raise ValidationError(
            _("Goal '%(goal)s' is closed; it can no longer be changed.") % {"goal": goal.title}
        )
    if "title" in fields:
        fields["title"] = fields["title"].strip()
    _check_goal(
        plan,
        title=fields.get("title", goal.title),
        owner=fields.get("owner", goal.owner),
        deadline=fields.get("deadline", goal.deadline),
        basis=fields.get("basis", goal.basis),
    )
    update_if_unchanged(Goal, goal, version, **fields)
    audit(
        actor=actor,
        verb=AuditAction.UPDATE,
        object_type=ObjectType.GOAL,
        object_id=goal.pk,
        summary=f"goal {goal.pk} updated",
        changes={"fields": sorted(fields)},
    )
    return goal


@action
def goal_close(
    *,
    actor: Actor,
    goal: Goal,
    version: int | None,
    status: str,
    result: str,
    reflection: str,
    situation: str = "",
    task: str = "",
    action_taken: str = "",
    transfer: str = "",
) -> Goal:
    """Close with the outcome and a STARRT reflection; the transfer can seed the next goal."""
    ensure(rules.may_edit_plan(actor, goal.plan), _("You cannot close goals in this plan."))
    if goal.status != OPEN_GOAL:
        raise ValidationError(_("Goal '%(goal)s' is closed already.") % {"goal": goal.title})
    if status not in GoalStatus.values or status == OPEN_GOAL:
        raise ValidationError(
            _("Goal '%(goal)s': choose how it ended (achieved, partly, not achieved or dropped).")
            % {"goal": goal.title}
        )
    missing = [
        label
        for label, text in ((_("result"), result), (_("reflection"), reflection))
        if not text.strip()
    ]
    if missing:
        raise ValidationError(
            _("Goal '%(goal)s': fill in the %(fields)s before closing it.")
            % {"goal": goal.title, "fields": _(" and ").join(missing)}
        )
    update_if_unchanged(
        Goal,
        goal,
        version,
        status=status,
        result=result.strip(),
        reflection=reflection.strip(),
        situation=situation.strip(),
        task=task.strip(),
        action_taken=action_taken.strip(),
        transfer=transfer.strip(),
        closed_at=timezone.now(),
    )
    audit(
        actor=actor,
        verb=AuditAction.UPDATE,
        object_type=ObjectType.GOAL,
        object_id=goal.pk,
        summary=f"goal {goal.pk} closed: {status}",
    )
    return goal


@action
def goal_seed_from_transfer(*, actor: Actor, goal: Goal, deadline: date | None = None) -> Goal:
    """Turn a closed goal's transfer into a new goal in the employee's open plan."""
    ensure(
        rules.may_start_plan(actor, goal.plan.employee),
        _("Only the employee or their manager builds on a transfer."),
    )
    if not goal.transfer.strip():
        raise ValidationError(
            _("Goal '%(goal)s' has no transfer to build on.") % {"goal": goal.title}
        )
    plan = (
        DevelopmentPlan.objects.select_related("employee")
        .filter(employee_id=goal.plan.employee_id)
        .exclude(status=PlanStatus.CLOSED)
        .first()
    )
    if plan is None:
        raise ValidationError(_("There is no open plan to add the follow-up goal to."))
    if goal.follow_ups.filter(plan=plan).exists():
        raise ValidationError(_("This transfer is already a goal in the current plan."))
    return goal_create(
        actor=actor,
        plan=plan,
        title=goal.transfer.strip()[:300],
        why=_("Transfer from: %(goal)s") % {"goal": goal.title},
        owner=goal.owner,
        deadline=deadline or plan.period_end,
        basis=goal.basis,
        competency=goal.competency,
        strategic_target=goal.strategic_target,
        seeded_from=goal,
    )
