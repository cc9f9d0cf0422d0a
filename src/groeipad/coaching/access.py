"""Turning a trajectory id from a request into the trajectory, within what the viewer may see."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.http import Http404
from django.utils.translation import gettext as _

from groeipad.coaching import selectors
from groeipad.coaching.models import CoachingTrajectory
from groeipad.people.scope import Viewer

if TYPE_CHECKING:
    from groeipad.people.scope import UserLike


def get_trajectory_for(viewer: Viewer | UserLike, trajectory_id: int) -> CoachingTrajectory:
    """A trajectory of someone the viewer may see, or one they coach; 404 otherwise."""
    try:
        return selectors.trajectories_for_viewer(viewer).get(pk=trajectory_id)
    except CoachingTrajectory.DoesNotExist:
        raise Http404(_("No such coaching trajectory.")) from None
