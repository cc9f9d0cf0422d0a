"""What a page tells its user after a form post: which field was wrong, or what a
service refused, in the user's own words."""

from __future__ import annotations

from collections.abc import Callable

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext as _

from groeipad.lib.concurrency import StaleEdit


def form_errors(form) -> str:
    """One line naming each field that was wrong and why: "Datum: Vul een datum in."."""
    parts = []
    for field, errors in form.errors.items():
        label = form.fields[field].label if field in form.fields else ""
        parts.append(
            f"{label or field}: {' '.join(errors)}" if field != "__all__" else " ".join(errors)
        )
    return "; ".join(parts)


def run_service(request, call: Callable[[], object], success: str) -> bool:
    """Run a service; show its refusal as an error message, else ``success``."""
    try:
        call()
    except PermissionDenied as error:
        messages.error(request, str(error) or _("You may not do that."))
        return False
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return False
    except StaleEdit:
        messages.error(request, _("Someone else changed this in the meantime; reload the page."))
        return False
    messages.success(request, success)
    return True
