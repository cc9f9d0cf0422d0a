"""Turning ids from a request into plan objects the viewer may see; 404 otherwise."""

from __future__ import annotations

from django.http import Http404
from django.utils.translation import gettext as _

from groeipad.plans import selectors
from groeipad.plans.models import Action, CheckIn, DevelopmentPlan, Goal


def plan_for_viewer(user, plan_id: int) -> DevelopmentPlan:
    try:
        return (
            selectors.plans_visible(user)
            .select_related(
                "employee",
                "employee__manager",
                "employee__department",
                "template",
                "signed_by_manager__employee",
            )
            .get(pk=plan_id)
        )
    except DevelopmentPlan.DoesNotExist:
        raise Http404(_("No such plan.")) from None


def goal_for_viewer(user, goal_id: int) -> Goal:
    try:
        return (
            Goal.objects.filter(plan__in=selectors.plans_visible(user))
            .select_related("plan", "plan__employee", "owner", "competency")
            .get(pk=goal_id)
        )
    except Goal.DoesNotExist:
        raise Http404(_("No such goal.")) from None


def action_for_viewer(user, action_id: int) -> Action:
    try:
        return (
            Action.objects.filter(goal__plan__in=selectors.plans_visible(user))
            .select_related("goal", "goal__plan", "goal__plan__employee", "owner")
            .get(pk=action_id)
        )
    except Action.DoesNotExist:
        raise Http404(_("No such action.")) from None


def checkin_for_viewer(user, checkin_id: int) -> CheckIn:
    try:
        return (
            selectors.checkins_visible(user)
            .select_related("employee", "manager", "plan")
            .get(pk=checkin_id)
        )
    except CheckIn.DoesNotExist:
        raise Http404(_("No such check-in.")) from None
