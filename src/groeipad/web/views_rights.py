"""Privacy pages: "My data" for everyone, and HR's export, erasure and retention pages."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from groeipad.people.rights import employee_erase, retention_upcoming, subject_access_export
from groeipad.people.rights.access import employee_for_hr, own_employee
from groeipad.people.rights.erasure import RULES, still_employed
from groeipad.people.rights.export import export_filename, kept_for, ordered_categories
from groeipad.people.selectors import employee_list_for_viewer
from groeipad.privacy.registry import RETENTION, categories, retention_days

SEARCH_LIMIT = 20
RETENTION_PAGE = 10


def _zip(employee, content: bytes) -> HttpResponse:
    response = HttpResponse(content, content_type="application/zip")
    response["Content-Disposition"] = f'attachment; filename="{export_filename(employee)}"'
    return response


def _rows():
    return [
        {"category": c, "kept": kept_for(retention_days(c.retention))} for c in ordered_categories()
    ]


@login_required
def mine(request):
    employee = own_employee(request.viewer)
    return render(request, "web/privacy_mine.html", {"employee": employee, "rows": _rows()})


@login_required
def mine_download(request):
    employee = own_employee(request.viewer)
    return _zip(employee, subject_access_export(request.viewer, employee))


def _require_hr(request) -> None:
    if not request.viewer.is_hr:
        raise PermissionDenied


@login_required
def hr(request):
    _require_hr(request)
    query = request.GET.get("q", "").strip()
    found = []
    if query:
        found = list(employee_list_for_viewer(request.viewer, search=query)[: SEARCH_LIMIT + 1])
    return render(
        request,
        "web/privacy_hr.html",
        {
            "query": query,
            "found": found[:SEARCH_LIMIT],
            "more": len(found) > SEARCH_LIMIT,
            "rows": _rows(),
        },
    )


@login_required
def employee(request, employee_number: str):
    person = employee_for_hr(request.viewer, employee_number)
    dry_run, refusal = None, None
    try:
        dry_run = employee_erase(request.viewer, person, dry_run=True)
    except ValidationError as error:
        refusal = " ".join(error.messages)
    return render(
        request,
        "web/privacy_employee.html",
        {"person": person, "dry_run": dry_run, "refusal": refusal},
    )


@login_required
def employee_export(request, employee_number: str):
    person = employee_for_hr(request.viewer, employee_number)
    return _zip(person, subject_access_export(request.viewer, person))


@login_required
@require_POST
def employee_erase_page(request, employee_number: str):
    person = employee_for_hr(request.viewer, employee_number)
    if request.POST.get("confirm") != person.employee_number:
        # Nothing happens without typing the number: the page shows the dry run.
        if still_employed(person, request.viewer.today):
            messages.error(request, _("This person is still employed: nothing was erased."))
        else:
            messages.error(request, _("Type the employee number to confirm: nothing was erased."))
        return redirect("web:privacy_employee", employee_number=person.employee_number)
    try:
        result = employee_erase(request.viewer, person, dry_run=False)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("web:privacy_employee", employee_number=person.employee_number)
    if result.changed:
        messages.success(
            request,
            _("Erased %(n)s records; the record is now %(alias)s.")
            % {"n": result.total, "alias": person.employee_number},
        )
    else:
        messages.info(request, _("Already erased: nothing changed."))
    return redirect("web:privacy_employee", employee_number=person.employee_number)


@login_required
def retention(request):
    _require_hr(request)
    rule = request.GET.get("regel", RULES[0])
    if rule not in RULES:
        rule = RULES[0]
    try:
        page = max(1, int(request.GET.get("pagina", "1")))
    except ValueError:
        page = 1
    rows, more = retention_upcoming(rule, offset=(page - 1) * RETENTION_PAGE, limit=RETENTION_PAGE)
    labels = {c.key: c.label for c in categories()}
    return render(
        request,
        "web/privacy_retention.html",
        {
            "rule": rule,
            "rules": [(key, RETENTION[key].label, retention_days(key)) for key in RULES],
            "days": retention_days(rule),
            "rows": [
                {
                    "row": row,
                    "parts": [(labels[key], n) for key, n in row.counts.items() if n],
                }
                for row in rows
            ],
            "page": page,
            "more": more,
        },
    )
