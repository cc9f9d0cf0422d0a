"""Who may see the KPIs of which part of the organisation: decided here, and only here.

HR advisers and administrators: the whole organisation or any department. A manager
(someone with reports): their own department and its sub-departments; asking for the
whole organisation gives exactly that part, asking for a department outside it is
refused. Anyone else: refused. The page, the API and the exports all call
``kpi_department_for``; the CLI is an operator's tool with full access.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from groeipad.people.models import Department
from groeipad.people.selectors import department_subtree_ids
from groeipad.people.visibility import is_hr, is_manager


class KpiScopeDenied(PermissionDenied):
    pass


def may_see_kpis(user) -> bool:
    return is_hr(user) or (bool(user and user.is_active) and is_manager(user))


def manager_department(user) -> Department | None:
    """The department whose subtree a manager may read; None for HR and non-managers."""
    if is_hr(user) or not may_see_kpis(user):
        return None
    return Department.objects.get(employees__pk=user.employee_id)


def kpi_department_for(user, requested: Department | None) -> Department | None:
    """The department the figures are computed for (None: whole organisation).

    Raises KpiScopeDenied when the user may not see KPIs, or not for ``requested``.
    """
    if is_hr(user):
        return requested
    if not may_see_kpis(user):
        raise KpiScopeDenied(_("Only HR advisers and managers can see the KPIs."))
    own = manager_department(user)
    if requested is None:
        return own
    inside = Department.objects.filter(
        pk=requested.pk, id__in=department_subtree_ids(own.pk)
    ).exists()
    if not inside:
        raise KpiScopeDenied(
            _("You can only see the KPIs of %(department)s and its sub-departments.")
            % {"department": own.name}
        )
    return requested
