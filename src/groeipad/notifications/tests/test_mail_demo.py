"""Demo mail: the mailcatcher keeps each message; staff read it on the admin page Mail (demo)."""

from __future__ import annotations

import threading
import time

import pytest

from groeipad.cli.main import usage
from groeipad.notifications import mailbox
from groeipad.notifications.services import email_deliver, email_queue
from groeipad.notifications.tests.conftest import free_port

LIST = "/admin/mail/"


@pytest.fixture
def catcher(settings, tmp_path):
    """``groeipad mailcatcher``'s server in a thread, storing into a temporary folder."""
    settings.DEMO_MAIL_DIR = tmp_path / "mail"
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = free_port()
    settings.EMAIL_USE_TLS = False
    settings.EMAIL_HOST_USER = ""
    settings.EMAIL_HOST_PASSWORD = ""
    settings.DEFAULT_FROM_EMAIL = "groeipad@example.nl"
    stop, listening = threading.Event(), threading.Event()
    thread = threading.Thread(
        target=mailbox.serve,
        kwargs={
            "host": "127.0.0.1",
            "port": settings.EMAIL_PORT,
            "directory": settings.DEMO_MAIL_DIR,
            "stop": stop,
            "ready": lambda _controller: listening.set(),
        },
    )
    thread.start()
    assert listening.wait(10)
    yield settings.DEMO_MAIL_DIR
    stop.set()
    thread.join(10)


def send(subject: str, text: str) -> None:
    email = email_queue(to="carol@example.nl", subject=subject, text=text)
    assert email is not None
    assert email_deliver(email.pk) == "sent"


def stored(folder, count: int) -> list:
    for _ in range(100):  # the server writes the file just after it answers
        files = sorted(folder.glob("*.eml")) if folder.exists() else []
        if len(files) >= count:
            return files
        time.sleep(0.05)
    return files


@pytest.mark.django_db
def test_the_mailcatcher_stores_each_message_as_an_eml_file(catcher):
    send("Actie over tijd", "Open https://groeipad.example.nl/ontwikkeling/plannen/7/")
    send("Tweede", "Nog een")
    files = stored(catcher, 2)
    assert len(files) == 2
    messages = mailbox.stored_messages()
    assert [m.subject for m in messages] == ["Tweede", "Actie over tijd"]  # newest first
    assert {m.to for m in messages} == {"carol@example.nl"}
    assert messages[1].text.strip() == "Open https://groeipad.example.nl/ontwikkeling/plannen/7/"


@pytest.mark.django_db
def test_staff_see_the_caught_mail_listed_and_open_one_with_clickable_links(
    catcher, personas, client
):
    send("Actie over tijd", "Open https://groeipad.example.nl/ontwikkeling/plannen/7/")
    [path] = stored(catcher, 1)
    client.force_login(personas.user("hanna"))  # HR: staff
    page = client.get(LIST)
    assert page.status_code == 200
    html = page.content.decode()
    assert "Actie over tijd" in html and "carol@example.nl" in html
    assert f'href="/admin/mail/{path.name}/"' in html

    detail = client.get(f"/admin/mail/{path.name}/")
    assert detail.status_code == 200
    body = detail.content.decode()
    link = "https://groeipad.example.nl/ontwikkeling/plannen/7/"
    assert f'<a href="{link}"' in body
    assert "groeipad@example.nl" in body  # the sender


@pytest.mark.django_db
def test_the_mail_page_is_for_staff_only(personas, client, settings, tmp_path):
    settings.DEMO_MAIL_DIR = tmp_path
    name = "20250312T120000000000-" + "0" * 32 + ".eml"
    (tmp_path / name).write_bytes(b"To: carol@example.nl\r\nSubject: Geheim\r\n\r\nTekst\r\n")
    for url in (LIST, f"/admin/mail/{name}/"):
        anonymous = client.get(url)
        assert anonymous.status_code == 302 and anonymous["Location"].startswith("/admin/login/")
        client.force_login(personas.user("carol"))  # an employee, not staff
        employee = client.get(url)
        assert employee.status_code == 302 and employee["Location"].startswith("/admin/login/")
        assert b"Geheim" not in employee.content
        client.logout()
    client.force_login(personas.admin.user)
    assert b"Geheim" in client.get(LIST).content


@pytest.mark.django_db
def test_only_the_catchers_own_files_can_be_opened(personas, client, settings, tmp_path):
    settings.DEMO_MAIL_DIR = tmp_path / "mail"
    (tmp_path / "secret.eml").write_bytes(b"Subject: no\r\n\r\nno\r\n")
    client.cookies["django_language"] = "en"
    client.force_login(personas.user("hanna"))
    assert client.get("/admin/mail/..%2Fsecret.eml/").status_code == 404
    assert client.get("/admin/mail/secret.eml/").status_code == 404
    page = client.get(LIST)
    assert page.status_code == 200 and "No mail caught yet." in page.content.decode()


@pytest.mark.django_db
def test_the_admin_start_page_links_to_the_mailbox(personas, client):
    client.force_login(personas.user("hanna"))
    page = client.get("/admin/")
    assert page.status_code == 200
    assert 'href="/admin/mail/"' in page.content.decode()


def test_groeipad_help_lists_the_mailcatcher():
    assert "mailcatcher" in usage()
