"""What the skills pages share: the workforce-figures gate."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied

from groeipad.people.scope import Viewer
from groeipad.skills import rules


def require_workforce_figures(request) -> Viewer:
    """The overview, targets and heat map: HR and managers of a line, else 403."""
    viewer: Viewer = request.viewer
    if not rules.may_see_workforce_figures(viewer):
        raise PermissionDenied
    return viewer
