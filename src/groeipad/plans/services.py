"""Writes to development plans. Each checks who may (rules), validates, saves and audits.

Bad input raises ValidationError naming what and where, before anything is written.
Two people editing the same record: each write carries the version it started from; a
stale one raises StaleEdit and changes nothing, so nobody loses work silently.
"""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal, InvalidOperation

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from groeipad.lib.concurrency import StaleEdit, update_if_unchanged  # noqa: F401  (re-exported: callers catch services.StaleEdit)
from groeipad.people.models import Employee
from groeipad.plans import rules, starter
from groeipad.plans.models import (
    Action,
    ActionStatus,
    Cadence,
    CheckIn,
    CheckInStatus,
    DevelopmentPlan,
    Goal,
    GoalBasis,
    GoalStatus,
    Instrument,
    PlanStatus,
    PlanTemplate,
    Proposer,
    TemplateGoal,
)
from groeipad.privacy.models import AuditAction
from groeipad.privacy.services import audit_record
from groeipad.skills.models import TalentProfile

DEFAULT_CADENCE_WEEKS = 6
OPEN_GOAL = GoalStatus.OPEN
OPEN_ACTION = (ActionStatus.PLANNED, ActionStatus.IN_PROGRESS)


# --- Templates -----------------------------------------------------------------------


@transaction.atomic
def templates_install_starter(*, actor) -> list[PlanTemplate]:
    """Install the three starter templates; those that already exist are left alone."""
    installed = []
    for spec in starter.TEMPLATES:
        template, created = PlanTemplate.objects.get_or_create(
            name=spec["name"],
            defaults={
                key: spec[key]
                for key in (
                    "career_stage",
                    "introduction",
                    "strengths_prompt",
                    "ambitions_prompt",
                    "development_points_prompt",
                    "support",
                )
            },
        )
        if created:
            TemplateGoal.objects.bulk_create(
                TemplateGoal(
                    template=template,
                    title=title,
                    why=why,
                    success_criterion=criterion,
                    instrument=instrument,
                    position=position,
                )
                for position, (title, why, criterion, instrument) in enumerate(spec["goals"])
            )
            installed.append(template)
    if installed:
        audit_record(
            actor=actor,
            action=AuditAction.CREATE,
            object_type="plan_template",
            summary="installed starter templates: " + ", ".join(t.name for t in installed),
        )
    return installed


# --- Plans ---------------------------------------------------------------------------


def _check_period(period_start: date | None, period_end: date | None) -> None:
    if period_start is None or period_end is None:
        raise ValidationError(_("Plan period: give both a start and an end date."))
    if period_end <= period_start:
        raise ValidationError(
            _("Plan period: the end (%(end)s) must come after the start (%(start)s).")
            % {"start": period_start.isoformat(), "end": period_end.isoformat()}
        )


def _open_plan_error(employee: Employee) -> ValidationError:
    return ValidationError(
        _(
            "%(name)s already has a plan in progress. Close it before starting a new one; "
            "an employee has one open plan at a time."
        )
        % {"name": employee.full_name}
    )


def plan_create(
    *,
    actor,
    employee: Employee,
    period_start: date,
    period_end: date,
    template: PlanTemplate | None = None,
    previous_plan: DevelopmentPlan | None = None,
) -> DevelopmentPlan:
    """A draft plan; strengths and ambitions start from the employee's talent profile."""
    if not rules.may_start_plan(actor, employee):
        raise PermissionDenied(_("Only the employee or their manager starts a plan."))
    _check_period(period_start, period_end)
    if DevelopmentPlan.objects.filter(employee=employee).exclude(status=PlanStatus.CLOSED).exists():
        raise _open_plan_error(employee)
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
            audit_record(
                actor=actor,
                action=AuditAction.CREATE,
                object_type="development_plan",
                object_id=plan.pk,
                summary=f"plan {period_start}..{period_end} for {employee.employee_number}",
            )
    except IntegrityError:
        # Two tabs starting a plan at once: the database's one-open-plan rule decides.
        raise _open_plan_error(employee) from None
    return plan


