"""HR's accounts page: paged, searched and filtered; invite, deactivate, reactivate and
change role per row and in bulk; every change audited; nobody changes their own account;
only an administrator gives admin. A deactivated person's next request is refused."""

from __future__ import annotations

from datetime import date

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from groeipad.accounts.models import AccountDeactivation, AccountInvitation
from groeipad.people.models import Employee, Role, User
from groeipad.people.services import api_token_create
from groeipad.privacy.models import AuditEvent

pytestmark = pytest.mark.django_db
URL = "/beheer/accounts/"


def _hr(personas, login):
    client = login(personas.hanna.user)
    client.cookies["django_language"] = "en"
    return client


@pytest.mark.parametrize("name", ["alice", "bob", "carol"])
def test_the_page_is_for_hr_only(personas, login, name):
    client = login(personas.user(name))
    assert client.get(URL).status_code == 403
    assert (
        client.post(URL, {"row": f"deactivate:{personas.dave.employee_number}"}).status_code == 403
    )
    assert User.objects.get(employee=personas.dave).is_active


def test_admin_and_hr_see_statuses(personas, login, newcomers):
    User.objects.filter(employee=personas.dave).update(is_active=False)
    response = _hr(personas, login).get(URL)
    assert response.status_code == 200
    statuses = {e.employee_number: e.account_status for e in response.context["rows"]}
    assert statuses["2101"] == "none"
    assert statuses["1004"] == "deactivated"
    assert statuses["1003"] == "active"  # has a password
    assert login(personas.admin.user).get(URL).status_code == 200


def test_search_and_status_filter(personas, login, newcomers):
    client = _hr(personas, login)
    rows = client.get(URL, {"q": "Noor"}).context["rows"]
    assert [e.employee_number for e in rows] == ["2101"]
    assert [e.employee_number for e in client.get(URL, {"q": "2102"}).context["rows"]] == ["2102"]
    none = client.get(URL, {"status": "none"}).context["rows"]
    assert {e.employee_number for e in none} == {"2101", "2102", "2103"}
    User.objects.filter(employee=personas.dave).update(is_active=False)
    off = client.get(URL, {"status": "deactivated"}).context["rows"]
    assert [e.employee_number for e in off] == ["1004"]


def test_the_page_is_paged_and_its_queries_do_not_grow_with_rows(personas, login):
    client = _hr(personas, login)

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(URL).status_code == 200
        return len(queries)

    few = count()
    Employee.objects.bulk_create(
        Employee(
            employee_number=f"9{i:03d}",
            first_name="Veel",
            last_name=f"Mensen {i:03d}",
            email=f"veel{i}@example.nl",
            department=personas.planning,
            hire_date=date(2024, 1, 1),
        )
        for i in range(80)
    )
    many_users = Employee.objects.filter(employee_number__startswith="9")[:40]
    User.objects.bulk_create(User(email=e.email, employee=e, password="!x") for e in many_users)
    assert count() == few
    assert len(client.get(URL).context["rows"]) == 50


def test_row_buttons_invite_deactivate_and_reactivate(personas, login, newcomers):
    client = _hr(personas, login)
    response = client.post(URL, {"row": "invite:2101"}, follow=True)
    assert "1 invited" in str(next(iter(response.context["messages"])))
    assert AccountInvitation.objects.filter(user__employee=newcomers[0]).count() == 1
    client.post(URL, {"row": "deactivate:1004"})
    dave = User.objects.get(employee=personas.dave)
    assert not dave.is_active
    assert AccountDeactivation.objects.filter(user=dave).exists()
    client.post(URL, {"row": "reactivate:1004"})
    dave.refresh_from_db()
    assert dave.is_active
    assert not AccountDeactivation.objects.filter(user=dave).exists()
    summaries = list(
        AuditEvent.objects.filter(object_type="user", object_id=str(dave.pk)).values_list(
            "summary", "actor_id"
        )
    )
    assert ("account dave@example.nl deactivated", personas.hanna.user.pk) in summaries
    assert ("account dave@example.nl reactivated", personas.hanna.user.pk) in summaries


