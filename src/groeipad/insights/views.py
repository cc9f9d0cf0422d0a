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
from groeipad.insights.access import (
    department_choices_for,
    get_manager_for,
    kpi_target_for,
    may_open_kpis,
)
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
from groeipad.insights.selectors import KpiReport, kpi_report
from groeipad.insights.services import (
    StaleVersion,
    current_organisation,
    organisation_set_replacement_costs,
    record_kpi_export,
)
from groeipad.insights.templatetags.insights_format import money, percent
from groeipad.people.models import Department
from groeipad.people.scope import is_hr
from groeipad.people.selectors import department_paths


def _filtered_report(request) -> tuple[KpiFilterForm, KpiReport | None, str | None]:
    """(form, report or None, scope label): the period and scope from the query.

    The label is the department's path, or the line's name; None for the organisation.
    """
    viewer = request.viewer
    if not may_open_kpis(viewer):
        raise PermissionDenied(_("Only HR advisers and managers can see the KPIs."))
    hr = is_hr(viewer)
    paths = department_paths()
    form = KpiFilterForm(
        request.GET,
        departments=sorted(paths.items(), key=lambda item: item[1].casefold()),
        today=timezone.localdate(),
        everyone_label=None if hr else _("My line"),
        with_manager=hr,
    )
    if not form.is_valid():
        return form, None, None
    start, end = form.cleaned_data["van"], form.cleaned_data["tot"]
    if not hr:
        form.limit_departments(department_choices_for(viewer, start, end, paths))
        if not form.is_valid():
            return form, None, None
    requested = form.cleaned_data["afdeling"]
    number = form.cleaned_data.get("manager")
    # The choices already hold only allowed departments; the funnel decides anyway.
    target = kpi_target_for(
        viewer,
        start=start,
        end=end,
        department=Department(pk=requested, name=paths.get(requested, ""))
        if requested is not None
        else None,
        manager=get_manager_for(viewer, number) if number else None,
    )
    report = kpi_report(
        start=start,
        end=end,
        department=target.department,
        scope=target.scope,
        manager=target.manager,
    )
    if target.manager is not None:
        label = _("Line of %(name)s (%(number)s)") % {
            "name": target.manager.full_name,
            "number": target.manager.employee_number,
        }
        return form, report, label
    return form, report, paths.get(requested) if requested is not None else None


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
    card["suppressed"] = kpis["enps_suppressed"]
    if kpis["enps_suppressed"]:
        # The anonymity rule hides this cell (too few answers, or it would give away a
        # hidden one by difference): no figure, no count, and it says why.
        card["hint"] = kpis["enps_suppressed_reason"]
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


def _groups(kpis: dict, *, line: bool = False) -> list[dict]:
    groups = [
        {
            "slug": slug,
            "title": title,
            "cards": [_SPECIAL[key](kpis) if key in _SPECIAL else _card(key, kpis) for key in keys],
        }
        for slug, title, keys in GROUPS
    ]
    if line:
        for group in groups:
            for card in group["cards"]:
                if card["key"] == "enps":
                    card["department_figure"] = True
    return groups


def _enps_department_path(department_id: int) -> str:
    """The path of the department whose eNPS a line shows."""
    return department_paths().get(department_id, "")


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
    context: dict[str, object] = {
        "form": form,
        "report": report,
        "scope_path": scope_path,
        "quick_periods": _quick_periods(request, form),
    }
    if report is not None:
        context.update(
            groups=_groups(report.kpis, line=report.manager is not None),
            mix=_mix_card(report.kpis)["parts"],
            spend_band=SPEND_BAND,
            charts=charts.all_charts(report),
            query=request.GET.urlencode(),
        )
    if report is not None and report.manager is not None:
        context["line_of"] = report.manager
        context["enps_department"] = (
            _enps_department_path(report.manager.department_id)
            if report.manager.department_id
            else None
        )
    if is_hr(request.viewer):
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
            "; ".join(
                f"{field}: {' '.join(map(str, errs))}" for field, errs in form.errors.items()
            ),
            status=400,
            content_type="text/plain; charset=utf-8",
        )
    record_kpi_export(actor=request.viewer, report=report, fmt=fmt, scope_label=scope_path or "")
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
    if not is_hr(request.viewer):
        raise PermissionDenied
    form = ReplacementCostForm(request.POST)
    if not form.is_valid():
        for field, errors in form.errors.items():
            messages.error(
                request,
                f"{form.fields[field].label if field in form.fields else ''}: {' '.join(map(str, errors))}",
            )
        return redirect("insights:page")
    try:
        organisation_set_replacement_costs(
            actor=request.viewer,
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
