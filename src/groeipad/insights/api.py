"""The KPIs in the API: ``GET /api/v1/kpis?start=&end=&department=``."""

from __future__ import annotations

from datetime import date

from django.http import HttpResponse
from django.utils.translation import gettext as _
from ninja import Router
from ninja.errors import HttpError

from groeipad.insights.access import KpiScopeDenied, kpi_department_for
from groeipad.insights.kpis import compute_kpis
from groeipad.lib import json_numbers
from groeipad.people.selectors import DepartmentNotFound, department_by_name, department_paths

router = Router(tags=["kpis"])


def _unprocessable(field: str, message: str) -> HttpResponse:
    # The same shape as django-ninja's own validation errors (a bad date, say).
    body = {"detail": [{"loc": ["query", field], "msg": message}]}
    return HttpResponse(json_numbers.dumps(body), status=422, content_type="application/json")


@router.get(
    "",
    summary="The talent KPIs of a period (specs/kpis.md)",
    description=(
        "Both dates inclusive. Money is a number with two decimals; a rate whose "
        "denominator is zero is null. A manager sees their own department and its "
        "sub-departments: without `department` they get that part (named in the "
        "X-Groeipad-Department header); a department outside it answers 403."
    ),
)
def kpis(request, start: date, end: date, department: str | None = None):
    if end < start:
        return _unprocessable("end", _("The end date is before the start date."))
    requested = None
    if department:
        try:
            requested = department_by_name(department)
        except DepartmentNotFound:
            return _unprocessable(
                "department", _("Unknown department: %(name)s") % {"name": department}
            )
    try:
        scope = kpi_department_for(request.auth, requested)
    except KpiScopeDenied as denied:
        raise HttpError(403, str(denied)) from None
    result = compute_kpis(start=start, end=end, department=scope)
    response = HttpResponse(json_numbers.dumps(result), content_type="application/json")
    if scope is not None:
        response["X-Groeipad-Department"] = department_paths()[scope.pk]
    return response
