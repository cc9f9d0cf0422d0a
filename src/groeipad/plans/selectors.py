"""Reads about development plans, always scoped to what the viewer may see.

Visibility is ``people.scope``: the employee sees their own plans, a manager those of
their current line (a leaver drops out the day after the leave date), HR everyone's (read
only). Private check-in notes
are never part of these reads; ``private_notes_for`` hands a writer their own.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from typing import TYPE_CHECKING

from django.db.models import (
    Count,
    Exists,
    IntegerField,
    Min,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
)
from django.db.models.functions import Coalesce

from groeipad.people import scope
from groeipad.people.models import Department, Employee
from groeipad.plans.models import (
    Action,
    ActionStatus,
    Cadence,
    Category,
    CheckIn,
    CheckInStatus,
    DevelopmentPlan,
    Goal,
    GoalBasis,
    GoalStatus,
    PlanStatus,
    PlanTemplate,
    TemplateGoal,
)
from groeipad.plans.rules import checkin_side
from groeipad.skills.models import Competency, StrategicTarget

if TYPE_CHECKING:
    from groeipad.people.scope import UserLike, Viewer

    ViewerLike = Viewer | UserLike

OPEN_ACTION = (ActionStatus.PLANNED, ActionStatus.IN_PROGRESS)
OPEN_PLAN = (PlanStatus.DRAFT, PlanStatus.ACTIVE)
# The 70-20-10 guideline, shown beside the actual mix as a guide, not a target to hit.
GUIDELINE = {Category.EXPERIENCE: 70, Category.SOCIAL: 20, Category.FORMAL: 10}


DEFAULT_CADENCE_WEEKS = 6
STAGE_ORDER = {"starter": 0, "experienced": 1, "senior": 2}


def plans_visible(viewer: ViewerLike) -> QuerySet[DevelopmentPlan]:
    return DevelopmentPlan.objects.filter(employee__in=scope.visible_employees(viewer))


def goals_visible(viewer: ViewerLike) -> QuerySet[Goal]:
    return Goal.objects.filter(plan__in=plans_visible(viewer))


def actions_visible(viewer: ViewerLike) -> QuerySet[Action]:
    return Action.objects.filter(goal__plan__in=plans_visible(viewer))


def checkins_visible(viewer: ViewerLike) -> QuerySet[CheckIn]:
    return CheckIn.objects.filter(employee__in=scope.visible_employees(viewer)).defer(
        "employee_private_notes", "manager_private_notes"
    )


def plan_list(viewer: ViewerLike, employee: Employee | None = None) -> list[DevelopmentPlan]:
    """The plans the viewer may see (of one employee when given), at most 200."""
    plans = plans_visible(viewer).select_related("employee", "template")
    if employee is not None:
        plans = plans.filter(employee=employee)
    return list(plans.order_by("employee__employee_number", "-period_start")[:200])


def checkin_list(viewer: ViewerLike, employee: Employee | None = None) -> list[CheckIn]:
    """The check-ins the viewer may see (of one employee when given), at most 500."""
    checkins = checkins_visible(viewer).select_related("employee", "manager")
    if employee is not None:
        checkins = checkins.filter(employee=employee)
    return list(checkins.order_by("-scheduled_for")[:500])


def goals_of(plan: DevelopmentPlan) -> list[Goal]:
    return list(plan.goals.select_related("owner", "plan"))


def actions_of(goal: Goal) -> list[Action]:
    return list(goal.actions.select_related("owner"))


def next_steps_of(checkin: CheckIn) -> list[Action]:
    return list(checkin.next_steps.select_related("goal", "owner"))


def _participant(employee_id: int) -> Q:
    return Q(employee_id=employee_id) | Q(manager_id=employee_id)


def checkins_taken_part_in(viewer: ViewerLike) -> QuerySet[CheckIn]:
    """The check-ins the viewer takes part in, as employee or as manager (no notes)."""
    employee_id = scope.as_viewer(viewer).employee_id
    if employee_id is None:
        return CheckIn.objects.none()
    return (
        CheckIn.objects.filter(_participant(employee_id))
        .select_related("employee", "manager")
        .defer("employee_private_notes", "manager_private_notes")
    )


def planned_checkins_taken_part_in(viewer: ViewerLike) -> list[CheckIn]:
    """The viewer's check-ins still planned, first first (their calendar feed)."""
    return list(
        checkins_taken_part_in(viewer)
        .filter(status=CheckInStatus.PLANNED)
        .order_by("scheduled_for", "pk")
    )


