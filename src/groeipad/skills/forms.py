"""Forms of the competency pages: they parse and validate what a request carries.

Objects chosen in a form (competency, job profile, department) arrive as ids; the
choices are filled in by the view, so an unknown id is a form error, not a crash.
"""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from groeipad.lib.forms import DateInput
from groeipad.skills.models import PotentialSignal

TEXTAREA = {"rows": 3}


def _set_choices(form: forms.Form, name: str, choices: list) -> None:
    field = form.fields[name]
    assert isinstance(field, forms.ChoiceField)
    field.choices = choices


class TalentProfileForm(forms.Form):
    strengths = forms.CharField(
        label=_("My strengths"), required=False, widget=forms.Textarea(attrs=TEXTAREA)
    )
    ambitions = forms.CharField(
        label=_("My ambitions"), required=False, widget=forms.Textarea(attrs=TEXTAREA)
    )
    energy_sources = forms.CharField(
        label=_("What gives me energy"), required=False, widget=forms.Textarea(attrs=TEXTAREA)
    )
    unused_talent = forms.CharField(
        label=_("A talent of mine that we do not use yet"),
        required=False,
        widget=forms.Textarea(attrs=TEXTAREA),
    )
    aspired_job_profile = forms.TypedChoiceField(
        label=_("A job I aspire to"), required=False, coerce=int, empty_value=None
    )
    version = forms.IntegerField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, job_profiles: list[tuple[int, str]], **kwargs):
        super().__init__(*args, **kwargs)
        _set_choices(self, "aspired_job_profile", [("", _("(none)")), *job_profiles])


class AssessmentForm(forms.Form):
    competency = forms.TypedChoiceField(coerce=int, widget=forms.HiddenInput)
    level = forms.TypedChoiceField(label=_("Level"), coerce=int, widget=forms.RadioSelect)
    note = forms.CharField(
        label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    evidence = forms.CharField(
        label=_("Evidence (an example)"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, competencies: list[int], levels: list[int], **kwargs):
        super().__init__(*args, **kwargs)
        _set_choices(self, "competency", [(pk, pk) for pk in competencies])
        _set_choices(self, "level", [(level, level) for level in levels])


class ObservationForm(forms.Form):
    signal = forms.ChoiceField(label=_("Signal"), choices=PotentialSignal.choices)
    observed_on = forms.DateField(label=_("Observed on"), widget=DateInput())
    what_happened = forms.CharField(
        label=_("What happened"), widget=forms.Textarea(attrs={"rows": 2})
    )
    what_it_showed = forms.CharField(
        label=_("What it showed"), widget=forms.Textarea(attrs={"rows": 2})
    )


class RequirementForm(forms.Form):
    job_profile = forms.TypedChoiceField(coerce=int, widget=forms.HiddenInput)
    competency = forms.TypedChoiceField(label=_("Competency"), coerce=int)
    level = forms.IntegerField(label=_("Required level"), min_value=1, initial=3)
    weight = forms.DecimalField(
        label=_("Weight"), min_value=0.01, max_digits=4, decimal_places=2, initial=1
    )

    def __init__(self, *args, job_profiles, competencies, **kwargs):
        super().__init__(*args, **kwargs)
        _set_choices(self, "job_profile", [(pk, pk) for pk, _name in job_profiles])
        _set_choices(self, "competency", competencies)


class RequirementRemoveForm(forms.Form):
    job_profile = forms.TypedChoiceField(coerce=int)
    competency = forms.TypedChoiceField(coerce=int)

    def __init__(self, *args, job_profiles, competencies, **kwargs):
        super().__init__(*args, **kwargs)
        _set_choices(self, "job_profile", [(pk, pk) for pk, _name in job_profiles])
        _set_choices(self, "competency", [(pk, pk) for pk, _name in competencies])


class ProfileParentForm(forms.Form):
    job_profile = forms.TypedChoiceField(coerce=int, widget=forms.HiddenInput)
    parent = forms.TypedChoiceField(
        label=_("Builds on"), coerce=int, required=False, empty_value=None
    )

    def __init__(self, *args, job_profiles, **kwargs):
        super().__init__(*args, **kwargs)
        _set_choices(self, "job_profile", [(pk, pk) for pk, _name in job_profiles])
        _set_choices(self, "parent", [("", _("(nothing)")), *job_profiles])


class TargetForm(forms.Form):
    competency = forms.TypedChoiceField(label=_("Competency"), coerce=int)
    level = forms.IntegerField(label=_("Level"), min_value=1, initial=3)
    headcount = forms.IntegerField(label=_("Number of people"), min_value=1, initial=1)
    due_date = forms.DateField(label=_("Needed by"), widget=DateInput())
    department = forms.TypedChoiceField(
        label=_("Department"), coerce=int, required=False, empty_value=None
    )
    note = forms.CharField(label=_("Why"), required=False, widget=forms.Textarea(attrs=TEXTAREA))

    def __init__(self, *args, competencies, departments, **kwargs):
        super().__init__(*args, **kwargs)
        _set_choices(self, "competency", competencies)
        _set_choices(self, "department", [("", _("Whole organisation")), *departments])


class TargetDeleteForm(forms.Form):
    target = forms.IntegerField(widget=forms.HiddenInput)
