"""The insights page (/inzichten/), its exports and the rate settings. Thin views."""

from __future__ import annotations

from datetime import date, timedelta

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from groeipad.insights import charts, exports
from groeipad.insights.access import kpi_department_for, manager_department, may_see_kpis
from groeipad.insights.forms import KpiFilterForm, ReplacementCostForm, last_full_year
from groeipad.insights.kpis import MIX_KEYS, replacement_cost_rates
from groeipad.insights.labels import (
    CARD_LABELS,
    EXPLANATIONS,
    GROUPS,
    MISSING_HINTS,
    MIX_LABELS,
    MIX_TARGET,
    SPEND_BAND,
)
from groeipad.insights.selectors import kpi_report
from groeipad.insights.services import (
    StaleVersion,
    current_organisation,
    organisation_set_replacement_costs,
)
from groeipad.insights.templatetags.insights_format import money, percent
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


# How each card writes its figure (insights_format.kpi); money also gets its exact sum.
KINDS = {
    "average_headcount": "decimal",
    "learning_hours_per_employee": "decimal",
    "enps": "score",
    "payroll": "money",
    "development_spend": "money",
    **dict.fromkeys(
        (
            "turnover_rate",
            "voluntary_turnover_rate",
            "retention_rate",
            "internal_mobility_rate",
            "internal_fill_rate",
            "development_spend_pct_payroll",
        ),
        "percent",
    ),
}
# Cards that need more room than one column on a wide screen.
WIDE = {"development_spend_pct_payroll": 2, "learning_mix": 3}


def _card(key: str, kpis: dict) -> dict:
    value = kpis[key]
    kind = KINDS.get(key, "count")
    card = {
        "key": key,
        "label": CARD_LABELS[key],
        "value": value,
        "kind": kind,
        "explanation": EXPLANATIONS[key],
        "hint": MISSING_HINTS.get(key) if value is None else None,
        "wide": WIDE.get(key, 1),
    }
    if value is not None and kind in ("money", "percent"):
        card["exact"] = money(value) if kind == "money" else percent(value, 4)
    return card


def _replacement_card(kpis: dict) -> dict:
    low, high = replacement_cost_rates()
    return {
        "key": "replacement_cost",
        "label": CARD_LABELS["replacement_cost"],
        "kind": "range",
        "low": kpis["replacement_cost_low"],
        "high": kpis["replacement_cost_high"],
        "explanation": _(
            "What replacing this period's leavers costs, estimated at %(low)s to %(high)s "
            "of their annual salary."
        )
        % {"low": percent(low * 100, 0), "high": percent(high * 100, 0)},
        "wide": 1,
    }


def _enps_card(kpis: dict) -> dict:
    card = _card("enps", kpis)
    card["responses"] = kpis["enps_responses"]
    return card


def _spend_card(kpis: dict) -> dict:
    """The spend share with AWVN's band drawn on a 0-5% scale (wider if it is above)."""
    card = _card("development_spend_pct_payroll", kpis)
    low, high = SPEND_BAND
    value = card["value"]
    scale = max(5.0, (value or 0) * 1.1)
    card["band"] = {
        "low": low,
        "high": high,
        "scale": percent(scale, 0),
        # CSS lengths: plain dots whatever the language, hence str() and not the filter.
        "left": f"{100 * low / scale:.2f}%",
        "width": f"{100 * (high - low) / scale:.2f}%",
        "marker": None if value is None else f"{100 * value / scale:.2f}%",
        "status": _band_status(value, low, high),
    }
    return card


def _band_status(value, low, high) -> str | None:
    if value is None:
        return None
    return "below" if value < low else "above" if value > high else "within"


def _mix_card(kpis: dict) -> dict:
    card = _card("learning_mix", kpis)
    mix = kpis["learning_mix"]
    card["value"] = None if mix[MIX_KEYS[0]] is None else mix
    card["hint"] = MISSING_HINTS["learning_mix"] if card["value"] is None else None
    card["parts"] = [
        {
            "key": key,
            "label": MIX_LABELS[key],
            "value": mix[key],
            "target": MIX_TARGET[key],
            "width": f"{mix[key] or 0:.4f}%",
            "target_width": f"{MIX_TARGET[key]}%",
        }
        for key in MIX_KEYS
    ]
    return card


_SPECIAL = {
    "replacement_cost": _replacement_card,
    "enps": _enps_card,
    "development_spend_pct_payroll": _spend_card,
    "learning_mix": _mix_card,
}


def _groups(kpis: dict) -> list[dict]:
    return [
        {
            "slug": slug,
            "title": title,
            "cards": [_SPECIAL[key](kpis) if key in _SPECIAL else _card(key, kpis) for key in keys],
        }
        for slug, title, keys in GROUPS
    ]


QUICK_PERIODS = (
    ("last_year", gettext_lazy("Last year")),
    ("this_year", gettext_lazy("This year to date")),
    ("last_12_months", gettext_lazy("Last 12 months")),
)


def _quick_periods(request, form) -> list[dict]:
    """Links that fill in the period and keep the chosen department."""
    today = timezone.localdate()
    ranges = {
        "last_year": last_full_year(today),
        "this_year": (today.replace(month=1, day=1), today),
        "last_12_months": (_a_year_before(today) + timedelta(days=1), today),
    }
    chosen = (
        (form.cleaned_data.get("van"), form.cleaned_data.get("tot")) if form.is_valid() else None
    )
    links = []
    for slug, label in QUICK_PERIODS:
        start, end = ranges[slug]
        query = request.GET.copy()
        query["van"], query["tot"] = start.isoformat(), end.isoformat()
        links.append(
            {"label": label, "query": query.urlencode(), "current": chosen == (start, end)}
        )
    return links


def _a_year_before(day: date) -> date:
    # 29 February has no twin a year earlier; the 28th is the nearest day.
    try:
        return day.replace(year=day.year - 1)
    except ValueError:
        return day.replace(year=day.year - 1, day=28)


@login_required
def insights_page(request):
    form, report, scope_path = _filtered_report(request)
    context = {
        "form": form,
        "report": report,
        "scope_path": scope_path,
        "quick_periods": _quick_periods(request, form),
    }
    if report is not None:
        context.update(
            groups=_groups(report.kpis),
            mix=_mix_card(report.kpis)["parts"],
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
