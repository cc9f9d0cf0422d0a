"""Fixtures of the accounts tests: the real SMTP server of the outbox tests, and
employees without an account."""

from __future__ import annotations

import re
from datetime import date

import pytest

from groeipad.accounts.tests.oidc_provider import oidc_server, sso  # noqa: F401
from groeipad.notifications.tests.conftest import smtp  # noqa: F401  (a real SMTP server)

LINK = re.compile(r"https?://[^\s]+/account/activeren/([A-Za-z0-9_-]+)/")


def token_in(text: str) -> str:
    match = LINK.search(text)
    assert match, f"no invitation link in {text!r}"
    return match.group(1)


@pytest.fixture
def newcomers(personas):
    """Three employees of the personas' organisation without an account."""
    from groeipad.people.models import Employee

    return [
        Employee.objects.create(
            employee_number=number,
            first_name=first,
            last_name="Nieuw",
            email=f"{first.lower()}@example.nl",
            department=personas.planning,
            manager=personas.alice,
            hire_date=date(2024, 1, 1),
        )
        for number, first in (("2101", "Noor"), ("2102", "Daan"), ("2103", "Sem"))
    ]
