"""The API's parser: JSON bodies and query strings as django-ninja reads them, with one
refusal for every operation: text with a NUL character (U+0000).

PostgreSQL cannot store NUL in a text column (SQLite can), so without this a NUL in any
field would be a server error on one database and stored on the other. Refused here,
before any schema or service sees it, it is the same 422 on both, naming where it was.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _
from ninja.errors import HttpError, ValidationError
from ninja.parser import Parser

NUL = "\x00"


def _nul_locations(value: Any, loc: tuple) -> list[tuple]:
    if isinstance(value, str):
        return [loc] if NUL in value else []
    if isinstance(value, dict):
        found = []
        for key, item in value.items():
            if isinstance(key, str) and NUL in key:
                found.append((*loc, key))
            found.extend(_nul_locations(item, (*loc, key)))
        return found
    if isinstance(value, list):
        return [where for i, item in enumerate(value) for where in _nul_locations(item, (*loc, i))]
    return []


class NulInText(ValidationError):
    """Text with a NUL: ninja's ValidationError, a 422 listing where."""


def refuse_nul(value: Any, where: str) -> None:
    """Raise NulInText when any text (or key) in ``value`` holds a NUL."""
    locations = _nul_locations(value, (where,))
    if locations:
        raise NulInText(
            [
                {
                    "type": "string_nul",
                    "loc": list(loc),
                    "msg": _("Text may not contain a NUL character (\\u0000)."),
                }
                for loc in locations
            ]
        )


class NulRefusingParser(Parser):
    @classmethod
    def install(cls, api) -> None:
        """Make ``api`` parse with this parser. ninja turns any error of ``parse_body``
        into a 400 "Cannot parse request body"; the handler answers NulInText with its
        422 instead, and every other HttpError as ninja does."""
        api.parser = cls()

        def http_error(request, exc: HttpError):
            if isinstance(exc.__cause__, NulInText):
                return api.create_response(request, {"detail": exc.__cause__.errors}, status=422)
            return api.create_response(request, {"detail": str(exc)}, status=exc.status_code)

        api.add_exception_handler(HttpError, http_error)

    def parse_body(self, request):
        data = super().parse_body(request)
        refuse_nul(data, "body")
        return data

    def parse_querydict(self, data, list_fields, request):
        result = super().parse_querydict(data, list_fields, request)
        refuse_nul(result, "query")
        return result
