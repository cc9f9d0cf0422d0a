"""The printable plan, with the plan's visibility (the employee, their line, HR)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.utils import timezone

from groeipad.plans import access, selectors


@login_required
def plan_print(request, plan_id: int):
    plan = access.read_plan_for(request.user, plan_id)
    goals = selectors.plan_goals(plan)
    actions = [action for goal in goals for action in goal.actions.all()]
    return render(
        request,
        "plans/print.html",
        {
            "plan": plan,
            "goals": goals,
            "mix": selectors.mix_of(actions),
            # Only what both sides agreed to share: private notes never leave their owner.
            "checkins": selectors.held_checkins_of(plan),
            "printed_on": timezone.localdate(),
        },
    )
