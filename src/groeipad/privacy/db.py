"""The audit log's protection in the database itself: the one place its SQL lives.

The ORM refuses to change or remove an audit entry (``AuditQuerySet``), but a shell, a
hand-written query or a compromised application could still. So the database refuses
too, whoever asks:

- **SQLite**: two triggers abort every UPDATE and every DELETE on the table.
- **PostgreSQL**: a trigger function refuses UPDATE and DELETE (row triggers) and
  TRUNCATE (a statement trigger). Triggers hold for every role, the table's owner and
  superusers included; only the owner (or a superuser) can switch them off, with
  ``ALTER TABLE ... DISABLE TRIGGER``. Where the migration has the rights, it also
  revokes UPDATE, DELETE and TRUNCATE from the application's role, which matters when
  that role is not the owner (production: the owner runs migrations and the prune
  command, the application connects as a role of its own).

Used by the migration, ``groeipad check`` (``groeipad.W041``-``W043``), the
``groeipad audit prune`` command and the test suite's database flush.
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Iterator

from django.conf import settings
from django.db import DatabaseError, transaction
from django.db.backends.base.base import BaseDatabaseWrapper

logger = logging.getLogger(__name__)

TABLE = "privacy_auditevent"
MESSAGE = "The audit log is append-only"

SQLITE_TRIGGERS = {
    "privacy_auditevent_no_update": (
        f"CREATE TRIGGER privacy_auditevent_no_update BEFORE UPDATE ON {TABLE} "
        f"BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END"
    ),
    "privacy_auditevent_no_delete": (
        f"CREATE TRIGGER privacy_auditevent_no_delete BEFORE DELETE ON {TABLE} "
        f"BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END"
    ),
}

PG_FUNCTION = "privacy_audit_append_only"
PG_FUNCTION_SQL = (
    f"CREATE OR REPLACE FUNCTION {PG_FUNCTION}() RETURNS trigger AS $$ "
    f"BEGIN RAISE EXCEPTION '{MESSAGE}' USING ERRCODE = 'insufficient_privilege'; END; "
    "$$ LANGUAGE plpgsql"
)
PG_TRIGGERS = {
    "privacy_auditevent_append_only": (
        f"CREATE TRIGGER privacy_auditevent_append_only BEFORE UPDATE OR DELETE ON {TABLE} "
        f"FOR EACH ROW EXECUTE FUNCTION {PG_FUNCTION}()"
    ),
    "privacy_auditevent_no_truncate": (
        f"CREATE TRIGGER privacy_auditevent_no_truncate BEFORE TRUNCATE ON {TABLE} "
        f"FOR EACH STATEMENT EXECUTE FUNCTION {PG_FUNCTION}()"
    ),
}
REVOKED = ("UPDATE", "DELETE", "TRUNCATE")


class ProtectionError(Exception):
    """The protection cannot be lifted with this connection (not the table's owner)."""


def trigger_names(connection: BaseDatabaseWrapper) -> tuple[str, ...]:
    if connection.vendor == "sqlite":
        return tuple(SQLITE_TRIGGERS)
    if connection.vendor == "postgresql":
        return tuple(PG_TRIGGERS)
    return ()


# --- Setting up ------------------------------------------------------------------------


def install(connection: BaseDatabaseWrapper) -> None:
    """Create (or re-create) the triggers; safe to run again."""
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            for name, sql in SQLITE_TRIGGERS.items():
                cursor.execute(f"DROP TRIGGER IF EXISTS {name}")
                cursor.execute(sql)
        elif connection.vendor == "postgresql":
            cursor.execute(PG_FUNCTION_SQL)
            for name, sql in PG_TRIGGERS.items():
                cursor.execute(f"DROP TRIGGER IF EXISTS {name} ON {TABLE}")
                cursor.execute(sql)


def uninstall(connection: BaseDatabaseWrapper) -> None:
    """Remove the triggers (the migration's way back)."""
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            for name in SQLITE_TRIGGERS:
                cursor.execute(f"DROP TRIGGER IF EXISTS {name}")
        elif connection.vendor == "postgresql":
            for name in PG_TRIGGERS:
                cursor.execute(f"DROP TRIGGER IF EXISTS {name} ON {TABLE}")
            cursor.execute(f"DROP FUNCTION IF EXISTS {PG_FUNCTION}()")


def app_role() -> str | None:
    """The application's own PostgreSQL role, if it differs from the migrating one.

    Setting ``GROEIPAD_DB_APP_ROLE`` (environment of the same name); empty: the role the
    migration connects as.
    """
    return getattr(settings, "GROEIPAD_DB_APP_ROLE", "") or None


def revoke(connection: BaseDatabaseWrapper, role: str | None = None) -> str:
    """Revoke UPDATE, DELETE and TRUNCATE on the table from the application's role.

    Never fails: without the rights (or when the role is the owner, who could grant
    them back to themself) it says why and changes nothing. Returns what it did.
    """
    if connection.vendor != "postgresql":
        return "not PostgreSQL: nothing to revoke"
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT current_user, pg_get_userbyid(c.relowner) FROM pg_class c "
            "WHERE c.oid = %s::regclass",
            [TABLE],
        )
        current, owner = cursor.fetchone()
    target = role or app_role() or current
    if target == owner:
        return f"role {target} owns {TABLE}: privileges left alone (triggers protect it)"
    privileges = ", ".join(REVOKED)
    try:
        with transaction.atomic(using=connection.alias), connection.cursor() as cursor:
            quoted = connection.ops.quote_name(target)
            cursor.execute(f"REVOKE {privileges} ON {TABLE} FROM PUBLIC")
            cursor.execute(f"REVOKE {privileges} ON {TABLE} FROM {quoted}")
        # Without the grant option PostgreSQL only warns and revokes nothing: ask.
        with connection.cursor() as cursor:
            kept = []
            for privilege in REVOKED:
                cursor.execute("SELECT has_table_privilege(%s, %s, %s)", [target, TABLE, privilege])
                if cursor.fetchone()[0]:
                    kept.append(privilege)
    except DatabaseError as error:
        logger.warning("Could not revoke %s on %s from %s: %s", privileges, TABLE, target, error)
        return f"could not revoke from {target}: {error}"
    if kept:
        logger.warning("Could not revoke %s on %s from %s", ", ".join(kept), TABLE, target)
        return f"could not revoke {', '.join(kept)} from {target} (only the owner of {TABLE} can)"
    return f"revoked {privileges} on {TABLE} from {target}"


