"""What one line of the to-do overview is, and how it words days and amounts."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.utils import formats

# Actions due within this many days count as "near their deadline".
SOON_DAYS = 14
# A declined learning request stays on the list this long, so the employee sees the answer.
RECENT_DECISION_DAYS = 30


@dataclass(frozen=True)
class Todo:
    text: str
    url: str
    urgent: bool = False


@dataclass
class Overview:
    mine: list[Todo] = field(default_factory=list)
    decisions: list[Todo] | None = None  # None: the viewer manages nobody
    attention: list[Todo] | None = None  # None: the viewer is not HR

    @property
    def empty(self) -> bool:
        return not (self.mine or self.decisions or self.attention)


def day(value: date, today: date) -> str:
    return formats.date_format(value, "j F" if value.year == today.year else "j F Y")


def euros(amount: Decimal | int) -> str:
    return "€ " + formats.number_format(amount, 0, use_l10n=True, force_grouping=True)
