"""Writes to development plans. Each is an ``@action``: access check first (``ensure``),
validation, the write and its typed audit in one transaction.

Bad input raises ValidationError naming what and where, before anything is written.
Two people editing the same record: each write carries the version it started from; a
stale one raises StaleEdit and changes nothing, so nobody loses work silently.

The parts: ``templates`` (starter templates), ``plans``, ``goals``, ``actions``,
``checkins`` (with the manager's rhythm). Everything public is re-exported here, so
``from groeipad.plans.services import plan_create`` keeps working.
"""

from __future__ import annotations

from groeipad.lib.concurrency import StaleEdit
from groeipad.plans.selectors import DEFAULT_CADENCE_WEEKS, cadence_weeks
from groeipad.plans.services.actions import action_create, action_place_agreed, action_update
from groeipad.plans.services.checkins import (
    cadence_set,
    checkin_add_next_step,
    checkin_plan,
    checkin_record,
)
from groeipad.plans.services.common import (
    ACTION_FIELDS,
    GOAL_FIELDS,
    OPEN_ACTION,
    OPEN_GOAL,
    PLAN_FIELDS,
)
from groeipad.plans.services.goals import (
    goal_close,
    goal_create,
    goal_seed_from_transfer,
    goal_update,
)
from groeipad.plans.services.plans import (
    plan_close,
    plan_cosign,
    plan_create,
    plan_start_next,
    plan_update,
)
from groeipad.plans.services.templates import templates_install_starter

__all__ = [
    "ACTION_FIELDS",
    "DEFAULT_CADENCE_WEEKS",
    "GOAL_FIELDS",
    "OPEN_ACTION",
    "OPEN_GOAL",
    "PLAN_FIELDS",
    "StaleEdit",
    "action_create",
    "action_place_agreed",
    "action_update",
    "cadence_set",
    "cadence_weeks",
    "checkin_add_next_step",
    "checkin_plan",
    "checkin_record",
    "goal_close",
    "goal_create",
    "goal_seed_from_transfer",
    "goal_update",
    "plan_close",
    "plan_cosign",
    "plan_create",
    "plan_start_next",
    "plan_update",
    "templates_install_starter",
]
