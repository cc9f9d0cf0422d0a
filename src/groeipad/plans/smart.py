"""The SMART check of a development goal: what is missing, explained, not a grade.

Hard rules (a deadline outside the plan period) are refused by the services; these are
the softer hints a form shows beside a goal, so a draft can still be saved.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:
    from django_stubs_ext import StrPromise

MIN_TITLE_WORDS = 4
MAX_OPEN_GOALS = 5

# Words that say "more of it" without saying what: a title made only of these is vague.
VAGUE = {
    "beter",
    "meer",
    "verbeteren",
    "ontwikkelen",
    "groeien",
    "werken",
    "aan",
    "mijn",
    "me",
    "mezelf",
    "zijn",
    "worden",
    "goed",
    "goede",
    "vaardigheden",
    "improve",
    "better",
    "more",
    "work",
    "on",
    "my",
    "develop",
    "grow",
    "skills",
    "be",
    "become",
    "good",
    "get",
    "in",
    "de",
    "het",
    "een",
    "the",
    "a",
    "to",
    "op",
    "te",
}
# Verbs whose result someone else can see or hear: a success criterion using one is
# observable even without a number.
OBSERVABLE = (
    "presenteer",
    "presenteert",
    "geeft",
    "geef",
    "lever",
    "levert",
    "opgeleverd",
    "schrijf",
    "schrijft",
    "voer",
    "voert",
    "gevoerd",
    "leid",
    "leidt",
    "rond",
    "afgerond",
    "toon",
    "toont",
    "laat zien",
    "pas",
    "past",
    "toegepast",
    "bevestigt",
    "heb",
    "heeft",
    "gegeven",
    "present",
    "presents",
    "deliver",
    "delivers",
    "delivered",
    "write",
    "writes",
    "lead",
    "leads",
    "complete",
    "completed",
    "shows",
    "demonstrate",
    "demonstrates",
    "held",
    "applies",
    "applied",
    "confirms",
)
_NUMBER = re.compile(r"\d")
_WHEN_THEN = re.compile(r"\b(als|wanneer|zodra|when|once|if)\b.+\b(dan|then)\b", re.I | re.S)


@dataclass(frozen=True)
class Missing:
    letter: str  # S, M, A, R or T
    message: str | StrPromise


def _words(text: str) -> list[str]:
    return re.findall(r"[\w'-]+", text.lower())


def is_specific(title: str) -> bool:
    words = _words(title)
    return len(words) >= MIN_TITLE_WORDS and any(w not in VAGUE for w in words)


def is_measurable(success_criterion: str) -> bool:
    """A number, a date, a 'when ... then', or a verb whose result others can observe."""
    text = success_criterion.strip().lower()
    if not text:
        return False
    if _NUMBER.search(text) or _WHEN_THEN.search(text):
        return True
    words = set(_words(text))
    return any((" " in verb and verb in text) or verb in words for verb in OBSERVABLE)


def smart_check(
    *,
    title: str,
    success_criterion: str,
    owner_id: int | None,
    deadline: date | None,
    period_start: date,
    period_end: date,
    today: date,
    other_open_goals: int = 0,
) -> list[Missing]:
    """What the goal still misses to be SMART; empty when it is complete."""
    missing = []
    if not is_specific(title):
        missing.append(
            Missing(
                "S",
                _(
                    "Specific: describe what you will do or be able to do in at least "
                    "%(words)s words, not just 'get better at'."
                )
                % {"words": MIN_TITLE_WORDS},
            )
        )
    if not is_measurable(success_criterion):
        missing.append(
            Missing(
                "M",
                _(
                    "Measurable: the success criterion needs something observable: a number, "
                    "a date, a 'when ... then', or behaviour others can see."
                ),
            )
        )
    if not owner_id:
        missing.append(Missing("A", _("Assignable: name the person who owns this goal.")))
    if deadline is None:
        missing.append(Missing("T", _("Time-bound: set a deadline.")))
    else:
        if deadline < today:
            missing.append(Missing("R", _("Realistic: the deadline is already in the past.")))
        if not period_start <= deadline <= period_end:
            missing.append(Missing("R", _("Realistic: the deadline lies outside the plan period.")))
    if other_open_goals >= MAX_OPEN_GOALS:
        missing.append(
            Missing(
                "R",
                _(
                    "Realistic: the plan already has %(count)s open goals; more than "
                    "%(max)s at once rarely works."
                )
                % {"count": other_open_goals, "max": MAX_OPEN_GOALS},
            )
        )
    return missing
