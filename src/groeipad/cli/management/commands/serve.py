from django.conf import settings
from django.core.management import BaseCommand
from waitress import serve

from groeipad.lib.uploads import largest_body_bytes
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
    """Waitress's own limits and proxy trust.

    A body over the larger of GROEIPAD_MAX_BODY_MB and GROEIPAD_MAX_UPLOAD_MB is refused
    with 413 before it is read: Waitress checks Content-Length up front and stops a
    chunked body as soon as it passes the limit. Smaller bodies are held to their own
    limit by groeipad.web.security.BodyLimitMiddleware, which names it.

    With GROEIPAD_TRUST_PROXY, Waitress believes X-Forwarded-For and -Proto from the
    proxy at GROEIPAD_PROXY_ADDRESS only (and strips them from anyone else), so the
    client's address (for the login lock-out) and https are the real ones.
    """
    options: dict = {"max_request_body_size": largest_body_bytes()}
    if settings.GROEIPAD_TRUST_PROXY:
        options.update(
            trusted_proxy=settings.GROEIPAD_PROXY_ADDRESS,
            trusted_proxy_count=1,
            trusted_proxy_headers={"x-forwarded-for", "x-forwarded-proto"},
            clear_untrusted_proxy_headers=True,
        )
    return options
