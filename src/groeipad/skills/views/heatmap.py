"""The heat map of departments by competencies, and its CSV and XLSX exports."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone

from groeipad.people.scope import is_hr
from groeipad.skills import exports, selectors, services
from groeipad.skills.views.common import require_workforce_figures


@login_required
def heatmap(request):
    viewer = require_workforce_figures(request)
    heat = selectors.heat_map(viewer=viewer)
    return render(
        request,
        "skills/heatmap.html",
        {
            "heat": heat,
            "rows": exports.heat_rows(heat),
            "scoped": not is_hr(viewer),
            "legend": exports.HEAT_LEGEND,
        },
    )


def _heatmap_export(request, fmt: str) -> HttpResponse:
    viewer = require_workforce_figures(request)
    heat = selectors.heat_map(viewer=viewer)
    services.heatmap_export_record(actor=request.user, heat=heat, fmt=fmt)
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
