from django.conf import settings
from django.core.management import BaseCommand
from waitress import serve

from groeipad.wsgi import application


class Command(BaseCommand):
    help = "Serve Groeipad with Waitress, a production WSGI server (static files included)."

    def add_arguments(self, parser):
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument("--port", type=int, default=8000)
        parser.add_argument("--threads", type=int, default=8)

    def handle(self, *args, host, port, threads, **options):
        shown = f"[{host}]" if ":" in host else host
        self.stdout.write(f"Groeipad runs on http://{shown}:{port}/ (Ctrl+C stops it)")
        serve(application, host=host, port=port, threads=threads, ident="Groeipad", **limits())


def limits() -> dict:
    """Waitress refuses a body over the largest import (plus room for the form around
    it) with 413 before reading it: it checks Content-Length up front, and stops a
    chunked body as soon as it passes the limit."""
    return {"max_request_body_size": (settings.GROEIPAD_IMPORT_MAX_MB + 1) * 1024 * 1024}
