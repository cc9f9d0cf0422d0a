"""Who may see whom: one typed viewer and the named scopes, decided here and only here.

Every request, task and command turns its user into a ``Viewer`` once
(``viewer_for``; web requests carry it as ``request.viewer``). Every "who" question is one
of these scopes, each a single indexed query:

- ``own(viewer)``: the viewer's own employee record.
- ``line(viewer)``: the viewer's current direct and indirect reports, from the
  reporting-line closure. What a manager sees of people, plans, feedback, learning and
  KPIs. A leaver drops out of every manager's line the day after their leave date.
- ``organisation()``: everyone, leavers included until retention removes them (HR).
- ``visible_employees(viewer)``: the union that a person list starts from: HR the
  organisation, everyone else their own record and their line.
- ``budget_departments(viewer)``: the departments whose budget the viewer holds.
- ``kpi_line(manager_id, start, end)``: the line for a KPI period, as
  ``specs/kpis.md`` defines it (leavers included as their line stood when they left).

Functions here accept a ``Viewer`` or a user (``as_viewer`` turns one into the other), so
a caller never has to know which it holds.
"""

from __future__ import annotations

from datetime import date
from functools import cached_property
from typing import TYPE_CHECKING

from django.db.models import Q, QuerySet
from django.utils import timezone

from groeipad.people.models import Department, Employee, ReportingLine, Role, User

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    UserLike = User | AnonymousUser | None


class Viewer:
    """Who is asking, and on which day. Built once; cheap to pass everywhere.

    Nothing here queries the database until asked: ``is_manager`` and ``department_id``
    are read on first use and kept, so checks on a page cost one query at most.
    """

    def __init__(
        self,
        *,
        user: User | None,
        employee_id: int | None,
        is_hr: bool,
        is_admin: bool,
        today: date,
    ) -> None:
        self.user = user
        self.employee_id = employee_id
        self.is_hr = is_hr
        self.is_admin = is_admin
        self.today = today

    def __repr__(self) -> str:
        return f"Viewer(user={self.pk}, employee={self.employee_id}, hr={self.is_hr})"

    @property
    def is_authenticated(self) -> bool:
        return self.user is not None

    @property
    def pk(self) -> int | None:
        return self.user.pk if self.user is not None else None

    @cached_property
    def is_manager(self) -> bool:
        """Has current reports."""
        return bool(self.employee_id and _has_current_reports(self.employee_id, self.today))

    @cached_property
    def department_id(self) -> int | None:
        if self.employee_id is None:
            return None
        return (
            Employee.objects.filter(pk=self.employee_id)
            .values_list("department_id", flat=True)
            .first()
        )


def viewer_for(user: UserLike | Viewer, *, today: date | None = None) -> Viewer:
    """The viewer for ``user`` on ``today`` (default: today in Amsterdam).

    Building one costs no query; a request builds it once (``request.viewer``) and passes
    it on, so what it reads lazily is read once per request.
    """
    if isinstance(user, Viewer):
        return user
    day = today or timezone.localdate()
    if not (user is not None and user.is_authenticated and user.is_active):
        return Viewer(user=None, employee_id=None, is_hr=False, is_admin=False, today=day)
    assert isinstance(user, User)
    return Viewer(
        user=user,
        employee_id=user.employee_id,
        is_hr=bool(user.is_hr),
        is_admin=user.role == Role.ADMIN,
        today=day,
    )


def system_viewer(*, today: date | None = None) -> Viewer:
    """The viewer of background work (the worker, commands without a user): sees all."""
    return Viewer(
        user=None,
        employee_id=None,
        is_hr=True,
        is_admin=True,
        today=today or timezone.localdate(),
    )


as_viewer = viewer_for


def employed_on(day: date, prefix: str = "") -> Q:
    """Still employed on ``day`` (no leave date, or one on or after it); ``prefix`` for a
    related employee, e.g. ``"employee__"``. A leaver is out the day after leaving."""
    return _employed_on(day, prefix)


def _employed_on(day: date, prefix: str = "") -> Q:
    return Q(**{f"{prefix}leave_date__isnull": True}) | Q(**{f"{prefix}leave_date__gte": day})


def _has_current_reports(employee_id: int, day: date) -> bool:
    return Employee.objects.filter(_employed_on(day), manager_id=employee_id).exists()


# --- The scopes ----------------------------------------------------------------------


