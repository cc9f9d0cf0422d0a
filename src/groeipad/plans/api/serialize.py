"""Plans, goals, actions and check-ins as the API shows them."""

from __future__ import annotations

from django.utils import timezone

from groeipad.people.access import get_employee_for
from groeipad.people.models import Employee
from groeipad.plans import selectors
from groeipad.plans.api.schemas import ActionOut, CheckInOut, GoalOut, MixPartOut, PlanOut
from groeipad.plans.models import Action, CheckIn, DevelopmentPlan, Goal
from groeipad.plans.smart import smart_check


def plan_out(plan: DevelopmentPlan) -> PlanOut:
    goals = selectors.plan_goals(plan)
    mix = selectors.mix_of([a for g in goals for a in g.actions.all()])
    return PlanOut(
        id=plan.pk,
        employee_number=plan.employee.employee_number,
        status=plan.status,
        period_start=plan.period_start,
        period_end=plan.period_end,
        template=plan.template.name if plan.template else None,
        strengths=plan.strengths,
        ambitions=plan.ambitions,
        development_points=plan.development_points,
        co_signed=plan.signed_at is not None,
        closing_summary=plan.closing_summary,
        previous_plan_id=plan.previous_plan_id,
        version=plan.version,
        mix_basis=mix.basis,
        mix=[
            MixPartOut(
                category=p.category,
                amount=float(p.amount),
                percent=p.percent,
                guideline=p.guideline,
            )
            for p in mix.parts
        ],
        flags=selectors.plan_flags(plan, goals),
    )


def goal_out(goal: Goal) -> GoalOut:
    missing = (
        smart_check(
            title=goal.title,
            success_criterion=goal.success_criterion,
            owner_id=goal.owner_id,
            deadline=goal.deadline,
            period_start=goal.plan.period_start,
            period_end=goal.plan.period_end,
            today=timezone.localdate(),
        )
        if goal.status == "open"
        else []
    )
    return GoalOut(
        id=goal.pk,
        plan_id=goal.plan_id,
        title=goal.title,
        why=goal.why,
        success_criterion=goal.success_criterion,
        competency_id=goal.competency_id,
        strategic_target_id=goal.strategic_target_id,
        basis=goal.basis,
        owner=goal.owner.employee_number,
        deadline=goal.deadline,
        proposed_by=goal.proposed_by,
        status=goal.status,
        situation=goal.situation,
        task=goal.task,
        action_taken=goal.action_taken,
        result=goal.result,
        reflection=goal.reflection,
        transfer=goal.transfer,
        seeded_from_id=goal.seeded_from_id,
        version=goal.version,
        smart_missing=sorted({m.letter for m in missing}),
    )


def action_out(action: Action) -> ActionOut:
    return ActionOut(
        id=action.pk,
        goal_id=action.goal_id,
        description=action.description,
        instrument=action.instrument,
        category=action.category,
        owner=action.owner.employee_number,
        due_date=action.due_date,
        status=action.status,
        hours=action.hours,
        cost=action.cost,
        source_checkin_id=action.source_checkin_id,
        version=action.version,
    )


def checkin_out(user, checkin: CheckIn) -> CheckInOut:
    return CheckInOut(
        id=checkin.pk,
        employee_number=checkin.employee.employee_number,
        manager_number=checkin.manager.employee_number,
        plan_id=checkin.plan_id,
        scheduled_for=checkin.scheduled_for,
        status=checkin.status,
        held_on=checkin.held_on,
        shared_notes=checkin.shared_notes,
        my_private_notes=selectors.private_notes_for(user, checkin),
        version=checkin.version,
    )


def owner_from(user, number: str | None, default: Employee) -> Employee:
    if not number:
        return default
    return get_employee_for(user, number)
