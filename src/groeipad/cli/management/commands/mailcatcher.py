"""``groeipad mailcatcher``: a local SMTP server for the demo that keeps every message.

Each message is stored as an .eml file in GROEIPAD_HOME/mail/, where the admin page
"Mail (demo)" (/admin/mail/) lists and shows it. Nothing is passed on: no real mail
leaves the machine. Point Groeipad at it with GROEIPAD_SMTP_HOST=127.0.0.1 and
GROEIPAD_SMTP_PORT=1025 (``make demo`` does).
"""

from __future__ import annotations

import signal
import threading

from django.core.management.base import BaseCommand

from groeipad.notifications import mailbox


class Command(BaseCommand):
    help = (
        "Run a local SMTP server for the demo that stores each message under GROEIPAD_HOME/mail/."
    )

    def add_arguments(self, parser):
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument("--port", type=int, default=1025)

    def handle(self, *args, host, port, verbosity, **options):
        stop = threading.Event()
        for name in ("SIGINT", "SIGTERM"):
            if hasattr(signal, name):
                signal.signal(getattr(signal, name), lambda *_: stop.set())
        directory = mailbox.mail_dir()

        def ready(_controller) -> None:
            if verbosity:
                self.stdout.write(
                    f"Groeipad mailcatcher listens on {host}:{port}; mail goes to {directory} "
                    "(Ctrl+C stops it)"
                )

        mailbox.serve(host=host, port=port, directory=directory, stop=stop, ready=ready)
