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
    """Let a test database's flush empty the append-only audit log.

    Transactional tests (``transactional_db``, ``live_server``: the browser tests) end
    with Django's flush, a TRUNCATE (PostgreSQL) or DELETE (SQLite) of every table, which
    the audit log's triggers refuse. The flush, and only the flush, runs with the
    protection lifted (``privacy.db.protection_lifted``), which puts it back afterwards.
    """
    from django.db.backends.base.operations import BaseDatabaseOperations

    from groeipad.privacy import db as audit_db

    original = BaseDatabaseOperations.execute_sql_flush
    if getattr(original, "lifts_audit_protection", False):
        return

    def execute_sql_flush(self, sql_list):
        if not any(audit_db.TABLE in sql for sql in sql_list):
            return original(self, sql_list)
        with audit_db.protection_lifted(self.connection):
            return original(self, sql_list)

    execute_sql_flush.lifts_audit_protection = True
    BaseDatabaseOperations.execute_sql_flush = execute_sql_flush
