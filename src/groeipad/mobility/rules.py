"""Who may do what with rotations and internships, in terms of ``people.scope``.

A department has no head field: the managers whose line (``scope.line``) includes
someone working in the host department, for that department and their own, decide for
it, with HR. The consenting manager is the employee's direct manager (HR when that
manager has no account that can log in).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from groeipad.people import scope
from groeipad.people.models import Department, Employee
from groeipad.people.scope import Viewer

if TYPE_CHECKING:
    from groeipad.mobility.models import Application, RotationOffer
    from groeipad.people.scope import UserLike

_HOSTS = "_mobility_host_ids"


def host_department_ids(viewer: Viewer | UserLike) -> set[int] | None:
    """The departments ``viewer`` hosts rotations for; None means all of them (HR).

    Read once per viewer (a request passes one viewer around).
    """
    v = scope.as_viewer(viewer)
    if scope.is_hr(v):
        return None
    if v.employee_id is None:
        return set()
    kept = v.__dict__.get(_HOSTS)
    if kept is not None:
        return set(kept)
    ids = set(scope.line(v).values_list("department_id", flat=True))
    if ids and v.department_id is not None:
        ids.add(v.department_id)
    v.__dict__[_HOSTS] = frozenset(ids)
    return ids


def hosts(viewer: Viewer | UserLike, department_id: int) -> bool:
    ids = host_department_ids(viewer)
    return ids is None or department_id in ids


def may_create_offer(viewer: Viewer | UserLike, department: Department | None) -> bool:
    return department is not None and hosts(viewer, department.pk)


def may_create_any_offer(viewer: Viewer | UserLike) -> bool:
    ids = host_department_ids(viewer)
    return ids is None or bool(ids)


def may_decide(viewer: Viewer | UserLike, offer: RotationOffer) -> bool:
    """Choose candidates, close the offer: the host department's managers and HR."""
    return hosts(viewer, offer.host_department_id)


def may_see_consents(viewer: Viewer | UserLike) -> bool:
    """The consent queue: HR, and managers (who consent for their direct reports)."""
    return scope.is_hr(viewer) or scope.is_manager(viewer)


def consent_by_hr(employee: Employee) -> bool:
    """HR consents for employees without a manager who can log in."""
    manager = employee.manager
    if manager is None:
        return True
    user = getattr(manager, "user", None)
    return user is None or not user.is_active


def may_consent(viewer: Viewer | UserLike, application: Application) -> bool:
    employee = application.employee
    if consent_by_hr(employee):
        return scope.is_hr(viewer)
    v = scope.as_viewer(viewer)
    return v.employee_id is not None and v.employee_id == employee.manager_id


def may_withdraw(viewer: Viewer | UserLike, application: Application) -> bool:
    v = scope.as_viewer(viewer)
    return v.employee_id is not None and v.employee_id == application.employee_id
