"""Single sign-on configuration: is it on, and where does the provider live.

SSO is on when ``GROEIPAD_OIDC_ISSUER``, ``GROEIPAD_OIDC_CLIENT_ID`` and
``GROEIPAD_OIDC_CLIENT_SECRET`` are all set. Everything here reads the settings when it
is called, not at import, so settings import (and the site runs) with the provider down,
and tests can switch SSO on with ``override_settings``.

The provider's endpoints come from its discovery document
(``{issuer}/.well-known/openid-configuration``), fetched on first use and kept for an
hour; a failed fetch is not kept, so the next login tries again.
"""

from __future__ import annotations

import threading
import time
from typing import Any

import requests
from django.conf import settings
from django.urls import reverse

DISCOVERY_PATH = "/.well-known/openid-configuration"
DISCOVERY_TTL_SECONDS = 3600
# Every standard provider signs ID tokens with RS256 (OpenID Connect Core 15.1);
# Entra ID, Keycloak and Google do by default.
SIGN_ALGORITHM = "RS256"
REQUIRED_ENDPOINTS = ("issuer", "authorization_endpoint", "token_endpoint", "jwks_uri")

_cache: dict[str, tuple[float, dict[str, Any]]] = {}
_lock = threading.Lock()


class ProviderUnavailable(Exception):
    """The identity provider could not be reached or gave no usable answer."""

    def __init__(self, message: str, *, status: int = 503):
        super().__init__(message)
        # 503: not reachable (connection refused, timeout); 502: it answered wrongly.
        self.status = status


def sso_enabled() -> bool:
    return bool(
        getattr(settings, "GROEIPAD_OIDC_ISSUER", None)
        and getattr(settings, "GROEIPAD_OIDC_CLIENT_ID", None)
        and getattr(settings, "GROEIPAD_OIDC_CLIENT_SECRET", None)
    )


def password_login_enabled() -> bool:
    """Passwords work unless turned off; they cannot be turned off without SSO (a
    system check warns), or nobody could log in."""
    return bool(getattr(settings, "GROEIPAD_PASSWORD_LOGIN", True)) or not sso_enabled()


def button_label() -> str:
    return str(getattr(settings, "GROEIPAD_OIDC_BUTTON_LABEL", "") or "Microsoft")


def issuer() -> str:
    return str(settings.GROEIPAD_OIDC_ISSUER).rstrip("/")


def timeout() -> float:
    return float(getattr(settings, "GROEIPAD_OIDC_TIMEOUT_SECONDS", 10))


def discovery() -> dict[str, Any]:
    """The provider's discovery document (cached); ``ProviderUnavailable`` if none."""
    url = issuer() + DISCOVERY_PATH
    now = time.monotonic()
    with _lock:
        cached = _cache.get(url)
    if cached and now - cached[0] < DISCOVERY_TTL_SECONDS:
        return cached[1]
    document = _fetch(url)
    with _lock:
        _cache[url] = (now, document)
    return document


def forget_discovery() -> None:
    """Drop the cached documents (tests; a provider that moved its endpoints)."""
    with _lock:
        _cache.clear()


def _fetch(url: str) -> dict[str, Any]:
    try:
        response = requests.get(url, timeout=timeout())
    except requests.RequestException as error:
        raise ProviderUnavailable(f"{url}: {error}") from error
    if response.status_code != 200:
        raise ProviderUnavailable(f"{url}: HTTP {response.status_code}", status=502)
    try:
        document = response.json()
    except ValueError as error:
        raise ProviderUnavailable(f"{url}: not JSON", status=502) from error
    if not isinstance(document, dict) or not all(
        isinstance(document.get(key), str) for key in REQUIRED_ENDPOINTS
    ):
        raise ProviderUnavailable(f"{url}: lacks {', '.join(REQUIRED_ENDPOINTS)}", status=502)
    return document


def callback_path() -> str:
    return reverse("oidc:callback")


# What mozilla-django-oidc reads through ``get_settings``, answered from our settings
# and the discovery document instead of fixed OIDC_* settings.
_FROM_DISCOVERY = {
    "OIDC_OP_AUTHORIZATION_ENDPOINT": "authorization_endpoint",
    "OIDC_OP_TOKEN_ENDPOINT": "token_endpoint",
    "OIDC_OP_USER_ENDPOINT": "userinfo_endpoint",
    "OIDC_OP_JWKS_ENDPOINT": "jwks_uri",
}


def library_setting(attr: str, *default: Any) -> Any:
    """The value of an ``OIDC_*`` setting of mozilla-django-oidc."""
    if attr in _FROM_DISCOVERY:
        return discovery().get(_FROM_DISCOVERY[attr])
    fixed: dict[str, Any] = {
        "OIDC_RP_CLIENT_ID": getattr(settings, "GROEIPAD_OIDC_CLIENT_ID", None),
        "OIDC_RP_CLIENT_SECRET": getattr(settings, "GROEIPAD_OIDC_CLIENT_SECRET", None),
        "OIDC_RP_SIGN_ALGO": SIGN_ALGORITHM,
        # profile: Entra ID sends preferred_username only with it.
        "OIDC_RP_SCOPES": "openid email profile",
        "OIDC_USE_NONCE": True,
        "OIDC_USE_PKCE": True,
        "OIDC_TIMEOUT": timeout(),
        "OIDC_CREATE_USER": True,  # create_user itself refuses non-employees
        "OIDC_AUTHENTICATION_CALLBACK_URL": "oidc:callback",
        "LOGIN_REDIRECT_URL_FAILURE": reverse("oidc:failed"),
    }
    if attr in fixed:
        return fixed[attr]
    if default:
        return getattr(settings, attr, default[0])
    return getattr(settings, attr)
