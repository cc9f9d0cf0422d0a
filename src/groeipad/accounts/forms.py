"""Forms of the accounts pages."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from groeipad.accounts.selectors import STATUS_LABELS
from groeipad.accounts.services import OPERATIONS
from groeipad.people.models import Role

# Employee numbers posted at once (a page has 50; the people list posts its page too).
MAX_SELECTED = 500


def posted_numbers(values: list[str]) -> list[str]:
    """Employee numbers from ticked checkboxes; anything no number can be is left out
    (too long, or with a NUL that PostgreSQL refuses), at most one past the maximum."""
    numbers = [v.strip() for v in values if v.strip() and len(v) <= 50 and "\x00" not in v]
    return list(dict.fromkeys(numbers))[: MAX_SELECTED + 1]


class AccountFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=200)
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("All")), *STATUS_LABELS.items()],
    )

    def filters(self) -> dict:
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        return {"search": (data.get("q") or "").strip(), "status": data.get("status") or None}


class AccountActionForm(forms.Form):
    """A per-row button (``row`` = "action:number") or the bulk action on the ticked rows."""

    operation = forms.ChoiceField(choices=[(o, o) for o in OPERATIONS], required=False)
    role = forms.ChoiceField(label=_("Role"), choices=[("", "—"), *Role.choices], required=False)
    row = forms.CharField(required=False, max_length=100)

    def __init__(self, data):
        super().__init__(data)
        self.numbers = posted_numbers(data.getlist("nummer"))

    def clean(self):
        data = super().clean() or {}
        row = data.get("row") or ""
        if row:
            operation, _sep, number = row.partition(":")
            if operation not in OPERATIONS or not number:
                raise forms.ValidationError(_("Unknown action."))
            data["operation"], self.numbers = operation, posted_numbers([number])
        if not data.get("operation"):
            raise forms.ValidationError(_("Choose an action."))
        if not self.numbers:
            raise forms.ValidationError(_("Tick at least one employee."))
        if len(self.numbers) > MAX_SELECTED:
            raise forms.ValidationError(
                _("Tick at most %(max)d employees at once.") % {"max": MAX_SELECTED}
            )
        if data["operation"] == "role" and not data.get("role"):
            self.add_error("role", _("Choose the new role."))
        return data
