"""Forms for the pages: they parse and validate what a request carries."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _


class EmployeeFilterForm(forms.Form):
    """The employee list's filters, from the query string (GET)."""

    q = forms.CharField(label=_("Search"), required=False, max_length=200)
    afdeling = forms.TypedChoiceField(
        label=_("Department"), required=False, coerce=int, empty_value=None
    )
    huidig = forms.BooleanField(label=_("Only current employees"), required=False)
    # Present once the form was submitted: without it, "only current" starts ticked.
    filter = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(self, data, *, departments: list[tuple[int, str]]):
        if "filter" not in data:
            data = data.copy()
            data["huidig"] = "on"
        super().__init__(data)
        department = self.fields["afdeling"]
        assert isinstance(department, forms.ChoiceField)
        department.choices = [("", _("All departments")), *departments]

    def filters(self) -> dict:
        """The valid filters; an invalid one (an unknown department) is left out and
        the form shows its error."""
        self.is_valid()
        data = self.cleaned_data
        return {
            "search": (data.get("q") or "").strip(),
            "department_id": data.get("afdeling"),
            "current_only": bool(data.get("huidig")),
        }
