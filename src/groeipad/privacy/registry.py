"""What Groeipad holds about a person, kind by kind: the data inventory of the AVG.

Every app that keeps personal data declares its kinds of data in a module
``groeipad.<app>.privacy`` that calls ``register(DataCategory(...))`` at import time.
``categories()`` imports those modules (Django's ``autodiscover_modules``), so the
privacy layer never imports an app above it, and one list drives:

- the subject-access export (art. 15): ``export`` of every category;
- erasure and pseudonymisation (art. 17): ``erase`` of every category;
- retention: ``retention`` names the rule (``RETENTION``) whose period starts at the
  person's leave date; the daily task erases what is past it;
- the transparency page: label, purpose, legal basis, who sees it, retention.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

# An employee (groeipad.people.models.Employee). Not imported, not even for typing: the
# privacy layer sits below people (tests/architecture/test_layers.py).
Employee = Any


@dataclass(frozen=True)
class RetentionRule:
    """How long a kind of data stays after the person left (setting overrides days)."""

    key: str
    label: Promise
    default_days: int


RETENTION: dict[str, RetentionRule] = {
    rule.key: rule
    for rule in (
        RetentionRule("development", _("personal development data"), 2 * 365),
        RetentionRule("employment", _("employment record (for KPIs, pseudonymised)"), 7 * 365),
        RetentionRule("audit", _("audit log"), 7 * 365),
    )
}


@dataclass(frozen=True)
class DataCategory:
    """One kind of personal data an app holds."""

    key: str  # unique, e.g. "plans"
    app: str  # the app's label, e.g. "plans"
    label: Promise  # "development plans, goals, actions and check-ins"
    purpose: Promise  # why Groeipad processes it
    legal_basis: Promise  # e.g. legitimate interest, contract
    retention: str  # a key of RETENTION
    # Names of people.scope scopes that may read it ("own", "line", "hr", ...), used by
    # the transparency page to say who sees it, from the scopes' own descriptions.
    seen_by: tuple[str, ...]
    # The person's data as JSON-able dicts, without other people's identities.
    export: Callable[[Employee], list[dict[str, Any]]]
    # Remove (or pseudonymise) the person's data; ``dry_run`` only counts. Returns the
    # number of records that go (or would go). Must be idempotent: a second run gives 0.
    erase: Callable[[Employee, bool], int]
    notes: tuple[Promise, ...] = field(default_factory=tuple)


_REGISTRY: dict[str, DataCategory] = {}
_DISCOVERED = False


def register(category: DataCategory) -> DataCategory:
    if category.retention not in RETENTION:
        raise ValueError(f"Unknown retention rule {category.retention!r} for {category.key}")
    _REGISTRY[category.key] = category
    return category


def categories() -> list[DataCategory]:
    """Every registered category, in a fixed order (app, key)."""
    global _DISCOVERED
    if not _DISCOVERED:
        from django.utils.module_loading import autodiscover_modules

        autodiscover_modules("privacy")
        _DISCOVERED = True
    return sorted(_REGISTRY.values(), key=lambda c: (c.app, c.key))


def retention_days(rule: str) -> int:
    """Days after leaving that ``rule``'s data is kept (setting GROEIPAD_RETENTION_DAYS)."""
    from django.conf import settings

    configured = getattr(settings, "GROEIPAD_RETENTION_DAYS", {}) or {}
    return int(configured.get(rule, RETENTION[rule].default_days))
