"""Forms of the rotation pages."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from groeipad.lib.forms import DateInput
from groeipad.mobility.models import OfferKind
from groeipad.people.models import Department
from groeipad.skills.models import Competency


class OfferForm(forms.Form):
    host_department = forms.ModelChoiceField(
        label=_("Host department"), queryset=Department.objects.none()
    )
    kind = forms.ChoiceField(label=_("Kind"), choices=OfferKind.choices)
    title = forms.CharField(label=_("Title"), max_length=200)
    description = forms.CharField(
        label=_("What it involves"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    start_date = forms.DateField(label=_("Start date"), widget=DateInput())
    duration_weeks = forms.IntegerField(label=_("Duration in weeks"), min_value=1, max_value=104)
    places = forms.IntegerField(label=_("Places"), min_value=1, max_value=100, initial=1)
    is_transfer = forms.BooleanField(
        label=_("Permanent move (transfer to the host department)"), required=False
    )
    competencies = forms.ModelMultipleChoiceField(
        label=_("Competencies it develops"),
        queryset=Competency.objects.all(),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 8}),
    )
    target_level = forms.IntegerField(
        label=_("Target level for these competencies (optional)"),
        min_value=1,
        max_value=10,
        required=False,
    )

    def __init__(self, *args, departments=None, **kwargs):
        super().__init__(*args, **kwargs)
        if departments is not None:
            field = self.fields["host_department"]
            assert isinstance(field, forms.ModelChoiceField)
            field.queryset = departments


class ApplyForm(forms.Form):
    motivation = forms.CharField(
        label=_("Why this place? (motivation)"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(choices=[("yes", "yes"), ("no", "no")])
    reason = forms.CharField(required=False, max_length=2000)
