"""Reads for the pages, each scoped through ``people.scope`` (``visible_employees``, ``line``).

The pages show summaries that combine several apps (people, the audit log); the
reads live here so views stay thin and every query count is fixed per page.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db.models import Q, QuerySet
from django.db.models.functions import Lower
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from groeipad.lib.rows import attach
from groeipad.people import scope
from groeipad.people.models import Department, Employee
from groeipad.people.scope import Viewer, visible_employees
from groeipad.people.selectors import (
    department_paths,
    employee_list_for_viewer,
    movements_for_employee,
)
from groeipad.privacy.models import AuditAction, AuditEvent

RECENT_IMPORTS = 5
TEAM_PREVIEW = 8


def _employed_on(day: date) -> Q:
    return Q(hire_date__lte=day) & (Q(leave_date__isnull=True) | Q(leave_date__gte=day))


def own_employee_for_viewer(viewer: Viewer) -> Employee | None:
    """The viewer's own employee record with what the home page shows, or None."""
    own = scope.own(viewer).select_related("department", "job_profile", "manager").first()
    if own is not None:
        attach(own, department_path=department_paths().get(own.department_id, own.department.name))
    return own


@dataclass
class TeamSummary:
    direct_count: int
    indirect_count: int
    direct_reports: list[Employee]


def team_summary_for_manager(viewer: Viewer, *, today: date | None = None) -> TeamSummary | None:
    """Counts of the viewer's current direct and indirect reports, and a short list."""
    if not viewer.employee_id:
        return None
    today = today or timezone.localdate()
    line = scope.line(viewer).filter(_employed_on(today))
    direct = line.filter(manager_id=viewer.employee_id)
    direct_count = direct.count()
    if not direct_count:
        return None
    reports = list(direct.select_related("department", "job_profile")[:TEAM_PREVIEW])
    paths = department_paths()
    for report in reports:
        attach(report, department_path=paths.get(report.department_id, report.department.name))
    return TeamSummary(
        direct_count=direct_count,
        indirect_count=line.count() - direct_count,
        direct_reports=reports,
    )


@dataclass
class OrganisationSummary:
    headcount: int
    departments: int
    recent_imports: list[AuditEvent]


def organisation_summary_for_hr(
    viewer: Viewer, *, today: date | None = None
) -> OrganisationSummary | None:
    """HR's summary of the organisation; None for anyone else."""
    if not scope.is_hr(viewer):
        return None
    today = today or timezone.localdate()
    return OrganisationSummary(
        headcount=scope.organisation().filter(_employed_on(today)).count(),
        departments=Department.objects.count(),
        recent_imports=list(
            AuditEvent.objects.filter(action=AuditAction.IMPORT).order_by("-at", "-id")[
                :RECENT_IMPORTS
            ]
        ),
    )


def department_choices() -> list[tuple[int, str]]:
    """Every department as (id, path), sorted by path, for a filter select."""
    paths = department_paths()
    return sorted(paths.items(), key=lambda item: item[1].casefold())


def employee_rows_for_viewer(
    viewer: Viewer,
    *,
    search: str = "",
    department_id: int | None = None,
    current_only: bool = False,
    today: date | None = None,
) -> QuerySet[Employee]:
    """The employee list's rows; a department includes its sub-departments."""
    today = today or timezone.localdate()
    department = Department(pk=department_id) if department_id else None
    employees = employee_list_for_viewer(viewer, search=search, department=department)
    if current_only:
        employees = employees.filter(_employed_on(today))
    # Case-insensitive, so "de Jong" and "van den Berg" do not trail after "Z".
    return employees.order_by(Lower("last_name"), Lower("first_name"), "employee_number")


@dataclass
class EmploymentStatus:
    key: str  # current, joining, leaving, left: for the page's styling
    label: str


def employment_status(employee: Employee, today: date) -> EmploymentStatus:
    if employee.hire_date > today:
        day = formats.date_format(employee.hire_date, "j F Y")
        return EmploymentStatus("joining", _("starts on %(date)s") % {"date": day})
    day = formats.date_format(employee.leave_date or today, "j F Y")
    if employee.leave_date is None:
        return EmploymentStatus("current", _("employed"))
    if employee.leave_date >= today:
        return EmploymentStatus("leaving", _("employed until %(date)s") % {"date": day})
    return EmploymentStatus("left", _("left since %(date)s") % {"date": day})


def annotate_rows(
    viewer: Viewer, employees: list[Employee], *, today: date | None = None
) -> list[Employee]:
    """Give each row its department path and whether its manager may be linked.

    Two queries whatever the number of rows: the department tree and the visible
    managers among the page's managers.
    """
    today = today or timezone.localdate()
    paths = department_paths()
    manager_ids = {e.manager_id for e in employees if e.manager_id}
    linkable = set(
        visible_employees(viewer).filter(pk__in=manager_ids).values_list("pk", flat=True)
    )
    for employee in employees:
        attach(
            employee,
            department_path=paths.get(employee.department_id, employee.department.name),
            manager_linkable=employee.manager_id in linkable,
            status=employment_status(employee, today),
        )
    return employees


@dataclass
class TimelineEntry:
    date: date
    title: str
    detail: str


def employment_timeline(employee: Employee, paths: dict[int, str]) -> list[TimelineEntry]:
    """Hire, each internal move, and leaving, oldest first."""
    entries = [TimelineEntry(employee.hire_date, _("Hired"), "")]
    for movement in movements_for_employee(employee):
        entries.append(
            TimelineEntry(
                movement.date,
                movement.get_kind_display().capitalize(),
                _join(paths, movement.department_id, movement.job_profile),
            )
        )
    if employee.leave_date:
        reason = employee.get_leave_reason_display() if employee.leave_reason else ""
        entries.append(TimelineEntry(employee.leave_date, _("Left (last working day)"), reason))
    return sorted(entries, key=lambda entry: entry.date)


def _join(paths: dict[int, str], department_id: int | None, job_profile) -> str:
    parts = []
    if department_id:
        parts.append(paths.get(department_id, ""))
    if job_profile:
        parts.append(job_profile.name)
    return " · ".join(p for p in parts if p)


@dataclass
class EmployeePage:
    employee: Employee
    department_path: str
    status: EmploymentStatus
    manager_linkable: bool
    direct_reports: list[Employee]
    timeline: list[TimelineEntry]


def employee_page_for_viewer(viewer: Viewer, employee: Employee) -> EmployeePage:
    """What the employee page shows; ``employee`` comes from ``employee_for_viewer``."""
    paths = department_paths()
    visible = visible_employees(viewer)
    reports = list(
        visible.filter(manager_id=employee.pk).select_related("department", "job_profile")
    )
    today = timezone.localdate()
    for report in reports:
        attach(
            report,
            department_path=paths.get(report.department_id, ""),
            status=employment_status(report, today),
        )
    manager_linkable = bool(employee.manager_id and visible.filter(pk=employee.manager_id).exists())
    return EmployeePage(
        employee=employee,
        department_path=paths.get(employee.department_id, employee.department.name),
        status=employment_status(employee, timezone.localdate()),
        manager_linkable=manager_linkable,
        direct_reports=reports,
        timeline=employment_timeline(employee, paths),
    )
