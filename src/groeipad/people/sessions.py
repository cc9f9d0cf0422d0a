"""Browser sessions of an account: kept at login, ended at logout or "log out everywhere".

Django keeps each session in its session store; ``UserSession`` is our index of them
per account (for the "My account" page). The handlers below are wired to Django's
``user_logged_in`` / ``user_login_failed`` / ``user_logged_out`` signals in
``people.apps`` and write the audit log: successful and failed logins (with the address
as typed, never the password) and logouts.
"""

from __future__ import annotations

import datetime
from importlib import import_module
from typing import TYPE_CHECKING

from django.conf import settings
from django.db import transaction

from groeipad.lib.actions import action, audit
from groeipad.people.models import User, UserSession
from groeipad.privacy.models import AuditAction, ObjectType
from groeipad.privacy.services import audit_record

if TYPE_CHECKING:
    from django.http import HttpRequest

    from groeipad.lib.actions import Actor

USER_AGENT_MAX = 200


def _client_of(request: HttpRequest | None) -> tuple[str, str | None]:
    if request is None:
        return "", None
    agent = request.META.get("HTTP_USER_AGENT", "")[:USER_AGENT_MAX]
    ip = request.META.get("REMOTE_ADDR") or None
    return agent, ip


def _store():
    return import_module(settings.SESSION_ENGINE).SessionStore


def on_logged_in(sender, request=None, user=None, **kwargs) -> None:
    """``user_logged_in``: index the new session and audit the login."""
    if user is None or getattr(user, "pk", None) is None:
        return
    agent, ip = _client_of(request)
    session = getattr(request, "session", None)
    with transaction.atomic():
        if session is not None:
            if session.session_key is None:
                session.save()
            UserSession.objects.update_or_create(
                session_key=session.session_key,
                defaults={"user": user, "user_agent": agent, "ip": ip},
            )
        audit_record(
            actor=user,
            action=AuditAction.LOGIN,
            object_type=ObjectType.SESSION,
            object_id=user.pk,
            summary=f"{user.email} logged in",
            changes={"result": "success", "ip": ip, "user_agent": agent},
        )


def on_login_failed(sender, credentials=None, request=None, **kwargs) -> None:
    """``user_login_failed``: audit the attempt under the address as typed (Django has
    already masked the password in ``credentials``; we keep only the username)."""
    username = str((credentials or {}).get("username") or "")[:254]
    _agent, ip = _client_of(request)
    audit_record(
        actor=None,
        action=AuditAction.LOGIN_FAILED,
        object_type=ObjectType.SESSION,
        object_id="",
        summary=f"failed login for {username or '(no address)'}",
        changes={"result": "failed", "username": username, "ip": ip},
    )


def on_logged_out(sender, request=None, user=None, **kwargs) -> None:
    """``user_logged_out``: forget the session and audit the logout."""
    if user is None or getattr(user, "pk", None) is None:
        return
    session = getattr(request, "session", None)
    key = getattr(session, "session_key", None)
    reason = getattr(request, "groeipad_logout_reason", "logout")
    with transaction.atomic():
        if key:
            UserSession.objects.filter(session_key=key).delete()
        audit_record(
            actor=user,
            action=AuditAction.LOGOUT,
            object_type=ObjectType.SESSION,
            object_id=user.pk,
            summary=f"{user.email} logged out" + (f" ({reason})" if reason != "logout" else ""),
            changes={"result": reason},
        )


def user_session_seen(*, user: User, request: HttpRequest, now: datetime.datetime) -> None:
    """The session was used at ``now`` (called at most once a minute per session).

    A session from before sessions were indexed gets its row here.
    """
    key = request.session.session_key
    if not key:
        return
    if not UserSession.objects.filter(session_key=key, user=user).update(last_seen_at=now):
        agent, ip = _client_of(request)
        UserSession.objects.update_or_create(
            session_key=key,
            defaults={"user": user, "user_agent": agent, "ip": ip, "last_seen_at": now},
        )


def user_sessions_end(
    *,
    user: User,
    keep_session_key: str | None = None,
    audited: bool = True,
    actor: Actor = None,
) -> int:
    """End the user's sessions (all but ``keep_session_key``): removed from the session
    store and from the index. How many were ended."""
    sessions = UserSession.objects.filter(user=user)
    if keep_session_key:
        sessions = sessions.exclude(session_key=keep_session_key)
    keys = list(sessions.values_list("session_key", flat=True))
    store = _store()()
    for key in keys:
        store.delete(key)
    UserSession.objects.filter(session_key__in=keys).delete()
    if audited:
        audit(
            actor=actor if actor is not None else user,
            verb=AuditAction.DELETE,
            object_type=ObjectType.SESSION,
            object_id=user.pk,
            summary=f"{len(keys)} session(s) of {user.email} ended"
            + (" (all but the current one)" if keep_session_key else ""),
            changes={"sessions_ended": len(keys)},
        )
    return len(keys)


@action
def user_sessions_end_others(*, actor: Actor, user: User, current_session_key: str | None) -> int:
    """ "Log out everywhere else": every session of ``user`` but the current one."""
    return user_sessions_end(user=user, keep_session_key=current_session_key, actor=actor)


def user_session_rekeyed(*, old_key: str | None, new_key: str | None) -> None:
    """The session got a new key (a password change cycles it): keep its row."""
    if old_key and new_key and old_key != new_key:
        UserSession.objects.filter(session_key=old_key).update(session_key=new_key)
