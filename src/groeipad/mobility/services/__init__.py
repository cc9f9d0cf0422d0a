"""Writes for rotations and internships. Each checks who may (rules), validates, saves, audits.

Apply -> the direct manager consents (HR when there is none) -> the host department
chooses among consented applications, up to the number of places. Choosing places an
action in the employee's development plan (plans.services) and, for a transfer, records
the move, the new department and the new manager the host names (people.services), so
the reporting line (and who sees the employee) moves along: in the same transaction when
the start date has come, else ``transfers_apply`` (run daily by ``groeipad worker``, or by
``groeipad rotations apply-transfers``) does it on the start date.

- ``offers``: publishing and closing offers.
- ``applications``: applying, consent, the host's choice, withdrawing.
- ``transfers``: carrying out and calling off transfers on their start date.
"""

from __future__ import annotations

from groeipad.mobility.selectors import transfers_due
from groeipad.mobility.services.applications import (
    application_consent,
    application_create,
    application_decide,
    application_withdraw,
    new_manager_find,
)
from groeipad.mobility.services.offers import MAX_PLACES, MAX_WEEKS, offer_close, offer_create
from groeipad.mobility.services.transfers import (
    TransferRun,
    _transfer_settle,
    transfer_cancel,
    transfers_apply,
)

__all__ = [
    "MAX_PLACES",
    "MAX_WEEKS",
    "TransferRun",
    "_transfer_settle",
    "application_consent",
    "application_create",
    "application_decide",
    "application_withdraw",
    "new_manager_find",
    "offer_close",
    "offer_create",
    "transfer_cancel",
    "transfers_apply",
    "transfers_due",
]
