"""The demo leaves most employees without an account, so HR can invite them from the
people list (``make demo``), while the personas keep their password logins."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command

from groeipad.accounts import services
from groeipad.accounts.selectors import employees_without_account
from groeipad.people.demo import DEMO_PASSWORD, PERSONAS
from groeipad.people.models import Role, User

pytestmark = pytest.mark.django_db


def test_the_demo_has_employees_to_invite_and_working_personas():
    call_command("demo_data", "--employees", "120", "--seed", "7", stdout=io.StringIO())
    waiting = list(employees_without_account()[:25])
    assert len(waiting) >= 20
    assert all(e.email for e in waiting)
    for email, _role in PERSONAS.values():
        user = User.objects.get(email=email)
        assert user.is_active and user.check_password(DEMO_PASSWORD)
    hr = User.objects.get(role=Role.HR, email=PERSONAS["hr"][0])
    report = services.invite(actor=hr, employees=waiting[:5])
    assert report.invited == 5
