"""Demo mail: a local SMTP server (``groeipad mailcatcher``) that keeps every message.

Each message the server is handed is stored as one ``.eml`` file in ``DEMO_MAIL_DIR``
(``GROEIPAD_HOME/mail/``); the staff-only admin page "Mail (demo)" lists and shows them.
Nothing leaves the machine: point Groeipad's SMTP settings at the catcher
(``GROEIPAD_SMTP_HOST=127.0.0.1 GROEIPAD_SMTP_PORT=1025``, as ``make demo`` does).
"""

from __future__ import annotations

import os
import re
import threading
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime
from email import message_from_bytes, policy
from email.message import EmailMessage
from email.utils import parsedate_to_datetime
from pathlib import Path

from django.conf import settings
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

# Names the catcher gives its files; anything else in the folder is not listed or shown.
_NAME = re.compile(r"^\d{8}T\d{6}\d{6}-[0-9a-f]{32}\.eml$")


def mail_dir() -> Path:
    return Path(settings.DEMO_MAIL_DIR)


class MailStore:
    """aiosmtpd handler: writes each message to ``directory`` as one .eml file."""

    def __init__(self, directory: Path):
        self.directory = directory

    def store(self, content: bytes) -> Path:
        self.directory.mkdir(parents=True, exist_ok=True)
        stamp = datetime.now(tz=UTC).strftime("%Y%m%dT%H%M%S%f")
        path = self.directory / f"{stamp}-{uuid.uuid4().hex}.eml"
        partial = path.with_suffix(".part")
        partial.write_bytes(content)
        os.replace(partial, path)  # the page never sees half a message
        return path

    async def handle_DATA(self, server, session, envelope) -> str:
        content = envelope.original_content or envelope.content
        self.store(content if isinstance(content, bytes) else content.encode())
        return "250 Message accepted for delivery"


def serve(*, host: str, port: int, directory: Path, stop: threading.Event, ready=None) -> None:
    """Run the SMTP server until ``stop`` is set (``ready`` is called once it listens)."""
    from aiosmtpd.controller import Controller

    controller = Controller(MailStore(directory), hostname=host, port=port)
    controller.start()
    try:
        if ready:
            ready(controller)
        stop.wait()
    finally:
        controller.stop()


@dataclass(frozen=True)
class StoredMessage:
    name: str
    date: datetime | None
    to: str
    sender: str
    subject: str
    message: EmailMessage

    @property
    def text(self) -> str:
        body = self.message.get_body(preferencelist=("plain",))
        if body is None:
            return ""
        content = body.get_content()
        return content if isinstance(content, str) else ""


def _read(path: Path) -> StoredMessage:
    message = message_from_bytes(path.read_bytes(), policy=policy.default)
    assert isinstance(message, EmailMessage)
    try:
        date = parsedate_to_datetime(str(message["Date"])) if message["Date"] else None
    except (TypeError, ValueError):
        date = None
    if date is None:
        date = datetime.fromtimestamp(path.stat().st_mtime, tz=timezone.get_current_timezone())
    return StoredMessage(
        name=path.name,
        date=date,
        to=str(message["To"] or ""),
        sender=str(message["From"] or ""),
        subject=str(message["Subject"] or ""),
        message=message,
    )


def stored_messages(directory: Path | None = None) -> list[StoredMessage]:
    """Every caught message, newest first."""
    folder = directory or mail_dir()
    if not folder.is_dir():
        return []
    paths = sorted((p for p in folder.iterdir() if _NAME.match(p.name)), reverse=True)
    return [_read(path) for path in paths]


def stored_message(name: str, directory: Path | None = None) -> StoredMessage:
    """One caught message by its file name; 404 for any other name."""
    path = (directory or mail_dir()) / name
    if not _NAME.match(name) or not path.is_file():
        raise Http404(_("No such message."))
    return _read(path)
