import io

import pytest
from django.core.management import CommandError, call_command
from django.utils import translation

from groeipad.people.models import User
from groeipad.privacy.models import AuditEvent


def test_user_create_links_account_to_employee(personas, monkeypatch):
    monkeypatch.setattr("sys.stdin", io.StringIO("een-lang-wachtwoord-42\n"))
    personas.user("dave").delete()
    call_command(
        "user",
        "create",
        "--email",
        "Dave.V@Example.nl",
        "--role",
        "employee",
        "--employee",
        "1004",
        "--password-stdin",
    )
    user = User.objects.get(email="dave.v@example.nl")
    assert user.employee == personas.dave
    assert user.check_password("een-lang-wachtwoord-42")
    assert AuditEvent.objects.filter(object_type="user", object_id=str(user.pk)).exists()


def test_user_create_refuses_unknown_employee_and_changes_nothing(personas):
    before = User.objects.count()
    with pytest.raises(CommandError, match="No employee with number 777"):
        call_command("user", "create", "--email", "x@example.nl", "--employee", "777")
    assert User.objects.count() == before


def test_user_create_refuses_weak_password(personas, monkeypatch):
    monkeypatch.setattr("sys.stdin", io.StringIO("1234\n"))
    with pytest.raises(CommandError, match="too short"):
        call_command("user", "create", "--email", "new@example.nl", "--password-stdin")
    assert not User.objects.filter(email="new@example.nl").exists()


def test_user_create_refuses_duplicate_email(personas):
    with translation.override("en"), pytest.raises(CommandError, match="already exists"):
        call_command("user", "create", "--email", "CAROL@example.nl")


def test_production_settings_hash_passwords_with_argon2():
    import groeipad.settings as production

    assert production.PASSWORD_HASHERS[0].endswith("Argon2PasswordHasher")
