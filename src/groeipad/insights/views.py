"""The insights page (/inzichten/), its exports and the rate settings. Thin views."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from groeipad.insights import charts, exports
from groeipad.insights.access import kpi_department_for, manager_department, may_see_kpis
from groeipad.insights.forms import KpiFilterForm, ReplacementCostForm
from groeipad.insights.kpis import KPI_KEYS, MIX_KEYS
from groeipad.insights.labels import EXPLANATIONS, LABELS, MIX_LABELS, MIX_TARGET, SPEND_BAND
from groeipad.insights.selectors import kpi_report
from groeipad.insights.services import (
    StaleVersion,
    current_organisation,
    organisation_set_replacement_costs,
)
from groeipad.people.models import Department
from groeipad.people.selectors import department_paths, department_subtree_ids
from groeipad.people.visibility import is_hr
from groeipad.privacy.models import AuditAction
from groeipad.privacy.services import audit_record


def _department_choices(user, paths: dict[int, str]) -> list[tuple[int, str]]:
    """HR picks any department; a manager only those in their own subtree."""
    ids = set(paths)
    if not is_hr(user):
        own = manager_department(user)
        ids = set(
            Department.objects.filter(id__in=department_subtree_ids(own.pk)).values_list(
                "id", flat=True
            )
        )
    return sorted(((pk, paths[pk]) for pk in ids), key=lambda item: item[1].casefold())


def _filtered_report(request):
    """(form, report or None, scope path): the period and department from the query."""
    if not may_see_kpis(request.user):
        raise PermissionDenied
    paths = department_paths()
    form = KpiFilterForm(
        request.GET,
        departments=_department_choices(request.user, paths),
        today=timezone.localdate(),
    )
    if not form.is_valid():
        return form, None, None
    requested = form.cleaned_data["afdeling"]
    # The choices already hold only allowed departments; the funnel decides anyway.
    scope = kpi_department_for(
        request.user, Department(pk=requested) if requested is not None else None
    )
    report = kpi_report(
        start=form.cleaned_data["van"], end=form.cleaned_data["tot"], department=scope
    )
    return form, report, paths.get(scope.pk) if scope is not None else None


@login_required
def insights_page(request):
    form, report, scope_path = _filtered_report(request)
    context = {"form": form, "report": report, "scope_path": scope_path}
    if report is not None:
        kpis = report.kpis
        context.update(
            cards=[
                {
                    "key": key,
                    "label": LABELS[key],
                    "value": kpis[key],
                    "explanation": EXPLANATIONS[key],
                }
                for key in KPI_KEYS
                if key != "learning_mix"
            ],
            mix=[
                {
                    "key": key,
                    "label": MIX_LABELS[key],
                    "value": kpis["learning_mix"][key],
                    "target": MIX_TARGET[key],
                }
                for key in MIX_KEYS
            ],
            mix_label=LABELS["learning_mix"],
            mix_explanation=EXPLANATIONS["learning_mix"],
            spend_band=SPEND_BAND,
            charts=charts.all_charts(report),
            query=request.GET.urlencode(),
        )
    if is_hr(request.user):
        organisation = current_organisation()
        context["settings_form"] = ReplacementCostForm(
            initial={
                "replacement_cost_low": organisation.replacement_cost_low,
                "replacement_cost_high": organisation.replacement_cost_high,
                "version": organisation.version,
            }
        )
    return render(request, "insights/page.html", context)


def _export(request, fmt: str):
    form, report, scope_path = _filtered_report(request)
    if report is None:
        return HttpResponse(
            "; ".join(f"{field}: {' '.join(errs)}" for field, errs in form.errors.items()),
            status=400,
            content_type="text/plain; charset=utf-8",
        )
    audit_record(
        actor=request.user,
        action=AuditAction.EXPORT,
        object_type="kpis",
        object_id=report.department.pk if report.department else "",
        summary=f"KPI export ({fmt}) {report.start} - {report.end}",
        changes={
            "format": fmt,
            "start": report.start.isoformat(),
            "end": report.end.isoformat(),
            "department": scope_path or "",
        },
    )
    name = f"groeipad-kpis-{report.start}-{report.end}.{fmt}"
    if fmt == "csv":
        body, content_type = exports.as_csv(report, scope_path), "text/csv; charset=utf-8"
    else:
        body = exports.as_xlsx(report, scope_path)
        content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    response = HttpResponse(body, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@login_required
def export_csv(request):
    return _export(request, "csv")


@login_required
def export_xlsx(request):
    return _export(request, "xlsx")


@login_required
@require_POST
def settings_update(request):
    if not is_hr(request.user):
        raise PermissionDenied
    form = ReplacementCostForm(request.POST)
    if not form.is_valid():
        for field, errors in form.errors.items():
            messages.error(
                request,
                f"{form.fields[field].label if field in form.fields else ''}: {' '.join(errors)}",
            )
        return redirect("insights:page")
    try:
        organisation_set_replacement_costs(
            actor=request.user,
            low=form.cleaned_data["replacement_cost_low"],
            high=form.cleaned_data["replacement_cost_high"],
            version=form.cleaned_data["version"],
        )
    except StaleVersion:
        messages.error(
            request,
            _(
                "Someone else changed the rates in the meantime; "
                "your change was not saved. Please check and try again."
            ),
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The replacement-cost rates were saved."))
    return redirect("insights:page")
