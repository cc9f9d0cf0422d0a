"""Dutch first: the language is Dutch unless the user chose English with the switch.

Django's LocaleMiddleware also follows the browser's Accept-Language, and most browsers
(headless ones, company laptops set up in English) ask for English. Groeipad's users
work in Dutch organisations, so only an explicit choice (the language cookie that the
NL/EN switch sets) changes the language. The API is different: a client says which
language it wants with Accept-Language (Dutch when it says nothing we speak).
"""

from __future__ import annotations

import time
from datetime import UTC, datetime

from django.conf import settings
from django.contrib.auth import logout
from django.utils import translation
from django.utils.cache import patch_vary_headers
from django.utils.functional import SimpleLazyObject
from django.utils.translation.trans_real import parse_accept_lang_header

from groeipad.people.scope import viewer_for
from groeipad.people.sessions import user_session_seen


class DutchFirstLocaleMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        self.supported = {code for code, _name in settings.LANGUAGES}

    def __call__(self, request):
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        if chosen not in self.supported and request.path.startswith("/api/"):
            chosen = self._accepted(request)
        language = chosen if chosen in self.supported else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        patch_vary_headers(response, ("Cookie", "Accept-Language"))
        response.headers.setdefault("Content-Language", language)
        return response

    def _accepted(self, request) -> str | None:
        for code, _quality in parse_accept_lang_header(request.headers.get("Accept-Language", "")):
            base = code.split("-")[0].lower()
            if base in self.supported:
                return base
        return None


class ViewerMiddleware:
    """``request.viewer``: the request's people.scope.Viewer, built once when first used.

    Lazy, because the API authenticates its bearer token after the middleware has run:
    the viewer is made from whoever ``request.user`` is by the time a view asks.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.viewer = SimpleLazyObject(lambda: viewer_for(request.user))
        return self.get_response(request)


class SessionLimitsMiddleware:
    """End a session idle for GROEIPAD_SESSION_IDLE_MINUTES or older than
    GROEIPAD_SESSION_MAX_HOURS; the request goes on as an anonymous one (to the login).

    The last-seen time is written at most once a minute, not on every request.
    """

    STARTED = "groeipad_started"
    SEEN = "groeipad_seen"
    EXPIRED = "groeipad_expired"

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated:
            session = request.session
            now = time.time()
            if self.STARTED not in session:  # a session from before these limits
                stamp_session(request=request)
            started = session[self.STARTED]
            seen = session.get(self.SEEN, now)
            idle = settings.GROEIPAD_SESSION_IDLE_MINUTES * 60
            lifetime = settings.GROEIPAD_SESSION_MAX_HOURS * 3600
            if now - seen > idle or now - started > lifetime:
                request.groeipad_logout_reason = "idle" if now - seen > idle else "lifetime"
                logout(request)
                # The login page says why (web.views.LoginView).
                request.session[self.EXPIRED] = request.groeipad_logout_reason
            elif now - seen >= 60:
                session[self.SEEN] = now
                user_session_seen(
                    user=request.user, request=request, now=datetime.fromtimestamp(now, UTC)
                )
        return self.get_response(request)


def stamp_session(sender=None, request=None, **kwargs) -> None:
    """At login (the user_logged_in signal): when the session started and was last used."""
    if request is not None and hasattr(request, "session"):
        now = time.time()
        request.session[SessionLimitsMiddleware.STARTED] = now
        request.session[SessionLimitsMiddleware.SEEN] = now


class NoStoreMiddleware:
    """``Cache-Control: no-store`` on every answer Groeipad itself makes (pages, API,
    exports, errors; a view's own header is kept when it says no-store too): personal
    data stays out of browser and proxy caches, also on the pages a token link opens
    without an account (a 360 rater's form, an invitation). Static files are served by
    WhiteNoise before this runs and keep their long caching."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if "no-store" not in response.headers.get("Cache-Control", ""):
            response.headers["Cache-Control"] = "no-store"
        return response
