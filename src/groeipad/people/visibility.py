"""Old names of the scopes in ``people.scope``; new code imports ``people.scope``."""

from __future__ import annotations

from django.db.models import QuerySet

from groeipad.people.models import Employee, ReportingLine
from groeipad.people.scope import (
    _employed_on,
    can_see_employee,
    is_hr,
    is_manager,
    line_ids,
    visible_employees,
)


def management_line_ids(employee_id: int) -> QuerySet[Employee, int]:
    """Subquery: the ids of everyone currently in ``employee_id``'s line."""
    from django.utils import timezone

    below = ReportingLine.objects.filter(manager_id=employee_id).values("employee_id")
    return Employee.objects.filter(_employed_on(timezone.localdate()), pk__in=below).values_list(
        "pk", flat=True
    )


__all__ = [
    "can_see_employee",
    "is_hr",
    "is_manager",
    "line_ids",
    "management_line_ids",
    "visible_employees",
]
