"""Request bodies over the limit: 413 naming the limit, before the body is read."""

from __future__ import annotations

import json

import pytest
from django.test import Client
from django.urls import reverse

from groeipad.people.models import Employee

MB = 1024 * 1024


class Unreadable:
    """A request body that fails the test if anything reads it."""

    def read(self, *args):
        raise AssertionError("the body was read")

    readline = read


def _post(client: Client, path: str, length: int, content_type: str, **extra):
    """POST with a declared Content-Length but a body nobody may read."""
    return client.generic(
        "POST",
        path,
        b"",
        content_type=content_type,
        CONTENT_TYPE=content_type,  # the test client drops it for an empty body
        CONTENT_LENGTH=str(length),
        **extra,
    )


@pytest.fixture
def unreadable(monkeypatch):
    """Every request's body stream raises when read (the limit must act before)."""
    from django.core.handlers.wsgi import WSGIRequest

    original = WSGIRequest.__init__

    def init(self, environ):
        environ["wsgi.input"] = Unreadable()
        original(self, environ)

    monkeypatch.setattr(WSGIRequest, "__init__", init)


@pytest.mark.django_db
def test_an_oversize_login_form_gets_a_dutch_413_naming_the_limit(client, unreadable, settings):
    settings.GROEIPAD_MAX_BODY_MB = 10
    response = _post(client, "/login/", 45 * MB, "application/x-www-form-urlencoded")
    assert response.status_code == 413
    body = response.content.decode()
    assert 'data-error="413"' in body
    assert "10 MB" in body
    assert '<html lang="nl">' in body


@pytest.mark.django_db
def test_the_413_page_is_english_for_who_chose_english(client, unreadable, settings):
    settings.GROEIPAD_MAX_BODY_MB = 10
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    response = _post(client, "/login/", 11 * MB, "application/x-www-form-urlencoded")
    assert response.status_code == 413
    assert "larger than the limit of 10 MB" in response.content.decode()


@pytest.mark.django_db
def test_an_oversize_api_body_gets_json_413(client, unreadable, settings):
    settings.GROEIPAD_MAX_BODY_MB = 10
    response = _post(
        client,
        "/api/v1/plans",
        45 * MB,
        "application/json",
        HTTP_AUTHORIZATION="Bearer not-a-token",
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert response.status_code == 413
    assert response["Content-Type"] == "application/json"
    assert "limit of 10 MB" in json.loads(response.content)["detail"]
    assert response["Cache-Control"] == "no-store"
    assert "Content-Security-Policy" in response


@pytest.mark.django_db
def test_multipart_elsewhere_is_held_to_the_body_limit(client, unreadable, settings):
    settings.GROEIPAD_MAX_BODY_MB = 10
    settings.GROEIPAD_MAX_UPLOAD_MB = 50
    response = _post(client, "/login/", 20 * MB, "multipart/form-data; boundary=x")
    assert response.status_code == 413
    assert "10 MB" in response.content.decode()


@pytest.mark.django_db
def test_an_import_may_be_larger_than_a_form_up_to_the_upload_limit(
    personas, login, settings, unreadable
):
    settings.GROEIPAD_MAX_BODY_MB = 1
    settings.GROEIPAD_MAX_UPLOAD_MB = 3
    client = login(personas.hanna.user)
    over = _post(client, reverse("web:import"), 3 * MB + 1, "multipart/form-data; boundary=x")
    assert over.status_code == 413
    assert "3 MB" in over.content.decode()


@pytest.mark.django_db
def test_an_import_between_the_two_limits_is_read_and_imported(personas, login, settings):
    from django.core.files.uploadedfile import SimpleUploadedFile

    settings.GROEIPAD_MAX_BODY_MB = 1
    settings.GROEIPAD_MAX_UPLOAD_MB = 3
    settings.GROEIPAD_IMPORT_MAX_MB = 3
    header = "personeelsnummer;voornaam;achternaam;e-mail;afdeling;datum in dienst\r\n"
    rows = "".join(
        f"{9000 + i};Nina{i};Test;nina{i}@example.nl;Planning;2024-01-01\r\n" for i in range(1)
    )
    data = (header + rows).encode() + b"\r\n" * (768 * 1024)  # 1.5 MB: over the form limit
    client = login(personas.hanna.user)
    client.cookies["django_language"] = "en"
    response = client.post(
        reverse("web:import"),
        {"kind": "employees", "file": SimpleUploadedFile("big.csv", data), "dry_run": ""},
    )
    assert response.status_code in (200, 400), response.content.decode()[-700:]  # no 413
    assert Employee.objects.filter(employee_number="9000").exists(), response.content[:2000]


@pytest.mark.django_db
def test_form_fields_over_the_field_limit_get_a_400_page_naming_it(personas, settings):
    settings.DEBUG = False
    client = Client(raise_request_exception=False)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    padding = "x" * (settings.DATA_UPLOAD_MAX_MEMORY_SIZE + 1)
    response = client.post("/login/", {"username": "a", "password": "b", "padding": padding})
    assert response.status_code == 400
    body = response.content.decode()
    assert 'data-error="400"' in body
    assert "larger than the limit of 2.5 MB" in body


@pytest.mark.django_db(transaction=True)
def test_a_chunked_body_over_the_limit_gets_our_413_through_waitress(settings):
    """No Content-Length up front: Waitress caps the body at the larger limit and tells
    the application its length, and the middleware holds it to the form limit."""
    import socket
    import threading

    from waitress.server import create_server

    from groeipad.cli.management.commands.serve import limits
    from groeipad.wsgi import application

    settings.GROEIPAD_MAX_BODY_MB = 1
    settings.GROEIPAD_MAX_UPLOAD_MB = 3
    server = create_server(application, host="127.0.0.1", port=0, **limits())
    threading.Thread(target=server.run, daemon=True).start()
    chunk = b"x" * 65536
    try:
        port = server.socket.getsockname()[1]
        with socket.create_connection(("127.0.0.1", port), timeout=30) as conn:
            conn.sendall(
                b"POST /login/ HTTP/1.1\r\nHost: localhost\r\n"
                b"Content-Type: application/x-www-form-urlencoded\r\n"
                b"Transfer-Encoding: chunked\r\n\r\n"
            )
            for _ in range(2 * MB // len(chunk)):  # 2 MB: over the form limit of 1 MB
                conn.sendall(b"%x\r\n%s\r\n" % (len(chunk), chunk))
            conn.sendall(b"0\r\n\r\n")
            answer = b""
            while b"</html>" not in answer:
                part = conn.recv(65536)
                if not part:
                    break
                answer += part
        assert answer.startswith(b"HTTP/1.1 413"), answer[:200]
        assert b"1 MB" in answer
    finally:
        server.close()
