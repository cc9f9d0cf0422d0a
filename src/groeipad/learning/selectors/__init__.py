"""Reads for the learning catalogue: requests and queues, evaluation, the catalogue.

Parts: ``common`` (settings, the budget year), ``requests``, ``evaluation``,
``catalogue``. What a request draws on the budgets is read by ``groeipad.budgets``.
"""

from groeipad.learning.selectors.catalogue import (
    Recommendation,
    SessionPlaces,
    catalogue,
    catalogue_competencies,
    catalogue_page,
    competency_choices,
    goals_of,
    offer_links,
    offer_sessions,
    open_goals_of,
    recommendations_for,
    session_places,
)
from groeipad.learning.selectors.common import DEFAULTS, in_year, setting
from groeipad.learning.selectors.evaluation import (
    CompetencyLearning,
    OfferEvaluation,
    completions,
    flagged_offer_ids,
    offer_evaluation,
    offer_learning_by_competency,
)
from groeipad.learning.selectors.requests import (
    approval_queue,
    approved_for_viewer,
    behaviour_due,
    behaviour_rating,
    budget_draw,
    budget_draws,
    competency_ids_to_rate,
    enrolments_for_viewer,
    enrolments_of_year,
    hr_attention,
    own_enrolments,
    personal_draws,
)

__all__ = [
    "DEFAULTS",
    "CompetencyLearning",
    "OfferEvaluation",
    "Recommendation",
    "SessionPlaces",
    "approval_queue",
    "approved_for_viewer",
    "behaviour_due",
    "behaviour_rating",
    "budget_draw",
    "budget_draws",
    "catalogue",
    "catalogue_competencies",
    "catalogue_page",
    "competency_choices",
    "competency_ids_to_rate",
    "completions",
    "enrolments_for_viewer",
    "enrolments_of_year",
    "flagged_offer_ids",
    "goals_of",
    "hr_attention",
    "in_year",
    "offer_evaluation",
    "offer_learning_by_competency",
    "offer_links",
    "offer_sessions",
    "open_goals_of",
    "own_enrolments",
    "personal_draws",
    "recommendations_for",
    "session_places",
    "setting",
]
