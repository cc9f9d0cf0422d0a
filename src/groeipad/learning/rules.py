"""Who may write what in the learning catalogue. Reads go through people.visibility."""

from __future__ import annotations

from django.db.models import Q

from groeipad.learning.selectors import DepartmentTree
from groeipad.people.models import Department, Employee
from groeipad.people.selectors import department_subtree_ids
from groeipad.people.visibility import is_hr, is_manager
from groeipad.skills.rules import is_above_in_line


def may_request_for(user, employee: Employee) -> bool:
    # A request is the employee's own wish; HR may file one on their behalf.
    return getattr(user, "employee_id", None) == employee.pk or is_hr(user)


def may_decide(user, employee: Employee) -> bool:
    """The manager in the line decides; HR may too. Nobody approves their own request."""
    if getattr(user, "employee_id", None) == employee.pk:
        return False
    return is_above_in_line(user, employee) or is_hr(user)


def may_override_budget(user) -> bool:
    return is_hr(user)


def may_manage_catalogue(user) -> bool:
    return is_hr(user)


def budget_departments(user):
    """The departments whose budgets ``user`` may see, as one queryset (no query per
    department): HR all; a manager their own department, those below it, and those above
    it, because a team without a budget of its own draws on the nearest one above (the
    approval queue names that budget; its page shows amounts, never names)."""
    if is_hr(user):
        return Department.objects.all()
    employee = getattr(user, "employee", None)
    if employee is None or not is_manager(user):
        return Department.objects.none()
    return Department.objects.filter(
        Q(id__in=department_subtree_ids(employee.department_id))
        | Q(id__in=DepartmentTree().up(employee.department_id))
    )


def may_see_budget(user, department: Department) -> bool:
    """HR, and managers of this department, one below it, or one it pays for."""
    return budget_departments(user).filter(pk=department.pk).exists()
