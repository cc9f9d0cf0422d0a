"""Issue 15 limits: body sizes, Argon2 parameters, session limits, no-store, local Swagger."""

import re
import socket
import threading
import time
from urllib.parse import urlparse

import pytest
from django.contrib.auth.hashers import Argon2PasswordHasher, identify_hasher
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation

from groeipad.cli.management.commands.serve import limits
from groeipad.lib.hashers import GroeipadArgon2PasswordHasher
from groeipad.people.models import Employee, User
from groeipad.web.middleware import SessionLimitsMiddleware

PASSWORD = "correct horse battery staple"
PRODUCTION_HASHERS = [
    "groeipad.lib.hashers.GroeipadArgon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]


# -- request bodies ----------------------------------------------------------------


@pytest.mark.django_db
def test_oversize_login_form_is_refused_and_logs_in_nobody(client, personas, settings):
    padding = "x" * (settings.DATA_UPLOAD_MAX_MEMORY_SIZE + 1)
    response = client.post(
        reverse("web:login"),
        {"username": "carol@example.nl", "password": PASSWORD, "padding": padding},
    )
    assert response.status_code in (400, 413)
    assert "_auth_user_id" not in client.session
    assert client.get(reverse("web:home")).status_code == 302


def test_data_upload_limit_is_a_few_megabytes():
    from django.conf import settings

    assert int(2.5 * 1024 * 1024) == settings.DATA_UPLOAD_MAX_MEMORY_SIZE


def _serve_in_thread(settings):
    from waitress.server import create_server

    from groeipad.wsgi import application

    server = create_server(application, host="127.0.0.1", port=0, **limits())
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    return server, thread


@pytest.mark.django_db(transaction=True)
def test_waitress_refuses_a_body_over_the_largest_limit_with_413_before_reading_it(settings):
    settings.GROEIPAD_MAX_BODY_MB = 10
    settings.GROEIPAD_MAX_UPLOAD_MB = 50
    assert limits() == {"max_request_body_size": 50 * 1024 * 1024}
    server, _thread = _serve_in_thread(settings)
    try:
        port = server.socket.getsockname()[1]
        with socket.create_connection(("127.0.0.1", port), timeout=10) as conn:
            conn.sendall(
                b"POST /import/ HTTP/1.1\r\nHost: localhost\r\n"
                b"Content-Type: multipart/form-data; boundary=x\r\n"
                + f"Content-Length: {60 * 1024 * 1024}\r\n\r\n".encode()
                + b"--x\r\n"
            )
            # Only the headers were sent: the answer comes without the 60 MB body.
            answer = conn.recv(4096)
        assert answer.startswith(b"HTTP/1.1 413"), answer[:100]
    finally:
        server.close()


@pytest.mark.django_db
def test_oversize_import_is_refused_with_the_limit_in_the_message(personas, login, settings):
    settings.GROEIPAD_IMPORT_MAX_MB = 1
    data = b"personeelsnummer;voornaam\r\n" + b"2001;Nina\r\n" * 200_000  # about 2 MB
    client = login(personas.hanna.user)
    client.cookies["django_language"] = "en"
    response = client.post(
        reverse("web:import"),
        {"kind": "employees", "file": SimpleUploadedFile("big.csv", data)},
    )
    assert response.status_code == 400
    assert b"more than the limit of 1 MB for an import" in response.content
    assert not Employee.objects.filter(employee_number="2001").exists()


def test_import_limit_applies_to_local_files_and_uploads(tmp_path, settings):
    from groeipad.lib.spreadsheets import SpreadsheetError, read_table

    settings.GROEIPAD_IMPORT_MAX_MB = 1
    big = tmp_path / "big.csv"
    big.write_bytes(b"a;b\r\n" + b"1;2\r\n" * 300_000)
    with translation.override("en"):
        with pytest.raises(SpreadsheetError, match="more than the limit of 1 MB"):
            read_table(big)
        with big.open("rb") as stream, pytest.raises(SpreadsheetError, match="limit of 1 MB"):
            read_table(stream)
    small = tmp_path / "small.csv"
    small.write_bytes(b"a;b\r\n1;2\r\n")
    assert len(read_table(small).rows) == 1


# -- Argon2 ------------------------------------------------------------------------


def test_argon2_uses_owasp_memory_and_eight_passes():
    encoded = GroeipadArgon2PasswordHasher().encode("secret", "somesaltsomesalt")
    params = GroeipadArgon2PasswordHasher().decode(encoded)
    assert (params["memory_cost"], params["time_cost"], params["parallelism"]) == (19456, 8, 1)
    assert "m=19456,t=8,p=1" in encoded
    from groeipad import settings as production

    assert production.PASSWORD_HASHERS[0] == "groeipad.lib.hashers.GroeipadArgon2PasswordHasher"


@pytest.mark.django_db
def test_old_argon2_hash_is_upgraded_on_login(client, personas, settings):
    settings.PASSWORD_HASHERS = PRODUCTION_HASHERS
    user = User.objects.get(email="carol@example.nl")
    user.password = Argon2PasswordHasher().encode(PASSWORD, "oldsaltoldsalt12")
    user.save(update_fields=["password"])
    assert "m=102400" in user.password
    response = client.post(reverse("web:login"), {"username": user.email, "password": PASSWORD})
    assert response.status_code == 302
    user.refresh_from_db()
    assert "m=19456,t=8,p=1" in user.password
    assert isinstance(identify_hasher(user.password), GroeipadArgon2PasswordHasher)


# -- sessions ----------------------------------------------------------------------


def _shift(client, **seconds_ago):
    session = client.session
    now = time.time()
    for key, ago in seconds_ago.items():
        session[getattr(SessionLimitsMiddleware, key)] = now - ago
    session.save()


@pytest.mark.django_db
def test_idle_session_ends(personas, login, settings):
    settings.GROEIPAD_SESSION_IDLE_MINUTES = 30
    client = login(personas.user("alice"))
    assert client.get(reverse("web:home")).status_code == 200
    _shift(client, SEEN=29 * 60)
    assert client.get(reverse("web:home")).status_code == 200
    _shift(client, SEEN=31 * 60)
    assert client.get(reverse("web:home")).status_code == 302
    assert client.get(reverse("web:home")).status_code == 302


@pytest.mark.django_db
def test_session_ends_after_its_absolute_lifetime_even_when_used(personas, login, settings):
    settings.GROEIPAD_SESSION_MAX_HOURS = 12
    client = login(personas.user("alice"))
    assert client.get(reverse("web:home")).status_code == 200
    _shift(client, STARTED=11 * 3600, SEEN=0)
    assert client.get(reverse("web:home")).status_code == 200
    _shift(client, STARTED=12 * 3600 + 60, SEEN=0)
    assert client.get(reverse("web:home")).status_code == 302


def test_session_cookie_does_not_outlive_the_absolute_lifetime():
    from django.conf import settings

    assert settings.SESSION_COOKIE_AGE == settings.GROEIPAD_SESSION_MAX_HOURS * 3600


# -- caching -----------------------------------------------------------------------


@pytest.mark.django_db
def test_no_store_for_logged_in_pages_and_api(personas, login):
    client = login(personas.user("alice"))
    page = client.get(reverse("web:home"))
    assert page.status_code == 200
    assert page["Cache-Control"] == "no-store"
    api = client.get("/api/v1/openapi.json")
    assert api["Cache-Control"] == "no-store"


@pytest.mark.django_db
def test_static_files_keep_their_caching(personas, login):
    client = login(personas.user("alice"))
    response = client.get("/static/ninja/swagger-ui.css")
    assert response.status_code == 200
    assert "no-store" not in response.get("Cache-Control", "")


# -- Swagger UI --------------------------------------------------------------------


@pytest.mark.django_db
def test_swagger_ui_loads_nothing_from_another_host(personas, login):
    client = login(personas.user("alice"))
    response = client.get("/api/v1/docs")
    assert response.status_code == 200
    html = response.content.decode()
    tags = re.findall(r"<(?:script|link)\b[^>]*>", html)
    assert any("swagger-ui-bundle.js" in tag for tag in tags)
    for url in re.findall(r"(?:src|href)=[\"']([^\"']+)", " ".join(tags)):
        assert urlparse(url).netloc in ("", "testserver"), url
    assert "cdn" not in html.lower()
