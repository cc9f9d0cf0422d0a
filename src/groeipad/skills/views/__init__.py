"""Competency pages: an employee's talent page, the overview, targets and the heat map.

Thin views: parse the request, call access/selector/service, render. Every write goes
through skills.services, which checks who may; the views only decide what to show.
Split by page (talent, overview, targets, heatmap); the names are re-exported here.
"""

from groeipad.skills.views.heatmap import heatmap, heatmap_csv, heatmap_xlsx
from groeipad.skills.views.overview import (
    install_starter,
    overview,
    profile_parent_set,
    requirement_remove,
    requirement_set,
)
from groeipad.skills.views.talent import (
    assessment_add,
    assessments_share,
    employee_talent,
    observation_add,
    talent_profile_save,
)
from groeipad.skills.views.targets import target_create, target_delete, targets

__all__ = [
    "assessment_add",
    "assessments_share",
    "employee_talent",
    "heatmap",
    "heatmap_csv",
    "heatmap_xlsx",
    "install_starter",
    "observation_add",
    "overview",
    "profile_parent_set",
    "requirement_remove",
    "requirement_set",
    "talent_profile_save",
    "target_create",
    "target_delete",
    "targets",
]
