"""Suite-wide set-up that must happen before any test module is imported."""

from __future__ import annotations


def pytest_configure(config):
    """Compile the Dutch catalogue before anything asks Django for a translation.

    Modules translate some texts at import (command help, for one); if that happened
    before the .mo file existed, Django would keep an empty catalogue for the whole
    run and a fresh clone's first test run would see English everywhere.
    """
    from django.conf import settings
    from django.utils.translation import trans_real

    from groeipad.lib.translations import compile_catalogues

    compile_catalogues(settings.PACKAGE_DIR / "locale", settings.HOME / "locale")
    trans_real._translations = {}
    trans_real._default = None


def pytest_sessionstart(session):
    from groeipad.conftest import lift_audit_protection_for_flush

    lift_audit_protection_for_flush()
