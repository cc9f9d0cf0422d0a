"""Old names of the scopes in ``people.scope``; new code imports ``people.scope``."""

from __future__ import annotations

from groeipad.people.scope import can_see_employee, is_hr, is_manager, line_ids, visible_employees


def management_line_ids(employee_id: int):
    """Subquery: the ids of everyone currently in ``employee_id``'s line."""
    from django.utils import timezone

    from groeipad.people.models import ReportingLine
    from groeipad.people.scope import _employed_on

    return ReportingLine.objects.filter(
        _employed_on(timezone.localdate(), "employee__"), manager_id=employee_id
    ).values_list("employee_id", flat=True)


__all__ = [
    "can_see_employee",
    "is_hr",
    "is_manager",
    "line_ids",
    "management_line_ids",
    "visible_employees",
]
