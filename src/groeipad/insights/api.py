"""The KPIs in the API: ``GET /api/v1/kpis?start=&end=[&department=|&manager=]``."""

from __future__ import annotations

from datetime import date

from django.http import Http404, HttpResponse
from django.utils.translation import gettext as _
from ninja import Router
from ninja.errors import HttpError

from groeipad.insights.access import KpiScopeDenied, get_manager_for, kpi_target_for
from groeipad.insights.kpis import compute_kpis, spec_object
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
        "denominator is zero is null. A manager sees their line (everyone whose chain of "
        "managers leads to them, employed on at least one day of the period): without "
        "`department` they get the line (the manager's employee number in the "
        "X-Groeipad-Line header); a `department` only when it lies wholly inside the "
        "line, else 403. eNPS of a line is that of the manager's department. HR sees any "
        "department and any manager's line (`manager=EMPLOYEE_NUMBER`, 404 when unknown). "
        "eNPS follows the anonymity rule for every viewer, HR included: a cell of fewer "
        "than k answers (k of surveys, default 5), or one that would give away such a cell "
        "by difference with other departments or the organisation, has `enps` and "
        "`enps_responses` null (no answers at all: `enps` null and `enps_responses` 0), and "
        "the header X-Groeipad-eNPS-Suppressed says why. The object's keys are exactly "
        "those of specs/kpis.md."
    ),
)
def kpis(
    request,
    start: date,
    end: date,
    department: str | None = None,
    manager: str | None = None,
):
    if end < start:
        return _unprocessable("end", _("The end date is before the start date."))
    if department and manager:
        return _unprocessable("manager", _("Ask for a department or a manager's line, not both."))
    requested = None
    if department:
        try:
            requested = department_by_name(department)
        except DepartmentNotFound:
            return _unprocessable(
                "department", _("Unknown department: %(name)s") % {"name": department}
            )
    try:
        line_of = get_manager_for(request.auth, manager) if manager else None
        target = kpi_target_for(
            request.auth, start=start, end=end, department=requested, manager=line_of
        )
    except KpiScopeDenied as denied:
        raise HttpError(403, str(denied)) from None
    except Http404 as missing:
        raise HttpError(404, str(missing)) from None
    result = compute_kpis(start=start, end=end, scope=target.scope)
    response = HttpResponse(
        json_numbers.dumps(spec_object(result)), content_type="application/json"
    )
    if result["enps_suppressed"]:
        response["X-Groeipad-eNPS-Suppressed"] = result["enps_suppressed_reason"]
    if target.department is not None:
        response["X-Groeipad-Department"] = department_paths()[target.department.pk]
    if target.manager is not None:
        response["X-Groeipad-Line"] = target.manager.employee_number
    return response
