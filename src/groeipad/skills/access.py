"""Turning ids from a request into competency objects."""

from __future__ import annotations

from django.http import Http404
from django.utils.translation import gettext as _

from groeipad.people.models import JobProfile
from groeipad.skills.models import Competency


def competency_by_id(competency_id: int) -> Competency:
    # Frameworks are not personal data: everyone signed in may read them.
    try:
        return Competency.objects.select_related("scale", "cluster", "framework").get(
            pk=competency_id
        )
    except Competency.DoesNotExist:
        raise Http404(_("No such competency.")) from None


def job_profile_by_name(name: str) -> JobProfile:
    try:
        return JobProfile.objects.get(name__iexact=name.strip())
    except JobProfile.DoesNotExist:
        raise Http404(_("No such job profile.")) from None
