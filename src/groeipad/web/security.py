"""Request limits that act before anything reads the body (docs/security.md).

``BodyLimitMiddleware`` sits before the sessions, the CSRF check and the views, so a
body over the limit is answered 413 from its Content-Length alone: nothing reads it
into memory. Multipart uploads to a view marked ``groeipad.lib.uploads.accepts_upload``
(the import page) may be as large as GROEIPAD_MAX_UPLOAD_MB; every other body is held
to GROEIPAD_MAX_BODY_MB. `groeipad serve` caps every body (chunked ones too) at the
larger of the two in Waitress itself.
"""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.template.loader import render_to_string
from django.urls import Resolver404, resolve
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation.trans_real import parse_accept_lang_header

from groeipad.lib.uploads import takes_uploads

MB = 1024 * 1024


def is_api(request: HttpRequest) -> bool:
    return request.path.startswith("/api/")


def request_language(request: HttpRequest) -> str:
    """The language the rest of the stack will choose (see DutchFirstLocaleMiddleware):
    the NL/EN switch's cookie; for the API also Accept-Language; else Dutch."""
    supported = {code for code, _name in settings.LANGUAGES}
    chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
    if chosen in supported:
        return chosen
    if is_api(request):
        for code, _quality in parse_accept_lang_header(request.headers.get("Accept-Language", "")):
            if code.split("-")[0].lower() in supported:
                return code.split("-")[0].lower()
    return settings.LANGUAGE_CODE


def body_limit_mb(request: HttpRequest) -> int:
    """The largest body this request may carry, in MB."""
    content_type = request.META.get("CONTENT_TYPE", "")
    if content_type.startswith("multipart/form-data"):
        try:
            view = resolve(request.path_info).func
        except Resolver404:
            view = None
        if view is not None and takes_uploads(view):
            return settings.GROEIPAD_MAX_UPLOAD_MB
    return settings.GROEIPAD_MAX_BODY_MB


def _declared_length(request: HttpRequest) -> int:
    try:
        return int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return 0  # Django reads a malformed length as an empty body too


def too_large(request: HttpRequest, limit_mb: int) -> HttpResponse:
    """413 naming the limit: JSON for the API, the product's page for a browser."""
    with translation.override(request_language(request)):
        message = _(
            "The request is larger than the limit of %(limit)s MB and was not processed."
        ) % {"limit": limit_mb}
        if is_api(request):
            response: HttpResponse = JsonResponse({"detail": message}, status=413)
        else:
            html = render_to_string("413.html", {"message": message, "limit": limit_mb})
            response = HttpResponse(html, status=413)
    response["Cache-Control"] = "no-store"
    return response


class BodyLimitMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        length = _declared_length(request)
        if length > settings.GROEIPAD_MAX_BODY_MB * MB:
            limit = body_limit_mb(request)
            if length > limit * MB:
                return too_large(request, limit)
        return self.get_response(request)
