"""Bearer tokens for the API (``groeipad token create``)."""

from __future__ import annotations

from django.http import HttpRequest
from django.utils import timezone
from ninja.security import HttpBearer

from groeipad.people.models import User
from groeipad.people.selectors import api_token_by_key
from groeipad.people.services import api_token_touch


def _has_left(user: User) -> bool:
    """A leaver's token stops the day after the leave date, even before the daily
    deactivation has run."""
    employee = user.employee
    return bool(employee and employee.leave_date and employee.leave_date < timezone.localdate())


class BearerToken(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str) -> User | None:
        record = api_token_by_key(token)
        if record is None:
            return None
        if not record.user.is_active or _has_left(record.user):
            return None
        # Touch last_used_at at most once a minute: no write on every request.
        now = timezone.now()
        if record.last_used_at is None or (now - record.last_used_at).total_seconds() > 60:
            api_token_touch(record, now)
        request.user = record.user
        return record.user
