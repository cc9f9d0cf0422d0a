"""Whose data a privacy request is about: the viewer's own record, or (HR) anyone's."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils.translation import gettext as _

from groeipad.people.models import Employee
from groeipad.people.scope import Viewer, as_viewer, own
from groeipad.people.selectors import employee_by_number


def own_employee(viewer: Viewer) -> Employee:
    employee = own(viewer).select_related("department").first()
    if employee is None:
        raise Http404(_("Your account has no employee record."))
    return employee


def employee_for_hr(viewer: Viewer, employee_number: str) -> Employee:
    """Anyone, leavers included, for HR; a refusal first for everyone else (so the answer
    never says whether the number exists)."""
    if not as_viewer(viewer).is_hr:
        raise PermissionDenied(_("Only HR may do this."))
    employee = employee_by_number(employee_number.strip())
    if employee is None:
        raise Http404(_("No such employee."))
    return employee