def held_checkins_of(plan: DevelopmentPlan) -> list[CheckIn]:
    """The plan's held check-ins with only what both sides share (never private notes)."""
    return list(
        CheckIn.objects.filter(plan=plan, status=CheckInStatus.HELD)
        .only("id", "held_on", "scheduled_for", "shared_notes", "plan_id")
        .order_by("held_on", "pk")
    )


# --- Look-ups the forms need -----------------------------------------------------------


def ordered_templates(templates: Iterable[PlanTemplate]) -> list[PlanTemplate]:
    """Starter, experienced, senior: the order of a career, not of the alphabet."""
    return sorted(templates, key=lambda t: (STAGE_ORDER.get(t.career_stage, 9), t.name))


def templates() -> list[PlanTemplate]:
    return ordered_templates(PlanTemplate.objects.all())


def templates_with_goals() -> list[PlanTemplate]:
    return ordered_templates(PlanTemplate.objects.prefetch_related("suggested_goals"))


def template(template_id: int | None) -> PlanTemplate | None:
    return PlanTemplate.objects.filter(pk=template_id).first() if template_id else None


def template_goal(template_goal_id: int) -> TemplateGoal | None:
    return TemplateGoal.objects.filter(pk=template_goal_id).first()


def competency(competency_id: int | None) -> Competency | None:
    return Competency.objects.filter(pk=competency_id).first() if competency_id else None


def strategic_target(target_id: int | None) -> StrategicTarget | None:
    return StrategicTarget.objects.filter(pk=target_id).first() if target_id else None


def competency_choices() -> list[tuple[int, str]]:
    return sorted(
        ((c.pk, c.name) for c in Competency.objects.only("id", "name_nl", "name_en")),
        key=lambda item: item[1].casefold(),
    )


def target_choices() -> list[tuple[int, str]]:
    return [
        (t.pk, f"{t.competency.name} ≥ {t.level} · {t.due_date:%Y-%m}")
        for t in StrategicTarget.objects.select_related("competency")
    ]


def employee(employee_id: int) -> Employee:
    """An employee by id, for an owner chosen from a form's own choices."""
    return Employee.objects.get(pk=employee_id)


def managers_above(employee: Employee) -> list[Employee]:
    """The employee's manager line, nearest first (one query, from the closure)."""
    from groeipad.people.models import ReportingLine

    return [
        row.manager
        for row in ReportingLine.objects.filter(employee=employee)
        .select_related("manager")
        .order_by("depth")
    ]


def department_count() -> int:
    return Department.objects.count()


def cadence_weeks(manager_id: int | None) -> int:
    """How many weeks apart the manager holds check-ins (default: six)."""
    if not manager_id:
        return DEFAULT_CADENCE_WEEKS
    weeks = Cadence.objects.filter(manager_id=manager_id).values_list("weeks", flat=True).first()
    return weeks or DEFAULT_CADENCE_WEEKS


def private_notes_for(viewer: ViewerLike, checkin: CheckIn) -> str | None:
    """The viewer's own private notes of this check-in; None if they are neither side."""
    side = checkin_side(viewer, checkin)
    if side is None:
        return None
    return (
        CheckIn.objects.filter(pk=checkin.pk)
        .values_list(f"{side}_private_notes", flat=True)
        .first()
    )


def open_plan(employee: Employee) -> DevelopmentPlan | None:
    return (
        DevelopmentPlan.objects.filter(employee=employee, status__in=OPEN_PLAN)
        .select_related("template")
        .first()
    )


def plan_history(employee: Employee) -> QuerySet[DevelopmentPlan]:
    return DevelopmentPlan.objects.filter(employee=employee).order_by("-period_start")


def plan_goals(plan: DevelopmentPlan) -> list[Goal]:
    """Goals with their actions, in two queries."""
    return list(
        plan.goals.select_related(
            "owner", "competency", "strategic_target__competency", "seeded_from"
        )
        .prefetch_related("actions__owner")
        .order_by("status", "deadline", "pk")
    )


# --- The 70-20-10 mix ----------------------------------------------------------------


@dataclass(frozen=True)
class MixPart:
    category: str
    label: str
    amount: Decimal
    percent: int
    guideline: int


