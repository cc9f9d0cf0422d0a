"""Strategic targets: the list with today's status, and HR's edits."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from groeipad.lib.page_messages import form_errors as _form_errors
from groeipad.people.scope import is_hr
from groeipad.people.selectors import department_paths
from groeipad.skills import rules, selectors, services
from groeipad.skills.access import get_competency_for, get_department_for, get_target_for
from groeipad.skills.forms import TargetDeleteForm, TargetForm
from groeipad.skills.views.common import require_workforce_figures


def _target_form(data=None) -> TargetForm:
    paths = department_paths()
    departments = sorted(paths.items(), key=lambda item: item[1].casefold())
    return TargetForm(data, competencies=selectors.competency_choices(), departments=departments)


def _targets_page(request, form=None, status=200):
    viewer = require_workforce_figures(request)
    may_edit = rules.may_manage_frameworks(viewer)
    paths = department_paths()
    context = {
        "statuses": [
            (s, paths.get(s.target.department_id) if s.target.department_id else None)
            for s in selectors.strategic_target_status(viewer=viewer)
        ],
        "may_edit": may_edit,
        # A manager sees his line's part of each target beside the target's own figure.
        "line_scope": not is_hr(viewer),
        "form": (form or _target_form()) if may_edit else None,
    }
    return render(request, "skills/targets.html", context, status=status)


@login_required
def targets(request):
    return _targets_page(request)


@login_required
@require_POST
def target_create(request):
    viewer = request.viewer
    if not rules.may_manage_frameworks(viewer):
        raise PermissionDenied
    form = _target_form(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.strategic_target_create(
                actor=request.user,
                competency=get_competency_for(viewer, data["competency"]),
                level=data["level"],
                headcount=data["headcount"],
                due_date=data["due_date"],
                department=get_department_for(viewer, data["department"])
                if data["department"]
                else None,
                note=data["note"],
            )
        except ValidationError as error:
            form.add_error("level", error)
        else:
            messages.success(request, _("The target was added."))
            return redirect("skills:targets")
    messages.error(request, _form_errors(form))
    return _targets_page(request, form, status=400)


@login_required
@require_POST
def target_delete(request):
    viewer = request.viewer
    if not rules.may_manage_frameworks(viewer):
        raise PermissionDenied
    form = TargetDeleteForm(request.POST)
    if not form.is_valid():
        raise Http404(_("No such target."))
    target = get_target_for(viewer, form.cleaned_data["target"])
    services.strategic_target_delete(actor=request.user, target=target)
    messages.success(request, _("The target was deleted."))
    return redirect("skills:targets")
