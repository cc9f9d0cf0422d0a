"""How a pair's reasons read: language codes from profiles ("nl") as names ("Nederlands")."""

from __future__ import annotations

from babel import Locale, UnknownLocaleError
from django import template

from groeipad.lib.money import active_locale

register = template.Library()


@register.filter
def language_names(codes) -> str:
    """``["en", "nl"]`` as "Engels, Nederlands" in Dutch; an unknown code stays as written."""
    reader = active_locale()
    names = []
    for code in codes or ():
        try:
            name = reader.languages.get(str(Locale.parse(code.replace("-", "_")).language))
        except (ValueError, UnknownLocaleError):
            name = None
        names.append(name or code)
    return ", ".join(names)