# --- Checking --------------------------------------------------------------------------


def table_exists(connection: BaseDatabaseWrapper) -> bool:
    with connection.cursor() as cursor:
        return TABLE in connection.introspection.table_names(cursor)


def missing_triggers(connection: BaseDatabaseWrapper) -> list[str]:
    """The protecting triggers that are absent (or, on PostgreSQL, disabled)."""
    expected = trigger_names(connection)
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute(
                "SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = %s",
                [TABLE],
            )
        elif connection.vendor == "postgresql":
            cursor.execute(
                "SELECT tgname FROM pg_trigger WHERE tgrelid = %s::regclass "
                "AND NOT tgisinternal AND tgenabled <> 'D'",
                [TABLE],
            )
        else:
            return []
        present = {row[0] for row in cursor.fetchall()}
    return [name for name in expected if name not in present]


def role_powers(connection: BaseDatabaseWrapper) -> dict:
    """What the connected role may do to the table (PostgreSQL; empty elsewhere).

    ``owner_or_superuser``: it can switch the triggers off (ALTER TABLE ... DISABLE
    TRIGGER), so the database alone does not stop it. ``privileges``: which of UPDATE,
    DELETE and TRUNCATE it still holds (the triggers refuse them, but a role that is
    not the owner should not hold them at all).
    """
    if connection.vendor != "postgresql":
        return {}
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT current_user, pg_get_userbyid(c.relowner), "
            "(SELECT rolsuper FROM pg_roles WHERE rolname = current_user), "
            "pg_has_role(current_user, c.relowner, 'USAGE') "
            "FROM pg_class c WHERE c.oid = %s::regclass",
            [TABLE],
        )
        role, owner, superuser, member_of_owner = cursor.fetchone()
        held = []
        for privilege in REVOKED:
            cursor.execute("SELECT has_table_privilege(%s, %s)", [TABLE, privilege])
            if cursor.fetchone()[0]:
                held.append(privilege)
    return {
        "role": role,
        "owner": owner,
        "superuser": bool(superuser),
        "owner_or_superuser": bool(superuser or member_of_owner),
        "privileges": held,
    }


# --- Lifting it, for the one maintenance command and a test database's flush -----------


@contextlib.contextmanager
def protection_lifted(connection: BaseDatabaseWrapper) -> Iterator[None]:
    """Run the block with the triggers off, in one transaction, and put them back.

    SQLite drops and re-creates the triggers; PostgreSQL disables and re-enables them
    (``ALTER TABLE ... DISABLE TRIGGER USER``: only the owner or a superuser may). Both
    are transactional, so no other connection ever sees the table unprotected, and a
    failure inside the block restores the protection with the rollback.
    """
    with transaction.atomic(using=connection.alias):
        if connection.vendor == "postgresql":
            try:
                with transaction.atomic(using=connection.alias), connection.cursor() as cursor:
                    cursor.execute(f"ALTER TABLE {TABLE} DISABLE TRIGGER USER")
            except DatabaseError as error:
                raise ProtectionError(
                    f"Only the owner of {TABLE} may lift the audit log's protection; connect "
                    f"with the owner's DATABASE_URL ({error})"
                ) from error
            yield
            with connection.cursor() as cursor:
                cursor.execute(f"ALTER TABLE {TABLE} ENABLE TRIGGER USER")
        elif connection.vendor == "sqlite":
            with connection.cursor() as cursor:
                for name in SQLITE_TRIGGERS:
                    cursor.execute(f"DROP TRIGGER IF EXISTS {name}")
            yield
            install(connection)
        else:
            yield
