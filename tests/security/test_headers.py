"""Security headers, the CSP and the settings that follow from serving over HTTPS."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

import groeipad

PACKAGE = Path(groeipad.__file__).resolve().parent


def _directives(header: str) -> dict[str, list[str]]:
    return {
        part.split()[0]: part.split()[1:] for part in (p.strip() for p in header.split(";")) if part
    }


@pytest.mark.django_db
def test_pages_carry_the_security_headers(personas, login):
    response = login(personas.user("alice")).get("/")
    assert response.status_code == 200
    csp = _directives(response["Content-Security-Policy"])
    assert csp["default-src"] == ["'self'"]
    assert csp["script-src"] == ["'self'"]  # no 'unsafe-inline', no hosts
    assert csp["object-src"] == ["'none'"]
    assert csp["base-uri"] == ["'self'"]
    assert csp["frame-ancestors"] == ["'none'"]
    assert csp["form-action"] == ["'self'"]
    assert csp["img-src"] == ["'self'", "data:"]
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    assert response["Cache-Control"] == "no-store"


@pytest.mark.django_db
def test_the_login_page_too_and_anonymous_api_errors_are_not_stored(client):
    page = client.get("/login/")
    assert "Content-Security-Policy" in page
    api = client.get("/api/v1/plans")
    assert api.status_code == 401
    assert api["Cache-Control"] == "no-store"


def test_no_template_has_inline_script_or_event_handler():
    """The CSP refuses inline scripts: every script comes from a static file."""
    offenders = []
    for path in PACKAGE.rglob("templates/**/*.html"):
        text = path.read_text(encoding="utf-8")
        for match in re.finditer(r"<script\b[^>]*>", text):
            tag = match.group(0)
            if "src=" not in tag and 'type="application/json"' not in tag:
                offenders.append(f"{path.relative_to(PACKAGE)}: {tag}")
        for match in re.finditer(r"<[a-z][^>]*\son[a-z]+\s*=", text):
            offenders.append(f"{path.relative_to(PACKAGE)}: {match.group(0)[:80]}")
        if "javascript:" in text:
            offenders.append(f"{path.relative_to(PACKAGE)}: javascript: URL")
    assert not offenders, "\n".join(offenders)


def _settings_with(**env) -> dict:
    """The production settings as a fresh process reads them from this environment."""
    code = (
        "import json, django; from django.conf import settings; django.setup(); "
        "print(json.dumps({k: getattr(settings, k, None) for k in ("
        "'SESSION_COOKIE_SECURE','CSRF_COOKIE_SECURE','SECURE_HSTS_SECONDS',"
        "'SECURE_HSTS_INCLUDE_SUBDOMAINS','SECURE_SSL_REDIRECT','SECURE_PROXY_SSL_HEADER',"
        "'GROEIPAD_SESSION_IDLE_MINUTES','CONTENT_SECURITY_POLICY')}))"
    )
    environment = {
        key: value for key, value in os.environ.items() if not key.startswith("GROEIPAD_")
    }
    environment.update(DJANGO_SETTINGS_MODULE="groeipad.settings", GROEIPAD_HOME="/tmp", **env)
    environment.setdefault("GROEIPAD_SECRET_KEY", "x" * 60)
    out = subprocess.run(
        [sys.executable, "-c", code], env=environment, capture_output=True, text=True, check=True
    )
    return json.loads(out.stdout)


def test_over_https_cookies_are_secure_and_hsts_is_on():
    plain = _settings_with(GROEIPAD_BASE_URL="http://localhost:8000")
    assert plain["SESSION_COOKIE_SECURE"] is False
    assert plain["SECURE_HSTS_SECONDS"] == 0
    assert plain["GROEIPAD_SESSION_IDLE_MINUTES"] == 30
    https = _settings_with(GROEIPAD_BASE_URL="https://groeipad.example.nl")
    assert https["SESSION_COOKIE_SECURE"] is True
    assert https["CSRF_COOKIE_SECURE"] is True
    assert https["SECURE_HSTS_SECONDS"] == 31_536_000
    assert https["SECURE_HSTS_INCLUDE_SUBDOMAINS"] is True
    # Without a trusted proxy every request looks like http: no redirect loop.
    assert https["SECURE_SSL_REDIRECT"] is False
    forced = _settings_with(GROEIPAD_BASE_URL="http://intranet", GROEIPAD_SECURE_COOKIES="1")
    assert forced["SESSION_COOKIE_SECURE"] is True


def test_behind_a_proxy_its_scheme_is_trusted_and_http_redirects():
    proxied = _settings_with(
        GROEIPAD_BASE_URL="https://groeipad.example.nl", GROEIPAD_TRUST_PROXY="1"
    )
    assert proxied["SECURE_PROXY_SSL_HEADER"] == ["HTTP_X_FORWARDED_PROTO", "https"]
    assert proxied["SECURE_SSL_REDIRECT"] is True


def test_form_action_allows_the_sso_provider():
    with_sso = _settings_with(
        GROEIPAD_OIDC_ISSUER="https://login.microsoftonline.com/tenant-id/v2.0"
    )
    form_action = with_sso["CONTENT_SECURITY_POLICY"]["DIRECTIVES"]["form-action"]
    assert form_action == ["'self'", "https://login.microsoftonline.com"]


def test_serve_trusts_the_proxy_only_when_told(settings):
    from groeipad.cli.management.commands.serve import limits

    settings.GROEIPAD_TRUST_PROXY = False
    assert "trusted_proxy" not in limits()
    settings.GROEIPAD_TRUST_PROXY = True
    settings.GROEIPAD_PROXY_ADDRESS = "10.0.0.5"
    options = limits()
    assert options["trusted_proxy"] == "10.0.0.5"
    assert options["trusted_proxy_headers"] == {"x-forwarded-for", "x-forwarded-proto"}


def test_waitress_takes_the_proxy_options(settings):
    from waitress.adjustments import Adjustments

    from groeipad.cli.management.commands.serve import limits

    settings.GROEIPAD_TRUST_PROXY = True
    adjustments = Adjustments(**limits())
    assert adjustments.trusted_proxy == settings.GROEIPAD_PROXY_ADDRESS
    assert adjustments.max_request_body_size == 50 * 1024 * 1024


@pytest.mark.django_db
def test_a_token_page_without_an_account_is_not_stored_either(client):
    """A 360 rater's link (no account: the token is the key) shows personal data."""
    response = client.get("/feedback/not-a-token/")
    assert response.status_code == 404
    assert "no-store" in response["Cache-Control"]
    assert "no-store" in client.get("/login/")["Cache-Control"]
    assert client.get("/nergens/")["Cache-Control"] == "no-store"  # our own 404 page
