"""Development plan pages: my plan, a plan, closing a goal, a check-in, team and HR views.

Thin views: parse the request, call access/selector/service, render. Every write goes
through plans.services, which checks who may; the views only decide what to show.
"""

from __future__ import annotations

from datetime import timedelta

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from groeipad.lib.page_messages import form_errors as _form_errors
from groeipad.people.access import employee_for_viewer
from groeipad.people.models import Department, Employee
from groeipad.people.selectors import department_paths
from groeipad.people.visibility import is_hr, is_manager
from groeipad.plans import access, rules, selectors, services
from groeipad.plans.forms import (
    ActionForm,
    ActionStatusForm,
    CadenceForm,
    CheckInForm,
    CheckInPlanForm,
    GoalCloseForm,
    GoalForm,
    NextStepForm,
    PlanCloseForm,
    PlanSectionsForm,
    PlanStartForm,
)
from groeipad.plans.models import (
    Cadence,
    DevelopmentPlan,
    GoalBasis,
    GoalStatus,
    PlanStatus,
    PlanTemplate,
    TemplateGoal,
)
from groeipad.plans.smart import smart_check
from groeipad.skills.models import Competency, StrategicTarget


def _refusal(error) -> str:
    return " ".join(error.messages) if isinstance(error, ValidationError) else str(error)


STALE = gettext_lazy(
    "Someone else changed this after you opened the page, so your change was not saved. "
    "What you typed is still in the form; the page shows the latest version. Save again to "
    "apply it."
)


def _plan_url(plan, anchor: str = "") -> str:
    url = reverse("plans:plan", args=[plan.pk])
    return f"{url}#{anchor}" if anchor else url


STAGE_ORDER = {"starter": 0, "experienced": 1, "senior": 2}


def _ordered_templates(templates) -> list[PlanTemplate]:
    """Starter, experienced, senior: the order of a career, not of the alphabet."""
    return sorted(templates, key=lambda t: (STAGE_ORDER.get(t.career_stage, 9), t.name))


def _templates() -> list[tuple[int, str]]:
    return [
        (t.pk, f"{t.name} ({t.get_career_stage_display()})")
        for t in _ordered_templates(PlanTemplate.objects.all())
    ]


def _owner_choices(plan: DevelopmentPlan) -> list[tuple[int, str]]:
    choices = [(plan.employee.pk, plan.employee.full_name)]
    step = plan.employee.manager
    seen = {plan.employee.pk}
    while step is not None and step.pk not in seen:
        seen.add(step.pk)
        choices.append((step.pk, step.full_name))
        step = step.manager
    return choices


def _competency_choices():
    return sorted(
        ((c.pk, c.name) for c in Competency.objects.only("id", "name_nl", "name_en")),
        key=lambda item: item[1].casefold(),
    )


def _target_choices():
    return [
        (t.pk, f"{t.competency.name} ≥ {t.level} · {t.due_date:%Y-%m}")
        for t in StrategicTarget.objects.select_related("competency")
    ]


def _goal_form(plan, data=None, initial=None) -> GoalForm:
    return GoalForm(
        data,
        initial=initial,
        owners=_owner_choices(plan),
        competencies=_competency_choices(),
        targets=_target_choices(),
    )


def _action_form(plan, data=None, prefix=None) -> ActionForm:
    due = max(min(timezone.localdate() + timedelta(days=30), plan.period_end), plan.period_start)
    return ActionForm(
        data,
        owners=_owner_choices(plan),
        prefix=prefix,
        initial={"owner": plan.employee.pk, "hours": 0, "cost": 0, "due_date": due},
    )


# --- My plan -------------------------------------------------------------------------


@login_required
def my_plan(request):
    employee = getattr(request.user, "employee", None)
    if employee is None:
        return render(request, "plans/my_plan.html", {"employee": None})
    plan = selectors.open_plan(employee)
    if plan is not None:
        return redirect(_plan_url(plan) + _goal_query(request.GET))
    return _start_page(request, employee)


