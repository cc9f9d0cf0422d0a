"""A real OpenID Connect provider on a free local port, for the single sign-on tests.

``oidc-provider-mock`` is a small standard provider (Flask + Authlib): discovery, the
authorization code flow, signed ID tokens, JWKS and userinfo. Its login page has a field
``sub`` and an "Authorize" button; the claims of a subject are set with
``PUT /users/<sub>``. Nothing of Groeipad's own client is replaced: every request from
Groeipad to it goes over HTTP.
"""

from __future__ import annotations

import socket
from dataclasses import dataclass
from urllib.parse import quote, urlsplit

import pytest
import requests
from django.test import override_settings

from groeipad.accounts import oidc_config

CLIENT_ID = "groeipad-tests"
CLIENT_SECRET = "not-a-real-secret"


@dataclass
class Provider:
    issuer: str

    def set_claims(self, sub: str, **claims) -> None:
        response = requests.put(f"{self.issuer}/users/{quote(sub)}", json=claims, timeout=5)
        assert response.status_code == 204, response.text

    def person(self, email: str, verified: bool | None = True, **claims) -> str:
        """A subject whose claims carry ``email`` (and ``email_verified``); its sub."""
        if verified is not None:
            claims["email_verified"] = verified
        self.set_claims(email, email=email, **claims)
        return email

    def authorize(self, authorize_url: str, sub: str) -> str:
        """Fill in the provider's login form; the callback URL it sends the browser to."""
        response = requests.post(authorize_url, data={"sub": sub}, allow_redirects=False, timeout=5)
        assert response.status_code == 302, response.text
        return response.headers["Location"]

    def deny(self, authorize_url: str) -> str:
        response = requests.post(
            authorize_url, data={"action": "deny"}, allow_redirects=False, timeout=5
        )
        assert response.status_code == 302, response.text
        return response.headers["Location"]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="session")
def oidc_server():
    import oidc_provider_mock

    with oidc_provider_mock.run_server_in_thread(require_nonce=True) as server:
        issuer = f"http://localhost:{server.server_port}"
        response = requests.get(issuer + oidc_config.DISCOVERY_PATH, timeout=5)
        assert response.status_code == 200
        yield Provider(issuer)


def sso_settings(issuer: str, **extra):
    return override_settings(
        GROEIPAD_OIDC_ISSUER=issuer,
        GROEIPAD_OIDC_CLIENT_ID=CLIENT_ID,
        GROEIPAD_OIDC_CLIENT_SECRET=CLIENT_SECRET,
        GROEIPAD_OIDC_TIMEOUT_SECONDS=5,
        **extra,
    )


@pytest.fixture
def sso(oidc_server):
    """SSO switched on against the local provider."""
    oidc_config.forget_discovery()
    with sso_settings(oidc_server.issuer):
        yield oidc_server
    oidc_config.forget_discovery()


def path_of(url: str) -> str:
    parts = urlsplit(url)
    return parts.path + (f"?{parts.query}" if parts.query else "")
