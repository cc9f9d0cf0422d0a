"""Writes for the learning catalogue. Each is an action: checks who may, validates,
saves and audits in one transaction.

Parts: ``catalogue`` (offers, sessions), ``requests`` (asking, deciding, completing),
``evaluation``. The budgets and their holds are ``groeipad.budgets.services``'.
"""

from groeipad.learning.services.catalogue import (
    OFFER_FIELDS,
    offer_competency_set,
    offer_save,
    session_add,
)
from groeipad.learning.services.evaluation import evaluate
from groeipad.learning.services.requests import (
    OPEN,
    TAKES_A_PLACE,
    activity_record,
    approve,
    cancel,
    complete,
    decline,
    request_offer,
)

__all__ = [
    "OFFER_FIELDS",
    "OPEN",
    "TAKES_A_PLACE",
    "activity_record",
    "approve",
    "cancel",
    "complete",
    "decline",
    "evaluate",
    "offer_competency_set",
    "offer_save",
    "request_offer",
    "session_add",
]
