"""The transparency page and the audit log, for the works council and the privacy officer.

What Groeipad processes, why, who sees it (from the scopes), the anonymity thresholds,
the retention periods, and the audit log with filters, one page at a time.
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import render

from groeipad.people.transparency import AUDIENCES, category_rows, may_see_transparency
from groeipad.privacy import selectors
from groeipad.privacy.forms import AuditFilterForm


def _require(request) -> None:
    if not may_see_transparency(request.viewer):
        raise PermissionDenied


@login_required
def transparency(request):
    _require(request)
    return render(
        request,
        "transparency/page.html",
        {
            "categories": category_rows(),
            "audiences": list(AUDIENCES.values()),
            "thresholds": selectors.anonymity_thresholds(),
            "retention": selectors.retention_periods(),
        },
    )


@login_required
def audit_log(request):
    _require(request)
    form = AuditFilterForm(request.GET)
    if form.is_valid():
        data = form.cleaned_data
        filters = {k: v for k, v in data.items() if k != "page" and v}
        page = selectors.audit_page(page=data["page"] or 1, **filters)
        status = 200
    else:
        page, status = None, 400
    rows = [
        {
            "event": event,
            "action": selectors.action_label(event.action),
            "object_type": selectors.object_type_label(event.object_type),
        }
        for event in (page.entries if page else [])
    ]
    return render(
        request,
        "transparency/audit_log.html",
        {"form": form, "page": page, "rows": rows},
        status=status,
    )
