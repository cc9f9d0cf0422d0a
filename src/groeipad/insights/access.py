"""Who may see the KPIs of which scope (specs/kpis.md): decided here, and only here.

- HR advisers and administrators: the organisation, any department (with its
  sub-departments) and any manager's line (``manager=EMPLOYEE_NUMBER``).
- A manager: their **line** for the period (``people.scope.kpi_line``: everyone whose
  chain of managers leads to them and who was employed on at least one day of the
  period). Someone is a manager for a period when that line is not empty. Asking for a
  department gives it only when it lies wholly inside the line: the employees its
  figures count for the period (of the department or a sub-department, employed on at
  least one day of it) are at least one and every one of them is in the line
  (``selectors.departments_inside_line``). Otherwise, and for anyone else, refused.
- eNPS for a manager is the figure of their own department (with sub-departments).
  Whether an eNPS figure is shown is decided for every viewer alike, HR included, by
  ``surveys.selectors.survey_cells`` (the one anonymity rule with complementary
  suppression over the department tree), not here.

The page, its exports, the API and the command all call ``kpi_target_for``; the CLI is
an operator's tool and acts as the system viewer (HR).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils.translation import gettext as _

from groeipad.insights import selectors
from groeipad.insights.kpis import ORGANISATION, Scope
from groeipad.people import scope as people_scope
from groeipad.people.models import Department, Employee

if TYPE_CHECKING:
    from groeipad.people.scope import UserLike, Viewer


class KpiScopeDenied(PermissionDenied):
    pass


@dataclass(frozen=True)
class KpiTarget:
    """What the figures are computed over, resolved for one viewer and period."""

    scope: Scope
    department: Department | None = None
    manager: Employee | None = None

    @property
    def is_line(self) -> bool:
        return self.manager is not None


def may_open_kpis(viewer: Viewer | UserLike) -> bool:
    """HR, or someone who has (or had) reports: may open the page at all."""
    v = people_scope.as_viewer(viewer)
    if people_scope.is_hr(v):
        return True
    return v.employee_id is not None and selectors.has_ever_had_reports(v.employee_id)


def get_manager_for(viewer: Viewer | UserLike, number: str) -> Employee:
    """The manager whose line is asked for by employee number; 404 when unknown.

    Only HR may ask for someone else's line (a manager may name themselves).
    """
    v = people_scope.as_viewer(viewer)
    manager = selectors.employee_for_number(number)
    if manager is None:
        raise Http404(_("Unknown employee number: %(number)s") % {"number": number})
    if not people_scope.is_hr(v) and manager.pk != v.employee_id:
        raise KpiScopeDenied(_("Only HR advisers can see the KPIs of another manager's line."))
    return manager


def _line_target(manager: Employee, start: date, end: date, *, own: bool) -> KpiTarget:
    if selectors.line_is_empty(manager.pk, start, end):
        if own:
            message = _("Nobody in your line was employed in this period, so there are no KPIs.")
        else:
            message = _(
                "Nobody in the line of %(name)s was employed in this period, so there are no KPIs."
            ) % {"name": manager.full_name}
        raise KpiScopeDenied(message)
    scope = selectors.line_scope(manager, start, end)
    return KpiTarget(scope=scope, manager=manager)


def kpi_target_for(
    viewer: Viewer | UserLike,
    *,
    start: date,
    end: date,
    department: Department | None = None,
    manager: Employee | None = None,
) -> KpiTarget:
    """The scope the viewer gets for this request. Raises KpiScopeDenied when refused."""
    v = people_scope.as_viewer(viewer)
    if people_scope.is_hr(v):
        if manager is not None:
            return _line_target(manager, start, end, own=manager.pk == v.employee_id)
        if department is not None:
            return KpiTarget(scope=Scope(department_id=department.pk), department=department)
        return KpiTarget(scope=ORGANISATION)
    if v.employee_id is None or not selectors.has_ever_had_reports(v.employee_id):
        raise KpiScopeDenied(_("Only HR advisers and managers can see the KPIs."))
    if manager is not None and manager.pk != v.employee_id:
        raise KpiScopeDenied(_("Only HR advisers can see the KPIs of another manager's line."))
    own = selectors.employee_with_department(v.employee_id)
    assert own is not None
    target = _line_target(own, start, end, own=True)
    if department is None:
        return target
    if department.pk not in selectors.departments_inside_line(own.pk, start, end):
        raise KpiScopeDenied(
            _(
                "You can only see the KPIs of a department that lies wholly inside your "
                "line; %(department)s does not."
            )
            % {"department": department.name}
        )
    return KpiTarget(
        scope=Scope(department_id=department.pk),
        department=department,
    )


def department_choices_for(
    viewer: Viewer | UserLike, start: date, end: date, paths: dict[int, str]
) -> list[tuple[int, str]]:
    """The departments the page offers: HR all, a manager those inside their line."""
    v = people_scope.as_viewer(viewer)
    if people_scope.is_hr(v):
        ids = set(paths)
    elif v.employee_id is None:
        ids = set()
    else:
        ids = selectors.departments_inside_line(v.employee_id, start, end) & set(paths)
    return sorted(((pk, paths[pk]) for pk in ids), key=lambda item: item[1].casefold())
