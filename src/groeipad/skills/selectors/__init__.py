"""Reads about competencies: requirements, current levels, gaps, heat map and targets.

Split by subject (gaps, heatmap, targets, catalogue); every public name is re-exported
here, so ``from groeipad.skills.selectors import employee_gaps`` keeps working.
"""

from groeipad.skills.selectors.catalogue import (
    CompetencyCard,
    competencies_all,
    competencies_with_levels,
    competency_choices,
    esco_search,
    esco_skill_by_uri,
    frameworks_overview,
    job_profile_choices,
    job_profiles_overview,
)
from groeipad.skills.selectors.gaps import (
    GapReport,
    GapRow,
    Requirement,
    assessments_visible,
    effective_requirements,
    employee_gaps,
    employee_gaps_as_seen,
    potential_observations_for,
    requirements_for_profile,
    talent_profile_of,
)
from groeipad.skills.selectors.heatmap import HeatCell, HeatMap, heat_map
from groeipad.skills.selectors.targets import TargetStatus, strategic_target_status

__all__ = [
    "CompetencyCard",
    "GapReport",
    "GapRow",
    "HeatCell",
    "HeatMap",
    "Requirement",
    "TargetStatus",
    "assessments_visible",
    "competencies_all",
    "competencies_with_levels",
    "competency_choices",
    "effective_requirements",
    "employee_gaps",
    "employee_gaps_as_seen",
    "esco_search",
    "esco_skill_by_uri",
    "frameworks_overview",
    "heat_map",
    "job_profile_choices",
    "job_profiles_overview",
    "potential_observations_for",
    "requirements_for_profile",
    "strategic_target_status",
    "talent_profile_of",
]
