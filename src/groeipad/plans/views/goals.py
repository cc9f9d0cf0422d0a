"""Goals and their actions on the plan page: add, close with a reflection, status."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from groeipad.lib.page_messages import form_errors as _form_errors
from groeipad.plans import access, rules, selectors, services
from groeipad.plans.forms import (
    ActionStatusForm,
    GoalCloseForm,
)
from groeipad.plans.views.common import (
    STALE,
    action_form,
    goal_form,
    plan_url,
    refusal,
)
from groeipad.plans.views.plans import render_plan

# --- Goals and actions ---------------------------------------------------------------


@login_required
@require_POST
def goal_add(request, plan_id: int):
    plan = access.get_plan_for(request.user, plan_id)
    form = goal_form(plan, request.POST)
    if not form.is_valid():
        messages.error(request, _form_errors(form))
        return render_plan(request, plan, 400, forms={"goal": form})
    data = form.cleaned_data
    try:
        goal = services.goal_create(
            actor=request.user,
            plan=plan,
            title=data["title"],
            why=data["why"],
            success_criterion=data["success_criterion"],
            basis=data["basis"],
            deadline=data["deadline"],
            owner=selectors.employee(data["owner"]),
            competency=selectors.competency(data["competency"]),
            strategic_target=selectors.strategic_target(data["strategic_target"]),
        )
    except ValidationError as error:
        messages.error(request, refusal(error))
        return render_plan(request, plan, 400, forms={"goal": form})
    messages.success(request, _("The goal was added. Now add an action or two."))
    return redirect(plan_url(plan, f"goal-{goal.pk}"))


@login_required
def goal_close(request, goal_id: int):
    goal = access.get_goal_for(request.user, goal_id)
    plan = goal.plan
    if not rules.may_edit_plan(request.user, plan):
        raise PermissionDenied
    status = 200
    form = GoalCloseForm(initial={"version": goal.version})
    if request.method == "POST":
        form = GoalCloseForm(request.POST)
        if form.is_valid():
            try:
                services.goal_close(actor=request.user, goal=goal, **form.cleaned_data)
            except services.StaleEdit:
                messages.error(request, STALE)
                goal.refresh_from_db()
                post = request.POST.copy()
                post["version"] = goal.version
                form, status = GoalCloseForm(post), 409
            except ValidationError as error:
                messages.error(request, refusal(error))
                status = 400
            else:
                messages.success(request, _("The goal is closed with its reflection."))
                return redirect(plan_url(plan, f"goal-{goal.pk}"))
        else:
            messages.error(request, _form_errors(form))
            status = 400
    return render(
        request, "plans/goal_close.html", {"goal": goal, "plan": plan, "form": form}, status=status
    )


@login_required
@require_POST
def goal_seed(request, goal_id: int):
    goal = access.get_goal_for(request.user, goal_id)
    try:
        new = services.goal_seed_from_transfer(actor=request.user, goal=goal)
    except ValidationError as error:
        messages.error(request, refusal(error))
        return redirect(plan_url(goal.plan, f"goal-{goal.pk}"))
    messages.success(request, _("The transfer is now a goal in the current plan."))
    return redirect(plan_url(new.plan, f"goal-{new.pk}"))


@login_required
@require_POST
def action_add(request, goal_id: int):
    goal = access.get_goal_for(request.user, goal_id)
    plan = goal.plan
    form = action_form(plan, request.POST, prefix=f"g{goal.pk}")
    if not form.is_valid():
        messages.error(request, _form_errors(form))
        return render_plan(request, plan, 400, forms={"action": form, "action_goal": goal.pk})
    data = form.cleaned_data
    try:
        services.action_create(
            actor=request.user,
            goal=goal,
            description=data["description"],
            instrument=data["instrument"],
            due_date=data["due_date"],
            owner=selectors.employee(data["owner"]),
            hours=data["hours"] or 0,
            cost=data["cost"] or 0,
        )
    except ValidationError as error:
        messages.error(request, refusal(error))
        return render_plan(request, plan, 400, forms={"action": form, "action_goal": goal.pk})
    messages.success(request, _("The action was added."))
    return redirect(plan_url(plan, f"goal-{goal.pk}"))


@login_required
@require_POST
def action_status(request, action_id: int):
    action = access.get_action_for(request.user, action_id)
    plan = action.goal.plan
    form = ActionStatusForm(request.POST)
    if not form.is_valid():
        messages.error(request, _form_errors(form))
        return redirect(plan_url(plan, f"goal-{action.goal_id}"))
    try:
        services.action_update(
            actor=request.user,
            action=action,
            version=form.cleaned_data["version"],
            status=form.cleaned_data["status"],
        )
    except services.StaleEdit:
        messages.error(request, STALE)
    except ValidationError as error:
        messages.error(request, refusal(error))
    else:
        messages.success(request, _("The action's status was saved."))
    return redirect(plan_url(plan, f"goal-{action.goal_id}"))