def _goal_query(params) -> str:
    """``?competentie=<id>[&bron=360]#new-goal`` carried on (e.g. from a 360 blind spot)."""
    competency = params.get("competentie", "")
    if not competency.isdigit():
        return ""
    source = "&bron=360" if params.get("bron") == "360" else ""
    return f"?competentie={competency}{source}#new-goal"


def _start_page(request, employee, form=None, status=200):
    today = timezone.localdate()
    form = form or PlanStartForm(
        templates=_templates(),
        initial={"period_start": today, "period_end": today + timedelta(days=365)},
    )
    templates = _ordered_templates(PlanTemplate.objects.prefetch_related("suggested_goals"))
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
    employee = employee_for_viewer(request.user, employee_number)
    form = PlanStartForm(request.POST, templates=_templates())
    if not form.is_valid():
        messages.error(request, _form_errors(form))
        return _start_page(request, employee, form, status=400)
    data = form.cleaned_data
    template = (
        PlanTemplate.objects.filter(pk=data["template"]).first() if data["template"] else None
    )
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
        messages.error(request, _refusal(error))
        return _start_page(request, employee, form, status=400)
    messages.success(
        request, _("Your draft plan is ready. Add goals, then ask your manager to co-sign it.")
    )
    return redirect(_plan_url(plan) + _goal_query(request.POST))


@login_required
def employee_plans(request, employee_number: str):
    """A person's plans: the open one, or the start page and history."""
    employee = employee_for_viewer(request.user, employee_number)
    plan = selectors.open_plan(employee)
    if plan is not None:
        return redirect(_plan_url(plan))
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
                else _action_form(plan, prefix=f"g{goal.pk}")
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
        suggestion = TemplateGoal.objects.filter(pk=int(suggestion_id)).first()
    # ?competentie=<id> (e.g. "start a goal" at a 360 blind spot): that competency chosen
    # and a title to adapt; &bron=360 says where it came from.
    from_competency = None
    competency_id = request.GET.get("competentie", "")
    if may_edit and competency_id.isdigit():
        from_competency = Competency.objects.filter(pk=int(competency_id)).first()
    from_360 = from_competency is not None and request.GET.get("bron") == "360"
    goal_form = forms.get("goal") or _goal_form(
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
        "goal_form": goal_form,
        "suggestion": suggestion,
        "from_competency": from_competency,
        "from_360": from_360,
        "suggested_goals": list(plan.template.suggested_goals.all()) if plan.template else [],
        "close_form": forms.get("close") or PlanCloseForm(initial={"version": plan.version}),
        "checkins": checkins,
        "checkin_form": forms.get("checkin")
        or CheckInPlanForm(initial={"scheduled_for": today + timedelta(days=7)}),
        "status_choices": selectors.ActionStatus.choices,
        "history": [p for p in selectors.plan_history(plan.employee) if p.pk != plan.pk],
        "today": today,
    }


def _render_plan(request, plan, status=200, **kwargs):
    return render(request, "plans/plan.html", _plan_context(request, plan, **kwargs), status=status)


@login_required
def plan_detail(request, plan_id: int):
    plan = access.plan_for_viewer(request.user, plan_id)
    return _render_plan(request, plan)


@login_required
@require_POST
def plan_save(request, plan_id: int):
    plan = access.plan_for_viewer(request.user, plan_id)
    form = PlanSectionsForm(request.POST)
    if not form.is_valid():
        messages.error(request, _form_errors(form))
        return _render_plan(request, plan, 400, forms={"sections": form})
    data = dict(form.cleaned_data)
    version = data.pop("version")
    try:
        services.plan_update(actor=request.user, plan=plan, version=version, **data)
    except services.StaleEdit:
        post = request.POST.copy()
        plan.refresh_from_db()
        post["version"] = plan.version
        messages.error(request, STALE)
        return _render_plan(
            request, plan, 409, forms={"sections": PlanSectionsForm(post)}, stale=plan
        )
    except ValidationError as error:
        messages.error(request, _refusal(error))
        return _render_plan(request, plan, 400, forms={"sections": form})
    messages.success(request, _("The plan was saved."))
    return redirect(_plan_url(plan, "sections"))


