"""The database itself refuses to rewrite the audit log, through the app's own connection."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.management import CommandError, call_command
from django.db import DatabaseError, connection, transaction
from django.utils import timezone

from groeipad.privacy import checks
from groeipad.privacy import db as audit_db
from groeipad.privacy.models import AuditAction, AuditEvent, ObjectType
from groeipad.privacy.services import audit_record

PG = connection.vendor == "postgresql"


def _event(at: dt.datetime | None = None, summary: str = "created") -> AuditEvent:
    return AuditEvent.objects.create(
        actor_label="system",
        action=AuditAction.CREATE,
        object_type=ObjectType.EMPLOYEE,
        object_id="1001",
        summary=summary,
        **({"at": at} if at else {}),
    )


def _refused(sql: str, params=()) -> None:
    with (
        pytest.raises(DatabaseError, match="append-only"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute(sql, params)


@pytest.fixture
def event(db):
    return _event()


def test_update_in_sql_is_refused(event):
    _refused("UPDATE privacy_auditevent SET summary = 'rewritten' WHERE id = %s", [event.pk])
    _refused("UPDATE privacy_auditevent SET summary = 'rewritten'")
    assert AuditEvent.objects.get(pk=event.pk).summary == "created"


def test_delete_in_sql_is_refused(event):
    _refused("DELETE FROM privacy_auditevent WHERE id = %s", [event.pk])
    _refused("DELETE FROM privacy_auditevent")  # SQLite's way to empty a table
    assert AuditEvent.objects.filter(pk=event.pk).exists()


@pytest.mark.skipif(not PG, reason="TRUNCATE is PostgreSQL's (SQLite empties with DELETE)")
def test_truncate_is_refused_on_postgresql(event):
    _refused("TRUNCATE privacy_auditevent")
    _refused("TRUNCATE privacy_auditevent RESTART IDENTITY CASCADE")
    assert AuditEvent.objects.filter(pk=event.pk).exists()


def test_insert_in_sql_works(db):
    with connection.cursor() as cursor:
        cursor.execute(
            "INSERT INTO privacy_auditevent (at, actor_label, action, object_type, object_id,"
            " summary, changes) VALUES (%s, 'system', 'create', 'employee', '7', 'sql', '{}')",
            [timezone.now()],
        )
    assert AuditEvent.objects.get(summary="sql").object_id == "7"


def test_every_trigger_is_in_place_after_migrating(db):
    assert audit_db.missing_triggers(connection) == []
    assert checks.audit_log_append_only(databases=["default"]) == [] or PG


# --- Pruning: the one way past the protection ---------------------------------------------


def _aware(*args) -> dt.datetime:
    return timezone.make_aware(dt.datetime(*args))


@pytest.fixture
def history(db):
    """Entries on both sides of 1 January 2020 00:00 (Amsterdam), to the second."""
    return {
        "old": _event(_aware(2012, 5, 1, 12, 0), "old"),
        "last_before": _event(_aware(2019, 12, 31, 23, 59, 59), "last before"),
        "at_cutoff": _event(_aware(2020, 1, 1, 0, 0, 0), "at the cutoff"),
        "recent": _event(summary="recent"),
    }


def test_prune_removes_exactly_the_entries_before_the_date(history, capsys):
    call_command("audit", "prune", "--before", "2020-01-01")
    left = set(
        AuditEvent.objects.exclude(action=AuditAction.PRUNE).values_list("summary", flat=True)
    )
    assert left == {"at the cutoff", "recent"}
    assert "Removed 2 audit entries from before 2020-01-01 00:00" in capsys.readouterr().out
    record = AuditEvent.objects.get(action=AuditAction.PRUNE)
    assert record.object_type == ObjectType.AUDIT_LOG
    assert record.changes["removed"] == 2
    assert record.changes["before"].startswith("2020-01-01T00:00:00")


def test_prune_leaves_the_protection_in_place(history):
    call_command("audit", "prune", "--before", "2020-01-01")
    assert audit_db.missing_triggers(connection) == []
    _refused("DELETE FROM privacy_auditevent")
    _refused("UPDATE privacy_auditevent SET summary = 'x'")
    if PG:
        _refused("TRUNCATE privacy_auditevent")


def test_prune_dry_run_counts_and_changes_nothing(history, capsys):
    call_command("audit", "prune", "--before", "2020-01-01", "--dry-run")
    assert "Would remove 2 audit entries" in capsys.readouterr().out
    assert AuditEvent.objects.count() == 4


def test_prune_by_default_keeps_the_audit_retention_of_seven_years(history, settings):
    settings.GROEIPAD_RETENTION_DAYS = {"audit": 7 * 365}
    seven_years_ago = timezone.now() - dt.timedelta(days=7 * 365)
    expected = set(
        AuditEvent.objects.filter(at__gte=seven_years_ago).values_list("summary", flat=True)
    )
    call_command("audit", "prune")
    left = set(
        AuditEvent.objects.exclude(action=AuditAction.PRUNE).values_list("summary", flat=True)
    )
    assert left == expected
    assert "old" not in left and "recent" in left


def test_prune_older_than_days(history):
    audit_record(
        actor=None, action=AuditAction.CREATE, object_type=ObjectType.EMPLOYEE, summary="x"
    )
    call_command("audit", "prune", "--older-than-days", "1")
    left = set(
        AuditEvent.objects.exclude(action=AuditAction.PRUNE).values_list("summary", flat=True)
    )
    assert left == {"recent", "x"}


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["--before", "31-12-2019"], "--before: '31-12-2019' is not a date"),
        (["--before", "2999-01-01"], "future"),
        (["--older-than-days", "0"], "--older-than-days: 0 must be 1 or more"),
    ],
)
def test_prune_refuses_bad_input_and_changes_nothing(history, arguments, message):
    with pytest.raises(CommandError, match=message):
        call_command("audit", "prune", *arguments)
    assert AuditEvent.objects.count() == 4


def test_list_prints_a_filtered_page_newest_first(history, capsys):
    call_command("audit", "list", "--since", "2019-12-31", "--until", "2020-01-01")
    lines = capsys.readouterr().out.splitlines()
    assert [line.rsplit("  ", 1)[-1] for line in lines] == ["at the cutoff", "last before"]


def test_list_refuses_a_bad_filter(history):
    with pytest.raises(CommandError, match="action"):
        call_command("audit", "list", "--action", "rewrite")


# --- The check ---------------------------------------------------------------------------


def _ids() -> list[str]:
    return [message.id for message in checks.audit_log_append_only(databases=["default"])]


def test_check_warns_when_a_trigger_is_missing(db):
    assert "groeipad.W041" not in _ids()
    name = "privacy_auditevent_no_truncate" if PG else "privacy_auditevent_no_delete"
    with connection.cursor() as cursor:  # rolled back with the test's transaction
        cursor.execute(f"DROP TRIGGER {name}" + (f" ON {audit_db.TABLE}" if PG else ""))
    warnings = checks.audit_log_append_only(databases=["default"])
    assert [w.id for w in warnings if w.id == "groeipad.W041"] == ["groeipad.W041"]
    assert name in next(w.msg for w in warnings if w.id == "groeipad.W041")


@pytest.mark.skipif(not PG, reason="PostgreSQL: a disabled trigger")
def test_check_warns_when_a_trigger_is_disabled(db):
    with connection.cursor() as cursor:
        cursor.execute(
            f"ALTER TABLE {audit_db.TABLE} DISABLE TRIGGER privacy_auditevent_append_only"
        )
    assert "groeipad.W041" in _ids()


@pytest.mark.skipif(not PG, reason="PostgreSQL roles")
def test_check_warns_that_an_owner_or_superuser_could_switch_the_triggers_off(db):
    assert "groeipad.W042" in _ids()


@pytest.fixture
def app_role(db):
    """A login-less role that is not the owner, with every right on the table granted."""
    role = "gp_audit_test_app_role"
    with connection.cursor() as cursor:  # all rolled back with the test's transaction
        cursor.execute(f"CREATE ROLE {role}")
        cursor.execute(f"GRANT ALL ON {audit_db.TABLE} TO {role}")
    yield role
    with connection.cursor() as cursor:
        cursor.execute("RESET ROLE")


@pytest.mark.skipif(not PG, reason="PostgreSQL roles")
def test_check_warns_when_the_app_role_still_holds_the_rights_and_revoke_removes_them(app_role):
    with connection.cursor() as cursor:
        cursor.execute(f"SET ROLE {app_role}")
    assert _ids() == ["groeipad.W043"]
    assert audit_db.role_powers(connection)["privileges"] == ["UPDATE", "DELETE", "TRUNCATE"]
    # The application's role cannot revoke anything: it says so, and fails nothing.
    assert "could not revoke" in audit_db.revoke(connection)
    with connection.cursor() as cursor:
        cursor.execute("RESET ROLE")
    assert audit_db.revoke(connection, app_role).startswith("revoked UPDATE, DELETE, TRUNCATE")
    with connection.cursor() as cursor:
        cursor.execute(f"SET ROLE {app_role}")
    assert _ids() == []


@pytest.mark.skipif(not PG, reason="PostgreSQL roles")
def test_prune_as_the_app_role_is_refused_and_names_the_owner(app_role, history):
    with connection.cursor() as cursor:
        cursor.execute(f"SET ROLE {app_role}")
    with pytest.raises(CommandError, match="Only the owner of privacy_auditevent"):
        call_command("audit", "prune", "--before", "2020-01-01")
    assert AuditEvent.objects.count() == 4


# --- The test database's flush -----------------------------------------------------------


@pytest.mark.django_db(transaction=True)
def test_a_transactional_test_writes_to_the_log():
    audit_record(
        actor=None, action=AuditAction.CREATE, object_type=ObjectType.EMPLOYEE, summary="t"
    )
    assert AuditEvent.objects.count() == 1


@pytest.mark.django_db(transaction=True)
def test_the_flush_after_it_emptied_the_log_and_restored_the_protection():
    assert AuditEvent.objects.count() == 0
    assert audit_db.missing_triggers(connection) == []
    _event()
    _refused("DELETE FROM privacy_auditevent")


def test_protect_puts_a_missing_trigger_back(db, capsys):
    name = "privacy_auditevent_append_only" if PG else "privacy_auditevent_no_delete"
    with connection.cursor() as cursor:
        cursor.execute(f"DROP TRIGGER {name}" + (f" ON {audit_db.TABLE}" if PG else ""))
    assert audit_db.missing_triggers(connection) == [name]
    call_command("audit", "protect")
    assert audit_db.missing_triggers(connection) == []
    assert "Triggers in place" in capsys.readouterr().out
    _event()
    _refused("DELETE FROM privacy_auditevent")


def test_migrate_puts_back_a_trigger_a_table_rebuild_lost(db):
    from django.apps import apps
    from django.db.models.signals import post_migrate

    name = "privacy_auditevent_no_truncate" if PG else "privacy_auditevent_no_update"
    with connection.cursor() as cursor:
        cursor.execute(f"DROP TRIGGER {name}" + (f" ON {audit_db.TABLE}" if PG else ""))
    config = apps.get_app_config("privacy")
    post_migrate.send(sender=config, app_config=config, using="default", verbosity=0)
    assert audit_db.missing_triggers(connection) == []
