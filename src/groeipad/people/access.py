"""The one way to turn an employee number from a request into an Employee."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.http import Http404
from django.utils.translation import gettext as _

from groeipad.people.models import Employee
from groeipad.people.scope import Viewer, visible_employees

if TYPE_CHECKING:
    from groeipad.people.scope import UserLike


def get_employee_for(viewer: Viewer | UserLike, employee_number: str) -> Employee:
    """The employee, if ``viewer`` may see them; 404 otherwise, never a hint that it exists."""
    employee = (
        visible_employees(viewer)
        .select_related("department", "job_profile", "manager")
        .filter(employee_number=employee_number)
        .first()
    )
    if employee is None:
        raise Http404(_("No such employee."))
    return employee


# The old name, kept for the apps that still import it.
employee_for_viewer = get_employee_for
