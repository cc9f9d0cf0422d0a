"""`groeipad init` and `groeipad serve` as a user runs them: real processes, real HTTP."""

import os
import socket
import subprocess
import sys
import time
import urllib.request

import pytest


def groeipad(*args, home, **kwargs):
    env = {**os.environ, "GROEIPAD_HOME": str(home), "DJANGO_SETTINGS_MODULE": "groeipad.settings"}
    env.pop("DATABASE_URL", None)
    return subprocess.run(
        [sys.executable, "-m", "groeipad", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=180,
        **kwargs,
    )


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def home(tmp_path_factory):
    home = tmp_path_factory.mktemp("home")
    first = groeipad("init", home=home)
    assert first.returncode == 0, first.stderr
    return home


def test_init_creates_database_secret_and_translations(home):
    assert (home / "groeipad.sqlite3").exists()
    assert (home / "secret_key").stat().st_mode & 0o077 == 0
    assert (home / "locale" / "nl" / "LC_MESSAGES" / "django.mo").exists()


def test_init_is_idempotent(home):
    key = (home / "secret_key").read_text()
    again = groeipad("init", home=home)
    assert again.returncode == 0, again.stderr
    assert (home / "secret_key").read_text() == key


def test_unknown_command_says_so_and_exits_2(home):
    result = groeipad("frobnicate", home=home)
    assert result.returncode == 2
    assert "unknown command 'frobnicate'" in result.stderr


def test_serve_answers_pages_and_static_files(home):
    port = free_port()
    env = {**os.environ, "GROEIPAD_HOME": str(home), "DJANGO_SETTINGS_MODULE": "groeipad.settings"}
    env.pop("DATABASE_URL", None)
    server = subprocess.Popen(
        [sys.executable, "-m", "groeipad", "serve", "--port", str(port)],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    try:
        body = None
        for _ in range(100):
            try:
                with urllib.request.urlopen(
                    f"http://127.0.0.1:{port}/login/", timeout=2
                ) as response:
                    body = response.read().decode()
                break
            except OSError:
                time.sleep(0.1)
        assert body is not None, "the server did not answer"
        assert 'lang="nl"' in body
        css_path = body.split('rel="stylesheet" href="', 1)[1].split('"', 1)[0]
        # Production static files carry a content hash and long caching.
        assert "groeipad." in css_path and css_path.endswith(".css")
        with urllib.request.urlopen(f"http://127.0.0.1:{port}{css_path}", timeout=5) as response:
            assert response.status == 200
            assert "max-age" in response.headers.get("Cache-Control", "")
    finally:
        server.terminate()
        server.wait(timeout=10)
