"""Pages. Thin: parse the request, call a selector or service, render."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from groeipad.accounts import oidc_config
from groeipad.people import scope
from groeipad.people.access import get_employee_for
from groeipad.web import selectors, todo
from groeipad.web.forms import EmployeeFilterForm
from groeipad.web.middleware import SessionLimitsMiddleware

PAGE_SIZE = 50


class LoginView(auth_views.LoginView):
    template_name = "web/login.html"
    redirect_authenticated_user = True

    def get(self, request, *args, **kwargs):
        expired = request.session.pop(SessionLimitsMiddleware.EXPIRED, None)
        if expired == "idle":
            minutes = settings.GROEIPAD_SESSION_IDLE_MINUTES
            messages.info(
                request,
                ngettext(
                    "Your session has expired after %(n)d minute without activity. "
                    "Please log in again.",
                    "Your session has expired after %(n)d minutes without activity. "
                    "Please log in again.",
                    minutes,
                )
                % {"n": minutes},
            )
        elif expired:
            messages.info(request, _("Your session has expired. Please log in again."))
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["sso_enabled"] = oidc_config.sso_enabled()
        context["sso_provider"] = oidc_config.button_label()
        context["password_login"] = oidc_config.password_login_enabled()
        return context

    def post(self, request, *args, **kwargs):
        # With passwords turned off (SSO only) a posted password is not even checked.
        if not oidc_config.password_login_enabled():
            context = self.get_context_data(password_refused=True)
            return self.render_to_response(context, status=403)
        return super().post(request, *args, **kwargs)


class LogoutView(auth_views.LogoutView):
    pass


@login_required
def home(request):
    viewer = request.viewer
    own = selectors.own_employee_for_viewer(viewer)
    team = selectors.team_summary_for_manager(viewer)
    return render(
        request,
        "web/home.html",
        {
            "own": own,
            "team": team,
            "todo": todo.todo_overview(request.user, own=own, has_team=team is not None),
            "organisation": selectors.organisation_summary_for_hr(viewer),
        },
    )


@login_required
def employee_list(request):
    # The list is for those who see more than themselves; an employee has their own page.
    viewer = request.viewer
    if not (scope.is_hr(viewer) or scope.is_manager(viewer)):
        raise PermissionDenied
    form = EmployeeFilterForm(request.GET, departments=selectors.department_choices())
    filters = form.filters()
    employees = selectors.employee_rows_for_viewer(viewer, **filters)
    page = Paginator(employees, PAGE_SIZE).get_page(request.GET.get("pagina"))
    rows = selectors.annotate_rows(viewer, list(page.object_list))
    return render(
        request,
        "web/employee_list.html",
        {
            "form": form,
            "page": page,
            "rows": rows,
            "filtered": bool(filters["search"] or filters["department_id"]),
        },
    )


@login_required
def employee_detail(request, employee_number: str):
    employee = get_employee_for(request.viewer, employee_number)
    return render(
        request,
        "web/employee_detail.html",
        {"page": selectors.employee_page_for_viewer(request.viewer, employee)},
    )
