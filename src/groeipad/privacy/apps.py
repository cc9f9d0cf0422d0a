from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class PrivacyConfig(AppConfig):
    name = "groeipad.privacy"
    label = "privacy"
    verbose_name = _("Privacy and audit")

    def ready(self) -> None:
        from groeipad.privacy import checks  # noqa: F401  (registers the system checks)

        post_migrate.connect(_protect_audit_log, sender=self)


def _protect_audit_log(sender, using: str = "default", **kwargs) -> None:
    """After every migrate: put back a trigger a later migration lost (SQLite rebuilds a
    table for some schema changes, and the rebuilt table has no triggers)."""
    import logging

    from django.db import DatabaseError, connections, transaction

    from groeipad.privacy import db

    connection = connections[using]
    try:
        if db.table_exists(connection) and db.missing_triggers(connection):
            with transaction.atomic(using=using):
                db.install(connection)
    except DatabaseError as error:  # not the owner: `groeipad check` says so
        logging.getLogger(__name__).warning("Could not protect the audit log: %s", error)
