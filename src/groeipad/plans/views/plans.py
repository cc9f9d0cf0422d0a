"""My plan, a person's plans, and the plan page: sections, co-signing, closing, next."""

from __future__ import annotations

from datetime import timedelta

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from groeipad.lib.page_messages import form_errors as _form_errors
from groeipad.people.access import get_employee_for
from groeipad.people.selectors import department_paths
from groeipad.plans import access, rules, selectors, services
from groeipad.plans.forms import (
    CheckInPlanForm,
    PlanCloseForm,
    PlanSectionsForm,
    PlanStartForm,
)
from groeipad.plans.models import ActionStatus, GoalBasis, GoalStatus, PlanStatus
from groeipad.plans.smart import smart_check
from groeipad.plans.views.common import (
    STALE,
    action_form,
    goal_form,
    goal_query,
    plan_url,
    refusal,
    template_choices,
)

# --- My plan -------------------------------------------------------------------------


@login_required
def my_plan(request):
    employee = getattr(request.user, "employee", None)
    if employee is None:
        return render(request, "plans/my_plan.html", {"employee": None})
    plan = selectors.open_plan(employee)
    if plan is not None:
        return redirect(plan_url(plan) + goal_query(request.GET))
    return _start_page(request, employee)


def _start_page(request, employee, form=None, status=200):
    today = timezone.localdate()
    form = form or PlanStartForm(
        templates=template_choices(),
        initial={"period_start": today, "period_end": today + timedelta(days=365)},
    )
    templates = selectors.templates_with_goals()
    return render(
        request,
        "plans/my_plan.html",
        {
            "employee": employee,
            "form": form,
            "templates": templates,
            "history": list(selectors.plan_history(employee)),
            "may_start": rules.may_start_plan(request.user, employee)
            and selectors.open_plan(employee) is None,
            "is_own": rules.is_self(request.user, employee),
            "competentie": request.GET.get("competentie", "")
            or request.POST.get("competentie", ""),
            "bron": request.GET.get("bron", "") or request.POST.get("bron", ""),
        },
        status=status,
    )


@login_required
@require_POST
def plan_start(request, employee_number: str):
    employee = get_employee_for(request.user, employee_number)
    form = PlanStartForm(request.POST, templates=template_choices())
    if not form.is_valid():
        messages.error(request, _form_errors(form))
        return _start_page(request, employee, form, status=400)
    data = form.cleaned_data
    template = selectors.template(data["template"])
    try:
        plan = services.plan_create(
            actor=request.user,
            employee=employee,
            period_start=data["period_start"],
            period_end=data["period_end"],
            template=template,
        )
    except (ValidationError, PermissionDenied) as error:
        if isinstance(error, PermissionDenied):
            raise
        messages.error(request, refusal(error))
        return _start_page(request, employee, form, status=400)
    messages.success(
        request, _("Your draft plan is ready. Add goals, then ask your manager to co-sign it.")
    )
    return redirect(plan_url(plan) + goal_query(request.POST))


@login_required
def employee_plans(request, employee_number: str):
    """A person's plans: the open one, or the start page and history."""
    employee = get_employee_for(request.user, employee_number)
    plan = selectors.open_plan(employee)
    if plan is not None:
        return redirect(plan_url(plan))
    return _start_page(request, employee)


# --- The plan page -------------------------------------------------------------------


