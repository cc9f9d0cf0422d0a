from datetime import date

from django.template import Context, Template
from django.utils import translation

SHORT = Template('{{ d|date:"DATE_FORMAT" }}')


def _render(language: str) -> str:
    with translation.override(language):
        return SHORT.render(Context({"d": date(2026, 12, 21)}))


def test_dutch_short_dates_write_the_month_in_lower_case():
    assert _render("nl") == "21 dec 2026"


def test_english_short_dates_capitalise_the_month():
    assert _render("en") == "21 Dec 2026"
