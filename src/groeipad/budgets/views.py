"""The budget page (department and personal budgets), setting a budget, the workbook.

Thin views: parse the request, call access/selector/service, render. The URLs stay in
the learning section (``learning:budgets``, ``learning:budget_save``,
``learning:export_xlsx``), where the budgets are part of the learning pages.
"""

from __future__ import annotations

from decimal import Decimal

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from groeipad.budgets import exports, rules, selectors, services
from groeipad.budgets.access import get_budget_department_for
from groeipad.budgets.forms import BudgetForm
from groeipad.lib.actions import audit
from groeipad.lib.page_messages import form_errors as _form_errors
from groeipad.lib.page_messages import run_service as _run
from groeipad.people.scope import viewer_for
from groeipad.people.selectors import department_paths
from groeipad.privacy.models import AuditAction, ObjectType


def _department_field(form: BudgetForm) -> forms.TypedChoiceField:
    field = form.fields["department"]
    assert isinstance(field, forms.TypedChoiceField)
    return field


def _year(request: HttpRequest) -> int:
    text = request.GET.get("year", "")
    return int(text) if text.isdigit() else timezone.localdate().year


@login_required
def budgets(request: HttpRequest) -> HttpResponse:
    viewer = viewer_for(request.user)
    if not rules.may_see_budgets(viewer):
        raise PermissionDenied
    year = _year(request)
    paths = department_paths()
    rows = selectors.budgets_for_viewer(viewer, year)
    personal = selectors.personal_budgets_for_viewer(viewer, year)
    form = None
    if rules.may_set_budget(viewer):
        form = BudgetForm(initial={"year": year})
        _department_field(form).choices = sorted(
            paths.items(), key=lambda item: str(item[1]).casefold()
        )
    return render(
        request,
        "budgets/budgets.html",
        {
            "rows": [(paths.get(r.department.pk, r.department.name), r) for r in rows],
            "personal": personal,
            "personal_totals": selectors.personal_budget_totals(personal),
            "organisation_wide": viewer.is_hr,
            "year": year,
            "benchmark": selectors.setting("LEARNING_PAYROLL_BENCHMARK"),
            "form": form,
        },
    )


@require_POST
@login_required
def budget_save(request: HttpRequest) -> HttpResponse:
    viewer = viewer_for(request.user)
    form = BudgetForm(request.POST)
    _department_field(form).choices = [(pk, pk) for pk in department_paths()]
    year = request.POST.get("year", "")
    if form.is_valid():
        data = form.cleaned_data
        department = get_budget_department_for(viewer, data["department"])
        _run(
            request,
            lambda: services.budget_set(
                actor=viewer,
                department=department,
                year=data["year"],
                amount=data["amount"],
                hours=data["hours"] or Decimal("0"),
            ),
            _("Budget saved."),
        )
    else:
        messages.error(request, _form_errors(form))
    return redirect(reverse("learning:budgets") + (f"?year={year}" if year.isdigit() else ""))


@login_required
def export_xlsx(request: HttpRequest) -> HttpResponse:
    """Learning requests (learning's sheet), department and personal budgets of a year."""
    viewer = viewer_for(request.user)
    if not rules.may_see_budgets(viewer):
        raise PermissionDenied
    year = _year(request)
    audit(
        actor=viewer,
        verb=AuditAction.EXPORT,
        object_type=ObjectType.LEARNING,
        summary=f"learning requests and budgets {year} (xlsx)",
    )
    response = HttpResponse(
        exports.workbook(viewer, year),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = f'attachment; filename="groeipad-learning-{year}.xlsx"'
    return response
