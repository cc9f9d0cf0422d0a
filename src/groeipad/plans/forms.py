"""Forms of the plan pages: they parse what a request carries; the services decide.

Choices (templates, goals, owners, competencies) are filled in by the view, so an unknown
id is a form error, not a crash.
"""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from groeipad.lib.forms import DateInput
from groeipad.plans.models import ActionStatus, GoalBasis, GoalStatus, Instrument

TEXTAREA = {"rows": 3}
DATE = DateInput()


def _text(label, rows=3, required=False):
    return forms.CharField(
        label=label, required=required, widget=forms.Textarea(attrs={"rows": rows})
    )


def _set_choices(form: forms.Form, name: str, choices: list) -> None:
    field = form.fields[name]
    assert isinstance(field, forms.ChoiceField)
    field.choices = choices


class PlanStartForm(forms.Form):
    template = forms.TypedChoiceField(
        label=_("Template"), required=False, coerce=int, empty_value=None
    )
    period_start = forms.DateField(label=_("Start"), widget=DATE)
    period_end = forms.DateField(label=_("End"), widget=DATE)

    def __init__(self, *args, templates: list[tuple[int, str]], **kwargs):
        super().__init__(*args, **kwargs)
        _set_choices(self, "template", [("", _("(empty plan)")), *templates])


class PlanSectionsForm(forms.Form):
    strengths = _text(_("Strengths"))
    ambitions = _text(_("Ambitions"))
    development_points = _text(_("Development points"))
    version = forms.IntegerField(required=False, widget=forms.HiddenInput)


class PlanCloseForm(forms.Form):
    summary = _text(_("Summary: what did this period bring?"), rows=4, required=True)
    version = forms.IntegerField(required=False, widget=forms.HiddenInput)


class GoalForm(forms.Form):
    title = forms.CharField(label=_("What do you want to achieve?"), max_length=300)
    why = _text(_("Why"), rows=2)
    success_criterion = _text(_("Success criterion: how will you know?"), rows=2)
    basis = forms.ChoiceField(label=_("Basis"), choices=GoalBasis.choices, widget=forms.RadioSelect)
    deadline = forms.DateField(label=_("Deadline"), widget=DATE)
    owner = forms.TypedChoiceField(label=_("Owner"), coerce=int)
    competency = forms.TypedChoiceField(
        label=_("Competency"), required=False, coerce=int, empty_value=None
    )
    strategic_target = forms.TypedChoiceField(
        label=_("Strategic target"), required=False, coerce=int, empty_value=None
    )

    def __init__(self, *args, owners, competencies, targets, **kwargs):
        super().__init__(*args, **kwargs)
        _set_choices(self, "owner", owners)
        _set_choices(self, "competency", [("", _("(none)")), *competencies])
        _set_choices(self, "strategic_target", [("", _("(none)")), *targets])


class GoalCloseForm(forms.Form):
    status = forms.ChoiceField(
        label=_("How did it end?"),
        choices=[c for c in GoalStatus.choices if c[0] != GoalStatus.OPEN],
        widget=forms.RadioSelect,
    )
    situation = _text(_("Situation: where were you?"), rows=2)
    task = _text(_("Task: what was expected of you?"), rows=2)
    action_taken = _text(_("Action: what did you do?"), rows=2)
    result = _text(_("Result: what came of it?"), rows=2, required=True)
    reflection = _text(
        _("Reflection: what went well, what would you do differently?"), rows=3, required=True
    )
    transfer = _text(_("Transfer: what do you take into your next goal or work?"), rows=2)
    version = forms.IntegerField(required=False, widget=forms.HiddenInput)


class ActionForm(forms.Form):
    description = forms.CharField(label=_("Action"), max_length=300)
    instrument = forms.ChoiceField(label=_("Instrument"), choices=Instrument.choices)
    due_date = forms.DateField(label=_("Due date"), widget=DATE)
    owner = forms.TypedChoiceField(label=_("Owner"), coerce=int)
    hours = forms.DecimalField(
        label=_("Hours"), min_value=0, required=False, initial=0, max_digits=7, decimal_places=2
    )
    cost = forms.DecimalField(
        label=_("Cost (€)"), min_value=0, required=False, initial=0, max_digits=10, decimal_places=2
    )

    def __init__(self, *args, owners, **kwargs):
        super().__init__(*args, **kwargs)
        _set_choices(self, "owner", owners)


class ActionStatusForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=ActionStatus.choices)
    version = forms.IntegerField(required=False, widget=forms.HiddenInput)


class CheckInPlanForm(forms.Form):
    scheduled_for = forms.DateField(label=_("Date"), widget=DATE)


class CheckInForm(forms.Form):
    shared_notes = _text(_("Shared notes (both of you see these)"), rows=4)
    private_notes = _text(_("My private notes (only you see these)"), rows=3)
    held = forms.BooleanField(label=_("We held this check-in"), required=False)
    next_date = forms.DateField(label=_("Next check-in"), required=False, widget=DATE)
    version = forms.IntegerField(required=False, widget=forms.HiddenInput)


class NextStepForm(forms.Form):
    goal = forms.TypedChoiceField(label=_("For goal"), coerce=int, required=False, empty_value=None)
    description = forms.CharField(label=_("Agreed next step"), max_length=300)
    instrument = forms.ChoiceField(label=_("Instrument"), choices=Instrument.choices)
    due_date = forms.DateField(label=_("Due date"), widget=DATE)
    hours = forms.DecimalField(
        label=_("Hours"), min_value=0, required=False, initial=0, max_digits=7, decimal_places=2
    )

    def __init__(self, *args, goals, **kwargs):
        super().__init__(*args, **kwargs)
        _set_choices(self, "goal", [("", _("(choose a goal)")), *goals])


class CadenceForm(forms.Form):
    weeks = forms.IntegerField(label=_("Weeks between check-ins"), min_value=1, max_value=52)