def own(viewer: Viewer | UserLike) -> QuerySet[Employee]:
    """The viewer's own employee record: everyone sees their own data."""
    v = as_viewer(viewer)
    if v.employee_id is None:
        return Employee.objects.none()
    return Employee.objects.filter(pk=v.employee_id)


def line_ids(viewer: Viewer | UserLike) -> QuerySet[Employee, int]:
    """A subquery of the ids in the viewer's current line (for ``employee_id__in=``)."""
    return line(viewer).values_list("pk", flat=True)


def line(viewer: Viewer | UserLike) -> QuerySet[Employee]:
    """The viewer's current direct and indirect reports (not the viewer).

    The closure is read by the manager's index alone and the leave date checked on the
    employees found, so the database never scans the whole organisation.
    """
    v = as_viewer(viewer)
    if v.employee_id is None:
        return Employee.objects.none()
    below = ReportingLine.objects.filter(manager_id=v.employee_id).values("employee_id")
    return Employee.objects.filter(_employed_on(v.today), pk__in=below)


def organisation() -> QuerySet[Employee]:
    """Everyone, leavers included until retention removes them: what HR sees."""
    return Employee.objects.all()


def visible_employees(viewer: Viewer | UserLike) -> QuerySet[Employee]:
    """HR: the organisation. Anyone else: their own record and their line."""
    v = as_viewer(viewer)
    if v.user is None and not v.is_hr:
        return Employee.objects.none()
    if v.is_hr:
        return organisation()
    if v.employee_id is None:
        return Employee.objects.none()
    return Employee.objects.filter(Q(pk=v.employee_id) | Q(pk__in=line_ids(v)))


def in_line(viewer: Viewer | UserLike, employee: Employee | int) -> bool:
    """Is ``employee`` in the viewer's current line (a report, directly or not)?"""
    v = as_viewer(viewer)
    employee_id = employee if isinstance(employee, int) else employee.pk
    if v.employee_id is None or employee_id == v.employee_id:
        return False
    return line(v).filter(pk=employee_id).exists()


def can_see_employee(viewer: Viewer | UserLike, employee: Employee | int) -> bool:
    v = as_viewer(viewer)
    employee_id = employee if isinstance(employee, int) else employee.pk
    return v.is_hr or employee_id == v.employee_id or in_line(v, employee_id)


def is_hr(viewer: Viewer | UserLike) -> bool:
    return as_viewer(viewer).is_hr


def is_manager(viewer: Viewer | UserLike) -> bool:
    """Has current reports (a manager in the organisation's line)."""
    return as_viewer(viewer).is_manager


def may_see_line_of(viewer: Viewer | UserLike, employee: Employee | int) -> bool:
    """HR, or a manager above ``employee``: the ones who may act as the employee's line."""
    v = as_viewer(viewer)
    return v.is_hr or in_line(v, employee)


# --- Departments ---------------------------------------------------------------------


def department_chain_up(department_id: int | None) -> list[int]:
    """``department_id`` and every department above it, nearest first (one query)."""
    parent = dict(Department.objects.values_list("id", "parent_id"))
    chain: list[int] = []
    step = department_id
    while step is not None and step not in chain:
        chain.append(step)
        step = parent.get(step)
    return chain


def budget_departments(viewer: Viewer | UserLike) -> QuerySet[Department]:
    """The departments whose budget the viewer holds or draws on.

    HR: all. A manager: their own department, those below it, and those above it,
    because a team without a budget of its own draws on the nearest one above (the
    approval queue names that budget; its page shows amounts, never names).
    """
    from groeipad.people.selectors import department_subtree_ids

    v = as_viewer(viewer)
    if v.is_hr:
        return Department.objects.all()
    if not v.is_manager or v.department_id is None:
        return Department.objects.none()
    return Department.objects.filter(
        Q(id__in=department_subtree_ids(v.department_id))
        | Q(id__in=department_chain_up(v.department_id))
    )


# --- KPIs ----------------------------------------------------------------------------


def kpi_line(manager_id: int, start: date, end: date) -> QuerySet[Employee]:
    """Manager's line for a KPI period (``specs/kpis.md``, "A manager's scope: the line").

    Everyone whose chain of managers as recorded now (for a leaver: as it stood when they
    left, which is what the closure keeps) leads to the manager, employed on at least one
    day of ``start``..``end``; not the manager.
    """
    return Employee.objects.filter(
        pk__in=ReportingLine.objects.filter(manager_id=manager_id).values("employee_id"),
        hire_date__lte=end,
    ).filter(_employed_on(start))
