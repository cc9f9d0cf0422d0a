"""Pages. Thin: parse the request, call a selector or service, render."""

from __future__ import annotations

from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import render

from groeipad.people.access import employee_for_viewer
from groeipad.people.models import Department
from groeipad.people.selectors import (
    department_paths,
    employee_list_for_viewer,
    movements_for_employee,
)


class LoginView(auth_views.LoginView):
    template_name = "web/login.html"
    redirect_authenticated_user = True


class LogoutView(auth_views.LogoutView):
    pass


@login_required
def home(request):
    return render(request, "web/home.html", {})


@login_required
def employee_list(request):
    search = request.GET.get("q", "").strip()
    paths = department_paths()
    department = None
    department_id = request.GET.get("afdeling", "")
    if department_id.isdigit() and int(department_id) in paths:
        department = Department(pk=int(department_id))
    employees = employee_list_for_viewer(request.user, search=search, department=department)
    page = Paginator(employees, 50).get_page(request.GET.get("pagina"))
    return render(
        request,
        "web/employee_list.html",
        {
            "page": page,
            "search": search,
            "department_id": department.pk if department else None,
            "departments": sorted(paths.items(), key=lambda item: item[1].casefold()),
            "paths": paths,
        },
    )


@login_required
def employee_detail(request, employee_number: str):
    employee = employee_for_viewer(request.user, employee_number)
    return render(
        request,
        "web/employee_detail.html",
        {
            "employee": employee,
            "movements": movements_for_employee(employee),
            "paths": department_paths(),
        },
    )

