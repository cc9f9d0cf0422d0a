"""`check --deploy` with the production settings of docs/security.md: not one warning."""

from __future__ import annotations

import os
import subprocess
import sys

PRODUCTION = {
    "GROEIPAD_DEBUG": "0",
    "GROEIPAD_BASE_URL": "https://groeipad.example.nl",
    "GROEIPAD_ALLOWED_HOSTS": "groeipad.example.nl",
    "GROEIPAD_TRUST_PROXY": "1",
    "GROEIPAD_SECRET_KEY": "check-deploy-only-not-a-real-secret-0123456789abcdefghijklmnop",
}


def test_check_deploy_is_clean_at_warning_level(tmp_path):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GROEIPAD_", "DJANGO_"))}
    env.pop("DATABASE_URL", None)
    env.update(PRODUCTION, GROEIPAD_HOME=str(tmp_path), DJANGO_SETTINGS_MODULE="groeipad.settings")
    result = subprocess.run(
        [sys.executable, "-m", "django", "check", "--deploy", "--fail-level", "WARNING"],
        env=env,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_check_deploy_warns_about_plain_http(tmp_path):
    """The check can fail: the same settings over plain HTTP are not production ones."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GROEIPAD_", "DJANGO_"))}
    env.pop("DATABASE_URL", None)
    env.update(
        PRODUCTION,
        GROEIPAD_BASE_URL="http://groeipad.example.nl",
        GROEIPAD_HOME=str(tmp_path),
        DJANGO_SETTINGS_MODULE="groeipad.settings",
    )
    result = subprocess.run(
        [sys.executable, "-m", "django", "check", "--deploy", "--fail-level", "WARNING"],
        env=env,
        capture_output=True,
        text=True,
    )
    assert result.returncode != 0
    assert "security.W004" in result.stderr + result.stdout  # no HSTS
