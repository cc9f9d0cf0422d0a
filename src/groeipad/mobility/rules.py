"""Who may do what with rotations and internships. Seeing people goes through people.visibility.

A department has no head field: the managers whose line includes someone working in the
host department (and a manager's own department) decide for it, with HR.
"""

from __future__ import annotations

from groeipad.people.models import Employee
from groeipad.people.visibility import is_hr, management_line_ids


def host_department_ids(user) -> set[int] | None:
    """The departments ``user`` hosts rotations for; None means all of them (HR)."""
    if is_hr(user):
        return None
    employee_id = getattr(user, "employee_id", None)
    if not employee_id:
        return set()
    cache = getattr(user, "_mobility_host_ids", None)
    if cache is not None:
        return cache
    line = set(
        Employee.objects.filter(id__in=management_line_ids(employee_id)).values_list(
            "department_id", flat=True
        )
    )
    if line:
        line |= set(Employee.objects.filter(pk=employee_id).values_list("department_id", flat=True))
    user._mobility_host_ids = line
    return line


def hosts(user, department_id: int) -> bool:
    ids = host_department_ids(user)
    return ids is None or department_id in ids


def may_create_offer(user, department) -> bool:
    return department is not None and hosts(user, department.pk)


def may_create_any_offer(user) -> bool:
    ids = host_department_ids(user)
    return ids is None or bool(ids)


def may_decide(user, offer) -> bool:
    """Choose candidates, close the offer: the host department's managers and HR."""
    return hosts(user, offer.host_department_id)


def consent_by_hr(employee: Employee) -> bool:
    """HR consents for employees without a manager who can log in."""
    manager = employee.manager
    if manager is None:
        return True
    user = getattr(manager, "user", None)
    return user is None or not user.is_active


def may_consent(user, application) -> bool:
    employee = application.employee
    if consent_by_hr(employee):
        return is_hr(user)
    return getattr(user, "employee_id", None) == employee.manager_id


def may_withdraw(user, application) -> bool:
    return getattr(user, "employee_id", None) == application.employee_id
