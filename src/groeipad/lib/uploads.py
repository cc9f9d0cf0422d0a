"""Marking the views that take file uploads (the import pages).

A multipart request to a view marked with ``accepts_upload`` may be as large as
GROEIPAD_MAX_UPLOAD_MB; every other request body is held to GROEIPAD_MAX_BODY_MB
(groeipad.web.security.BodyLimitMiddleware checks it before the body is read).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from django.conf import settings

View = TypeVar("View", bound=Callable)


def accepts_upload(view: View) -> View:
    """Allow multipart bodies up to the upload limit for this view (put it outermost)."""
    view.accepts_upload = True  # type: ignore[attr-defined]
    return view


def takes_uploads(view: Callable) -> bool:
    return bool(getattr(view, "accepts_upload", False))


def largest_body_bytes() -> int:
    """The cap `groeipad serve` gives Waitress for any body: the larger of the two limits."""
    return max(settings.GROEIPAD_MAX_BODY_MB, settings.GROEIPAD_MAX_UPLOAD_MB) * 1024 * 1024
