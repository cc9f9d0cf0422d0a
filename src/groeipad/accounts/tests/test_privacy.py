"""The invitations are in the person's data export (without the link) and go with an
erasure."""

from __future__ import annotations

import pytest

from groeipad.accounts import services
from groeipad.accounts.models import AccountInvitation
from groeipad.privacy import registry

pytestmark = pytest.mark.django_db


def test_invitations_are_exported_without_the_link_and_erased(personas, newcomers):
    services.invite(actor=personas.hanna.user, employees=[newcomers[0]])
    services.invite(actor=personas.hanna.user, employees=[newcomers[0]])
    category = {c.key: c for c in registry.categories()}["account_invitations"]
    records = category.export(newcomers[0])
    assert len(records) == 2
    assert set(records[0]) == {"sent_at", "expires_at", "used_at", "voided_at"}
    assert records[0]["voided_at"] is not None and records[1]["voided_at"] is None
    assert category.erase(newcomers[0], True) == 2
    assert AccountInvitation.objects.count() == 2
    assert category.erase(newcomers[0], False) == 2
    assert category.erase(newcomers[0], False) == 0
    assert category.export(personas.alice) == []
