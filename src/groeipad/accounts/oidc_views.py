"""The single sign-on pages: start the login, the provider's callback, the failure page.

All three answer 404 while SSO is off. A failure never shows an error page of Django's:
the provider down or answering wrongly is our "not reachable" page (503 / 502), a
refused person our refusal page (403), a stale or forged state or a cancelled login our
"try again" page. The callback sends the browser to the failure page with the reason
kept in the session, as mozilla-django-oidc does.
"""

from __future__ import annotations

import logging

import requests
from django.core.exceptions import SuspiciousOperation
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from mozilla_django_oidc.views import OIDCAuthenticationCallbackView, OIDCAuthenticationRequestView

from groeipad.accounts import oidc, oidc_config

logger = logging.getLogger(__name__)

FAILURE_SESSION_KEY = "groeipad_sso_failure"
UNAVAILABLE = "unavailable"  # connection refused, timeout: 503
PROVIDER_ERROR = "provider_error"  # the provider answered with an error: 502
STATE = "state"  # no login under way in this session, or a forged state
CANCELLED = "cancelled"  # the person cancelled at the provider
# The HTTP status of the failure page for each reason.
STATUS = {
    UNAVAILABLE: 503,
    PROVIDER_ERROR: 502,
    STATE: 400,
    CANCELLED: 400,
    oidc.INVALID: 400,
    oidc.UNKNOWN: 403,
    oidc.LEAVER: 403,
    oidc.DEACTIVATED: 403,
    oidc.UNVERIFIED: 403,
}


def _require_sso() -> None:
    if not oidc_config.sso_enabled():
        raise Http404


def failure_page(request, reason: str, status: int | None = None):
    return render(
        request,
        "accounts/sso_failed.html",
        {"reason": reason, "provider": oidc_config.button_label()},
        status=status or STATUS.get(reason, 400),
    )


class SsoLoginView(OIDCAuthenticationRequestView):
    """Send the browser to the provider (``?next=`` is kept for after the login)."""

    get_settings = staticmethod(oidc_config.library_setting)

    def __init__(self, **kwargs):
        # The library reads the provider's address here; we do in ``get``.
        super(OIDCAuthenticationRequestView, self).__init__(**kwargs)

    def get(self, request):
        _require_sso()
        try:
            self.OIDC_OP_AUTH_ENDPOINT = oidc_config.discovery()["authorization_endpoint"]
        except oidc_config.ProviderUnavailable as error:
            logger.warning("SSO provider unavailable: %s", error)
            return failure_page(request, UNAVAILABLE, error.status)
        self.OIDC_RP_CLIENT_ID = oidc_config.library_setting("OIDC_RP_CLIENT_ID")
        return super().get(request)

    def get_extra_params(self, request):
        # The provider's page in the language Groeipad speaks to this person.
        return {"ui_locales": getattr(request, "LANGUAGE_CODE", "nl")}


class SsoCallbackView(OIDCAuthenticationCallbackView):
    """The provider sends the browser back here with a code (or an error)."""

    get_settings = staticmethod(oidc_config.library_setting)
    reason = STATE

    def get(self, request):
        _require_sso()
        error = request.GET.get("error")
        if error:
            self.reason = CANCELLED if error in ("access_denied", "login_required") else STATE
            logger.info("SSO: the provider answered %s", error)
        elif request.GET.get("state") in request.session.get("oidc_states", {}):
            self.reason = oidc.INVALID  # unless the backend says why
        try:
            return super().get(request)
        except SuspiciousOperation as problem:  # unknown state, bad token
            logger.warning("SSO callback refused: %s", problem)
            self.reason = STATE if "state" in str(problem) else oidc.INVALID
        except oidc_config.ProviderUnavailable as problem:
            logger.warning("SSO provider unavailable: %s", problem)
            self.reason = UNAVAILABLE if problem.status == 503 else PROVIDER_ERROR
        except requests.HTTPError as problem:
            logger.warning("SSO provider answered with an error: %s", problem)
            self.reason = PROVIDER_ERROR
        except requests.RequestException as problem:
            logger.warning("SSO provider unavailable: %s", problem)
            self.reason = UNAVAILABLE
        return self.login_failure()

    def login_failure(self):
        reason = getattr(self.request, "groeipad_sso_refusal", None) or self.reason
        self.request.session[FAILURE_SESSION_KEY] = reason
        return HttpResponseRedirect(reverse("oidc:failed"))

    def login_success(self):
        response = super().login_success()
        oidc.audit_sso_login(self.user, self.request)
        return response


def sso_failed(request):
    """Why the login through the provider did not work, and what to do."""
    _require_sso()
    reason = request.session.pop(FAILURE_SESSION_KEY, None)
    if reason is None:  # opened directly, or reloaded
        return failure_page(request, "", 200)
    return failure_page(request, reason)
