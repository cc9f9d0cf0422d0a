"""Dutch first: the language is Dutch unless the user chose English with the switch.

Django's LocaleMiddleware also follows the browser's Accept-Language, and most browsers
(headless ones, company laptops set up in English) ask for English. Groeipad's users
work in Dutch organisations, so only an explicit choice (the language cookie that the
NL/EN switch sets) changes the language. The API is different: a client says which
language it wants with Accept-Language (Dutch when it says nothing we speak).
"""

from __future__ import annotations

from django.conf import settings
from django.utils import translation
from django.utils.cache import patch_vary_headers
from django.utils.functional import SimpleLazyObject
from django.utils.translation.trans_real import parse_accept_lang_header

from groeipad.people.scope import viewer_for


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