@login_required
@require_POST
def plan_cosign(request, plan_id: int):
    plan = access.plan_for_viewer(request.user, plan_id)
    try:
        services.plan_cosign(actor=request.user, plan=plan)
    except ValidationError as error:
        messages.error(request, _refusal(error))
        return redirect(_plan_url(plan))
    messages.success(request, _("You co-signed the plan; it is now active."))
    return redirect(_plan_url(plan))


@login_required
@require_POST
def plan_close(request, plan_id: int):
    plan = access.plan_for_viewer(request.user, plan_id)
    form = PlanCloseForm(request.POST)
    if not form.is_valid():
        messages.error(request, _form_errors(form))
        return _render_plan(request, plan, 400, forms={"close": form})
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
        return _render_plan(request, plan, 409, forms={"close": form})
    except ValidationError as error:
        messages.error(request, _refusal(error))
        return _render_plan(request, plan, 400, forms={"close": form})
    messages.success(request, _("The plan is closed and kept as history."))
    return redirect(_plan_url(plan))


@login_required
@require_POST
def plan_next(request, plan_id: int):
    previous = access.plan_for_viewer(request.user, plan_id)
    today = timezone.localdate()
    try:
        plan = services.plan_start_next(
            actor=request.user,
            previous=previous,
            period_start=today,
            period_end=today + timedelta(days=365),
        )
    except ValidationError as error:
        messages.error(request, _refusal(error))
        return redirect(_plan_url(previous))
    messages.success(request, _("The next plan is ready; open goals and transfers came along."))
    return redirect(_plan_url(plan))


# --- Goals and actions ---------------------------------------------------------------


@login_required
@require_POST
def goal_add(request, plan_id: int):
    plan = access.plan_for_viewer(request.user, plan_id)
    form = _goal_form(plan, request.POST)
    if not form.is_valid():
        messages.error(request, _form_errors(form))
        return _render_plan(request, plan, 400, forms={"goal": form})
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
            owner=Employee.objects.get(pk=data["owner"]),
            competency=Competency.objects.filter(pk=data["competency"]).first(),
            strategic_target=StrategicTarget.objects.filter(pk=data["strategic_target"]).first(),
        )
    except ValidationError as error:
        messages.error(request, _refusal(error))
        return _render_plan(request, plan, 400, forms={"goal": form})
    messages.success(request, _("The goal was added. Now add an action or two."))
    return redirect(_plan_url(plan, f"goal-{goal.pk}"))


@login_required
def goal_close(request, goal_id: int):
    goal = access.goal_for_viewer(request.user, goal_id)
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
                messages.error(request, _refusal(error))
                status = 400
            else:
                messages.success(request, _("The goal is closed with its reflection."))
                return redirect(_plan_url(plan, f"goal-{goal.pk}"))
        else:
            messages.error(request, _form_errors(form))
            status = 400
    return render(
        request, "plans/goal_close.html", {"goal": goal, "plan": plan, "form": form}, status=status
    )


@login_required
@require_POST
def goal_seed(request, goal_id: int):
    goal = access.goal_for_viewer(request.user, goal_id)
    try:
        new = services.goal_seed_from_transfer(actor=request.user, goal=goal)
    except ValidationError as error:
        messages.error(request, _refusal(error))
        return redirect(_plan_url(goal.plan, f"goal-{goal.pk}"))
    messages.success(request, _("The transfer is now a goal in the current plan."))
    return redirect(_plan_url(new.plan, f"goal-{new.pk}"))


@login_required
@require_POST
def action_add(request, goal_id: int):
    goal = access.goal_for_viewer(request.user, goal_id)
    plan = goal.plan
    form = _action_form(plan, request.POST, prefix=f"g{goal.pk}")
    if not form.is_valid():
        messages.error(request, _form_errors(form))
        return _render_plan(request, plan, 400, forms={"action": form, "action_goal": goal.pk})
    data = form.cleaned_data
    try:
        services.action_create(
            actor=request.user,
            goal=goal,
            description=data["description"],
            instrument=data["instrument"],
            due_date=data["due_date"],
            owner=Employee.objects.get(pk=data["owner"]),
            hours=data["hours"] or 0,
            cost=data["cost"] or 0,
        )
    except ValidationError as error:
        messages.error(request, _refusal(error))
        return _render_plan(request, plan, 400, forms={"action": form, "action_goal": goal.pk})
    messages.success(request, _("The action was added."))
    return redirect(_plan_url(plan, f"goal-{goal.pk}"))


