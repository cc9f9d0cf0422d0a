"""The people list for HR: a checkbox per row, an account badge, and "Invite" for the
ticked employees, then a message with the counts. Managers get none of it."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from groeipad.accounts.models import AccountInvitation
from groeipad.notifications.models import OutgoingEmail
from groeipad.people.models import User

pytestmark = pytest.mark.django_db
LIST = "/medewerkers/"


def test_hr_sees_checkboxes_badges_and_the_invite_button(personas, login, newcomers):
    response = login(personas.hanna.user).get(LIST)
    assert response.status_code == 200
    body = response.content.decode()
    assert 'id="invite-selected"' in body
    assert 'name="nummer" value="2101"' in body
    assert "accounts/select-all.js" in body
    assert "account-none" in body and "account-active" in body


def test_a_manager_sees_no_invite_button(personas, login, newcomers):
    body = login(personas.user("alice")).get(LIST).content.decode()
    assert 'id="invite-selected"' not in body
    assert 'name="nummer"' not in body


def test_inviting_the_ticked_employees_shows_the_counts(personas, login, newcomers):
    client = login(personas.hanna.user)
    client.cookies["django_language"] = "en"
    response = client.post(
        "/beheer/accounts/uitnodigen/",
        {"nummer": ["2101", "2102", "1003"], "next": "/medewerkers/?q=Nieuw"},
        follow=True,
    )
    assert response.redirect_chain[-1][0] == "/medewerkers/?q=Nieuw"
    [message] = list(response.context["messages"])
    assert str(message).startswith("2 invited, 0 invited again, 1 skipped")
    assert "already has an active account: 1" in str(message)
    assert AccountInvitation.objects.count() == 2
    assert set(OutgoingEmail.objects.values_list("to", flat=True)) == {
        "noor@example.nl",
        "daan@example.nl",
    }
    badges = {e.employee_number: e.account_status for e in response.context["rows"]}
    assert badges["2101"] == "invited" and badges["2103"] == "none"


def test_only_hr_invites_from_the_list(personas, login, newcomers):
    response = login(personas.user("bob")).post(
        "/beheer/accounts/uitnodigen/", {"nummer": ["2101"]}
    )
    assert response.status_code == 403
    assert not User.objects.filter(employee=newcomers[0]).exists()


def test_nothing_ticked_says_so(personas, login):
    client = login(personas.hanna.user)
    response = client.post("/beheer/accounts/uitnodigen/", {}, follow=True)
    assert next(iter(response.context["messages"])).level_tag == "error"
    assert not AccountInvitation.objects.exists()


def test_an_outside_next_address_is_not_followed(personas, login, newcomers):
    response = login(personas.hanna.user).post(
        "/beheer/accounts/uitnodigen/", {"nummer": ["2101"], "next": "https://evil.example/"}
    )
    assert response["Location"] == "/medewerkers/"


def test_the_account_column_costs_a_fixed_number_of_queries(personas, login, newcomers):
    client = login(personas.hanna.user)

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            client.get(LIST)
        return len(queries)

    before = count()
    client.post("/beheer/accounts/uitnodigen/", {"nummer": ["2101", "2102", "2103"]})
    assert count() == before
