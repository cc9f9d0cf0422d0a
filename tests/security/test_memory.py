"""The server's memory under oversize bodies and concurrent logins, measured for real.

A real `groeipad serve` (Waitress, production settings, real Argon2) runs in its own
GROEIPAD_HOME; its peak resident memory (VmHWM in /proc/<pid>/status) is read before
and after. The peak is reset between the checks (``clear_refs`` 5) where the kernel
allows it; otherwise growth is counted from the resident size before, which can only
overstate it.

- 45 MB bodies (a login form, an API call) are refused with 413 and the server's peak
  grows by less than 50 MB: the body is never read into memory.
- Eight logins at once with the right password: the peak grows by less than 200 MB
  (Argon2 at 19 MiB per check, groeipad.lib.hashers).
"""

from __future__ import annotations

import contextlib
import http.client
import os
import re
import shutil
import socket
import subprocess
import sys
import threading
import time
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import urlencode

import pytest

MB = 1024 * 1024
PASSWORD = "Groeipad-geheugentest-2025"
EMAIL = "geheugen@example.nl"
pytestmark = pytest.mark.skipif(
    not Path("/proc/self/status").exists(), reason="needs Linux /proc to read memory"
)


def _groeipad() -> list[str]:
    script = Path(sys.executable).with_name("groeipad")
    if script.exists():
        return [str(script)]
    found = shutil.which("groeipad")
    return [found] if found else [sys.executable, "-m", "groeipad.cli.main"]


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _status(pid: int) -> dict[str, int]:
    """VmRSS and VmHWM in bytes."""
    text = Path(f"/proc/{pid}/status").read_text()
    return {
        key: int(re.search(rf"^{key}:\s+(\d+) kB", text, re.M).group(1)) * 1024  # type: ignore[union-attr]
        for key in ("VmRSS", "VmHWM")
    }


def _reset_peak(pid: int) -> int:
    """Reset VmHWM to the current size where allowed; return the baseline to count from."""
    with contextlib.suppress(OSError):
        Path(f"/proc/{pid}/clear_refs").write_text("5")
    return _status(pid)["VmRSS"]


class Browser:
    """One visitor: its own connection and cookies."""

    def __init__(self, port: int):
        self.port = port
        self.cookies: dict[str, str] = {}

    def request(self, method: str, path: str, body: bytes = b"", headers=None):
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=120)
        headers = {"Host": f"127.0.0.1:{self.port}", **(headers or {})}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        conn.request(method, path, body=body or None, headers=headers)
        response = conn.getresponse()
        content = response.read()
        for value in response.headers.get_all("Set-Cookie") or []:
            for name, morsel in SimpleCookie(value).items():
                self.cookies[name] = morsel.value
        conn.close()
        return response.status, response.headers, content

    def login_form(self) -> dict[str, str]:
        status, _headers, content = self.request("GET", "/login/")
        assert status == 200
        token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', content)
        assert token, "no CSRF token on the login page"
        return {"csrfmiddlewaretoken": token.group(1).decode()}

    def log_in(self, form: dict[str, str]) -> int:
        body = urlencode({**form, "username": EMAIL, "password": PASSWORD}).encode()
        status, _headers, _content = self.request(
            "POST",
            "/login/",
            body,
            {
                "Content-Type": "application/x-www-form-urlencoded",
                "Referer": f"http://127.0.0.1:{self.port}/login/",
            },
        )
        return status


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    home = tmp_path_factory.mktemp("groeipad-home")
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GROEIPAD_", "DJANGO_"))}
    env.pop("DATABASE_URL", None)  # its own SQLite in its own home, never a shared database
    env.update(
        GROEIPAD_HOME=str(home),
        DJANGO_SETTINGS_MODULE="groeipad.settings",  # production: the real Argon2
        GROEIPAD_MAX_BODY_MB="10",
        GROEIPAD_MAX_UPLOAD_MB="50",
    )
    command = _groeipad()
    subprocess.run([*command, "init"], env=env, check=True, capture_output=True)
    subprocess.run(
        [*command, "user", "create", "--email", EMAIL, "--role", "hr", "--password-stdin"],
        env=env,
        input=PASSWORD + "\n",
        text=True,
        check=True,
        capture_output=True,
    )
    port = _free_port()
    log = (home / "serve.log").open("w")
    process = subprocess.Popen(
        [*command, "serve", "--port", str(port), "--threads", "8"],
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                if time.monotonic() > deadline or process.poll() is not None:
                    raise AssertionError((home / "serve.log").read_text()) from None
                time.sleep(0.2)
        # Warm up: the first requests import the views, templates, hasher and sessions.
        warm = Browser(port)
        assert warm.log_in(warm.login_form()) == 302
        assert warm.request("GET", "/")[0] == 200
        assert Browser(port).request("GET", "/api/v1/plans")[0] == 401
        assert Browser(port).request("POST", "/login/", b"x" * (11 * MB))[0] == 413
        yield process.pid, port
    finally:
        process.terminate()
        process.wait(timeout=10)
        log.close()


def test_45_mb_bodies_are_refused_and_the_server_hardly_grows(server):
    pid, port = server
    baseline = _reset_peak(pid)
    body = b"username=a&password=" + b"x" * (45 * MB)
    status, _headers, content = Browser(port).request(
        "POST", "/login/", body, {"Content-Type": "application/x-www-form-urlencoded"}
    )
    assert status == 413
    assert b"10 MB" in content
    status, headers, content = Browser(port).request(
        "POST",
        "/api/v1/plans",
        b'{"employee": "' + b"x" * (45 * MB) + b'"}',
        {"Content-Type": "application/json", "Authorization": "Bearer not-a-token"},
    )
    assert status == 413
    assert headers["Content-Type"].startswith("application/json")
    assert b"10 MB" in content
    growth = _status(pid)["VmHWM"] - baseline
    print(f"45 MB bodies: peak growth {growth / MB:.1f} MB")
    assert growth < 50 * MB, f"the server grew by {growth / MB:.0f} MB"


def test_eight_logins_at_once_stay_under_200_mb(server):
    pid, port = server
    browsers = [Browser(port) for _ in range(8)]
    forms = [browser.login_form() for browser in browsers]
    baseline = _reset_peak(pid)
    start = threading.Barrier(8)
    results: list[int] = []

    def log_in(browser, form):
        start.wait()
        results.append(browser.log_in(form))

    threads = [
        threading.Thread(target=log_in, args=pair) for pair in zip(browsers, forms, strict=True)
    ]
    began = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    took = time.monotonic() - began
    assert results == [302] * 8, results  # each logged in (302 to the home page)
    growth = _status(pid)["VmHWM"] - baseline
    print(f"8 parallel logins: peak growth {growth / MB:.1f} MB in {took:.2f} s")
    assert growth < 200 * MB, f"the server grew by {growth / MB:.0f} MB"
