"""``groeipad accounts ...`` and the employee import's invitation option (page and
``--invite``): invitations only after a successful import; a refused file changes
nothing. A returning employee's account, ended by the leaver process, comes back with
the re-import; one HR deactivated does not."""

from __future__ import annotations

import io
from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.utils import timezone, translation

from groeipad.accounts import services
from groeipad.accounts.models import AccountInvitation
from groeipad.accounts.tests.conftest import token_in
from groeipad.cli.main import COMMANDS
from groeipad.notifications.models import OutgoingEmail
from groeipad.notifications.services import emails_deliver_due
from groeipad.people.accounts import leaver_accounts_deactivate
from groeipad.people.models import Employee, User

pytestmark = pytest.mark.django_db
HEADER = "personeelsnummer;voornaam;achternaam;e-mail;afdeling;datum in dienst;datum uit dienst;reden uit dienst\r\n"


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


def run(*args) -> str:
    out = io.StringIO()
    call_command(*args, stdout=out, stderr=io.StringIO())
    return out.getvalue()


def _csv(*rows: str) -> bytes:
    return (HEADER + "".join(row + "\r\n" for row in rows)).encode()


def test_the_command_is_listed():
    assert COMMANDS["accounts"][0] == "accounts"


def test_command_invites_by_number_and_all_without_account(personas, newcomers):
    out = run("accounts", "invite", "2101", "1003")
    assert "1 invited" in out and "skipped 1003" in out
    out = run("accounts", "invite", "--all-without-account")
    assert "2 invited, 1 invited again" in out  # 2102, 2103 new; 2101 a fresh link
    assert AccountInvitation.objects.filter(voided_at__isnull=True).count() == 3
    with pytest.raises(CommandError, match="no employee with number 7777"):
        run("accounts", "invite", "7777")
    with pytest.raises(CommandError):
        run("accounts", "invite")


def test_command_deactivates_reactivates_and_lists(personas):
    assert "deactivated" in run("accounts", "deactivate", "Dave@Example.nl")
    assert not User.objects.get(employee=personas.dave).is_active
    listed = run("accounts", "list", "--status", "deactivated")
    assert listed.splitlines() == [listed.splitlines()[0]]
    assert listed.startswith("dave@example.nl\t1004\temployee\tdeactivated")
    assert "reactivated" in run("accounts", "reactivate", "dave@example.nl")
    assert User.objects.get(employee=personas.dave).is_active
    with pytest.raises(CommandError, match="no account"):
        run("accounts", "deactivate", "nobody@example.nl")


def test_import_with_invite_invites_everyone_without_an_account(personas, tmp_path):
    path = tmp_path / "staff.csv"
    path.write_bytes(
        _csv(
            "3001;Ilse;Import;ilse@example.nl;Sales;01-02-2024;;",
            "3002;Joep;Import;joep@example.nl;Sales;01-02-2024;;",
        )
    )
    out = run("import_data", "employees", str(path), "--invite")
    assert "Invitations: 2 invited" in out
    assert set(OutgoingEmail.objects.values_list("to", flat=True)) == {
        "ilse@example.nl",
        "joep@example.nl",
    }
    # Without --invite nothing is sent.
    path.write_bytes(_csv("3003;Kees;Import;kees@example.nl;Sales;01-02-2024;;"))
    run("import_data", "employees", str(path))
    assert not User.objects.filter(employee__employee_number="3003").exists()


def test_a_refused_import_invites_nobody(personas, newcomers, tmp_path):
    path = tmp_path / "bad.csv"
    path.write_bytes(_csv("3001;Ilse;Import;not-an-address;Sales;01-02-2024;;"))
    with pytest.raises(CommandError):
        run("import_data", "employees", str(path), "--invite")
    assert not AccountInvitation.objects.exists() and not OutgoingEmail.objects.exists()
    path.write_bytes(_csv("3001;Ilse;Import;ilse@example.nl;Sales;01-02-2024;;"))
    run("import_data", "employees", str(path), "--invite", "--dry-run")
    assert not AccountInvitation.objects.exists()
    with pytest.raises(CommandError, match="--invite"):
        run("import_data", "movements", str(path), "--invite")


