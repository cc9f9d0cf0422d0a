"""The competency overview: frameworks and job profiles, and HR's edits of them."""

from __future__ import annotations

from collections.abc import Callable

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from groeipad.lib.page_messages import form_errors as _form_errors
from groeipad.skills import rules, selectors, services
from groeipad.skills.access import get_competency_for, get_job_profile_for
from groeipad.skills.forms import ProfileParentForm, RequirementForm, RequirementRemoveForm
from groeipad.skills.views.common import require_workforce_figures


@login_required
def overview(request):
    viewer = require_workforce_figures(request)
    competency_choices = selectors.competency_choices()
    return render(
        request,
        "skills/overview.html",
        {
            "frameworks": selectors.frameworks_overview(),
            "profiles": selectors.job_profiles_overview(dict(competency_choices)),
            "competency_choices": competency_choices,
            "profile_choices": selectors.job_profile_choices(),
            "may_edit": rules.may_manage_frameworks(viewer),
        },
    )


def _overview_write(request, call: Callable[[], None]) -> HttpResponse:
    """Run a service for the overview page; its refusal becomes a message, nothing changes."""
    if not rules.may_manage_frameworks(request.viewer):
        raise PermissionDenied
    try:
        call()
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect(reverse("skills:overview") + "#job-profiles")


@login_required
@require_POST
def install_starter(request):
    def call() -> None:
        framework = services.framework_install_starter(actor=request.user)
        messages.success(request, _("%(name)s was installed.") % {"name": framework.name})

    return _overview_write(request, call)


@login_required
@require_POST
def requirement_set(request):
    form = RequirementForm(
        request.POST,
        job_profiles=selectors.job_profile_choices(),
        competencies=selectors.competency_choices(),
    )

    def call() -> None:
        if not form.is_valid():
            raise ValidationError(_form_errors(form))
        data = form.cleaned_data
        profile = get_job_profile_for(request.viewer, data["job_profile"])
        competency = get_competency_for(request.viewer, data["competency"])
        services.requirement_set(
            actor=request.user,
            job_profile=profile,
            competency=competency,
            level=data["level"],
            weight=data["weight"],
        )
        messages.success(
            request,
            _("%(profile)s now requires %(competency)s at level %(level)s.")
            % {"profile": profile.name, "competency": competency.name, "level": data["level"]},
        )

    return _overview_write(request, call)


@login_required
@require_POST
def requirement_remove(request):
    form = RequirementRemoveForm(
        request.POST,
        job_profiles=selectors.job_profile_choices(),
        competencies=selectors.competency_choices(),
    )

    def call() -> None:
        if not form.is_valid():
            raise ValidationError(_form_errors(form))
        profile = get_job_profile_for(request.viewer, form.cleaned_data["job_profile"])
        competency = get_competency_for(request.viewer, form.cleaned_data["competency"])
        services.requirement_remove(actor=request.user, job_profile=profile, competency=competency)
        messages.success(
            request,
            _("%(competency)s was removed from %(profile)s.")
            % {"profile": profile.name, "competency": competency.name},
        )

    return _overview_write(request, call)


@login_required
@require_POST
def profile_parent_set(request):
    form = ProfileParentForm(request.POST, job_profiles=selectors.job_profile_choices())

    def call() -> None:
        if not form.is_valid():
            raise ValidationError(_form_errors(form))
        profile = get_job_profile_for(request.viewer, form.cleaned_data["job_profile"])
        parent_id = form.cleaned_data["parent"]
        parent = get_job_profile_for(request.viewer, parent_id) if parent_id else None
        services.job_profile_set_parent(actor=request.user, job_profile=profile, parent=parent)
        messages.success(request, _("%(profile)s was saved.") % {"profile": profile.name})

    return _overview_write(request, call)
