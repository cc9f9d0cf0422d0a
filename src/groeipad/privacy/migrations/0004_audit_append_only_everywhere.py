"""The audit log refuses UPDATE, DELETE and TRUNCATE in the database (privacy.db).

SQLite: triggers on UPDATE and DELETE. PostgreSQL: row triggers on UPDATE and DELETE and
a statement trigger on TRUNCATE, for every role; and, where the migrating role has the
rights, the application's role loses UPDATE, DELETE and TRUNCATE on the table (never
failing the migration when it cannot).
"""

from django.db import migrations

from groeipad.privacy import db


def forwards(apps, schema_editor):
    connection = schema_editor.connection
    db.install(connection)
    db.revoke(connection)


def backwards(apps, schema_editor):
    # Back to 0002's protection: the UPDATE trigger (SQLite), UPDATE and DELETE (PG).
    connection = schema_editor.connection
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("DROP TRIGGER IF EXISTS privacy_auditevent_no_delete")
        elif connection.vendor == "postgresql":
            cursor.execute(f"DROP TRIGGER IF EXISTS privacy_auditevent_no_truncate ON {db.TABLE}")


class Migration(migrations.Migration):
    dependencies = [("privacy", "0003_audit_read")]
    operations = [migrations.RunPython(forwards, backwards)]
