"""``groeipad check`` runs the database checks too: the audit log's protection."""

from __future__ import annotations

from io import StringIO

from django.core.management import call_command
from django.db import connection

from groeipad.cli.main import COMMANDS


def test_groeipad_check_and_audit_are_commands():
    assert COMMANDS["check"][0] == "system_check"
    assert COMMANDS["audit"][0] == "audit"


def _check() -> str:
    out, err = StringIO(), StringIO()
    call_command("system_check", stdout=out, stderr=err)
    return out.getvalue() + err.getvalue()


def test_check_warns_when_the_audit_log_is_not_protected(db):
    assert "groeipad.W041" not in _check()
    with connection.cursor() as cursor:  # rolled back with the test's transaction
        if connection.vendor == "postgresql":
            cursor.execute("DROP TRIGGER privacy_auditevent_append_only ON privacy_auditevent")
        else:
            cursor.execute("DROP TRIGGER privacy_auditevent_no_update")
    assert "groeipad.W041" in _check()
