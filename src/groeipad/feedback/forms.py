from __future__ import annotations

from datetime import timedelta

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from groeipad.feedback.models import DEFAULT_MIN_GROUP_SIZE, RaterGroup

DATE = forms.DateInput(attrs={"type": "date"})


class RoundStartForm(forms.Form):
    employee_number = forms.CharField(
        label=_("Employee number (HR only; empty for yourself)"), required=False, max_length=50
    )
    closes_on = forms.DateField(label=_("Closes on"), widget=DATE)
    min_group_size = forms.IntegerField(
        label=_("Minimum raters per group (N)"),
        min_value=2,
        max_value=20,
        initial=DEFAULT_MIN_GROUP_SIZE,
    )
    show_manager_separately = forms.BooleanField(
        label=_("Show the manager's feedback as its own group (still only from N raters)"),
        required=False,
    )

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("initial", {}).setdefault(
            "closes_on", timezone.localdate() + timedelta(days=21)
        )
        super().__init__(*args, **kwargs)


class InviteForm(forms.Form):
    email = forms.EmailField(label=_("E-mail address"))
    group = forms.ChoiceField(
        label=_("Group"), choices=[c for c in RaterGroup.choices if c[0] != RaterGroup.SELF]
    )


class ShareForm(forms.Form):
    with_manager = forms.BooleanField(label=_("Share with my manager"), required=False)
    mentor_email = forms.EmailField(label=_("Share with a mentor (e-mail)"), required=False)