def test_bulk_actions_on_ticked_rows(personas, login, newcomers):
    client = _hr(personas, login)
    client.post(URL, {"operation": "invite", "nummer": ["2101", "2102", "1003"]})
    assert User.objects.filter(employee__in=newcomers[:2]).count() == 2
    client.post(URL, {"operation": "role", "role": "privacy", "nummer": ["1003", "1004"]})
    assert set(
        User.objects.filter(employee__in=[personas.carol, personas.dave]).values_list(
            "role", flat=True
        )
    ) == {Role.PRIVACY}
    client.post(URL, {"operation": "deactivate", "nummer": ["1003", "1004"]})
    assert not User.objects.filter(
        employee__in=[personas.carol, personas.dave], is_active=True
    ).exists()


def test_hr_may_not_give_admin_but_an_admin_may(personas, login):
    client = _hr(personas, login)
    response = client.post(
        URL, {"operation": "role", "role": "admin", "nummer": ["1004"]}, follow=True
    )
    assert User.objects.get(employee=personas.dave).role == Role.EMPLOYEE
    assert "refused" in str(next(iter(response.context["messages"])))
    admin = login(personas.admin.user)
    admin.post(URL, {"operation": "role", "role": "admin", "nummer": ["1004"]})
    dave = User.objects.get(employee=personas.dave)
    assert dave.role == Role.ADMIN and dave.is_superuser
    # An administrator's account is not HR's to change.
    client = _hr(personas, login)
    client.post(URL, {"row": "deactivate:1004"})
    assert User.objects.get(employee=personas.dave).is_active


def test_nobody_changes_or_deactivates_their_own_account(personas, login):
    client = _hr(personas, login)
    client.post(URL, {"row": "deactivate:1005"})
    client.post(URL, {"operation": "role", "role": "employee", "nummer": ["1005"]})
    hanna = User.objects.get(employee=personas.hanna)
    assert hanna.is_active and hanna.role == Role.HR
    assert client.get(URL).status_code == 200


def test_bad_posts_change_nothing_and_say_why(personas, login):
    client = _hr(personas, login)
    for data in (
        {},
        {"operation": "explode", "nummer": ["1004"]},
        {"operation": "role", "nummer": ["1004"]},
        {"row": "nonsense"},
    ):
        response = client.post(URL, data, follow=True)
        assert response.status_code == 200
        assert next(iter(response.context["messages"])).level_tag == "error"
    assert User.objects.get(employee=personas.dave).is_active


def test_a_deactivated_person_is_refused_at_their_next_request(personas, login):
    carol = personas.user("carol")
    _token, key = api_token_create(actor=carol, user=carol)
    session = Client()
    session.force_login(carol)
    assert session.get("/").status_code == 200
    assert session.get("/api/v1/plans").status_code == 200
    bearer = Client(HTTP_AUTHORIZATION=f"Bearer {key}")
    assert bearer.get("/api/v1/plans").status_code == 200

    _hr(personas, login).post(URL, {"row": f"deactivate:{personas.carol.employee_number}"})

    refused = session.get("/")
    assert refused.status_code == 302 and refused["Location"].startswith("/login/")
    assert session.get("/api/v1/plans").status_code == 401
    assert bearer.get("/api/v1/plans").status_code == 401
    from groeipad.people.models import ApiToken

    assert ApiToken.objects.get(user=carol).revoked_at is not None
    attempt = Client().post(
        "/login/", {"username": "carol@example.nl", "password": "correct horse battery staple"}
    )
    assert attempt.status_code == 200  # the form again, not a redirect into the product


def test_numbers_no_employee_can_have_are_ignored(personas, login):
    client = _hr(personas, login)
    for data in ({"row": "deactivate:10\x0004"}, {"operation": "deactivate", "nummer": ["x" * 60]}):
        response = client.post(URL, data, follow=True)
        assert response.status_code == 200
        assert next(iter(response.context["messages"])).level_tag == "error"
    response = client.post("/beheer/accounts/uitnodigen/", {"nummer": ["1\x002"]}, follow=True)
    assert response.status_code == 200
    assert User.objects.get(employee=personas.dave).is_active


def test_an_expired_invitation_says_so(personas, login, newcomers):
    from datetime import timedelta

    from django.utils import timezone

    client = _hr(personas, login)
    client.post(URL, {"operation": "invite", "nummer": ["2101", "2102"]})
    AccountInvitation.objects.filter(user__employee=newcomers[0]).update(
        expires_at=timezone.now() - timedelta(days=1)
    )
    body = client.get(URL, {"status": "invited"}).content.decode()
    assert body.count('class="muted invitation-expired"') == 1
    assert body.count('class="muted invitation-expires"') == 1