@dataclass(frozen=True)
class Mix:
    basis: str  # "hours" or "count"
    total: Decimal
    parts: list[MixPart]


def mix_of(actions) -> Mix:
    """The actual 70-20-10 mix of the actions (cancelled ones left out).

    By hours when any action has hours; otherwise by the number of actions.
    """
    kept = [a for a in actions if a.status != ActionStatus.CANCELLED]
    by_hours = any(a.hours > 0 for a in kept)
    amounts = {c: Decimal(0) for c in GUIDELINE}
    for action in kept:
        amounts[action.category] += action.hours if by_hours else Decimal(1)
    total = sum(amounts.values(), Decimal(0))
    # Largest remainder keeps the shown percentages adding up to 100.
    raw = {c: (amounts[c] * 100 / total if total else Decimal(0)) for c in GUIDELINE}
    percent = {c: int(raw[c]) for c in GUIDELINE}
    if total:
        short = 100 - sum(percent.values())
        for c in sorted(GUIDELINE, key=lambda c: raw[c] - percent[c], reverse=True)[:short]:
            percent[c] += 1
    labels = dict(Category.choices)
    return Mix(
        basis="hours" if by_hours else "count",
        total=total,
        parts=[MixPart(c, str(labels[c]), amounts[c], percent[c], GUIDELINE[c]) for c in GUIDELINE],
    )


# --- Flags and agenda ----------------------------------------------------------------


def plan_flags(plan: DevelopmentPlan, goals: list[Goal]) -> list[str]:
    """Signals from the seed's 'what does not work', as keys the page explains."""
    flags = []
    if goals and not any(g.basis == GoalBasis.STRENGTH for g in goals):
        flags.append("only_weak_points")
    if plan.status == PlanStatus.DRAFT and goals:
        flags.append("not_cosigned")
    open_goals = [g for g in goals if g.status == GoalStatus.OPEN]
    if any(not g.actions.all() for g in open_goals):
        flags.append("goal_without_action")
    return flags


def agenda(employee: Employee, today: date) -> dict:
    """What a check-in talks about: open goals and open actions, overdue first."""
    goals = list(
        Goal.objects.filter(
            plan__employee=employee, plan__status__in=OPEN_PLAN, status=GoalStatus.OPEN
        )
        .select_related("owner")
        .order_by("deadline", "pk")
    )
    actions = list(
        Action.objects.filter(
            goal__plan__employee=employee, goal__plan__status__in=OPEN_PLAN, status__in=OPEN_ACTION
        )
        .select_related("goal", "owner")
        .order_by("due_date", "pk")
    )
    for goal in goals:
        goal.overdue = goal.deadline < today
    for action in actions:
        action.overdue = action.due_date < today
    goals.sort(key=lambda g: not g.overdue)
    actions.sort(key=lambda a: not a.overdue)
    return {"goals": goals, "actions": actions}


def checkins_of(employee: Employee) -> QuerySet[CheckIn]:
    return (
        CheckIn.objects.filter(employee=employee)
        .defer("employee_private_notes", "manager_private_notes")
        .order_by("-scheduled_for")
    )


# --- For reminders and digests (built elsewhere) -------------------------------------


def overdue_actions(today: date) -> QuerySet[Action]:
    """Open actions past their due date in plans still in progress."""
    return Action.objects.filter(
        status__in=OPEN_ACTION, due_date__lt=today, goal__plan__status__in=OPEN_PLAN
    ).select_related("goal", "goal__plan", "goal__plan__employee", "owner")


def overdue_checkins(today: date) -> QuerySet[CheckIn]:
    """Planned check-ins whose date has passed without being held."""
    return (
        CheckIn.objects.filter(status=CheckInStatus.PLANNED, scheduled_for__lt=today)
        .select_related("employee", "manager")
        .defer("employee_private_notes", "manager_private_notes")
    )


# --- Overviews -----------------------------------------------------------------------


def _current(employees: QuerySet[Employee], today: date) -> QuerySet[Employee]:
    return employees.filter(Q(leave_date__isnull=True) | Q(leave_date__gte=today))