@login_required
@require_POST
def action_status(request, action_id: int):
    action = access.action_for_viewer(request.user, action_id)
    plan = action.goal.plan
    form = ActionStatusForm(request.POST)
    if not form.is_valid():
        messages.error(request, _form_errors(form))
        return redirect(_plan_url(plan, f"goal-{action.goal_id}"))
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
        messages.error(request, _refusal(error))
    else:
        messages.success(request, _("The action's status was saved."))
    return redirect(_plan_url(plan, f"goal-{action.goal_id}"))


# --- Check-ins -----------------------------------------------------------------------


@login_required
@require_POST
def checkin_add(request, employee_number: str):
    employee = employee_for_viewer(request.user, employee_number)
    form = CheckInPlanForm(request.POST)
    back = request.POST.get("back") or reverse("plans:employee", args=[employee_number])
    if not back.startswith("/"):
        back = reverse("plans:employee", args=[employee_number])
    if not form.is_valid():
        messages.error(request, _form_errors(form))
        return redirect(back)
    try:
        checkin = services.checkin_plan(
            actor=request.user, employee=employee, scheduled_for=form.cleaned_data["scheduled_for"]
        )
    except ValidationError as error:
        messages.error(request, _refusal(error))
        return redirect(back)
    messages.success(request, _("The check-in is planned."))
    return redirect("plans:checkin", checkin.pk)


def _checkin_context(request, checkin, *, form=None, step_form=None) -> dict:
    today = timezone.localdate()
    side = rules.checkin_side(request.user, checkin)
    agenda = selectors.agenda(checkin.employee, today)
    plan = checkin.plan or selectors.open_plan(checkin.employee)
    goals = [(g.pk, g.title) for g in agenda["goals"]]
    default_next = (checkin.held_on or today) + timedelta(
        weeks=services.cadence_weeks(checkin.manager_id)
    )
    if form is None and side:
        form = CheckInForm(
            initial={
                "shared_notes": checkin.shared_notes,
                "private_notes": selectors.private_notes_for(request.user, checkin),
                "next_date": default_next,
                "version": checkin.version,
            }
        )
    return {
        "checkin": checkin,
        "employee": checkin.employee,
        "plan": plan,
        "side": side,
        "agenda": agenda,
        "form": form,
        "step_form": step_form
        or (
            NextStepForm(
                goals=goals,
                initial={
                    "due_date": min(today + timedelta(weeks=4), plan.period_end) if plan else None,
                },
            )
            if side and goals
            else None
        ),
        "steps": list(checkin.next_steps.select_related("goal", "owner")),
        "default_next": default_next,
        "today": today,
    }


@login_required
def checkin_detail(request, checkin_id: int):
    checkin = access.checkin_for_viewer(request.user, checkin_id)
    if request.method != "POST":
        return render(request, "plans/checkin.html", _checkin_context(request, checkin))
    if rules.checkin_side(request.user, checkin) is None:
        raise PermissionDenied
    form = CheckInForm(request.POST)
    if not form.is_valid():
        messages.error(request, _form_errors(form))
        return render(
            request, "plans/checkin.html", _checkin_context(request, checkin, form=form), status=400
        )
    data = form.cleaned_data
    try:
        services.checkin_record(
            actor=request.user,
            checkin=checkin,
            version=data["version"],
            shared_notes=data["shared_notes"],
            private_notes=data["private_notes"],
            held=data["held"],
            next_date=data["next_date"],
        )
    except services.StaleEdit:
        messages.error(request, STALE)
        checkin.refresh_from_db(fields=["version", "shared_notes", "status", "held_on"])
        post = request.POST.copy()
        post["version"] = checkin.version
        return render(
            request,
            "plans/checkin.html",
            _checkin_context(request, checkin, form=CheckInForm(post)),
            status=409,
        )
    except ValidationError as error:
        messages.error(request, _refusal(error))
        return render(
            request, "plans/checkin.html", _checkin_context(request, checkin, form=form), status=400
        )
    messages.success(request, _("The check-in notes were saved."))
    return redirect("plans:checkin", checkin.pk)


