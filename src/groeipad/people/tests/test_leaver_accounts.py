"""A leaver's account stops working the day after the leave date."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from groeipad.people.accounts import leaver_accounts_deactivate
from groeipad.people.models import Employee, User
from groeipad.people.services import api_token_create
from groeipad.people.tasks import deactivate_leaver_accounts, schedule_leaver_accounts
from groeipad.privacy.models import AuditEvent


@pytest.fixture
def today():
    return timezone.localdate()


def active(employee) -> bool:
    return User.objects.get(employee=employee).is_active


def test_daily_run_deactivates_only_those_who_left_before_today(personas, today):
    Employee.objects.filter(pk=personas.carol.pk).update(leave_date=today - timedelta(days=1))
    Employee.objects.filter(pk=personas.dave.pk).update(leave_date=today)
    assert leaver_accounts_deactivate(today=today) == 1
    assert not active(personas.carol)
    assert active(personas.dave)  # the leave date itself is still a working day
    assert (
        AuditEvent.objects.filter(object_type="user", summary__contains="deactivated").count() == 1
    )


def test_running_it_again_changes_nothing(personas, today):
    Employee.objects.filter(pk=personas.carol.pk).update(leave_date=today - timedelta(days=1))
    leaver_accounts_deactivate(today=today)
    events = AuditEvent.objects.count()
    assert leaver_accounts_deactivate(today=today) == 0
    assert AuditEvent.objects.count() == events


def test_saving_a_past_leave_date_deactivates_at_once(personas, today):
    carol = personas.carol
    carol.leave_date = today - timedelta(days=3)
    carol.save()
    assert not active(carol)


def test_the_task_is_scheduled_once_a_day_across_workers(personas, today):
    now = timezone.now()
    assert schedule_leaver_accounts(now=now) is True
    assert schedule_leaver_accounts(now=now) is False
    Employee.objects.filter(pk=personas.carol.pk).update(leave_date=today - timedelta(days=1))
    assert deactivate_leaver_accounts.call(today.isoformat()) == 1


def test_leavers_session_and_token_stop_working(personas, client, today):
    user = personas.user("carol")
    _token, key = api_token_create(actor=None, user=user)
    token = {"authorization": f"Bearer {key}"}
    assert client.get("/api/v1/employees", headers=token).status_code == 200
    client.force_login(user)
    assert client.get("/").status_code == 200
    Employee.objects.filter(pk=personas.carol.pk).update(leave_date=today - timedelta(days=1))
    # Before the daily run the token is already refused; after it the session is gone too.
    client.logout()  # the token alone, not the session
    assert client.get("/api/v1/employees", headers=token).status_code == 401
    client.force_login(user)
    leaver_accounts_deactivate(today=today)
    response = client.get("/")
    assert response.status_code == 302 and "/login" in response["Location"]
