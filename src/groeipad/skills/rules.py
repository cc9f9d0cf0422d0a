"""Who may write what about whose competencies. Reads go through people.visibility."""

from __future__ import annotations

from groeipad.people.models import Employee
from groeipad.people.visibility import is_hr, management_line_ids


def is_above_in_line(user, employee: Employee) -> bool:
    """True when ``user`` is ``employee``'s manager, directly or further up the line."""
    manager_id = getattr(user, "employee_id", None)
    if not manager_id or manager_id == employee.pk:
        return False
    return Employee.objects.filter(pk=employee.pk, id__in=management_line_ids(manager_id)).exists()


def may_assess_as_manager(user, employee: Employee) -> bool:
    return is_above_in_line(user, employee)


def may_assess_self(user, employee: Employee) -> bool:
    return getattr(user, "employee_id", None) == employee.pk


def may_observe_potential(user, employee: Employee) -> bool:
    return is_above_in_line(user, employee) or (is_hr(user) and user.employee_id != employee.pk)


def may_edit_talent_profile(user, employee: Employee) -> bool:
    # The talent profile is the employee's own voice.
    return may_assess_self(user, employee)


def may_manage_frameworks(user) -> bool:
    return is_hr(user)
