"""What the plan pages share: refusal texts, links and the goal and action forms."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy

from groeipad.plans import selectors
from groeipad.plans.forms import ActionForm, GoalForm
from groeipad.plans.models import DevelopmentPlan


def refusal(error: Exception) -> str:
    return " ".join(error.messages) if isinstance(error, ValidationError) else str(error)


STALE = gettext_lazy(
    "Someone else changed this after you opened the page, so your change was not saved. "
    "What you typed is still in the form; the page shows the latest version. Save again to "
    "apply it."
)


def plan_url(plan: DevelopmentPlan, anchor: str = "") -> str:
    url = reverse("plans:plan", args=[plan.pk])
    return f"{url}#{anchor}" if anchor else url


def template_choices() -> list[tuple[int, str]]:
    return [(t.pk, f"{t.name} ({t.get_career_stage_display()})") for t in selectors.templates()]


def owner_choices(plan: DevelopmentPlan) -> list[tuple[int, str]]:
    """The employee, then their manager line, nearest first."""
    choices = [(plan.employee.pk, plan.employee.full_name)]
    choices += [(m.pk, m.full_name) for m in selectors.managers_above(plan.employee)]
    return choices


def goal_form(plan: DevelopmentPlan, data: Any = None, initial: Any = None) -> GoalForm:
    return GoalForm(
        data,
        initial=initial,
        owners=owner_choices(plan),
        competencies=selectors.competency_choices(),
        targets=selectors.target_choices(),
    )


def action_form(plan: DevelopmentPlan, data: Any = None, prefix: str | None = None) -> ActionForm:
    due = max(min(timezone.localdate() + timedelta(days=30), plan.period_end), plan.period_start)
    return ActionForm(
        data,
        owners=owner_choices(plan),
        prefix=prefix,
        initial={"owner": plan.employee.pk, "hours": 0, "cost": 0, "due_date": due},
    )


def goal_query(params: Any) -> str:
    """``?competentie=<id>[&bron=360]#new-goal`` carried on (e.g. from a 360 blind spot)."""
    competency = params.get("competentie", "")
    if not competency.isdigit():
        return ""
    source = "&bron=360" if params.get("bron") == "360" else ""
    return f"?competentie={competency}{source}#new-goal"
