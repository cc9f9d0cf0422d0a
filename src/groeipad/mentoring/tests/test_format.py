from django.utils import translation

from groeipad.mentoring.templatetags.mentoring_format import language_names


def test_language_codes_read_as_names_in_the_readers_language():
    with translation.override("nl"):
        assert language_names(["nl", "en"]) == "Nederlands, Engels"
    with translation.override("en"):
        assert language_names(["nl"]) == "Dutch"


def test_an_unknown_language_code_stays_as_written():
    with translation.override("nl"):
        assert language_names(["xx-yy", "Fries?"]) == "xx-yy, Fries?"