PLAN_FIELDS = ("strengths", "ambitions", "development_points", "period_start", "period_end")


def plan_update(*, actor, plan: DevelopmentPlan, version: int | None, **fields) -> DevelopmentPlan:
    if not rules.may_edit_plan(actor, plan):
        raise PermissionDenied(_("This plan cannot be changed by you (or it is closed)."))
    unknown = set(fields) - set(PLAN_FIELDS)
    if unknown:
        raise ValidationError(_("Unknown fields: %s") % ", ".join(sorted(unknown)))
    start = fields.get("period_start", plan.period_start)
    end = fields.get("period_end", plan.period_end)
    _check_period(start, end)
    outside = plan.goals.filter(status=OPEN_GOAL).exclude(deadline__range=(start, end))
    if outside.exists():
        raise ValidationError(
            _("Plan period: the goal '%(goal)s' has its deadline outside the new period.")
            % {"goal": outside.first().title}
        )
    with transaction.atomic():
        update_if_unchanged(DevelopmentPlan, plan, version, **fields)
        audit_record(
            actor=actor,
            action=AuditAction.UPDATE,
            object_type="development_plan",
            object_id=plan.pk,
            summary=f"plan of {plan.employee.employee_number} updated",
            changes={"fields": sorted(fields)},
        )
    return plan


def plan_cosign(*, actor, plan: DevelopmentPlan, version: int | None = None) -> DevelopmentPlan:
    """The manager co-signs: the draft becomes the active plan."""
    if not rules.may_cosign(actor, plan):
        raise PermissionDenied(
            _("Only %(name)s's manager can co-sign this plan.") % {"name": plan.employee.full_name}
        )
    if plan.status != PlanStatus.DRAFT:
        raise ValidationError(
            _("Only a draft plan can be co-signed; this one is %(status)s.")
            % {"status": plan.get_status_display()}
        )
    if not plan.goals.exists():
        raise ValidationError(_("Add at least one goal before co-signing the plan."))
    with transaction.atomic():
        update_if_unchanged(
            DevelopmentPlan,
            plan,
            version,
            status=PlanStatus.ACTIVE,
            signed_by_manager=actor,
            signed_at=timezone.now(),
        )
        audit_record(
            actor=actor,
            action=AuditAction.UPDATE,
            object_type="development_plan",
            object_id=plan.pk,
            summary=f"plan of {plan.employee.employee_number} co-signed",
        )
    return plan


def plan_close(
    *, actor, plan: DevelopmentPlan, summary: str, version: int | None = None
) -> DevelopmentPlan:
    """The plan becomes history; open goals stay open there and carry over to the next."""
    if not rules.may_close_plan(actor, plan):
        raise PermissionDenied(_("This plan cannot be closed by you (or it is closed already)."))
    if not summary.strip():
        raise ValidationError(_("Looking back: write a short summary before closing the plan."))
    with transaction.atomic():
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
        audit_record(
            actor=actor,
            action=AuditAction.UPDATE,
            object_type="development_plan",
            object_id=plan.pk,
            summary=f"plan of {plan.employee.employee_number} closed",
        )
    return plan


def plan_start_next(
    *,
    actor,
    previous: DevelopmentPlan,
    period_start: date,
    period_end: date,
    template: PlanTemplate | None = None,
) -> DevelopmentPlan:
    """A new draft that feeds on the closed one: open goals and transfers come along."""
    if previous.status != PlanStatus.CLOSED:
        raise ValidationError(_("Close the current plan before starting the next one."))
    with transaction.atomic():
        plan = plan_create(
            actor=actor,
            employee=previous.employee,
            period_start=period_start,
            period_end=period_end,
            template=template or previous.template,
            previous_plan=previous,
        )
        proposer = _proposer(actor, plan)
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
                    proposed_by=proposer,
                    seeded_from=goal,
                )
            )
        Goal.objects.bulk_create(carried)
    return plan


