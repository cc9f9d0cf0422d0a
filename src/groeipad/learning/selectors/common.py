"""Settings of the learning pages and the budget year of a request."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.conf import settings
from django.db.models import Q

# Settings, not constants: an organisation sets its own threshold.
DEFAULTS: dict[str, Any] = {
    "LEARNING_HR_COST_THRESHOLD": Decimal("2500"),
    "LEARNING_BEHAVIOUR_DAYS": (60, 90),
    # A mandatory offer is flagged when its average reaction is below this (1-5) ...
    "LEARNING_LOW_REACTION": Decimal("3"),
    # ... from at least this many ratings.
    "LEARNING_LOW_REACTION_MIN_N": 3,
}


def setting(name: str) -> Any:
    """A learning setting (the budget ones are ``budgets.selectors.setting``'s)."""
    return getattr(settings, name, DEFAULTS[name])


def in_year(year: int) -> Q:
    """Requests that belong to a budget year: the session's year, else the request's."""
    return Q(session__starts_on__year=year) | Q(session__isnull=True, requested_at__year=year)
