"""Bearer tokens for the API (``groeipad token create``, the "My account" page).

An unknown, expired or revoked token, or one of an account that no longer works,
answers 401 (with what is wrong when the token is ours); a read-only token on anything
but GET/HEAD/OPTIONS answers 403 naming its scope.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja.errors import AuthenticationError
from ninja.security import HttpBearer

from groeipad.people.models import TokenStatus, User
from groeipad.people.selectors import api_token_by_key
from groeipad.people.services import api_token_touch

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


class TokenRefused(AuthenticationError):
    """A token we know that no longer works: 401 with the reason as its detail."""

    def __init__(self, detail: str) -> None:
        super().__init__(status_code=401, message=detail)
        self.detail = detail


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
        now = timezone.now()
        status = record.status_at(now)
        if status == TokenStatus.REVOKED:
            raise TokenRefused(_("This API token has been revoked."))
        if status == TokenStatus.EXPIRED:
            raise TokenRefused(
                _("This API token expired on %(date)s.")
                % {"date": timezone.localtime(record.expires_at).strftime("%Y-%m-%d %H:%M")}
            )
        if record.read_only and request.method not in SAFE_METHODS:
            raise PermissionDenied(
                _("This API token has the scope 'read': it may only read (GET), not %(method)s.")
                % {"method": request.method}
            )
        # Touch last_used_at at most once a minute: no write on every request.
        if record.last_used_at is None or (now - record.last_used_at).total_seconds() > 60:
            api_token_touch(record, now)
        request.user = record.user
        request.api_token = record  # type: ignore[attr-defined]
        return record.user
