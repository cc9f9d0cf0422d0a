"""The talent page of one employee: gaps, ratings, talent profile and potential."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from groeipad.lib.page_messages import form_errors as _form_errors
from groeipad.people.models import Employee
from groeipad.people.selectors import department_paths
from groeipad.skills import rules, selectors, services
from groeipad.skills.access import (
    get_competency_for,
    get_employee_for,
    get_job_profile_for,
    read_talent_for,
)
from groeipad.skills.forms import AssessmentForm, ObservationForm, TalentProfileForm
from groeipad.skills.models import AssessmentKind, Competency, TalentProfile
from groeipad.skills.selectors import GapReport


def _gap_rows(report: GapReport, by_id: dict[int, Competency]) -> list[dict]:
    rows = []
    for row in report.rows:
        top = by_id[row.competency.pk].scale.max_level if row.competency.pk in by_id else 5
        rows.append(
            {
                "competency": row.competency,
                "required": row.required,
                "current": row.current,
                "source": row.source,
                "gap": row.gap,
                "inherited": row.inherited_from is not None,
                "current_pct": round(100 * (row.current or 0) / top),
                "required_pct": round(100 * row.required / top),
            }
        )
    return rows


def _profile_form(profile: TalentProfile | None, job_profiles) -> TalentProfileForm:
    return TalentProfileForm(
        initial={
            "strengths": profile.strengths if profile else "",
            "ambitions": profile.ambitions if profile else "",
            "energy_sources": profile.energy_sources if profile else "",
            "unused_talent": profile.unused_talent if profile else "",
            "aspired_job_profile": profile.aspired_job_profile_id if profile else None,
            "version": profile.version if profile else None,
        },
        job_profiles=job_profiles,
    )


def _talent_context(request, employee: Employee, *, forms=None, stale_profile=None) -> dict:
    """What the talent page shows to this viewer; ``forms`` carries bound forms to re-show."""
    viewer = request.viewer
    forms = forms or {}
    profile = selectors.talent_profile_of(employee)
    history = list(selectors.assessments_visible(viewer, employee))
    gaps = selectors.employee_gaps_as_seen(viewer, employee, history)
    aspired = profile.aspired_job_profile if profile else None
    aspired_gaps = (
        selectors.employee_gaps_as_seen(viewer, employee, history, profile=aspired)
        if aspired
        else None
    )
    may_self = rules.may_assess_self(viewer, employee)
    may_manage = not may_self and rules.may_assess_as_manager(viewer, employee)
    extra = request.GET.get("competentie", "")
    # After a save the page opens the competency just rated, so the new rating shows.
    opened = request.GET.get("open", "")
    ids = {row.competency.pk for row in gaps.rows} | {a.competency_id for a in history}
    if aspired_gaps:
        ids |= {row.competency.pk for row in aspired_gaps.rows}
    if extra.isdigit() and (may_self or may_manage):
        ids.add(int(extra))
    competencies = selectors.competencies_with_levels(ids)
    by_id = {c.pk: c for c in competencies}
    required = {row.competency.pk: row for row in gaps.rows}
    bound = forms.get("assessment")
    blocks = []
    for competency in competencies:
        indicators = {i.level: i.text for i in competency.indicators.all()}
        levels = [
            (lvl.level, lvl.label, indicators.get(lvl.level, ""))
            for lvl in competency.scale.levels.all()
        ]
        own_bound = (
            bound
            if bound is not None and bound.data.get("competency") == str(competency.pk)
            else None
        )
        gap_row = required.get(competency.pk)
        own_history = [a for a in history if a.competency_id == competency.pk]
        blocks.append(
            {
                "competency": competency,
                "levels": levels,
                "required": gap_row.required if gap_row else None,
                "history": own_history,
                "current": gap_row.current
                if gap_row
                else (own_history[0].level if own_history else None),
                "form": own_bound,
                "open": own_bound is not None or str(competency.pk) in (extra, opened),
            }
        )
    # Competencies with a requirement first, so the job's own come on top.
    blocks.sort(key=lambda b: b["required"] is None)
    job_profiles = selectors.job_profile_choices()
    profile_form = forms["profile"] if "profile" in forms else _profile_form(profile, job_profiles)
    return {
        "employee": employee,
        "department_path": department_paths().get(employee.department_id, "")
        if employee.department_id
        else "",
        "profile": profile,
        "stale_profile": stale_profile,
        "profile_form": profile_form,
        "may_edit_profile": rules.may_edit_talent_profile(viewer, employee),
        "may_self": may_self,
        "may_manage": may_manage,
        "may_observe": rules.may_observe_potential(viewer, employee),
        "is_self": may_self,
        "blocks": blocks,
        "unshared": sum(
            1 for a in history if a.kind == AssessmentKind.MANAGER and a.shared_at is None
        ),
        "gap_rows": _gap_rows(gaps, by_id),
        "gaps": gaps,
        "aspired": aspired,
        "aspired_rows": _gap_rows(aspired_gaps, by_id) if aspired_gaps else None,
        "aspired_gaps": aspired_gaps,
        "observations": list(selectors.potential_observations_for(employee)),
        "observation_form": forms.get("observation")
        or ObservationForm(initial={"observed_on": timezone.localdate()}),
        "other_competencies": selectors.competency_choices() if (may_self or may_manage) else [],
        "extra": extra,
        "today": timezone.localdate(),
    }


def _talent_url(employee: Employee, anchor: str = "") -> str:
    url = reverse("skills:employee_talent", args=[employee.employee_number])
    return f"{url}#{anchor}" if anchor else url


@login_required
def employee_talent(request, employee_number: str):
    employee = read_talent_for(request.viewer, employee_number)
    return render(request, "skills/talent.html", _talent_context(request, employee))


@login_required
@require_POST
def talent_profile_save(request, employee_number: str):
    viewer = request.viewer
    employee = get_employee_for(viewer, employee_number)
    if not rules.may_edit_talent_profile(viewer, employee):
        raise PermissionDenied
    form = TalentProfileForm(request.POST, job_profiles=selectors.job_profile_choices())
    if not form.is_valid():
        messages.error(request, _form_errors(form))
        context = _talent_context(request, employee, forms={"profile": form})
        return render(request, "skills/talent.html", context, status=400)
    data = form.cleaned_data
    aspired_id = data["aspired_job_profile"]
    try:
        services.talent_profile_update(
            actor=request.user,
            employee=employee,
            version=data["version"],
            strengths=data["strengths"],
            ambitions=data["ambitions"],
            energy_sources=data["energy_sources"],
            unused_talent=data["unused_talent"],
            aspired_job_profile=get_job_profile_for(viewer, aspired_id) if aspired_id else None,
        )
    except services.StaleEdit:
        # Keep what the user typed; carry the newest version so saving again is a
        # deliberate overwrite after reading what the other save changed.
        saved = selectors.talent_profile_of(employee)
        post = request.POST.copy()
        post["version"] = saved.version if saved else ""
        form = TalentProfileForm(post, job_profiles=selectors.job_profile_choices())
        messages.error(
            request,
            _(
                "Your talent profile was changed elsewhere after you opened this page, so "
                "your text was not saved. Your text is still in the form; the saved version "
                "is shown beside it. Save again to replace it."
            ),
        )
        context = _talent_context(request, employee, forms={"profile": form}, stale_profile=saved)
        return render(request, "skills/talent.html", context, status=409)
    messages.success(request, _("Your talent profile was saved."))
    return redirect(_talent_url(employee, "talent-profile"))


@login_required
@require_POST
def assessment_add(request, employee_number: str):
    viewer = request.viewer
    employee = get_employee_for(viewer, employee_number)
    if rules.may_assess_self(viewer, employee):
        kind = AssessmentKind.SELF
    elif rules.may_assess_as_manager(viewer, employee):
        kind = AssessmentKind.MANAGER
    else:
        raise PermissionDenied
    competency = _posted_competency(request)
    form = AssessmentForm(
        request.POST,
        competencies=[competency.pk],
        levels=list(range(competency.scale.min_level, competency.scale.max_level + 1)),
    )
    if form.is_valid():
        try:
            services.assessment_record(
                actor=request.user,
                employee=employee,
                competency=competency,
                kind=kind,
                level=form.cleaned_data["level"],
                note=form.cleaned_data["note"],
                evidence=form.cleaned_data["evidence"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                _("Your rating of %(competency)s was saved.") % {"competency": competency.name},
            )
            url = reverse("skills:employee_talent", args=[employee.employee_number])
            return redirect(f"{url}?open={competency.pk}#c{competency.pk}")
    messages.error(request, f"{competency.name}: {_form_errors(form)}")
    context = _talent_context(request, employee, forms={"assessment": form})
    return render(request, "skills/talent.html", context, status=400)


def _posted_competency(request) -> Competency:
    raw = request.POST.get("competency", "")
    if not raw.isdigit():
        raise Http404(_("No such competency."))
    return get_competency_for(request.viewer, int(raw))


@login_required
@require_POST
def assessments_share(request, employee_number: str):
    employee = get_employee_for(request.viewer, employee_number)
    count = services.assessments_share(actor=request.user, employee=employee)
    messages.success(
        request,
        ngettext(
            "%(count)s rating shared with %(name)s.",
            "%(count)s ratings shared with %(name)s.",
            count,
        )
        % {"count": count, "name": employee.first_name},
    )
    return redirect(_talent_url(employee, "competencies"))


@login_required
@require_POST
def observation_add(request, employee_number: str):
    viewer = request.viewer
    employee = get_employee_for(viewer, employee_number)
    if not rules.may_observe_potential(viewer, employee):
        raise PermissionDenied
    form = ObservationForm(request.POST)
    if form.is_valid():
        try:
            services.potential_observation_add(
                actor=request.user, employee=employee, **form.cleaned_data
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The observation was added."))
            return redirect(_talent_url(employee, "potential"))
    messages.error(request, _form_errors(form))
    context = _talent_context(request, employee, forms={"observation": form})
    return render(request, "skills/talent.html", context, status=400)
