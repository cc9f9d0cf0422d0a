"""The one way to turn an employee number from a request into an Employee."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils.translation import gettext as _

from groeipad.people.models import ApiToken, Employee
from groeipad.people.scope import Viewer, is_hr, visible_employees

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


def get_own_api_token(user, token_id: int) -> ApiToken:
    """One of ``user``'s own tokens; 404 for anyone else's, as for an id that does not exist."""
    if not 0 < token_id < 2**62:
        raise Http404(_("No such API token."))
    token = ApiToken.objects.select_related("user").filter(pk=token_id, user_id=user.pk).first()
    if token is None:
        raise Http404(_("No such API token."))
    return token


def get_api_token_for_hr(viewer: Viewer | UserLike, token_id: int) -> ApiToken:
    """Any token, for HR (403 for everyone else, whether the token exists or not)."""
    if not is_hr(viewer):
        raise PermissionDenied
    if not 0 < token_id < 2**62:
        raise Http404(_("No such API token."))
    token = ApiToken.objects.select_related("user").filter(pk=token_id).first()
    if token is None:
        raise Http404(_("No such API token."))
    return token


# The old name, kept for the apps that still import it.
employee_for_viewer = get_employee_for
