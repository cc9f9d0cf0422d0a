"""The surveys app holds no personal data: eNPS answers carry no link to a person."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from groeipad.people.models import Employee
from groeipad.privacy.registry import DataCategory, register


def _export(employee: Employee) -> list[dict]:
    return []  # answers are anonymous: nothing is linked to anyone


def _erase(employee: Employee, dry_run: bool) -> int:
    return 0


register(
    DataCategory(
        key="survey_answers",
        app="surveys",
        label=_("survey answers: eNPS and pulse (anonymous)"),
        purpose=_("to measure how the organisation is doing, per department"),
        legal_basis=_("legitimate interest: a good workplace (article 6(1)(f) GDPR)"),
        retention="employment",
        seen_by=("hr", "kpi_line"),
        export=_export,
        erase=_erase,
        notes=(
            _(
                "Answers are stored with a score and a department only, never with a "
                "person: there is nothing to export or erase per person. Figures are shown "
                "only from enough answers."
            ),
        ),
    )
)