def team_overview(viewer: ViewerLike, today: date) -> QuerySet[Employee]:
    """The viewer's current line with plan status, check-ins and overdue actions.

    One query whatever the team size: each figure is a correlated subquery.
    """
    plan = DevelopmentPlan.objects.filter(employee=OuterRef("pk"), status__in=OPEN_PLAN)
    overdue = (
        Action.objects.filter(
            goal__plan__employee=OuterRef("pk"),
            goal__plan__status__in=OPEN_PLAN,
            status__in=OPEN_ACTION,
            due_date__lt=today,
        )
        .order_by()
        .values("goal__plan__employee")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return (
        _current(scope.line(viewer), today)
        .select_related("department", "manager", "job_profile")
        .annotate(
            plan_id=Subquery(plan.values("pk")[:1]),
            plan_status=Subquery(plan.values("status")[:1]),
            last_checkin=Subquery(
                CheckIn.objects.filter(employee=OuterRef("pk"), status=CheckInStatus.HELD)
                .order_by("-held_on")
                .values("held_on")[:1]
            ),
            next_checkin=Subquery(
                CheckIn.objects.filter(employee=OuterRef("pk"), status=CheckInStatus.PLANNED)
                .order_by("scheduled_for")
                .values("scheduled_for")[:1]
            ),
            next_checkin_id=Subquery(
                CheckIn.objects.filter(employee=OuterRef("pk"), status=CheckInStatus.PLANNED)
                .order_by("scheduled_for")
                .values("pk")[:1]
            ),
            overdue_actions=Coalesce(Subquery(overdue, output_field=IntegerField()), Value(0)),
        )
        .order_by("last_name", "first_name")
    )


@dataclass
class InclusionRow:
    department_id: int | None
    employees: int
    with_active_plan: int
    path: str = ""

    @property
    def share(self) -> float:
        return self.with_active_plan / self.employees if self.employees else 0.0


def inclusion_by_department(viewer: ViewerLike, today: date) -> list[InclusionRow]:
    """Per department: current employees and how many have an active (co-signed) plan."""
    active = DevelopmentPlan.objects.filter(employee=OuterRef("pk"), status=PlanStatus.ACTIVE)
    rows = (
        _current(scope.visible_employees(viewer), today)
        .annotate(has_plan=Exists(active))
        .order_by()
        .values("department_id")
        .annotate(total=Count("pk"), with_plan=Count("pk", filter=Q(has_plan=True)))
    )
    return [InclusionRow(r["department_id"], r["total"], r["with_plan"]) for r in rows]


def plan_status_counts(viewer: ViewerLike) -> dict[str, int]:
    counts = dict(
        plans_visible(viewer)
        .order_by()
        .values("status")
        .annotate(n=Count("pk"))
        .values_list("status", "n")
    )
    return {status: counts.get(status, 0) for status in PlanStatus.values}


# --- What waits for someone (the home page's to-do overview) --------------------------


@dataclass
class ActionDeadlines:
    overdue: int
    soon: int
    first_due: date | None  # the first of the ``soon`` ones


def action_deadlines_of(employee_id: int, today: date, *, horizon_days: int) -> ActionDeadlines:
    """Open actions in the employee's open plan past their due date, or due within the horizon."""
    rows = Action.objects.filter(
        goal__plan__employee_id=employee_id,
        goal__plan__status__in=OPEN_PLAN,
        status__in=OPEN_ACTION,
        due_date__lte=today + timedelta(days=horizon_days),
    ).aggregate(
        overdue=Count("pk", filter=Q(due_date__lt=today)),
        soon=Count("pk", filter=Q(due_date__gte=today)),
        first_due=Min("due_date", filter=Q(due_date__gte=today)),
    )
    return ActionDeadlines(rows["overdue"], rows["soon"], rows["first_due"])


def next_checkin_of(employee_id: int) -> CheckIn | None:
    """The employee's earliest planned check-in (one still open from the past comes first)."""
    return (
        CheckIn.objects.filter(employee_id=employee_id, status=CheckInStatus.PLANNED)
        .defer("employee_private_notes", "manager_private_notes")
        .order_by("scheduled_for", "pk")
        .first()
    )


def plans_awaiting_cosign(viewer: ViewerLike) -> QuerySet[DevelopmentPlan]:
    """Draft plans with at least one goal in the viewer's current line: theirs to co-sign."""
    if scope.as_viewer(viewer).employee_id is None:
        return DevelopmentPlan.objects.none()
    return DevelopmentPlan.objects.filter(
        employee_id__in=scope.line_ids(viewer),
        status=PlanStatus.DRAFT,
    ).filter(Exists(Goal.objects.filter(plan=OuterRef("pk"))))
