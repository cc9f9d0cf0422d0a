"""Forms for the catalogue pages; the services still check everything."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from groeipad.learning.models import EvaluationLevel, Funding, LearningOffer
from groeipad.lib.forms import DateInput


class OfferForm(forms.ModelForm):
    class Meta:
        model = LearningOffer
        fields = [
            "title",
            "kind",
            "provider",
            "format",
            "description",
            "duration_hours",
            "cost",
            "language",
            "mandatory",
            "active",
        ]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}

    def validate_unique(self):
        # offer_save says it in its own words, case-insensitively.
        pass


class SessionForm(forms.Form):
    starts_on = forms.DateField(label=_("starts on"), widget=DateInput())
    ends_on = forms.DateField(label=_("ends on"), widget=DateInput())
    place = forms.CharField(label=_("place"), max_length=200, required=False)
    capacity = forms.IntegerField(label=_("capacity"), min_value=1)


class RequestForm(forms.Form):
    session = forms.TypedChoiceField(
        label=_("session"), coerce=int, required=False, empty_value=None
    )
    goal = forms.TypedChoiceField(
        label=_("goal in my plan"), coerce=int, required=False, empty_value=None
    )
    # Only offered when the employee has a personal budget (the view sets the choices
    # with what is left of each); without one the department pays.
    funding = forms.ChoiceField(
        label=_("paid from"), choices=Funding.choices, required=False, widget=forms.RadioSelect
    )
    reason = forms.CharField(
        label=_("why this learning"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(
        choices=[("approve", _("approve")), ("decline", _("decline"))], label=_("decision")
    )
    reason = forms.CharField(label=_("reason"), required=False, max_length=2000)
    override_budget = forms.BooleanField(label=_("approve beyond the budget"), required=False)
    # Empty: the budget the employee asked for pays.
    funding = forms.ChoiceField(
        label=_("paid from"), choices=[("", ""), *Funding.choices], required=False
    )


class CompleteForm(forms.Form):
    completed_on = forms.DateField(label=_("completed on"), required=False, widget=DateInput())


class EvaluationForm(forms.Form):
    level = forms.ChoiceField(choices=EvaluationLevel.choices, label=_("level"))
    # Learning sends one before/after pair per competency instead (see views).
    rating = forms.IntegerField(label=_("rating"), min_value=1, max_value=5, required=False)
    before = forms.IntegerField(label=_("before"), min_value=1, max_value=5, required=False)
    comment = forms.CharField(label=_("comment"), required=False, max_length=2000)
