"""The form of the budget page; the service still checks everything."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _


class BudgetForm(forms.Form):
    department = forms.TypedChoiceField(label=_("department"), coerce=int)
    year = forms.IntegerField(label=_("year"), min_value=2000, max_value=2100)
    amount = forms.DecimalField(label=_("amount (euros)"), min_value=0, decimal_places=2)
    hours = forms.DecimalField(
        label=_("hours set aside"), min_value=0, decimal_places=1, required=False
    )
