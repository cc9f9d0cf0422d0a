from __future__ import annotations

import re
from datetime import timedelta

from django import forms
from django.core.validators import MinValueValidator
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from groeipad.feedback.models import MIN_GROUP_SIZE_FLOOR, RaterGroup
from groeipad.feedback.services import MAX_MIN_GROUP_SIZE
from groeipad.feedback.services.common import min_k
from groeipad.lib.forms import DateInput

# type=date inputs take ISO dates only, whatever the language (nl would render 27-12-2026).
DATE = DateInput()


class RoundStartForm(forms.Form):
    employee_number = forms.CharField(
        label=_("Employee number (HR only; empty for yourself)"), required=False, max_length=50
    )
    closes_on = forms.DateField(label=_("Closes on"), widget=DATE)

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("initial", {}).setdefault(
            "closes_on", timezone.localdate() + timedelta(days=21)
        )
        super().__init__(*args, **kwargs)


class SettingsForm(forms.Form):
    min_group_size = forms.IntegerField(
        label=_("Minimum raters per group (N)"),
        min_value=MIN_GROUP_SIZE_FLOOR,
        max_value=MAX_MIN_GROUP_SIZE,
        help_text=_(
            "An anonymous group's answers are shown only when at least this many of its "
            "raters answered. Never below 3. The manager's own rating is shown as theirs, "
            "named."
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        floor = min_k()
        field = self.fields["min_group_size"]
        assert isinstance(field, forms.IntegerField)
        field.min_value = floor
        field.validators = [v for v in field.validators if not isinstance(v, MinValueValidator)] + [
            MinValueValidator(floor)
        ]
        field.widget.attrs["min"] = floor


class GroupStartForm(forms.Form):
    department = forms.TypedChoiceField(
        label=_("Department (with its sub-departments)"),
        required=False,
        coerce=int,
        empty_value=None,
    )
    employee_numbers = forms.CharField(
        label=_("Or: employee numbers"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Separated by commas, spaces or new lines."),
    )
    closes_on = forms.DateField(label=_("Closes on"), widget=DATE)

    def __init__(self, *args, departments, **kwargs):
        kwargs.setdefault("initial", {}).setdefault(
            "closes_on", timezone.localdate() + timedelta(days=28)
        )
        super().__init__(*args, **kwargs)
        department = self.fields["department"]
        assert isinstance(department, forms.ChoiceField)
        department.choices = [("", _("(choose a department)")), *departments]

    def clean(self):
        super().clean()
        data = self.cleaned_data
        numbers = [n for n in re.split(r"[\s,;]+", data.get("employee_numbers") or "") if n]
        data["numbers"] = numbers
        if bool(data.get("department")) == bool(numbers):
            raise forms.ValidationError(
                _("Choose a department or give employee numbers (not both).")
            )
        return data


class InviteForm(forms.Form):
    """A colleague chosen by search (``employee``: their id from the search results), or
    an e-mail address (a colleague's, or an external one that waits for approval)."""

    employee = forms.IntegerField(required=False, widget=forms.HiddenInput)
    email = forms.EmailField(
        label=_("Or an e-mail address (external raters need approval)"), required=False
    )
    group = forms.ChoiceField(
        label=_("Group"),
        choices=[c for c in RaterGroup.choices if c[0] != RaterGroup.SELF],
        initial=RaterGroup.PEER,
    )

    def clean(self):
        data = super().clean() or {}
        if bool(data.get("employee")) == bool(data.get("email")):
            raise forms.ValidationError(
                _("Choose a colleague from the search or give an e-mail address (not both).")
            )
        return data


class ColleagueSearchForm(forms.Form):
    zoek = forms.CharField(
        label=_("Find a colleague (name or employee number)"), required=False, max_length=100
    )


class ShareForm(forms.Form):
    with_manager = forms.BooleanField(label=_("Share with my manager"), required=False)
    mentor = forms.TypedChoiceField(
        label=_("Share with my mentor"), required=False, coerce=int, empty_value=None
    )
    mentor_email = forms.EmailField(
        label=_("Or share with another mentor (e-mail)"), required=False
    )

    def __init__(self, *args, mentors=(), **kwargs):
        super().__init__(*args, **kwargs)
        mentor = self.fields["mentor"]
        assert isinstance(mentor, forms.ChoiceField)
        mentor.choices = [
            ("", _("(nobody)")),
            *[(m.pk, m.full_name) for m in mentors],
        ]
        if not mentors:
            self.fields["mentor"].widget = forms.HiddenInput()
            self.fields["mentor_email"].label = _("Share with a mentor (e-mail)")
