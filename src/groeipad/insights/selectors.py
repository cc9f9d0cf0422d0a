"""Reads of the insights app: the KPI report with its series, and the lookups the
access rules need (who has a line, which departments lie inside it). Views, API,
exports and the command read through here, never through the ORM."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from django.db.models import Count, Q

from groeipad.insights.kpis import (
    Scope,
    compute_kpis,
    enps_by_survey,
    monthly_series,
    quarterly_series,
)
from groeipad.people import scope as people_scope
from groeipad.people.models import Department, Employee, ReportingLine
from groeipad.people.selectors import employee_by_number


@dataclass(frozen=True)
class KpiReport:
    start: date
    end: date
    department: Department | None
    kpis: dict
    months: list[dict]
    quarters: list[dict]
    surveys: list[dict]
    manager: Employee | None = None


def kpi_report(
    *,
    start: date,
    end: date,
    department: Department | None,
    scope: Scope | None = None,
    manager: Employee | None = None,
) -> KpiReport:
    """Everything the page shows; ``department``/``scope`` must already be the viewer's
    (insights.access.kpi_target_for)."""
    return KpiReport(
        start=start,
        end=end,
        department=department,
        kpis=compute_kpis(start=start, end=end, department=department, scope=scope),
        months=monthly_series(start, end, department, scope),
        quarters=quarterly_series(start, end, department, scope),
        surveys=enps_by_survey(start, end, department, scope),
        manager=manager,
    )


def employee_for_number(number: str) -> Employee | None:
    return employee_by_number(number)


def employee_with_department(employee_id: int) -> Employee | None:
    return Employee.objects.select_related("department").filter(pk=employee_id).first()


def has_ever_had_reports(employee_id: int) -> bool:
    """Anyone below this employee in the closure, leavers included: may open the page."""
    return ReportingLine.objects.filter(manager_id=employee_id).exists()


def line_is_empty(manager_id: int, start: date, end: date) -> bool:
    return not people_scope.kpi_line(manager_id, start, end).exists()


def line_scope(manager: Employee, start: date, end: date) -> Scope:
    """The manager's line for the period (people.scope.kpi_line), eNPS of their department."""
    return Scope(
        employee_ids=people_scope.kpi_line(manager.pk, start, end).values_list("pk", flat=True),
        enps_department_id=manager.department_id,
    )


def departments_inside_line(manager_id: int, start: date, end: date) -> set[int]:
    """The departments that lie wholly inside the manager's line for the period.

    A department lies inside when the employees its figures count for the period (those
    of the department or a sub-department, employed on at least one day of it) are at
    least one and all in the manager's line. Two queries, whatever the size.
    """
    line = people_scope.kpi_line(manager_id, start, end).values("pk")
    rows = (
        Employee.objects.filter(hire_date__lte=end, department__isnull=False)
        .filter(Q(leave_date__isnull=True) | Q(leave_date__gte=start))
        .order_by()
        .values("department_id")
        .annotate(total=Count("id"), inside=Count("id", filter=Q(pk__in=line)))
    )
    parent = dict(Department.objects.values_list("id", "parent_id"))
    total: dict[int, int] = defaultdict(int)
    inside: dict[int, int] = defaultdict(int)
    for row in rows:
        step, seen = row["department_id"], set()
        while step is not None and step not in seen:
            seen.add(step)
            total[step] += row["total"]
            inside[step] += row["inside"]
            step = parent.get(step)
    return {pk for pk, count in total.items() if count and inside[pk] == count}
