"""The audit log's filters, one form for the page, the API and the command."""

from __future__ import annotations

from datetime import date

from django import forms
from django.core.validators import MaxValueValidator, MinValueValidator
from django.utils.translation import gettext_lazy as _

from groeipad.privacy.models import AuditAction, ObjectType


def _choices(choices) -> list[tuple[str, str]]:
    return [("", _("all")), *choices]


class AuditFilterForm(forms.Form):
    # Bounded: the first or last day a date can hold would overflow once turned into a
    # moment in the time zone (found by the API fuzz test).
    since = forms.DateField(
        label=_("from"),
        required=False,
        validators=[MinValueValidator(date(1900, 1, 1)), MaxValueValidator(date(9000, 12, 31))],
    )
    until = forms.DateField(
        label=_("up to and including"),
        required=False,
        validators=[MinValueValidator(date(1900, 1, 1)), MaxValueValidator(date(9000, 12, 31))],
    )
    action = forms.ChoiceField(
        label=_("action"), required=False, choices=_choices(AuditAction.choices)
    )
    object_type = forms.ChoiceField(
        label=_("object type"),
        required=False,
        choices=_choices(sorted(ObjectType.choices)),
    )
    actor = forms.CharField(label=_("actor (e-mail)"), required=False, max_length=254)
    employee = forms.CharField(label=_("employee number"), required=False, max_length=50)
    page = forms.IntegerField(label=_("page"), required=False, min_value=1, max_value=100_000)

    def clean(self):
        data = super().clean() or {}
        since, until = data.get("since"), data.get("until")
        if since and until and since > until:
            self.add_error("until", _("must not be before the start date"))
        return data

    def errors_text(self) -> str:
        """Every error as one line per field: "field: message"."""
        return "; ".join(
            f"{field}: {' '.join(str(m) for m in messages)}"
            for field, messages in self.errors.items()
        )
