"""``groeipad check``: warn where the database does not itself protect the audit log.

Registered as database checks (they query the database), so they run with
``groeipad check`` and before ``migrate``, not on every command.
"""

from __future__ import annotations

from django.core import checks
from django.db import DatabaseError, connections

from groeipad.privacy import db


@checks.register(checks.Tags.database)
def audit_log_append_only(app_configs=None, databases=None, **kwargs) -> list[checks.CheckMessage]:
    messages: list[checks.CheckMessage] = []
    for alias in databases or ():
        connection = connections[alias]
        try:
            if not db.table_exists(connection):
                continue  # not migrated yet: the migration sets the protection up
            missing = db.missing_triggers(connection)
            powers = db.role_powers(connection)
        except DatabaseError as error:
            messages.append(
                checks.Warning(
                    f"Could not check the audit log's protection in database {alias!r}: {error}",
                    id="groeipad.W040",
                )
            )
            continue
        messages += _trigger_messages(alias, missing) + _role_messages(alias, powers)
    return messages


def _trigger_messages(alias: str, missing: list[str]) -> list[checks.CheckMessage]:
    if not missing:
        return []
    return [
        checks.Warning(
            f"The audit log in database {alias!r} is not append-only: trigger(s) "
            f"{', '.join(missing)} on {db.TABLE} are missing or disabled, so UPDATE, "
            "DELETE or TRUNCATE of audit entries would succeed.",
            hint="Run 'groeipad audit protect' as the owner of the tables.",
            id="groeipad.W041",
        )
    ]


def _role_messages(alias: str, powers: dict) -> list[checks.CheckMessage]:
    if not powers:
        return []
    if powers["owner_or_superuser"]:
        what = "a superuser" if powers["superuser"] else f"the owner of {db.TABLE}"
        return [
            checks.Warning(
                f"The application connects to database {alias!r} as role "
                f"{powers['role']!r}, {what}: the triggers refuse UPDATE, DELETE and "
                "TRUNCATE, but this role could switch them off (ALTER TABLE ... DISABLE "
                "TRIGGER) and rewrite the audit log.",
                hint="Let the owner role run migrations and 'groeipad audit prune', and "
                "the application connect as a role of its own that is not a superuser "
                "(set GROEIPAD_DB_APP_ROLE to it and run 'groeipad audit protect' as the "
                "owner to revoke its rights).",
                id="groeipad.W042",
            )
        ]
    if powers["privileges"]:
        return [
            checks.Warning(
                f"Role {powers['role']!r} still holds {', '.join(powers['privileges'])} on "
                f"{db.TABLE} in database {alias!r} (the triggers refuse them, but the "
                "rights should not be there).",
                hint=f"As the owner: REVOKE UPDATE, DELETE, TRUNCATE ON {db.TABLE} FROM "
                f"{powers['role']}, PUBLIC; or set GROEIPAD_DB_APP_ROLE and run 'groeipad audit "
                "protect' as the owner.",
                id="groeipad.W043",
            )
        ]
    return []
