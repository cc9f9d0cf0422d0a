"""Optimistic locking: two people editing one record, and what the second is told."""

from __future__ import annotations


class StaleEdit(Exception):
    """Someone else saved the record after this edit started (its version moved on).

    Services compare-and-swap on a ``version`` field and raise this when they lose, so
    the second writer is told and loses nothing silently.
    """
