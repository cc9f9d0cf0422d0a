"""Look-ups the plan forms need: templates, competencies, targets, the manager line."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from groeipad.people.models import Department, Employee
from groeipad.plans.models import (
    Cadence,
    PlanTemplate,
    TemplateGoal,
)
from groeipad.plans.selectors.common import (
    DEFAULT_CADENCE_WEEKS,
    STAGE_ORDER,
)
from groeipad.skills.models import Competency, StrategicTarget

if TYPE_CHECKING:
    pass


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