def _plan_context(request, plan, *, forms=None, stale=None) -> dict:
    viewer = request.user
    forms = forms or {}
    today = timezone.localdate()
    goals = selectors.plan_goals(plan)
    may_edit = rules.may_edit_plan(viewer, plan)
    open_count = sum(1 for g in goals if g.status == GoalStatus.OPEN)
    for goal in goals:
        goal.smart = (
            smart_check(
                title=goal.title,
                success_criterion=goal.success_criterion,
                owner_id=goal.owner_id,
                deadline=goal.deadline,
                period_start=plan.period_start,
                period_end=plan.period_end,
                today=today,
                other_open_goals=open_count - 1,
            )
            if goal.status == GoalStatus.OPEN
            else []
        )
        goal.action_form = (
            (
                forms["action"]
                if forms.get("action_goal") == goal.pk
                else action_form(plan, prefix=f"g{goal.pk}")
            )
            if may_edit and goal.status == GoalStatus.OPEN
            else None
        )
        for action in goal.actions.all():
            action.overdue = action.status in selectors.OPEN_ACTION and action.due_date < today
    actions = [a for g in goals for a in g.actions.all()]
    mix = selectors.mix_of(actions)
    suggestion = None
    suggestion_id = request.GET.get("suggestie", "")
    if may_edit and suggestion_id.isdigit():
        suggestion = selectors.template_goal(int(suggestion_id))
    # ?competentie=<id> (e.g. "start a goal" at a 360 blind spot): that competency chosen
    # and a title to adapt; &bron=360 says where it came from.
    from_competency = None
    competency_id = request.GET.get("competentie", "")
    if may_edit and competency_id.isdigit():
        from_competency = selectors.competency(int(competency_id))
    from_360 = from_competency is not None and request.GET.get("bron") == "360"
    new_goal_form = forms.get("goal") or goal_form(
        plan,
        initial={
            "owner": plan.employee.pk,
            "basis": GoalBasis.DEVELOPMENT,
            "deadline": plan.period_end,
            **(
                {
                    "competency": from_competency.pk,
                    "title": _("Grow in %(competency)s so that others notice it in my work")
                    % {"competency": from_competency.name},
                    **(
                        {
                            "why": _(
                                "In my 360-degree feedback others rated %(competency)s lower "
                                "than I did myself: a blind spot."
                            )
                            % {"competency": from_competency.name}
                        }
                        if from_360
                        else {}
                    ),
                }
                if from_competency
                else {}
            ),
            **(
                {
                    "title": suggestion.title,
                    "why": suggestion.why,
                    "success_criterion": suggestion.success_criterion,
                }
                if suggestion
                else {}
            ),
        },
    )
    checkins = list(selectors.checkins_of(plan.employee).select_related("manager")[:20])
    is_employee = rules.is_self(viewer, plan.employee)
    return {
        "plan": plan,
        "employee": plan.employee,
        "department_path": department_paths().get(plan.employee.department_id, ""),
        "goals": goals,
        "open_goals": open_count,
        "mix": mix,
        "flags": selectors.plan_flags(plan, goals),
        "may_edit": may_edit,
        "may_cosign": plan.status == PlanStatus.DRAFT and rules.may_cosign(viewer, plan),
        "may_close": plan.status != PlanStatus.CLOSED and rules.may_close_plan(viewer, plan),
        "may_start_next": plan.status == PlanStatus.CLOSED
        and rules.may_start_plan(viewer, plan.employee)
        and selectors.open_plan(plan.employee) is None,
        "may_plan_checkin": plan.status != PlanStatus.CLOSED
        and rules.may_plan_checkin(viewer, plan.employee)
        and plan.employee.manager_id is not None,
        "is_employee": is_employee,
        "sections_form": forms.get("sections")
        or PlanSectionsForm(
            initial={
                "strengths": plan.strengths,
                "ambitions": plan.ambitions,
                "development_points": plan.development_points,
                "version": plan.version,
            }
        ),
        "stale": stale,
        "goal_form": new_goal_form,
        "suggestion": suggestion,
        "from_competency": from_competency,
        "from_360": from_360,
        "suggested_goals": list(plan.template.suggested_goals.all()) if plan.template else [],
        "close_form": forms.get("close") or PlanCloseForm(initial={"version": plan.version}),
        "checkins": checkins,
        "checkin_form": forms.get("checkin")
        or CheckInPlanForm(initial={"scheduled_for": today + timedelta(days=7)}),
        "status_choices": ActionStatus.choices,
        "history": [p for p in selectors.plan_history(plan.employee) if p.pk != plan.pk],
        "today": today,
    }


def render_plan(request, plan, status=200, **kwargs):
    return render(request, "plans/plan.html", _plan_context(request, plan, **kwargs), status=status)


@login_required
def plan_detail(request, plan_id: int):
    plan = access.read_plan_for(request.user, plan_id)
    return render_plan(request, plan)


@login_required
@require_POST
def plan_save(request, plan_id: int):
    plan = access.get_plan_for(request.user, plan_id)
    form = PlanSectionsForm(request.POST)
    if not form.is_valid():
        messages.error(request, _form_errors(form))
        return render_plan(request, plan, 400, forms={"sections": form})
    data = dict(form.cleaned_data)
    version = data.pop("version")
    try:
        services.plan_update(actor=request.user, plan=plan, version=version, **data)
    except services.StaleEdit:
        post = request.POST.copy()
        plan.refresh_from_db()
        post["version"] = plan.version
        messages.error(request, STALE)
        return render_plan(
            request, plan, 409, forms={"sections": PlanSectionsForm(post)}, stale=plan
        )
    except ValidationError as error:
        messages.error(request, refusal(error))
        return render_plan(request, plan, 400, forms={"sections": form})
    messages.success(request, _("The plan was saved."))
    return redirect(plan_url(plan, "sections"))


@login_required
@require_POST
def plan_cosign(request, plan_id: int):
    plan = access.get_plan_for(request.user, plan_id)
    try:
        services.plan_cosign(actor=request.user, plan=plan)
    except ValidationError as error:
        messages.error(request, refusal(error))
        return redirect(plan_url(plan))
    messages.success(request, _("You co-signed the plan; it is now active."))
    return redirect(plan_url(plan))


@login_required
@require_POST
def plan_close(request, plan_id: int):
    plan = access.get_plan_for(request.user, plan_id)
    form = PlanCloseForm(request.POST)
    if not form.is_valid():
        messages.error(request, _form_errors(form))
        return render_plan(request, plan, 400, forms={"close": form})
    try:
        services.plan_close(
            actor=request.user,
            plan=plan,
            summary=form.cleaned_data["summary"],
            version=form.cleaned_data["version"],
        )
    except services.StaleEdit:
        messages.error(request, STALE)
        plan.refresh_from_db()
        return render_plan(request, plan, 409, forms={"close": form})
    except ValidationError as error:
        messages.error(request, refusal(error))
        return render_plan(request, plan, 400, forms={"close": form})
    messages.success(request, _("The plan is closed and kept as history."))
    return redirect(plan_url(plan))


@login_required
@require_POST
def plan_next(request, plan_id: int):
    previous = access.get_plan_for(request.user, plan_id)
    today = timezone.localdate()
    try:
        plan = services.plan_start_next(
            actor=request.user,
            previous=previous,
            period_start=today,
            period_end=today + timedelta(days=365),
        )
    except ValidationError as error:
        messages.error(request, refusal(error))
        return redirect(plan_url(previous))
    messages.success(request, _("The next plan is ready; open goals and transfers came along."))
    return redirect(plan_url(plan))