def test_the_import_page_offers_the_invitation(personas, login, newcomers):
    client = login(personas.hanna.user)
    client.cookies["django_language"] = "en"
    form = {
        "kind": "employees",
        "file": SimpleUploadedFile(
            "staff.csv", _csv("3001;Ilse;Import;ilse@example.nl;Sales;01-02-2024;;")
        ),
        "invite": "on",
    }
    response = client.post("/import/", form)
    assert response.status_code == 200
    notes = response.context["result"].notes
    assert any(note.startswith("Invitations: 4 invited") for note in notes)  # Ilse + 3 newcomers
    assert AccountInvitation.objects.count() == 4
    bad = client.post(
        "/import/",
        {
            "kind": "employees",
            "file": SimpleUploadedFile("bad.csv", _csv("3002;X;Y;nope;Sales;01-02-2024;;")),
            "invite": "on",
        },
    )
    assert bad.status_code == 400 and AccountInvitation.objects.count() == 4
    wrong_kind = client.post(
        "/import/",
        {"kind": "movements", "file": SimpleUploadedFile("m.csv", b"a\r\n"), "invite": "on"},
    )
    assert wrong_kind.status_code == 200 and wrong_kind.context["form"].errors["invite"]


def test_a_returning_employee_is_reactivated_by_the_reimport(personas, tmp_path):
    for employee in (personas.carol, personas.dave):
        Employee.objects.filter(pk=employee.pk).update(
            leave_date=timezone.localdate() - timedelta(days=40), leave_reason="voluntary"
        )
    leaver_accounts_deactivate(today=timezone.localdate())
    carol, dave = (User.objects.get(employee=e) for e in (personas.carol, personas.dave))
    assert not carol.is_active and not dave.is_active
    # HR also deactivated Dave's account on purpose: that decision stands.
    services.account_deactivate(actor=personas.hanna.user, user=dave)
    path = tmp_path / "staff.csv"
    path.write_bytes(
        _csv(
            "1003;Carol;Bakker;carol@example.nl;Planning;01-01-2020;;",
            "1004;Dave;Visser;dave@example.nl;Finance;01-01-2020;;",
        )
    )
    out = run("import_data", "employees", str(path))
    assert "1 returning employees' accounts reactivated" in out
    assert User.objects.get(pk=carol.pk).is_active
    assert not User.objects.get(pk=dave.pk).is_active


def test_a_leaver_in_the_file_stays_deactivated(personas, tmp_path):
    left = timezone.localdate() - timedelta(days=10)
    path = tmp_path / "staff.csv"
    path.write_bytes(
        _csv(f"1003;Carol;Bakker;carol@example.nl;Planning;01-01-2020;{left:%d-%m-%Y};vrijwillig")
    )
    run("import_data", "employees", str(path))
    assert not User.objects.get(employee=personas.carol).is_active


@pytest.mark.django_db(transaction=True)
def test_invitations_from_an_import_are_mailed_after_its_commit(personas, tmp_path, smtp, client):
    smtp.start()
    path = tmp_path / "staff.csv"
    path.write_bytes(_csv("3001;Ilse;Import;ilse@example.nl;Sales;01-02-2024;;"))
    run("import_data", "employees", str(path), "--invite")
    assert emails_deliver_due() == 1
    [(to, message)] = smtp.messages
    assert to == ["ilse@example.nl"]
    token = token_in(message.get_body(preferencelist=("plain",)).get_content())
    assert client.get(f"/account/activeren/{token}/").status_code == 200


def test_an_account_switched_off_in_the_admin_stays_off_after_a_reimport(personas, login, tmp_path):
    carol = User.objects.get(employee=personas.carol)
    admin = login(personas.admin.user)  # the admin's user form is the administrator's
    response = admin.post(
        f"/admin/people/user/{carol.pk}/change/",
        {"email": carol.email, "role": "employee", "employee": personas.carol.pk},
    )
    assert response.status_code == 302, response.content[:500]
    assert not User.objects.get(pk=carol.pk).is_active
    path = tmp_path / "staff.csv"
    path.write_bytes(_csv("1003;Carol;Bakker;carol@example.nl;Planning;01-01-2020;;"))
    run("import_data", "employees", str(path))
    assert not User.objects.get(pk=carol.pk).is_active
    # Switched on again in the admin: the HR record goes with it.
    carol = User.objects.get(pk=carol.pk)
    carol.is_active = True
    carol.save()
    from groeipad.accounts.models import AccountDeactivation

    assert not AccountDeactivation.objects.filter(user=carol).exists()