# --- Goals ---------------------------------------------------------------------------


def _proposer(actor, plan: DevelopmentPlan) -> str:
    return Proposer.EMPLOYEE if rules.is_self(actor, plan.employee) else Proposer.MANAGER


def _line_above_ids(employee: Employee) -> set[int]:
    ids, step, seen = set(), employee.manager_id, {employee.pk}
    while step and step not in seen:
        ids.add(step)
        seen.add(step)
        step = Employee.objects.filter(pk=step).values_list("manager_id", flat=True).first()
    return ids


def _check_goal(
    plan: DevelopmentPlan, *, title: str, owner: Employee | None, deadline, basis: str
) -> None:
    if not title.strip():
        raise ValidationError(_("Goal: say what the goal is (the 'what' is empty)."))
    if len(title) > 300:
        raise ValidationError(_("Goal: keep the 'what' under 300 characters."))
    if owner is None:
        raise ValidationError(_("Goal '%(goal)s': choose an owner.") % {"goal": title})
    if owner.pk != plan.employee_id and owner.pk not in _line_above_ids(plan.employee):
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


def goal_create(
    *,
    actor,
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
    if not rules.may_edit_plan(actor, plan):
        raise PermissionDenied(_("You cannot add goals to this plan."))
    title = title.strip()
    _check_goal(plan, title=title, owner=owner, deadline=deadline, basis=basis)
    with transaction.atomic():
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
            proposed_by=_proposer(actor, plan),
            seeded_from=seeded_from,
        )
        audit_record(
            actor=actor,
            action=AuditAction.CREATE,
            object_type="goal",
            object_id=goal.pk,
            summary=f"goal added to plan {plan.pk} of {plan.employee.employee_number}",
        )
    return goal


GOAL_FIELDS = (
    "title",
    "why",
    "success_criterion",
    "owner",
    "deadline",
    "basis",
    "competency",
    "strategic_target",
)


def goal_update(*, actor, goal: Goal, version: int | None, **fields) -> Goal:
    plan = goal.plan
    if not rules.may_edit_plan(actor, plan):
        raise PermissionDenied(_("You cannot change goals in this plan."))
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
    with transaction.atomic():
        update_if_unchanged(Goal, goal, version, **fields)
        audit_record(
            actor=actor,
            action=AuditAction.UPDATE,
            object_type="goal",
            object_id=goal.pk,
            summary=f"goal {goal.pk} updated",
            changes={"fields": sorted(fields)},
        )
    return goal