@login_required
@require_POST
def checkin_next_step(request, checkin_id: int):
    checkin = access.checkin_for_viewer(request.user, checkin_id)
    agenda = selectors.agenda(checkin.employee, timezone.localdate())
    form = NextStepForm(request.POST, goals=[(g.pk, g.title) for g in agenda["goals"]])
    if not form.is_valid():
        messages.error(request, _form_errors(form))
        return render(
            request,
            "plans/checkin.html",
            _checkin_context(request, checkin, step_form=form),
            status=400,
        )
    data = form.cleaned_data
    goal = access.goal_for_viewer(request.user, data["goal"]) if data["goal"] else None
    try:
        services.checkin_add_next_step(
            actor=request.user,
            checkin=checkin,
            goal=goal,
            description=data["description"],
            instrument=data["instrument"],
            due_date=data["due_date"],
            hours=data["hours"] or 0,
        )
    except ValidationError as error:
        messages.error(request, _refusal(error))
        return render(
            request,
            "plans/checkin.html",
            _checkin_context(request, checkin, step_form=form),
            status=400,
        )
    messages.success(request, _("The next step is now an action in the plan."))
    return redirect(reverse("plans:checkin", args=[checkin.pk]) + "#next-steps")


# --- Team and HR overviews -----------------------------------------------------------


@login_required
def team(request):
    if not is_manager(request.user):
        raise PermissionDenied
    today = timezone.localdate()
    paths = department_paths()
    rows = list(selectors.team_overview(request.user, today))
    for row in rows:
        row.department_path = paths.get(row.department_id, "")
        row.checkin_overdue = row.next_checkin is not None and row.next_checkin < today
    weeks = (
        Cadence.objects.filter(manager_id=request.user.employee_id)
        .values_list("weeks", flat=True)
        .first()
        or services.DEFAULT_CADENCE_WEEKS
    )
    return render(
        request,
        "plans/team.html",
        {
            "rows": rows,
            "today": today,
            "cadence_form": CadenceForm(initial={"weeks": weeks}),
            "with_plan": sum(1 for r in rows if r.plan_status),
            "overdue_total": sum(r.overdue_actions for r in rows),
        },
    )


@login_required
@require_POST
def cadence_save(request):
    employee = getattr(request.user, "employee", None)
    if employee is None:
        raise PermissionDenied
    form = CadenceForm(request.POST)
    if not form.is_valid():
        messages.error(request, _form_errors(form))
        return redirect("plans:team")
    try:
        services.cadence_set(actor=request.user, manager=employee, weeks=form.cleaned_data["weeks"])
    except ValidationError as error:
        messages.error(request, _refusal(error))
    else:
        messages.success(request, _("Your check-in rhythm was saved."))
    return redirect("plans:team")


@login_required
def hr_overview(request):
    if not is_hr(request.user):
        raise PermissionDenied
    today = timezone.localdate()
    paths = department_paths()
    rows = selectors.inclusion_by_department(request.user, today)
    for row in rows:
        row.path = paths.get(row.department_id, "") if row.department_id else _("(no department)")
    rows.sort(key=lambda r: r.path.casefold())
    total = sum(r.employees for r in rows)
    with_plan = sum(r.with_active_plan for r in rows)
    return render(
        request,
        "plans/hr.html",
        {
            "rows": rows,
            "total": total,
            "with_plan": with_plan,
            "share": with_plan / total if total else 0,
            "counts": selectors.plan_status_counts(request.user),
            "templates": _ordered_templates(
                PlanTemplate.objects.prefetch_related("suggested_goals")
            ),
            "departments": Department.objects.count(),
            "checkins_overdue": selectors.overdue_checkins(today).count(),
            "actions_overdue": selectors.overdue_actions(today).count(),
        },
    )
