"""Form widgets shared by every app's forms."""

from __future__ import annotations

from django import forms


class DateInput(forms.DateInput):
    """The browser's date picker. It reads and writes ISO dates only, whatever the page's
    language: Django's default would render a Dutch "27-11-2026", which the picker
    shows as empty."""

    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%d")
