"""Learning pages: catalogue, offer, my learning and the approval queue.

Thin views: parse the request, call access/selector/service, render. Every write goes
through learning.services, which checks who may. The budget pages are the budgets
app's (``groeipad.budgets.views``), wired into the learning URLs.

Parts: ``catalogue`` (the catalogue, an offer, HR's edits), ``requests``.
"""

from groeipad.learning.views.catalogue import (
    catalogue,
    competency_link,
    offer_detail,
    offer_edit,
    offer_new,
    request_offer,
    session_add,
)
from groeipad.learning.views.requests import (
    behaviour,
    cancel,
    complete,
    decide,
    evaluate,
    mine,
    queue,
)

__all__ = [
    "behaviour",
    "cancel",
    "catalogue",
    "competency_link",
    "complete",
    "decide",
    "evaluate",
    "mine",
    "offer_detail",
    "offer_edit",
    "offer_new",
    "queue",
    "request_offer",
    "session_add",
]
