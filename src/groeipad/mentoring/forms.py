"""Forms of the mentoring pages."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from groeipad.lib.forms import DateInput
from groeipad.mentoring.models import MeetingForm, Role, RuleKind
from groeipad.skills.models import Competency


class ProgrammeForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200)
    start_date = forms.DateField(label=_("Start"), required=False, widget=DateInput())
    end_date = forms.DateField(label=_("End"), required=False, widget=DateInput())
    goals = forms.CharField(
        label=_("Goals"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    eligibility = forms.CharField(label=_("Who may join"), required=False, max_length=2000)


class JoinForm(forms.Form):
    role = forms.ChoiceField(label=_("Join as"), choices=Role.choices)
    capacity = forms.IntegerField(
        label=_("How many mentees (mentors only)"), min_value=1, max_value=100, initial=1
    )
    offers = forms.ModelMultipleChoiceField(
        label=_("Competencies I offer"),
        queryset=Competency.objects.all(),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 8}),
    )
    wants = forms.ModelMultipleChoiceField(
        label=_("Competencies I want to develop"),
        queryset=Competency.objects.all(),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 8}),
    )
    languages = forms.CharField(label=_("Languages"), required=False, max_length=200)
    meeting_form = forms.ChoiceField(label=_("Meeting form"), choices=MeetingForm.choices)


class RuleForm(forms.Form):
    mentor = forms.IntegerField(widget=forms.HiddenInput)
    mentee = forms.IntegerField(widget=forms.HiddenInput)
    kind = forms.ChoiceField(choices=RuleKind.choices)


class MeetingLogForm(forms.Form):
    date = forms.DateField(label=_("Date"), widget=DateInput())
    notes = forms.CharField(
        label=_("Notes"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )


class GoalLinkForm(forms.Form):
    goal = forms.IntegerField(label=_("Goal from my development plan"), required=False)


class SharingForm(forms.Form):
    share_goal = forms.BooleanField(label=_("Share the linked goal with my mentor"), required=False)
    share_plan = forms.BooleanField(
        label=_("Share a summary of my development plan with my mentor"), required=False
    )


class FeedbackForm(forms.Form):
    rating = forms.TypedChoiceField(
        label=_("How useful was this pair? (1 = not at all, 5 = very)"),
        choices=[(n, str(n)) for n in range(1, 6)],
        coerce=int,
        widget=forms.RadioSelect,
    )
    brought = forms.CharField(
        label=_("What did it bring you?"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
