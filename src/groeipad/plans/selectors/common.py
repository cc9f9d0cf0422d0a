"""What the plan reads share: open statuses, the 70-20-10 guideline, defaults."""

from __future__ import annotations

from typing import TYPE_CHECKING

from groeipad.plans.models import ActionStatus, Category, PlanStatus

if TYPE_CHECKING:
    from groeipad.people.scope import UserLike, Viewer

    ViewerLike = Viewer | UserLike

OPEN_ACTION = (ActionStatus.PLANNED, ActionStatus.IN_PROGRESS)
OPEN_PLAN = (PlanStatus.DRAFT, PlanStatus.ACTIVE)
# The 70-20-10 guideline, shown beside the actual mix as a guide, not a target to hit.
GUIDELINE = {Category.EXPERIENCE: 70, Category.SOCIAL: 20, Category.FORMAL: 10}


DEFAULT_CADENCE_WEEKS = 6
STAGE_ORDER = {"starter": 0, "experienced": 1, "senior": 2}
