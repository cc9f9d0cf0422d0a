"""Employees in the API: the same visibility as the pages."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema
from ninja.errors import HttpError
from ninja.pagination import LimitOffsetPagination, paginate

from groeipad.lib.api_types import Key
from groeipad.people.access import get_employee_for
from groeipad.people.models import Employee
from groeipad.people.selectors import (
    DepartmentNotFound,
    department_by_name,
    department_paths,
    employee_list_for_viewer,
)

router = Router(tags=["employees"])


class EmployeeOut(Schema):
    employee_number: str
    first_name: str
    last_name: str
    email: str
    department: str
    job_title: str | None
    manager_number: str | None
    hire_date: date
    leave_date: date | None
    leave_reason: str | None
    annual_salary: Decimal | None
    fte: Decimal

    @staticmethod
    def from_employee(employee: Employee, paths: dict[int, str]) -> EmployeeOut:
        return EmployeeOut(
            employee_number=employee.employee_number,
            first_name=employee.first_name,
            last_name=employee.last_name,
            email=employee.email,
            department=paths.get(employee.department_id, employee.department.name),
            job_title=employee.job_profile.name if employee.job_profile else None,
            manager_number=employee.manager.employee_number if employee.manager else None,
            hire_date=employee.hire_date,
            leave_date=employee.leave_date,
            leave_reason=employee.leave_reason or None,
            annual_salary=employee.annual_salary,
            fte=employee.fte,
        )


class _PathsPagination(LimitOffsetPagination):
    """Limit/offset, then one query for department paths for the whole page."""

    class Input(Schema):
        # Bounded, so a huge number is a 422, not an overflow in the database driver.
        limit: int = Field(100, ge=1, le=1000)
        offset: int = Field(0, ge=0, le=1_000_000_000)

    def paginate_queryset(
        self,
        queryset: QuerySet,
        pagination: LimitOffsetPagination.Input,
        request: HttpRequest,
        **params: Any,
    ) -> Any:
        page = super().paginate_queryset(queryset, pagination, request, **params)
        paths = department_paths()
        page["items"] = [EmployeeOut.from_employee(e, paths) for e in page["items"]]
        return page


@router.get("", response=list[EmployeeOut], summary="Employees the caller may see")
@paginate(_PathsPagination)
def employee_list(request, search: str = "", department: str | None = None):
    """``people.scope.visible_employees``: HR everyone, a manager their own line."""
    within = None
    if department:
        try:
            within = department_by_name(department)
        except DepartmentNotFound:
            raise HttpError(400, _("Unknown department: %(name)s") % {"name": department}) from None
    return employee_list_for_viewer(request.viewer, search=search, department=within)


@router.get("/{employee_number}", response=EmployeeOut, summary="One employee")
def employee_detail(request, employee_number: Key):
    employee = get_employee_for(request.viewer, employee_number)
    return EmployeeOut.from_employee(employee, department_paths())
