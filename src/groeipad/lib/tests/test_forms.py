from datetime import date

from django import forms
from django.utils import translation

from groeipad.lib.forms import DateInput


class _Form(forms.Form):
    on = forms.DateField(widget=DateInput())


def test_date_picker_gets_an_iso_date_in_dutch_too():
    with translation.override("nl"):
        html = str(_Form(initial={"on": date(2026, 11, 27)})["on"])
    assert 'type="date"' in html and 'value="2026-11-27"' in html


def test_date_picker_value_is_parsed_back():
    form = _Form(data={"on": "2026-11-27"})
    assert form.is_valid() and form.cleaned_data["on"] == date(2026, 11, 27)
