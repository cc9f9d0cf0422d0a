"""/api/v1/accounts: HR lists accounts, invites by employee number, deactivates,
reactivates and changes roles; everyone else gets 403."""

from __future__ import annotations

import json

import pytest

from groeipad.accounts.models import AccountInvitation
from groeipad.people.models import Role, User

pytestmark = pytest.mark.django_db
API = "/api/v1/accounts"


def _post(client, path, data=None, method="post"):
    return getattr(client, method)(
        path, json.dumps(data or {}), content_type="application/json", HTTP_ACCEPT_LANGUAGE="en"
    )


def test_hr_lists_accounts_paged_and_filtered(personas, login, newcomers):
    client = login(personas.hanna.user)
    User.objects.filter(employee=personas.dave).update(is_active=False)
    body = client.get(API, {"limit": 2}).json()
    assert body["count"] == User.objects.count() and len(body["items"]) == 2
    off = client.get(API, {"status": "deactivated"}).json()
    assert [a["email"] for a in off["items"]] == ["dave@example.nl"]
    assert off["items"][0]["employee_number"] == "1004"
    assert client.get(API, {"search": "alice"}).json()["count"] == 1
    assert client.get(API, {"status": "sleeping"}).status_code == 422
    assert client.get(API, {"limit": 10**9}).status_code == 422


def test_hr_invites_by_employee_number(personas, login, newcomers):
    client = login(personas.hanna.user)
    response = _post(client, f"{API}/invitations", {"employee_numbers": ["2101", "1003", "0000"]})
    assert response.status_code == 200
    body = response.json()
    assert body["invited"] == 1 and body["reinvited"] == 0
    assert {(s["employee_number"], s["reason"]) for s in body["skipped"]} == {
        ("1003", "has_account"),
        ("0000", "unknown"),
    }
    assert AccountInvitation.objects.filter(user__employee=newcomers[0]).count() == 1
    listed = client.get(API, {"status": "invited"}).json()["items"]
    assert listed[0]["invitation_expires_at"] is not None
    assert _post(client, f"{API}/invitations", {"employee_numbers": []}).status_code == 422


def test_hr_deactivates_reactivates_and_changes_roles(personas, login):
    client = login(personas.hanna.user)
    dave = User.objects.get(employee=personas.dave)
    response = _post(client, f"{API}/{dave.pk}/deactivate")
    assert response.status_code == 200 and response.json()["status"] == "deactivated"
    assert not User.objects.get(pk=dave.pk).is_active
    assert _post(client, f"{API}/{dave.pk}/reactivate").json()["status"] == "active"
    role = _post(client, f"{API}/{dave.pk}/role", {"role": "hr"}, method="patch")
    assert role.status_code == 200 and User.objects.get(pk=dave.pk).role == Role.HR
    refused = _post(client, f"{API}/{dave.pk}/role", {"role": "admin"}, method="patch")
    assert refused.status_code == 403
    assert (
        _post(client, f"{API}/{dave.pk}/role", {"role": "boss"}, method="patch").status_code == 422
    )
    own = _post(client, f"{API}/{personas.hanna.user.pk}/deactivate")
    assert own.status_code == 403 and User.objects.get(employee=personas.hanna).is_active
    assert _post(client, f"{API}/999999/deactivate").status_code == 404
    assert _post(client, f"{API}/0/deactivate").status_code == 422


def test_reactivating_a_leaver_is_refused_with_a_reason(personas, login):
    from datetime import date

    from groeipad.people.models import Employee

    Employee.objects.filter(pk=personas.dave.pk).update(
        leave_date=date(2024, 1, 31), leave_reason="voluntary"
    )
    dave = User.objects.get(employee=personas.dave)
    User.objects.filter(pk=dave.pk).update(is_active=False)
    response = _post(login(personas.hanna.user), f"{API}/{dave.pk}/reactivate")
    assert response.status_code == 422
    assert "has left" in response.json()["detail"]
    assert not User.objects.get(pk=dave.pk).is_active


@pytest.mark.parametrize("name", ["alice", "bob", "carol"])
def test_everyone_but_hr_is_refused(personas, login, newcomers, name):
    client = login(personas.user(name))
    dave = User.objects.get(employee=personas.dave)
    assert client.get(API).status_code == 403
    assert _post(client, f"{API}/invitations", {"employee_numbers": ["2101"]}).status_code == 403
    assert _post(client, f"{API}/{dave.pk}/deactivate").status_code == 403
    assert _post(client, f"{API}/999999/deactivate").status_code == 403
    assert User.objects.get(pk=dave.pk).is_active
    assert not AccountInvitation.objects.exists()


def test_text_the_database_cannot_hold_is_a_422(personas, login):
    client = login(personas.hanna.user)
    assert client.get(API, {"search": "a\x00b"}).status_code == 422
    assert client.get(API, {"search": "x" * 201}).status_code == 422
    bad = _post(client, f"{API}/invitations", {"employee_numbers": ["12\x0034"]})
    assert bad.status_code == 422
    long = _post(client, f"{API}/invitations", {"employee_numbers": ["1" * 51]})
    assert long.status_code == 422
