from django import forms
from django.utils import translation

from groeipad.lib.page_messages import form_errors


class _Form(forms.Form):
    on = forms.DateField(label="Datum")
    hours = forms.IntegerField(label="Uren", min_value=1)

    def clean(self):
        raise forms.ValidationError("Niet allebei leeg.")


def test_form_errors_name_each_field_by_its_label_and_keep_form_wide_errors():
    with translation.override("en"):
        form = _Form(data={"on": "morgen", "hours": "0"})
        assert not form.is_valid()
        assert form_errors(form) == (
            "Datum: Enter a valid date.; "
            "Uren: Ensure this value is greater than or equal to 1.; "
            "Niet allebei leeg."
        )
