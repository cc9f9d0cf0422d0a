"""Labels and bar widths for a report, shared by the page, the API and the export."""

from __future__ import annotations

from decimal import Decimal

from django.utils.translation import gettext as _

from groeipad.feedback.anonymity import BLIND_SPOT, HIDDEN_STRENGTH, OTHERS
from groeipad.feedback.models import RaterGroup


def bucket_label(bucket: str) -> str:
    if bucket == OTHERS:
        return _("others (combined)")
    return str(RaterGroup(bucket).label)


def signal_label(signal: str | None) -> str:
    if signal is None:
        return ""
    return {BLIND_SPOT: _("blind spot"), HIDDEN_STRENGTH: _("hidden strength")}.get(signal, "")


def bar_percent(value, scale_max: int) -> int:
    if value is None or not scale_max:
        return 0
    return int((Decimal(value) / scale_max * 100).quantize(Decimal("1")))
