"""System checks of the single sign-on settings (ids accounts.W001-W002)."""

from __future__ import annotations

from django.conf import settings
from django.core.checks import Warning, register

from groeipad.accounts import oidc_config


@register()
def check_sso_settings(app_configs=None, **kwargs):
    found = []
    parts = [
        getattr(settings, name, "")
        for name in (
            "GROEIPAD_OIDC_ISSUER",
            "GROEIPAD_OIDC_CLIENT_ID",
            "GROEIPAD_OIDC_CLIENT_SECRET",
        )
    ]
    if any(parts) and not all(parts):
        found.append(
            Warning(
                "Single sign-on is half configured, so it is off.",
                hint="Set GROEIPAD_OIDC_ISSUER, GROEIPAD_OIDC_CLIENT_ID and "
                "GROEIPAD_OIDC_CLIENT_SECRET (docs/sso.md).",
                id="accounts.W001",
            )
        )
    if not getattr(settings, "GROEIPAD_PASSWORD_LOGIN", True) and not oidc_config.sso_enabled():
        found.append(
            Warning(
                "GROEIPAD_PASSWORD_LOGIN is off but single sign-on is not configured; "
                "passwords stay on, or nobody could log in.",
                hint="Configure single sign-on (docs/sso.md) or remove GROEIPAD_PASSWORD_LOGIN.",
                id="accounts.W002",
            )
        )
    return found
