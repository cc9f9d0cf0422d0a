"""Turning ids from a request into budget objects, within what the viewer may see."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.http import Http404
from django.utils.translation import gettext as _

from groeipad.people import scope
from groeipad.people.models import Department
from groeipad.people.scope import Viewer

if TYPE_CHECKING:
    from groeipad.people.scope import UserLike


def get_budget_department_for(viewer: Viewer | UserLike, department_id: int) -> Department:
    """A department whose budget the viewer holds (``scope.budget_departments``);
    404 otherwise, never a hint it exists."""
    department = scope.budget_departments(viewer).filter(pk=department_id).first()
    if department is None:
        raise Http404(_("No such department."))
    return department
