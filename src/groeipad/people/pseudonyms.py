"""The pseudonym an erased person's records carry: ``verwijderd-<10 hex>``.

Derived from the employee's id with the installation's secret key, so erasing twice
gives the same pseudonym (nothing changes the second time), and the pseudonym reveals
neither the name nor the employee number it replaced.
"""

from __future__ import annotations

import hashlib
import hmac

from django.conf import settings

from groeipad.people.models import Employee

PREFIX = "verwijderd-"
# A reserved top-level domain: mail to a pseudonym can never be delivered.
DOMAIN = "verwijderd.invalid"


def pseudonym_of(employee_id: int) -> str:
    digest = hmac.new(
        settings.SECRET_KEY.encode(), f"employee:{employee_id}".encode(), hashlib.sha256
    ).hexdigest()
    return f"{PREFIX}{digest[:10]}"


def pseudonym_email(employee_id: int) -> str:
    return f"{pseudonym_of(employee_id)}@{DOMAIN}"


def is_pseudonymised(employee: Employee) -> bool:
    return employee.employee_number == pseudonym_of(employee.pk)
