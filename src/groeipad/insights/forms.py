"""Forms of the insights page: the period and department picker, the rate settings."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from groeipad.lib.forms import DateInput


def last_full_year(today: date) -> tuple[date, date]:
    return date(today.year - 1, 1, 1), date(today.year - 1, 12, 31)


class KpiFilterForm(forms.Form):
    van = forms.DateField(label=_("From"), widget=DateInput())
    tot = forms.DateField(label=_("To"), widget=DateInput())
    afdeling = forms.TypedChoiceField(
        label=_("Department"), coerce=int, required=False, empty_value=None
    )

    manager = forms.CharField(
        label=_("Manager's line (employee number)"), required=False, max_length=50
    )

    def __init__(
        self,
        data,
        *,
        departments: list[tuple[int, str]],
        today: date,
        everyone_label: str | None = None,
        with_manager: bool = False,
    ):
        start, end = last_full_year(today)
        data = {"van": start.isoformat(), "tot": end.isoformat(), **data.dict()}
        super().__init__(data)
        self._everyone_label = everyone_label or _("Whole organisation")
        self._department_field().choices = [
            ("", self._everyone_label),
            *departments,
        ]
        if not with_manager:
            del self.fields["manager"]

    def limit_departments(self, departments: list[tuple[int, str]]) -> None:
        """Offer only these; a chosen department outside them becomes a form error."""
        field = self._department_field()
        field.choices = [("", self._everyone_label), *departments]
        chosen = self._cleaned().get("afdeling")
        if chosen is not None and chosen not in {pk for pk, _name in departments}:
            self.add_error(
                "afdeling", _("You can only choose a department that lies wholly in your line.")
            )

    def _department_field(self) -> forms.TypedChoiceField:
        field = self.fields["afdeling"]
        assert isinstance(field, forms.TypedChoiceField)
        return field

    def _cleaned(self) -> dict:
        return getattr(self, "cleaned_data", None) or {}

    def clean(self) -> dict:
        cleaned = super().clean() or {}
        start, end = cleaned.get("van"), cleaned.get("tot")
        if start and end and end < start:
            self.add_error("tot", _("The end date is before the start date."))
        if cleaned.get("afdeling") is not None and cleaned.get("manager"):
            self.add_error("manager", _("Choose a department or a manager's line, not both."))
        return cleaned


class ReplacementCostForm(forms.Form):
    replacement_cost_low = forms.DecimalField(
        label=_("Replacement cost, low estimate (share of annual salary)"),
        min_value=Decimal("0"),
        max_value=Decimal("5"),
        max_digits=4,
        decimal_places=2,
    )
    replacement_cost_high = forms.DecimalField(
        label=_("Replacement cost, high estimate (share of annual salary)"),
        min_value=Decimal("0"),
        max_value=Decimal("5"),
        max_digits=4,
        decimal_places=2,
    )
    version = forms.IntegerField(widget=forms.HiddenInput)