def goal_close(
    *,
    actor,
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
    if not rules.may_edit_plan(actor, goal.plan):
        raise PermissionDenied(_("You cannot close goals in this plan."))
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
    with transaction.atomic():
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
        audit_record(
            actor=actor,
            action=AuditAction.UPDATE,
            object_type="goal",
            object_id=goal.pk,
            summary=f"goal {goal.pk} closed: {status}",
        )
    return goal


def goal_seed_from_transfer(*, actor, goal: Goal, deadline: date | None = None) -> Goal:
    """Turn a closed goal's transfer into a new goal in the employee's open plan."""
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


# --- Actions -------------------------------------------------------------------------


def _decimal(value, what: str, where: str) -> Decimal:
    try:
        number = Decimal(str(value if value not in (None, "") else 0))
    except InvalidOperation:
        raise ValidationError(
            _("%(where)s: %(what)s must be a number.") % {"where": where, "what": what}
        ) from None
    if number < 0 or not number.is_finite():
        raise ValidationError(
            _("%(where)s: %(what)s cannot be negative.") % {"where": where, "what": what}
        )
    return number


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


def action_create(
    *,
    actor,
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
    _check_action(
        goal,
        description=description,
        instrument=instrument,
        owner=owner,
        due_date=due_date,
        status=status,
    )
    if not rules.may_edit_plan(actor, goal.plan):
        raise PermissionDenied(_("You cannot add actions to this plan."))
    where = _("Action '%(action)s'") % {"action": description}
    hours = _decimal(hours, _("hours"), where)
    cost = _decimal(cost, _("cost"), where)
    with transaction.atomic():
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
        audit_record(
            actor=actor,
            action=AuditAction.CREATE,
            object_type="action",
            object_id=action.pk,
            summary=f"action added to goal {goal.pk}",
        )
    return action


def action_place_agreed(
    *,
    actor,
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
    _check_period(start, end if end > start else start + timedelta(days=1))
    with transaction.atomic():
        plan = (
            DevelopmentPlan.objects.select_for_update()
            .filter(employee=employee)
            .exclude(status=PlanStatus.CLOSED)
            .first()
        )
        started = plan is None
        if started:
            profile = TalentProfile.objects.filter(employee=employee).first()
            plan = DevelopmentPlan.objects.create(
                employee=employee,
                period_start=start,
                period_end=max(end, start + timedelta(days=364)),
                strengths=profile.strengths if profile else "",
                ambitions=profile.ambitions if profile else "",
            )
            audit_record(
                actor=actor,
                action=AuditAction.CREATE,
                object_type="development_plan",
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
        audit_record(
            actor=actor,
            action=AuditAction.CREATE,
            object_type="action",
            object_id=action.pk,
            summary=f"agreed action placed in plan {plan.pk} of {employee.employee_number}"
            f" (goal {goal.pk}): {goal_title}"[:500],
        )
    return action, started


ACTION_FIELDS = ("description", "instrument", "owner", "due_date", "status", "hours", "cost")


def action_update(*, actor, action: Action, version: int | None, **fields) -> Action:
    goal = action.goal
    if not rules.may_edit_plan(actor, goal.plan):
        raise PermissionDenied(_("You cannot change actions in this plan."))
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
        fields["hours"] = _decimal(fields["hours"], _("hours"), where)
    if "cost" in fields:
        fields["cost"] = _decimal(fields["cost"], _("cost"), where)
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
    with transaction.atomic():
        update_if_unchanged(Action, action, version, **fields)
        audit_record(
            actor=actor,
            action=AuditAction.UPDATE,
            object_type="action",
            object_id=action.pk,
            summary=f"action {action.pk} updated",
            changes={"fields": sorted(fields)},
        )
    return action


# --- Check-ins -----------------------------------------------------------------------


def cadence_weeks(manager_id: int | None) -> int:
    if not manager_id:
        return DEFAULT_CADENCE_WEEKS
    weeks = Cadence.objects.filter(manager_id=manager_id).values_list("weeks", flat=True).first()
    return weeks or DEFAULT_CADENCE_WEEKS


def cadence_set(*, actor, manager: Employee, weeks: int) -> Cadence:
    if not rules.may_set_cadence(actor, manager):
        raise PermissionDenied(_("Only the manager sets their own check-in rhythm."))
    if not isinstance(weeks, int) or not 1 <= weeks <= 52:
        raise ValidationError(_("Check-in rhythm: choose between 1 and 52 weeks."))
    with transaction.atomic():
        cadence, _created = Cadence.objects.update_or_create(
            manager=manager, defaults={"weeks": weeks}
        )
        audit_record(
            actor=actor,
            action=AuditAction.UPDATE,
            object_type="cadence",
            object_id=manager.employee_number,
            summary=f"check-ins every {weeks} weeks",
        )
    return cadence


def checkin_plan(*, actor, employee: Employee, scheduled_for: date | None) -> CheckIn:
    """Plan a check-in between the employee and their manager."""
    if not rules.may_plan_checkin(actor, employee):
        raise PermissionDenied(_("Only the employee or their manager plans a check-in."))
    if employee.manager_id is None:
        raise ValidationError(
            _("%(name)s has no manager to hold a check-in with.") % {"name": employee.full_name}
        )
    if scheduled_for is None:
        raise ValidationError(_("Check-in: choose a date."))
    if scheduled_for < timezone.localdate():
        raise ValidationError(
            _("Check-in: the date %(date)s is in the past.") % {"date": scheduled_for.isoformat()}
        )
    plan = (
        DevelopmentPlan.objects.filter(employee=employee).exclude(status=PlanStatus.CLOSED).first()
    )
    with transaction.atomic():
        checkin = CheckIn.objects.create(
            employee=employee,
            manager_id=employee.manager_id,
            plan=plan,
            scheduled_for=scheduled_for,
        )
        audit_record(
            actor=actor,
            action=AuditAction.CREATE,
            object_type="checkin",
            object_id=checkin.pk,
            summary=f"check-in planned for {employee.employee_number} on {scheduled_for}",
        )
    return checkin


def checkin_record(
    *,
    actor,
    checkin: CheckIn,
    version: int | None,
    shared_notes: str,
    private_notes: str = "",
    held: bool = False,
    held_on: date | None = None,
    next_date: date | None = None,
) -> CheckIn:
    """Save the notes; when held, plan the next one (default: the manager's cadence)."""
    side = rules.checkin_side(actor, checkin)
    if side is None:
        raise PermissionDenied(_("Only the employee and the manager of a check-in write in it."))
    if checkin.status == CheckInStatus.CANCELLED:
        raise ValidationError(_("This check-in was cancelled."))
    fields = {"shared_notes": shared_notes.strip()}
    # Each side writes only their own private notes; the other side's stay untouched.
    fields[f"{side}_private_notes"] = private_notes.strip()
    today = timezone.localdate()
    if held and checkin.status != CheckInStatus.HELD:
        held_on = held_on or today
        if held_on > today:
            raise ValidationError(
                _("Check-in: it cannot be held on a future date (%(date)s).")
                % {"date": held_on.isoformat()}
            )
        next_date = next_date or held_on + timedelta(weeks=cadence_weeks(checkin.manager_id))
        if next_date <= held_on:
            raise ValidationError(_("Next check-in: the date must come after this one."))
        fields.update(status=CheckInStatus.HELD, held_on=held_on)
    else:
        next_date = None
    with transaction.atomic():
        update_if_unchanged(CheckIn, checkin, version, **fields)
        if next_date:
            already = CheckIn.objects.filter(
                employee_id=checkin.employee_id, status=CheckInStatus.PLANNED
            ).exclude(pk=checkin.pk)
            if not already.exists():
                CheckIn.objects.create(
                    employee_id=checkin.employee_id,
                    manager_id=checkin.manager_id,
                    plan=checkin.plan,
                    scheduled_for=next_date,
                )
        audit_record(
            actor=actor,
            action=AuditAction.UPDATE,
            object_type="checkin",
            object_id=checkin.pk,
            summary=f"check-in {checkin.pk} notes by the {side}"
            + (" (held)" if "held_on" in fields else ""),
        )
    return checkin


def checkin_add_next_step(
    *,
    actor,
    checkin: CheckIn,
    goal: Goal | None,
    description: str,
    instrument: str,
    due_date: date | None,
    owner: Employee | None = None,
    hours=0,
) -> Action:
    """An agreed next step becomes an action under one of the plan's goals."""
    if rules.checkin_side(actor, checkin) is None:
        raise PermissionDenied(_("Only the employee and the manager of a check-in add steps."))
    if goal is not None and goal.plan.employee_id != checkin.employee_id:
        raise ValidationError(_("Next step: the goal belongs to someone else's plan."))
    return action_create(
        actor=actor,
        goal=goal,
        description=description,
        instrument=instrument,
        owner=owner or checkin.employee,
        due_date=due_date,
        hours=hours,
        source_checkin=checkin,
    )
