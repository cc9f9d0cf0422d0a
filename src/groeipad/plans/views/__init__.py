"""Development plan pages: my plan, a plan, goals and actions, check-ins, team and HR,
the printable plan and calendar files.

Thin views: parse the request, go through ``plans.access`` for every id (404 for what the
viewer may not see), read through ``plans.selectors``, write through ``plans.services``
(which checks who may). The views only decide what to show.
"""

from __future__ import annotations

from groeipad.plans.views.calendar import checkin_feed, checkin_ics
from groeipad.plans.views.checkins import checkin_add, checkin_detail, checkin_next_step
from groeipad.plans.views.goals import (
    action_add,
    action_status,
    goal_add,
    goal_close,
    goal_seed,
)
from groeipad.plans.views.overviews import cadence_save, hr_overview, team
from groeipad.plans.views.plans import (
    employee_plans,
    my_plan,
    plan_close,
    plan_cosign,
    plan_detail,
    plan_next,
    plan_save,
    plan_start,
)
from groeipad.plans.views.printing import plan_print

__all__ = [
    "action_add",
    "action_status",
    "cadence_save",
    "checkin_add",
    "checkin_detail",
    "checkin_feed",
    "checkin_ics",
    "checkin_next_step",
    "employee_plans",
    "goal_add",
    "goal_close",
    "goal_seed",
    "hr_overview",
    "my_plan",
    "plan_close",
    "plan_cosign",
    "plan_detail",
    "plan_next",
    "plan_print",
    "plan_save",
    "plan_start",
    "team",
]
