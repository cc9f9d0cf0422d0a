"""Turning a service's refusals into API errors: the same mapping for every app."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext as _
from ninja.errors import HttpError

from groeipad.lib.concurrency import StaleEdit

T = TypeVar("T")


def service_call(call: Callable[[], T]) -> T:
    """Run a service; a refusal becomes 403, 422 or 409 with its message, and changes nothing."""
    try:
        return call()
    except PermissionDenied as error:
        raise HttpError(403, str(error) or _("You may not do this.")) from None
    except ValidationError as error:
        raise HttpError(422, " ".join(error.messages)) from None
    except StaleEdit:
        raise HttpError(
            409, _("Someone else changed this in the meantime; reload it and apply your change.")
        ) from None
