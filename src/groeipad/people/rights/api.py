"""The AVG rights in the API: access export, erasure, retention (``/api/v1/privacy``)."""

from __future__ import annotations

from django.http import HttpResponse
from django.utils.translation import gettext as _
from ninja import Router, Schema
from ninja.errors import HttpError

from groeipad.api.errors import service_call
from groeipad.lib.api_types import Key
from groeipad.people.rights import employee_erase, retention_upcoming, subject_access_export
from groeipad.people.rights.access import employee_for_hr, own_employee
from groeipad.people.rights.erasure import RULES
from groeipad.people.rights.export import export_filename

router = Router(tags=["privacy"])


def _zip(employee, content: bytes) -> HttpResponse:
    response = HttpResponse(content, content_type="application/zip")
    response["Content-Disposition"] = f'attachment; filename="{export_filename(employee)}"'
    return response


@router.get(
    "/export",
    summary="Everything Groeipad holds about me (article 15): a ZIP with HTML and JSON",
    response={200: bytes},
    openapi_extra={"responses": {200: {"content": {"application/zip": {}}}}},
)
def privacy_export_own(request):
    employee = own_employee(request.viewer)
    return _zip(employee, service_call(lambda: subject_access_export(request.viewer, employee)))


@router.get(
    "/export/{employee_number}",
    summary="HR: everything Groeipad holds about an employee (article 15), audited",
    response={200: bytes},
    openapi_extra={"responses": {200: {"content": {"application/zip": {}}}}},
)
def privacy_export_employee(request, employee_number: Key):
    employee = employee_for_hr(request.viewer, employee_number)
    return _zip(employee, service_call(lambda: subject_access_export(request.viewer, employee)))


class EraseIn(Schema):
    # Safe by default: without ``"dry_run": false`` nothing is erased.
    dry_run: bool = True


class CategoryCount(Schema):
    key: str
    label: str
    records: int


class ErasureOut(Schema):
    dry_run: bool
    total: int
    changed: bool
    message: str
    categories: list[CategoryCount]


@router.post(
    "/erase/{employee_number}",
    response=ErasureOut,
    summary="HR: erase a leaver's personal data and pseudonymise the record (article 17)",
)
def privacy_erase(request, employee_number: Key, payload: EraseIn | None = None):
    employee = employee_for_hr(request.viewer, employee_number)
    dry_run = True if payload is None else payload.dry_run
    result = service_call(lambda: employee_erase(request.viewer, employee, dry_run=dry_run))
    if dry_run:
        message = _("Dry run: %(n)s records would go; nothing changed.") % {"n": result.total}
    elif result.changed:
        message = _("Erased: %(n)s records.") % {"n": result.total}
    else:
        message = _("Already erased: nothing changed.")
    return {**result.as_dict(), "changed": result.changed, "message": message}


class UpcomingOut(Schema):
    employee_number: str
    name: str
    leave_date: str
    due_on: str
    records: int
    categories: dict[str, int]


class RetentionOut(Schema):
    rule: str
    days_after_leaving: int
    offset: int
    limit: int
    more: bool
    items: list[UpcomingOut]


@router.get(
    "/retention",
    response=RetentionOut,
    summary="HR: the leavers a retention rule erases next, soonest first",
)
def privacy_retention(request, rule: str = "development", offset: int = 0, limit: int = 20):
    from groeipad.privacy.registry import retention_days

    if not request.viewer.is_hr:
        raise HttpError(403, _("Only HR may do this."))
    if rule not in RULES:
        raise HttpError(
            400,
            _("Unknown rule %(rule)s: use one of %(rules)s.")
            % {"rule": rule, "rules": ", ".join(RULES)},
        )
    if not 0 <= offset <= 1_000_000_000 or not 1 <= limit <= 100:
        raise HttpError(400, _("offset must be 0 or more and limit between 1 and 100."))
    rows, more = retention_upcoming(rule, offset=offset, limit=limit)
    return {
        "rule": rule,
        "days_after_leaving": retention_days(rule),
        "offset": offset,
        "limit": limit,
        "more": more,
        "items": [
            {
                "employee_number": row.employee.employee_number,
                "name": row.employee.full_name,
                "leave_date": str(row.employee.leave_date),
                "due_on": row.due_on.isoformat(),
                "records": row.total,
                "categories": row.counts,
            }
            for row in rows
        ],
    }
