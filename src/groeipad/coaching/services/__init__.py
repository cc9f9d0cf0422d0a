"""Writes for coaching trajectories. Each is an action: checks who may, validates, saves
and audits in one transaction.

Requested and decided like a learning request: the manager in the line (or HR) decides,
approval holds the department's development budget (``groeipad.budgets``, the same money
as learning), and only HR may approve beyond it, which the audit log records. Completion
records the cost as learning (social, the 20 of 70-20-10) through learning's service.

Parts: ``requests`` (asking, changing, deciding, cancelling), ``sessions`` (sessions,
completion, evaluation).
"""

from groeipad.coaching.services.requests import (
    approve,
    cancel,
    decline,
    trajectory_request,
    trajectory_update,
)
from groeipad.coaching.services.sessions import complete, evaluate, session_log

__all__ = [
    "approve",
    "cancel",
    "complete",
    "decline",
    "evaluate",
    "session_log",
    "trajectory_request",
    "trajectory_update",
]
