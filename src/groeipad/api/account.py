"""One's own API tokens and sessions (/api/v1/account/...), and HR's view of every token
(/api/v1/tokens). The same services as the "My account" page and ``groeipad token``."""

from datetime import datetime
from typing import Literal

from django.utils import timezone
from ninja import Field, Path, Query, Router, Schema, Status
from ninja.pagination import LimitOffsetPagination, paginate

from groeipad.api.errors import service_call
from groeipad.lib.actions import ensure
from groeipad.people import scope
from groeipad.people.access import get_api_token_for_hr, get_own_api_token
from groeipad.people.models import ApiToken
from groeipad.people.selectors import (
    api_token_list_for_hr,
    api_tokens_of_user,
    user_sessions_of_user,
)
from groeipad.people.services import TOKEN_MAX_DAYS, api_token_create, api_token_revoke
from groeipad.people.sessions import user_sessions_end_others

account_router = Router(tags=["account"])
tokens_router = Router(tags=["account"])


class TokenOut(Schema):
    id: int
    name: str
    prefix: str
    scope: str
    created_at: datetime
    expires_at: datetime
    last_used_at: datetime | None
    revoked_at: datetime | None
    status: str

    @staticmethod
    def resolve_status(token: ApiToken) -> str:
        return token.status


class HrTokenOut(TokenOut):
    owner: str

    @staticmethod
    def resolve_owner(token: ApiToken) -> str:
        return token.user.email


class TokenIn(Schema):
    name: str = Field("", max_length=100)
    scope: Literal["read", "read-write"] = "read-write"
    days: int | None = Field(None, ge=1, le=TOKEN_MAX_DAYS)


class TokenCreated(TokenOut):
    key: str = Field(description="The token itself: shown this once, never again.")


class SessionOut(Schema):
    id: int
    current: bool
    user_agent: str
    created_at: datetime
    last_seen_at: datetime


class Ended(Schema):
    ended: int


class Pagination(LimitOffsetPagination):
    class Input(Schema):
        limit: int = Field(50, ge=1, le=200)
        offset: int = Field(0, ge=0, le=1_000_000_000)


@account_router.get("/tokens", response=list[TokenOut], summary="My API tokens")
def own_tokens(request):
    return api_tokens_of_user(request.user)[:200]


@account_router.post(
    "/tokens", response={201: TokenCreated}, summary="Create an API token (the key is shown once)"
)
def own_token_create(request, payload: TokenIn):
    token, key = service_call(
        lambda: api_token_create(
            actor=request.user,
            user=request.user,
            name=payload.name,
            scope=payload.scope,
            days=payload.days,
        )
    )
    token.key = key  # type: ignore[attr-defined]
    return Status(201, token)


@account_router.delete("/tokens/{token_id}", response=TokenOut, summary="Revoke my API token")
def own_token_revoke(request, token_id: int = Path(..., ge=1, le=2**62)):
    token = get_own_api_token(request.user, token_id)
    return service_call(lambda: api_token_revoke(actor=request.user, token=token))


@account_router.get("/sessions", response=list[SessionOut], summary="My browser sessions")
def own_sessions(request):
    current = getattr(getattr(request, "session", None), "session_key", None)
    return [
        SessionOut(
            id=row.pk,
            current=row.session_key == current,
            user_agent=row.user_agent,
            created_at=row.created_at,
            last_seen_at=row.last_seen_at,
        )
        for row in user_sessions_of_user(request.user)[:200]
    ]


@account_router.delete(
    "/sessions", response=Ended, summary="Log out everywhere else (every session but this one)"
)
def own_sessions_end(request):
    current = getattr(getattr(request, "session", None), "session_key", None)
    ended = user_sessions_end_others(
        actor=request.user, user=request.user, current_session_key=current
    )
    return Ended(ended=ended)


@tokens_router.get("", response=list[HrTokenOut], summary="Every API token (HR)")
@paginate(Pagination)
def hr_tokens(
    request,
    search: str = Query("", max_length=200),
    status: Literal["", "active", "expired", "revoked"] = "",
):
    """Searched by the owner's e-mail or name; filtered by status. Paged."""
    ensure(scope.is_hr(request.viewer))
    return api_token_list_for_hr(search=search, status=status, now=timezone.now())


@tokens_router.delete("/{token_id}", response=HrTokenOut, summary="Revoke any API token (HR)")
def hr_token_revoke(request, token_id: int = Path(..., ge=1, le=2**62)):
    token = get_api_token_for_hr(request.viewer, token_id)
    return service_call(lambda: api_token_revoke(actor=request.viewer, token=token))
