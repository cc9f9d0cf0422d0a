"""Turning ids from a request into skills objects: one funnel per kind, 404 otherwise.

Frameworks, competencies, job profiles and departments are not personal data: everyone
signed in may read them. Strategic targets are for those who see the workforce figures
(HR and managers). Employees come through ``people.access.get_employee_for``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.http import Http404
from django.utils.translation import gettext as _

from groeipad.people.access import get_employee_for
from groeipad.people.models import Department, Employee, JobProfile
from groeipad.people.scope import Viewer, as_viewer
from groeipad.privacy.models import ObjectType
from groeipad.privacy.services import audit_read
from groeipad.skills import rules
from groeipad.skills.models import Competency, StrategicTarget

if TYPE_CHECKING:
    from groeipad.people.scope import UserLike

__all__ = [
    "get_competency_for",
    "get_department_for",
    "get_employee_for",
    "get_job_profile_by_name_for",
    "get_job_profile_for",
    "get_target_for",
    "read_talent_for",
]


def _signed_in(viewer: Viewer | UserLike) -> Viewer:
    v = as_viewer(viewer)
    if not v.is_authenticated:
        raise Http404
    return v


def read_talent_for(
    viewer: Viewer | UserLike,
    employee_number: str,
    what: ObjectType = ObjectType.TALENT_PROFILE,
) -> Employee:
    """The employee whose talent page, assessments, gaps or potential are shown:
    ``get_employee_for``, and reading someone else's is audited (once a day per viewer,
    kind and employee)."""
    employee = get_employee_for(viewer, employee_number)
    audit_read(actor=viewer, object_type=what, object_id=employee.employee_number, subject=employee)
    return employee


def get_competency_for(viewer: Viewer | UserLike, competency_id: int) -> Competency:
    _signed_in(viewer)
    competency = (
        Competency.objects.select_related("scale", "cluster", "framework", "esco_skill")
        .filter(pk=competency_id)
        .first()
    )
    if competency is None:
        raise Http404(_("No such competency."))
    return competency


def get_job_profile_for(viewer: Viewer | UserLike, job_profile_id: int) -> JobProfile:
    _signed_in(viewer)
    profile = JobProfile.objects.filter(pk=job_profile_id).first()
    if profile is None:
        raise Http404(_("No such job profile."))
    return profile


def get_job_profile_by_name_for(viewer: Viewer | UserLike, name: str) -> JobProfile:
    _signed_in(viewer)
    profile = JobProfile.objects.filter(name__iexact=name.strip()).first()
    if profile is None:
        raise Http404(_("No such job profile."))
    return profile


def get_department_for(viewer: Viewer | UserLike, department_id: int) -> Department:
    _signed_in(viewer)
    department = Department.objects.filter(pk=department_id).first()
    if department is None:
        raise Http404(_("No such department."))
    return department


def get_target_for(viewer: Viewer | UserLike, target_id: int) -> StrategicTarget:
    v = _signed_in(viewer)
    target = (
        StrategicTarget.objects.select_related("competency", "department")
        .filter(pk=target_id)
        .first()
        if rules.may_see_workforce_figures(v)
        else None
    )
    if target is None:
        raise Http404(_("No such target."))
    return target


def competency_by_id(competency_id: int) -> Competency:
    """The old name, without a viewer: learning's catalogue still imports it."""
    competency = (
        Competency.objects.select_related("scale", "cluster", "framework")
        .filter(pk=competency_id)
        .first()
    )
    if competency is None:
        raise Http404(_("No such competency."))
    return competency
