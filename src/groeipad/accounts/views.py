"""HR's accounts page (``/beheer/accounts/``) and the invite button of the people list.

Thin: parse, call the selectors and services, render. Every change goes through
``accounts.services`` (audited); a refusal is shown as a message, nothing else changes.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from groeipad.accounts import rules, selectors, services
from groeipad.accounts.forms import (
    MAX_SELECTED,
    AccountActionForm,
    AccountFilterForm,
    posted_numbers,
)
from groeipad.lib.page_messages import form_errors
from groeipad.people import scope
from groeipad.people.models import Role

PAGE_SIZE = 50


def _ensure_hr(request) -> None:
    if not scope.is_hr(request.viewer):
        raise PermissionDenied


def _back(request, fallback: str):
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return redirect(target)
    return redirect(fallback)


def _invite_message(request, report: services.InviteReport) -> None:
    level = messages.success if report.invited or report.reinvited else messages.warning
    level(request, report.summary())


@login_required
def account_list(request):
    _ensure_hr(request)
    if request.method == "POST":
        return _apply(request)
    form = AccountFilterForm(request.GET)
    filters = form.filters()
    page = Paginator(selectors.account_rows(**filters), PAGE_SIZE).get_page(
        request.GET.get("pagina")
    )
    rows = selectors.attach_accounts(list(page.object_list))
    roles = [(v, label) for v, label in Role.choices if rules.may_give_role(request.viewer, v)]
    return render(
        request,
        "accounts/list.html",
        {
            "form": form,
            "page": page,
            "rows": rows,
            "roles": roles,
            "me": request.user.pk,
            "filtered": bool(filters["search"] or filters["status"]),
        },
    )


def _apply(request):
    form = AccountActionForm(request.POST)
    back = reverse("accounts:list")
    if not form.is_valid():
        messages.error(request, form_errors(form))
        return _back(request, back)
    employees = selectors.employees_by_numbers(form.numbers)
    operation = form.cleaned_data["operation"]
    try:
        if operation == services.Operation.INVITE:
            _invite_message(request, services.invite(actor=request.user, employees=employees))
        else:
            report = services.accounts_change(
                actor=request.user,
                employees=employees,
                operation=operation,
                role=form.cleaned_data.get("role") or None,
            )
            level = messages.success if report.changed and not report.refused else messages.warning
            level(request, report.summary())
    except PermissionDenied as error:
        messages.error(request, str(error) or _("You may not do that."))
    return _back(request, back)


@login_required
@require_POST
def invite_selected(request):
    """The people list's "Invite" button: the ticked employees, then back to the list."""
    _ensure_hr(request)
    numbers = posted_numbers(request.POST.getlist("nummer"))
    back = reverse("web:employee_list")
    if not numbers:
        messages.error(request, _("Tick at least one employee."))
        return _back(request, back)
    if len(numbers) > MAX_SELECTED:
        messages.error(
            request, _("Tick at most %(max)d employees at once.") % {"max": MAX_SELECTED}
        )
        return _back(request, back)
    employees = selectors.employees_by_numbers(numbers)
    _invite_message(request, services.invite(actor=request.user, employees=employees))
    return _back(request, back)
