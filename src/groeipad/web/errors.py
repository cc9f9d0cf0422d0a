"""The product's own error answers: Dutch (or English) pages, JSON under /api/.

Wired in ``groeipad.urls`` (handler400/403/404/500) and as CSRF_FAILURE_VIEW. The 500
page needs neither the request nor the database: it is rendered without a context.
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import (
    RequestDataTooBig,
    TooManyFieldsSent,
    TooManyFilesSent,
)
from django.http import HttpResponse, JsonResponse
from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from django.views import defaults

from groeipad.web.security import is_api


def _json(status: int, message: str) -> JsonResponse:
    response = JsonResponse({"detail": message}, status=status)
    response["Cache-Control"] = "no-store"
    return response


def bad_request_reason(exception) -> str:
    """What was wrong with the request, in words, when Django refused it."""
    if isinstance(exception, RequestDataTooBig):
        limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE / 1024 / 1024
        return _(
            "The form's fields together are larger than the limit of %(limit)s MB "
            "(files not counted). Shorten the text and send it again."
        ) % {"limit": f"{limit:g}"}
    if isinstance(exception, TooManyFieldsSent):
        return _("The form has more than %(limit)s fields, the most one request may have.") % {
            "limit": settings.DATA_UPLOAD_MAX_NUMBER_FIELDS
        }
    if isinstance(exception, TooManyFilesSent):
        return _("The form has more than %(limit)s files, the most one request may have.") % {
            "limit": settings.DATA_UPLOAD_MAX_NUMBER_FILES
        }
    return _("The request could not be understood. Go back and try again.")


def bad_request(request, exception=None):
    reason = bad_request_reason(exception)
    if is_api(request):
        return _json(400, reason)
    return HttpResponse(render_to_string("400.html", {"reason": reason}), status=400)


def permission_denied(request, exception=None):
    if is_api(request):
        return _json(403, str(exception or "") or _("You may not do this."))
    return defaults.permission_denied(request, exception)


def page_not_found(request, exception=None):
    if is_api(request):
        return _json(404, _("Not found."))
    return defaults.page_not_found(request, exception)


def server_error(request):
    if is_api(request):
        return _json(500, _("Something went wrong on the server. It has been logged."))
    return defaults.server_error(request)


def csrf_failure(request, reason=""):
    """A form sent without a valid CSRF token: most often a page left open too long."""
    message = _(
        "This form has expired or did not come from Groeipad's own page. Reload the page "
        "and send the form again."
    )
    if is_api(request):
        return _json(403, message)
    return HttpResponse(
        render_to_string("403.html", {"exception": message}, request=request), status=403
    )
