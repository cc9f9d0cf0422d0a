"""API tokens through the real API: scope, expiry, revocation, last use, the account and
HR endpoints."""

from datetime import timedelta

import pytest
from django.utils import timezone

from groeipad.people.models import ApiToken, TokenScope
from groeipad.people.services import api_token_create, api_token_revoke
from groeipad.privacy.models import AuditEvent

EN = {"HTTP_ACCEPT_LANGUAGE": "en"}


def auth(key):
    return {"HTTP_AUTHORIZATION": f"Bearer {key}", **EN}


@pytest.fixture
def carol(personas):
    return personas.user("carol")


def test_a_new_token_expires_after_the_default_days(settings, carol):
    settings.GROEIPAD_API_TOKEN_DAYS = 90
    token, key = api_token_create(actor=carol, user=carol, name="script")
    assert key.startswith("gp_")
    assert token.key_hash == ApiToken.hash_key(key) and key not in token.key_hash
    lifetime = token.expires_at - token.created_at
    assert lifetime == timedelta(days=90)
    assert token.scope == TokenScope.READ_WRITE


def test_an_expired_token_answers_401_saying_it_expired(client, carol):
    token, key = api_token_create(actor=carol, user=carol, days=1)
    assert client.get("/api/v1/employees", **auth(key)).status_code == 200
    ApiToken.objects.filter(pk=token.pk).update(expires_at=timezone.now() - timedelta(seconds=1))
    response = client.get("/api/v1/employees", **auth(key))
    assert response.status_code == 401
    assert "expired" in response.json()["detail"]


def test_a_revoked_token_answers_401_saying_it_was_revoked(client, carol):
    token, key = api_token_create(actor=carol, user=carol)
    assert client.get("/api/v1/employees", **auth(key)).status_code == 200
    api_token_revoke(actor=carol, token=token)
    response = client.get("/api/v1/employees", **auth(key))
    assert response.status_code == 401
    assert "revoked" in response.json()["detail"]


def test_a_read_only_token_reads_but_may_not_write(client, carol):
    _token, key = api_token_create(actor=carol, user=carol, scope="read")
    assert client.get("/api/v1/account/tokens", **auth(key)).status_code == 200
    before = ApiToken.objects.count()
    response = client.post(
        "/api/v1/account/tokens", {"name": "x"}, content_type="application/json", **auth(key)
    )
    assert response.status_code == 403
    assert "'read'" in response.json()["detail"]
    assert ApiToken.objects.count() == before


def test_last_used_is_written_at_most_once_a_minute(client, carol):
    token, key = api_token_create(actor=carol, user=carol)
    assert token.last_used_at is None
    client.get("/api/v1/employees", **auth(key))
    token.refresh_from_db()
    first = token.last_used_at
    assert first is not None
    client.get("/api/v1/employees", **auth(key))
    token.refresh_from_db()
    assert token.last_used_at == first
    ApiToken.objects.filter(pk=token.pk).update(last_used_at=first - timedelta(minutes=2))
    client.get("/api/v1/employees", **auth(key))
    token.refresh_from_db()
    assert token.last_used_at > first - timedelta(minutes=2)


def test_create_list_and_revoke_own_tokens_through_the_api(client, carol, personas):
    _t, key = api_token_create(actor=carol, user=carol, name="admin script")
    response = client.post(
        "/api/v1/account/tokens",
        {"name": "rapport", "scope": "read", "days": 7},
        content_type="application/json",
        **auth(key),
    )
    assert response.status_code == 201
    created = response.json()
    assert created["key"].startswith("gp_") and created["scope"] == "read"
    token = ApiToken.objects.get(pk=created["id"])
    assert token.expires_at - token.created_at == timedelta(days=7)
    listed = client.get("/api/v1/account/tokens", **auth(key)).json()
    assert {item["name"] for item in listed} == {"admin script", "rapport"}
    assert all("key" not in item for item in listed)
    # Another person's token is not found, and stays as it was.
    _other, other_key = api_token_create(actor=None, user=personas.user("dave"))
    other = ApiToken.objects.get(key_hash=ApiToken.hash_key(other_key))
    assert client.delete(f"/api/v1/account/tokens/{other.pk}", **auth(key)).status_code == 404
    other.refresh_from_db()
    assert other.revoked_at is None
    response = client.delete(f"/api/v1/account/tokens/{token.pk}", **auth(key))
    assert response.status_code == 200 and response.json()["status"] == "revoked"
    token.refresh_from_db()
    assert token.revoked_at is not None and token.revoked_by == carol
    assert AuditEvent.objects.filter(object_type="api_token", object_id=str(token.pk)).count() == 2


@pytest.mark.parametrize(
    "payload", [{"days": 0}, {"days": 366}, {"scope": "admin"}, {"name": "x" * 101}]
)
def test_bad_token_requests_are_refused_and_create_nothing(client, carol, payload):
    _t, key = api_token_create(actor=carol, user=carol)
    before = ApiToken.objects.count()
    response = client.post(
        "/api/v1/account/tokens", payload, content_type="application/json", **auth(key)
    )
    assert response.status_code == 422
    assert ApiToken.objects.count() == before


def test_hr_lists_tokens_paged_searched_and_filtered_and_revokes_any(client, personas, carol):
    hanna = personas.user("hanna")
    _t, hr_key = api_token_create(actor=hanna, user=hanna, name="hr")
    revoked, _k = api_token_create(actor=carol, user=carol, name="oud")
    api_token_revoke(actor=carol, token=revoked)
    active, _k = api_token_create(actor=carol, user=carol, name="nieuw")
    page = client.get("/api/v1/tokens?limit=1", **auth(hr_key)).json()
    assert page["count"] == 3 and len(page["items"]) == 1
    found = client.get("/api/v1/tokens?search=carol&status=active", **auth(hr_key)).json()
    assert [item["name"] for item in found["items"]] == ["nieuw"]
    assert found["items"][0]["owner"] == carol.email
    assert client.get("/api/v1/tokens?limit=100000", **auth(hr_key)).status_code == 422
    response = client.delete(f"/api/v1/tokens/{active.pk}", **auth(hr_key))
    assert response.status_code == 200
    active.refresh_from_db()
    assert active.revoked_by == hanna
    # Not HR: 403, and nothing changes.
    _t, carol_key = api_token_create(actor=carol, user=carol)
    assert client.get("/api/v1/tokens", **auth(carol_key)).status_code == 403
    own, _k = api_token_create(actor=hanna, user=hanna)
    assert client.delete(f"/api/v1/tokens/{own.pk}", **auth(carol_key)).status_code == 403
    own.refresh_from_db()
    assert own.revoked_at is None


def test_sessions_endpoint_ends_every_other_session(client, personas, carol):
    from django.test import Client

    other = Client()
    other.force_login(carol)
    client.force_login(carol)
    listed = client.get("/api/v1/account/sessions", **EN).json()
    assert len(listed) == 2 and sum(item["current"] for item in listed) == 1
    response = client.delete("/api/v1/account/sessions", **EN)
    assert response.json() == {"ended": 1}
    assert other.get("/api/v1/account/sessions", **EN).status_code == 401
    assert client.get("/api/v1/account/sessions", **EN).status_code == 200
