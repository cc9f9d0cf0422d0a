"""The access funnels: an id from a request becomes a plan object the viewer may see.

Every page and API endpoint that takes an id goes through one of these; anything the
viewer may not see is a 404, never a hint that it exists. What a viewer sees is
``selectors.plans_visible`` (``people.scope``): their own plans, their current line's,
HR everyone's.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.http import Http404
from django.utils.translation import gettext as _

from groeipad.plans import selectors
from groeipad.plans.models import Action, CheckIn, DevelopmentPlan, Goal
from groeipad.privacy.models import ObjectType
from groeipad.privacy.services import audit_read

if TYPE_CHECKING:
    from groeipad.people.scope import UserLike, Viewer


def get_plan_for(viewer: Viewer | UserLike, plan_id: int) -> DevelopmentPlan:
    plan = (
        selectors.plans_visible(viewer)
        .select_related(
            "employee",
            "employee__manager",
            "employee__department",
            "template",
            "signed_by_manager__employee",
        )
        .filter(pk=plan_id)
        .first()
    )
    if plan is None:
        raise Http404(_("No such plan."))
    return plan


def read_plan_for(viewer: Viewer | UserLike, plan_id: int) -> DevelopmentPlan:
    """The plan to show (page, API, print): ``get_plan_for``, and reading someone else's
    plan is audited (once a day per viewer and plan)."""
    plan = get_plan_for(viewer, plan_id)
    audit_read(
        actor=viewer,
        object_type=ObjectType.DEVELOPMENT_PLAN,
        object_id=plan.pk,
        subject=plan.employee,
    )
    return plan


def get_goal_for(viewer: Viewer | UserLike, goal_id: int) -> Goal:
    goal = (
        selectors.goals_visible(viewer)
        .select_related("plan", "plan__employee", "owner", "competency")
        .filter(pk=goal_id)
        .first()
    )
    if goal is None:
        raise Http404(_("No such goal."))
    return goal


def get_action_for(viewer: Viewer | UserLike, action_id: int) -> Action:
    action = (
        selectors.actions_visible(viewer)
        .select_related("goal", "goal__plan", "goal__plan__employee", "owner")
        .filter(pk=action_id)
        .first()
    )
    if action is None:
        raise Http404(_("No such action."))
    return action


def get_checkin_for(viewer: Viewer | UserLike, checkin_id: int) -> CheckIn:
    checkin = (
        selectors.checkins_visible(viewer)
        .select_related("employee", "manager", "plan")
        .filter(pk=checkin_id)
        .first()
    )
    if checkin is None:
        raise Http404(_("No such check-in."))
    return checkin


def get_checkin_as_participant(viewer: Viewer | UserLike, checkin_id: int) -> CheckIn:
    """The check-in, if the viewer is one of its two participants (its calendar file)."""
    checkin = selectors.checkins_taken_part_in(viewer).filter(pk=checkin_id).first()
    if checkin is None:
        raise Http404(_("No such check-in."))
    return checkin
