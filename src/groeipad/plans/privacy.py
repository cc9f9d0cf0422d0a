"""What the plans app holds about a person: development plans and check-ins."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from groeipad.people.models import Employee
from groeipad.plans.models import Action, Cadence, CheckIn, DevelopmentPlan, Goal
from groeipad.privacy.registry import DataCategory, register


def _plans_export(employee: Employee) -> list[dict]:
    plans = list(DevelopmentPlan.objects.filter(employee=employee).order_by("period_start", "pk"))
    goals = list(
        Goal.objects.filter(plan__in=plans)
        .select_related("competency", "owner")
        .order_by("deadline", "pk")
    )
    actions = list(
        Action.objects.filter(goal__in=goals).select_related("owner").order_by("due_date", "pk")
    )
    by_goal: dict[int, list[dict]] = {}
    for a in actions:
        by_goal.setdefault(a.goal_id, []).append(
            {
                "action": a.description,
                "instrument": a.get_instrument_display(),
                "category": a.get_category_display(),
                # Owners are the employee or someone up their line, as on the plan page.
                "owner": a.owner.full_name,
                "due_date": a.due_date,
                "status": a.get_status_display(),
                "hours": a.hours,
                "cost": a.cost,
                "done_on": a.done_on,
            }
        )
    by_plan: dict[int, list[dict]] = {}
    for g in goals:
        by_plan.setdefault(g.plan_id, []).append(
            {
                "goal": g.title,
                "why": g.why,
                "success_criterion": g.success_criterion,
                "competency": g.competency.name if g.competency else None,
                "basis": g.get_basis_display(),
                "owner": g.owner.full_name,
                "deadline": g.deadline,
                "proposed_by": g.get_proposed_by_display(),
                "status": g.get_status_display(),
                "situation": g.situation,
                "task": g.task,
                "action_taken": g.action_taken,
                "result": g.result,
                "reflection": g.reflection,
                "transfer": g.transfer,
                "closed_at": g.closed_at,
                "actions": by_goal.get(g.pk, []),
            }
        )
    return [
        {
            "period_start": p.period_start,
            "period_end": p.period_end,
            "status": p.get_status_display(),
            "strengths": p.strengths,
            "ambitions": p.ambitions,
            "development_points": p.development_points,
            "co_signed_at": p.signed_at,
            "closed_at": p.closed_at,
            "closing_summary": p.closing_summary,
            "goals": by_plan.get(p.pk, []),
        }
        for p in plans
    ]


def _plans_erase(employee: Employee, dry_run: bool) -> int:
    plans = DevelopmentPlan.objects.filter(employee=employee)
    goals = Goal.objects.filter(plan__employee=employee)
    actions = Action.objects.filter(goal__plan__employee=employee)
    cadence = Cadence.objects.filter(manager=employee)
    count = plans.count() + goals.count() + actions.count() + cadence.count()
    if not dry_run and count:
        cadence.delete()
        plans.delete()  # goals and actions with them
    return count


def _checkins_export(employee: Employee) -> list[dict]:
    checkins = CheckIn.objects.filter(employee=employee).select_related("manager")
    return [
        {
            "planned_for": c.scheduled_for,
            "status": c.get_status_display(),
            "held_on": c.held_on,
            "manager": c.manager.full_name,
            "shared_notes": c.shared_notes,
            "my_private_notes": c.employee_private_notes,
        }
        for c in checkins.order_by("scheduled_for", "pk")
    ]


def _checkins_erase(employee: Employee, dry_run: bool) -> int:
    checkins = CheckIn.objects.filter(employee=employee)
    # As a manager: their private notes of their reports' check-ins are theirs and go;
    # the check-ins themselves are the reports'.
    as_manager = CheckIn.objects.filter(manager=employee).exclude(manager_private_notes="")
    count = checkins.count() + as_manager.count()
    if not dry_run and count:
        checkins.delete()
        as_manager.update(manager_private_notes="")
    return count


_DEVELOPMENT = _("legitimate interest: your development (article 6(1)(f) GDPR)")

register(
    DataCategory(
        key="plans",
        app="plans",
        label=_("development plans, goals and actions"),
        purpose=_("to plan and follow your development with your manager"),
        legal_basis=_DEVELOPMENT,
        retention="development",
        seen_by=("own", "line", "hr"),
        export=_plans_export,
        erase=_plans_erase,
    )
)
register(
    DataCategory(
        key="checkins",
        app="plans",
        label=_("check-ins with your manager, with shared and your private notes"),
        purpose=_("to hold regular development conversations"),
        legal_basis=_DEVELOPMENT,
        retention="development",
        seen_by=("own", "line", "hr"),
        export=_checkins_export,
        erase=_checkins_erase,
        notes=(
            _(
                "Your manager's private notes of a check-in are theirs: they are not shown "
                "to you, nor to HR, and not in the export; they go with the check-in."
            ),
        ),
    )
)
