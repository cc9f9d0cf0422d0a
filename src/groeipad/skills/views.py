"""Competency pages: an employee's talent page, the HR overview, targets and the heat map.

Thin views: parse the request, call access/selector/service, render. Every write goes
through skills.services, which checks who may; the views only decide what to show.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Prefetch
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from groeipad.lib.page_messages import form_errors as _form_errors
from groeipad.people.access import employee_for_viewer
from groeipad.people.models import Department, JobProfile
from groeipad.people.selectors import department_paths
from groeipad.people.visibility import is_hr, is_manager
from groeipad.privacy.models import AuditAction
from groeipad.privacy.services import audit_record
from groeipad.skills import exports, rules, selectors, services
from groeipad.skills.access import competency_by_id
from groeipad.skills.forms import (
    AssessmentForm,
    ObservationForm,
    ProfileParentForm,
    RequirementForm,
    RequirementRemoveForm,
    TalentProfileForm,
    TargetDeleteForm,
    TargetForm,
)
from groeipad.skills.models import (
    AssessmentKind,
    Competency,
    Framework,
    JobProfileParent,
    StrategicTarget,
    TalentProfile,
)


def _require_hr_or_manager(user) -> None:
    if not (is_hr(user) or is_manager(user)):
        raise PermissionDenied


def _job_profile_choices() -> list[tuple[int, str]]:
    return list(JobProfile.objects.order_by("name").values_list("id", "name"))


def _competency_choices() -> list[tuple[int, str]]:
    return sorted(
        ((c.pk, c.name) for c in Competency.objects.only("id", "name_nl", "name_en")),
        key=lambda item: item[1].casefold(),
    )


# --- The talent page of one employee -------------------------------------------------


def _gap_rows(report, by_id) -> list[dict]:
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


def _talent_context(request, employee, *, forms=None, stale_profile=None) -> dict:
    """What the talent page shows to this viewer; ``forms`` carries bound forms to re-show."""
    viewer = request.user
    forms = forms or {}
    profile = (
        TalentProfile.objects.select_related("aspired_job_profile")
        .filter(employee=employee)
        .first()
    )
    history = list(
        selectors.assessments_visible(viewer, employee).select_related("assessor__employee")
    )
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
    job_profiles = _job_profile_choices()
    if "profile" in forms:
        profile_form = forms["profile"]
    else:
        profile_form = TalentProfileForm(
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
    return {
        "employee": employee,
        "department_path": department_paths().get(employee.department_id, ""),
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
        "observations": list(
            selectors.potential_observations_for(employee).select_related("observer__employee")
        ),
        "observation_form": forms.get("observation")
        or ObservationForm(initial={"observed_on": timezone.localdate()}),
        "other_competencies": _competency_choices() if (may_self or may_manage) else [],
        "extra": extra,
        "today": timezone.localdate(),
    }


def _talent_url(employee, anchor: str = "") -> str:
    url = reverse("skills:employee_talent", args=[employee.employee_number])
    return f"{url}#{anchor}" if anchor else url


@login_required
def employee_talent(request, employee_number: str):
    employee = employee_for_viewer(request.user, employee_number)
    return render(request, "skills/talent.html", _talent_context(request, employee))


@login_required
@require_POST
def talent_profile_save(request, employee_number: str):
    employee = employee_for_viewer(request.user, employee_number)
    if not rules.may_edit_talent_profile(request.user, employee):
        raise PermissionDenied
    form = TalentProfileForm(request.POST, job_profiles=_job_profile_choices())
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
            aspired_job_profile=JobProfile.objects.get(pk=aspired_id) if aspired_id else None,
        )
    except services.StaleEdit:
        # Keep what the user typed; carry the newest version so saving again is a
        # deliberate overwrite after reading what the other save changed.
        saved = TalentProfile.objects.select_related("aspired_job_profile").get(employee=employee)
        post = request.POST.copy()
        post["version"] = saved.version
        form = TalentProfileForm(post, job_profiles=_job_profile_choices())
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
    employee = employee_for_viewer(request.user, employee_number)
    if rules.may_assess_self(request.user, employee):
        kind = AssessmentKind.SELF
    elif rules.may_assess_as_manager(request.user, employee):
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
    return competency_by_id(int(raw))


@login_required
@require_POST
def assessments_share(request, employee_number: str):
    employee = employee_for_viewer(request.user, employee_number)
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
    employee = employee_for_viewer(request.user, employee_number)
    if not rules.may_observe_potential(request.user, employee):
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


# --- The competency overview: frameworks and job profiles ----------------------------


def _frameworks() -> list[dict]:
    competencies = Competency.objects.select_related("scale").prefetch_related(
        "indicators", "scale__levels"
    )
    frameworks = Framework.objects.prefetch_related(
        "clusters", Prefetch("competencies", queryset=competencies)
    )
    result = []
    for framework in frameworks:
        by_cluster: dict[int | None, list] = {}
        for competency in sorted(framework.competencies.all(), key=lambda c: c.name.casefold()):
            labels = {lvl.level: lvl.label for lvl in competency.scale.levels.all()}
            competency.level_texts = [
                (i.level, labels.get(i.level, ""), i.text) for i in competency.indicators.all()
            ]
            by_cluster.setdefault(competency.cluster_id, []).append(competency)
        clusters = [(c.name, by_cluster.get(c.pk, [])) for c in framework.clusters.all()]
        if by_cluster.get(None):
            clusters.append((_("Other competencies"), by_cluster[None]))
        result.append({"framework": framework, "clusters": clusters})
    return result


def _job_profiles(names: dict[int, str]) -> list[dict]:
    requirements = selectors.effective_requirements()
    parents = dict(JobProfileParent.objects.values_list("job_profile_id", "parent_id"))
    profiles = list(JobProfile.objects.order_by("name"))
    profile_names = {p.pk: p.name for p in profiles}
    rows = []
    for profile in profiles:
        own = sorted(
            requirements.get(profile.pk, {}).values(),
            key=lambda r: names.get(r.competency_id, "").casefold(),
        )
        rows.append(
            {
                "profile": profile,
                "parent": profile_names.get(parents.get(profile.pk)),
                "parent_id": parents.get(profile.pk),
                "requirements": [
                    {
                        "competency_id": r.competency_id,
                        "name": names.get(r.competency_id, ""),
                        "level": r.level,
                        "weight": r.weight,
                        "inherited_from": profile_names.get(r.inherited_from),
                    }
                    for r in own
                ],
            }
        )
    return rows


@login_required
def overview(request):
    _require_hr_or_manager(request.user)
    competency_choices = _competency_choices()
    return render(
        request,
        "skills/overview.html",
        {
            "frameworks": _frameworks(),
            "profiles": _job_profiles(dict(competency_choices)),
            "competency_choices": competency_choices,
            "profile_choices": _job_profile_choices(),
            "may_edit": rules.may_manage_frameworks(request.user),
        },
    )


def _overview_write(request, call) -> HttpResponse:
    """Run a service for the overview page; its refusal becomes a message, nothing changes."""
    if not rules.may_manage_frameworks(request.user):
        raise PermissionDenied
    try:
        call()
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect(reverse("skills:overview") + "#job-profiles")


@login_required
@require_POST
def install_starter(request):
    def call():
        framework = services.framework_install_starter(actor=request.user)
        messages.success(request, _("%(name)s was installed.") % {"name": framework.name})

    return _overview_write(request, call)


@login_required
@require_POST
def requirement_set(request):
    form = RequirementForm(
        request.POST, job_profiles=_job_profile_choices(), competencies=_competency_choices()
    )

    def call():
        if not form.is_valid():
            raise ValidationError(_form_errors(form))
        data = form.cleaned_data
        profile = JobProfile.objects.get(pk=data["job_profile"])
        competency = competency_by_id(data["competency"])
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
        request.POST, job_profiles=_job_profile_choices(), competencies=_competency_choices()
    )

    def call():
        if not form.is_valid():
            raise ValidationError(_form_errors(form))
        profile = JobProfile.objects.get(pk=form.cleaned_data["job_profile"])
        competency = competency_by_id(form.cleaned_data["competency"])
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
    form = ProfileParentForm(request.POST, job_profiles=_job_profile_choices())

    def call():
        if not form.is_valid():
            raise ValidationError(_form_errors(form))
        profile = JobProfile.objects.get(pk=form.cleaned_data["job_profile"])
        parent_id = form.cleaned_data["parent"]
        parent = JobProfile.objects.get(pk=parent_id) if parent_id else None
        services.job_profile_set_parent(actor=request.user, job_profile=profile, parent=parent)
        messages.success(request, _("%(profile)s was saved.") % {"profile": profile.name})

    return _overview_write(request, call)


# --- Strategic targets ---------------------------------------------------------------


def _target_form(data=None) -> TargetForm:
    paths = department_paths()
    departments = sorted(paths.items(), key=lambda item: item[1].casefold())
    return TargetForm(data, competencies=_competency_choices(), departments=departments)


def _targets_page(request, form=None, status=200):
    _require_hr_or_manager(request.user)
    may_edit = rules.may_manage_frameworks(request.user)
    paths = department_paths()
    context = {
        "statuses": [
            (status, paths.get(status.target.department_id))
            for status in selectors.strategic_target_status(viewer=request.user)
        ],
        "may_edit": may_edit,
        "line_scope": not is_hr(request.user),
        "form": (form or _target_form()) if may_edit else None,
    }
    return render(request, "skills/targets.html", context, status=status)


@login_required
def targets(request):
    return _targets_page(request)


@login_required
@require_POST
def target_create(request):
    if not rules.may_manage_frameworks(request.user):
        raise PermissionDenied
    form = _target_form(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.strategic_target_create(
                actor=request.user,
                competency=competency_by_id(data["competency"]),
                level=data["level"],
                headcount=data["headcount"],
                due_date=data["due_date"],
                department=Department.objects.get(pk=data["department"])
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
    if not rules.may_manage_frameworks(request.user):
        raise PermissionDenied
    form = TargetDeleteForm(request.POST)
    target = (
        StrategicTarget.objects.select_related("competency")
        .filter(pk=form.cleaned_data["target"])
        .first()
        if form.is_valid()
        else None
    )
    if target is None:
        raise Http404(_("No such target."))
    services.strategic_target_delete(actor=request.user, target=target)
    messages.success(request, _("The target was deleted."))
    return redirect("skills:targets")


# --- The heat map and its exports ----------------------------------------------------


@login_required
def heatmap(request):
    _require_hr_or_manager(request.user)
    heat = selectors.heat_map(viewer=request.user)
    return render(
        request,
        "skills/heatmap.html",
        {
            "heat": heat,
            "rows": exports.heat_rows(heat),
            "scoped": not is_hr(request.user),
            "legend": exports.HEAT_LEGEND,
        },
    )


def _heatmap_export(request, fmt: str) -> HttpResponse:
    _require_hr_or_manager(request.user)
    heat = selectors.heat_map(viewer=request.user)
    audit_record(
        actor=request.user,
        action=AuditAction.EXPORT,
        object_type="skills_heatmap",
        summary=f"heat map export ({fmt}): {len(heat.departments)} departments, "
        f"{len(heat.competencies)} competencies",
        changes={"format": fmt, "scope": "organisation" if is_hr(request.user) else "line"},
    )
    name = f"groeipad-heatmap-{timezone.localdate().isoformat()}.{fmt}"
    if fmt == "csv":
        body, content_type = exports.as_csv(heat), "text/csv; charset=utf-8"
    else:
        body = exports.as_xlsx(heat)
        content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    response = HttpResponse(body, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@login_required
def heatmap_csv(request):
    return _heatmap_export(request, "csv")


@login_required
def heatmap_xlsx(request):
    return _heatmap_export(request, "xlsx")
