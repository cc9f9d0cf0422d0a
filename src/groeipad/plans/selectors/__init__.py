"""Reads about development plans, always scoped to what the viewer may see.

Visibility is ``people.scope``: the employee sees their own plans, a manager those of
their current line (a leaver drops out the day after the leave date), HR everyone's (read
only). Private check-in notes are never part of these reads; ``private_notes_for`` hands
a writer their own.

The parts: ``visible`` (what a viewer may see), ``lookups`` (what the forms offer),
``mix`` (70-20-10, flags, agenda), ``overviews`` (reminders, team, HR, to-do). Every
public name is re-exported here: callers write ``selectors.plan_goals``.
"""

from __future__ import annotations

from groeipad.plans.selectors.common import (
    DEFAULT_CADENCE_WEEKS,
    GUIDELINE,
    OPEN_ACTION,
    OPEN_PLAN,
    STAGE_ORDER,
)
from groeipad.plans.selectors.lookups import (
    cadence_weeks,
    competency,
    competency_choices,
    department_count,
    employee,
    managers_above,
    ordered_templates,
    strategic_target,
    target_choices,
    template,
    template_goal,
    templates,
    templates_with_goals,
)
from groeipad.plans.selectors.mix import (
    Mix,
    MixPart,
    agenda,
    mix_of,
    plan_flags,
)
from groeipad.plans.selectors.overviews import (
    ActionDeadlines,
    InclusionRow,
    action_deadlines_of,
    inclusion_by_department,
    next_checkin_of,
    overdue_actions,
    overdue_checkins,
    plan_status_counts,
    plans_awaiting_cosign,
    team_overview,
)
from groeipad.plans.selectors.visible import (
    actions_of,
    actions_visible,
    checkin_list,
    checkins_of,
    checkins_taken_part_in,
    checkins_visible,
    goals_of,
    goals_visible,
    held_checkins_of,
    next_steps_of,
    open_plan,
    plan_goals,
    plan_history,
    plan_list,
    planned_checkins_taken_part_in,
    plans_visible,
    private_notes_for,
)

__all__ = [
    "DEFAULT_CADENCE_WEEKS",
    "GUIDELINE",
    "OPEN_ACTION",
    "OPEN_PLAN",
    "STAGE_ORDER",
    "ActionDeadlines",
    "InclusionRow",
    "Mix",
    "MixPart",
    "action_deadlines_of",
    "actions_of",
    "actions_visible",
    "agenda",
    "cadence_weeks",
    "checkin_list",
    "checkins_of",
    "checkins_taken_part_in",
    "checkins_visible",
    "competency",
    "competency_choices",
    "department_count",
    "employee",
    "goals_of",
    "goals_visible",
    "held_checkins_of",
    "inclusion_by_department",
    "managers_above",
    "mix_of",
    "next_checkin_of",
    "next_steps_of",
    "open_plan",
    "ordered_templates",
    "overdue_actions",
    "overdue_checkins",
    "plan_flags",
    "plan_goals",
    "plan_history",
    "plan_list",
    "plan_status_counts",
    "planned_checkins_taken_part_in",
    "plans_awaiting_cosign",
    "plans_visible",
    "private_notes_for",
    "strategic_target",
    "target_choices",
    "team_overview",
    "template",
    "template_goal",
    "templates",
    "templates_with_goals",
]
