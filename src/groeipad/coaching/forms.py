"""Forms for the coaching pages; the services still check everything."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from groeipad.coaching.models import CoachKind, Perspective
from groeipad.lib.forms import DateInput
from groeipad.people.models import Employee


class RequestForm(forms.Form):
    # The people the viewer may ask for, by id: set by the view with the choices.
    people: dict[int, Employee]

    employee = forms.TypedChoiceField(label=_("for whom"), coerce=int)
    coach_kind = forms.ChoiceField(
        label=_("coach"), choices=CoachKind.choices, widget=forms.RadioSelect
    )
    internal_coach = forms.CharField(
        label=_("internal coach: employee number or e-mail"), max_length=200, required=False
    )
    coach_name = forms.CharField(label=_("name of the coach"), max_length=200, required=False)
    coach_organisation = forms.CharField(
        label=_("organisation of the coach"), max_length=200, required=False
    )
    coach_email = forms.EmailField(label=_("e-mail of the coach"), required=False)
    goal_text = forms.CharField(
        label=_("coaching goal"), widget=forms.Textarea(attrs={"rows": 3}), max_length=4000
    )
    plan_goal = forms.TypedChoiceField(
        label=_("goal in the development plan"), coerce=int, required=False, empty_value=None
    )
    planned_sessions = forms.IntegerField(
        label=_("planned number of sessions"), min_value=1, max_value=100
    )
    budget = forms.DecimalField(
        label=_("budget (euros)"), min_value=0, max_digits=10, decimal_places=2
    )
    reason = forms.CharField(
        label=_("why coaching"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(
        choices=[("approve", _("approve")), ("decline", _("decline"))], label=_("decision")
    )
    reason = forms.CharField(label=_("reason"), required=False, max_length=2000)
    override_budget = forms.BooleanField(label=_("approve beyond the budget"), required=False)


class SessionForm(forms.Form):
    date = forms.DateField(label=_("date"), widget=DateInput())
    hours = forms.DecimalField(
        label=_("hours"), min_value=0, max_digits=5, decimal_places=2, initial=1
    )
    notes = forms.CharField(label=_("short notes"), max_length=1000, required=False)
    beyond_plan_reason = forms.CharField(
        label=_("why a session beyond the plan"), max_length=500, required=False
    )


class CompleteForm(forms.Form):
    completed_on = forms.DateField(label=_("completed on"), required=False, widget=DateInput())
    note = forms.CharField(label=_("note at completion"), max_length=2000, required=False)


class EvaluationForm(forms.Form):
    perspective = forms.ChoiceField(choices=Perspective.choices, label=_("by"))
    goal_reached = forms.IntegerField(label=_("goal reached (1-5)"), min_value=1, max_value=5)
    behaviour_change = forms.CharField(
        label=_("what changed in behaviour"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    comment = forms.CharField(
        label=_("comment"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class CancelForm(forms.Form):
    reason = forms.CharField(label=_("reason"), required=False, max_length=2000)
