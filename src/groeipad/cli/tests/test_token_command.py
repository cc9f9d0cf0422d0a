"""``groeipad token create | list | revoke``."""

import io
from datetime import timedelta

import pytest
from django.core.management import CommandError, call_command

from groeipad.people.models import ApiToken
from groeipad.privacy.models import AuditEvent


def run(*args) -> str:
    out = io.StringIO()
    call_command("token", *args, stdout=out)
    return out.getvalue()


def test_create_with_scope_and_days(personas):
    key = run("create", "--email", "carol@example.nl", "--scope", "read", "--days", "7").strip()
    token = ApiToken.objects.get(key_hash=ApiToken.hash_key(key))
    assert token.scope == "read"
    assert token.expires_at - token.created_at == timedelta(days=7)
    assert AuditEvent.objects.filter(object_type="api_token", object_id=str(token.pk)).exists()


@pytest.mark.parametrize("days", ["0", "400"])
def test_create_refuses_days_out_of_range(personas, days):
    with pytest.raises(CommandError, match="365"):
        run("create", "--email", "carol@example.nl", "--days", days)
    assert not ApiToken.objects.exists()


def test_list_and_revoke_by_id_and_by_prefix(personas):
    run("create", "--email", "carol@example.nl", "--name", "een")
    run("create", "--email", "dave@example.nl", "--name", "twee")
    first = ApiToken.objects.get(name="een")
    second = ApiToken.objects.get(name="twee")
    listing = run("list")
    assert "carol@example.nl" in listing and "dave@example.nl" in listing
    only_carol = run("list", "--user", "carol@example.nl")
    assert "een" in only_carol and "twee" not in only_carol
    assert "Revoked" in run("revoke", str(first.pk))
    assert "Revoked" in run("revoke", second.prefix)
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.revoked_at and second.revoked_at
    assert "already revoked" in run("revoke", str(first.pk))
    assert "revoked" in run("list", "--status", "revoked")


def test_revoke_an_unknown_token_says_so(personas):
    with pytest.raises(CommandError, match="No API token"):
        run("revoke", "gp_nothing")
