"""Accounts of leavers stop working the day after the leave date.

``leaver_accounts_deactivate`` runs daily in the worker, inside every employee import (in
the import's own transaction) and whenever an employee record with a past leave date is
saved (the admin, services). A deactivated account cannot log in, its sessions end at the
next request (Django checks ``is_active`` on every request) and its API tokens are refused.
Running it again changes nothing.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from django.db import transaction

from groeipad.people.models import User


def leaver_accounts_deactivate(*, today: date, employee_ids: Iterable[int] | None = None) -> int:
    """Deactivate the active accounts of employees whose leave date lies before ``today``."""
    from groeipad.privacy.models import AuditAction, ObjectType
    from groeipad.privacy.services import audit_record

    accounts = User.objects.filter(is_active=True, employee__leave_date__lt=today)
    if employee_ids is not None:
        accounts = accounts.filter(employee_id__in=list(employee_ids))
    with transaction.atomic():
        found = list(
            accounts.select_for_update().values_list("pk", "email", "employee__leave_date")
        )
        if not found:
            return 0
        User.objects.filter(pk__in=[pk for pk, _email, _left in found]).update(is_active=False)
        for pk, email, left in found:
            audit_record(
                actor=None,
                action=AuditAction.UPDATE,
                object_type=ObjectType.USER,
                object_id=pk,
                summary=f"Account {email} deactivated: employee left on {left}",
                changes={"is_active": [True, False]},
            )
    return len(found)
