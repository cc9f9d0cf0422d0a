"""The migration that gives tokens a scope and an expiry: existing tokens keep working
(read-write) for 90 days from the upgrade."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

BEFORE = [("people", "0004_data_erasure")]
AFTER = [("people", "0005_tokens_and_sessions")]


@pytest.mark.django_db(transaction=True)
def test_existing_tokens_become_read_write_and_expire_in_90_days(settings):
    settings.GROEIPAD_API_TOKEN_DAYS = 7  # the migration does not follow the setting
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    old = executor.loader.project_state(BEFORE).apps
    User = old.get_model("people", "User")
    ApiToken = old.get_model("people", "ApiToken")
    user = User.objects.create(email="oud@example.nl", password="!")
    ApiToken.objects.create(
        user=user,
        name="oud",
        prefix="gp_oud",
        key_hash="a" * 64,
        created_at=timezone.now() - timedelta(days=400),
    )

    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(AFTER)
    new = executor.loader.project_state(AFTER).apps
    token = new.get_model("people", "ApiToken").objects.get(name="oud")
    assert token.scope == "read-write"
    assert token.revoked_at is None
    left = token.expires_at - timezone.now()
    assert timedelta(days=89, hours=23) < left <= timedelta(days=90)


@pytest.fixture(autouse=True)
def _back_to_the_latest_state():
    """Whatever was unapplied on the way back (migrations of other apps that depend on
    people's latest) is applied again for the tests that follow."""
    yield
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())
