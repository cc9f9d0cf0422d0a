"""Who may see which employee: decided here, and only here.

Every page, endpoint, export and command that shows people data starts from
``visible_employees``. Employee: their own record. Manager: their direct and
indirect reports, and themself. HR adviser and administrator: everyone.
"""

from __future__ import annotations

from django.db.models import Q, QuerySet

from groeipad.lib.trees import subtree_ids_sql
from groeipad.people.models import Employee


def is_hr(user) -> bool:
    return bool(user and user.is_authenticated and user.is_active and user.is_hr)


def is_manager(user) -> bool:
    employee_id = getattr(user, "employee_id", None)
    return bool(employee_id and Employee.objects.filter(manager_id=employee_id).exists())


def management_line_ids(employee_id: int):
    """Subquery: the ids of everyone who reports to ``employee_id``, directly or not."""
    return subtree_ids_sql(Employee._meta.db_table, "manager_id", employee_id, include_root=False)


def visible_employees(user) -> QuerySet[Employee]:
    employees = Employee.objects.all()
    if not (user and user.is_authenticated and user.is_active):
        return employees.none()
    if user.is_hr:
        return employees
    if not user.employee_id:
        return employees.none()
    return employees.filter(
        Q(id=user.employee_id) | Q(id__in=management_line_ids(user.employee_id))
    )


def can_see_employee(user, employee: Employee) -> bool:
    return visible_employees(user).filter(pk=employee.pk).exists()
