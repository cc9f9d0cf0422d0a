"""Importing eNPS answers: anonymous, so there is no key per answer.

The answers a file gives for a survey replace all answers that survey had. That is
what makes a second import of the same file change nothing, and a corrected export
simply replaces the wrong one.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from django.utils.translation import gettext as _

from groeipad.lib.importing import Column, Importer, ImportResult
from groeipad.lib.spreadsheets import Row
from groeipad.people.imports import resolve_departments
from groeipad.surveys.models import Survey, SurveyAnswer

if TYPE_CHECKING:
    from groeipad.lib.actions import Actor


@dataclass
class _AnswerRow:
    row: Row
    survey: str | None
    date: date | None
    score: int | None
    department: Any  # the text in the file, then its department node

    @property
    def answer(self) -> tuple[dt.date, int]:
        """Closing date and score of a row that passed (both are required)."""
        assert self.date is not None and self.score is not None
        return self.date, self.score


class EnpsImport(Importer):
    kind = "enps"
    columns = (
        Column("survey", ("enquete", "enquête"), required=True),
        Column("date", "datum", required=True),
        Column("score", "score", required=True),
        Column("department", "afdeling"),
    )

    def parse_row(self, row: Row) -> _AnswerRow:
        r = _AnswerRow(
            row=row,
            survey=self.text(row, "survey", required=True, max_length=200),
            date=self.date(row, "date", required=True),
            score=self.integer(row, "score", required=True),
            department=self.text(row, "department"),
        )
        if r.score is not None and not 0 <= r.score <= 10:
            self.bad_value(
                row, "score", self.raw(row, "score"), _("is not a whole number from 0 to 10")
            )
        return r

    def plan(self, records: list[_AnswerRow]) -> None:
        surveys: dict[str, list[_AnswerRow]] = {}
        # Per survey, the first good date and its row.
        dated: dict[str, tuple[date, _AnswerRow]] = {}
        for r in records:
            if r.survey is None:
                continue
            surveys.setdefault(r.survey, []).append(r)
            if r.date is None:
                continue
            first_date, first = dated.setdefault(r.survey, (r.date, r))
            if first_date != r.date:
                self.bad_value(
                    r.row,
                    "date",
                    self.raw(r.row, "date"),
                    _(
                        'differs from %(date)s given for survey "%(survey)s" on line '
                        "%(line)d; a survey has one closing date"
                    )
                    % {"date": first_date.isoformat(), "survey": r.survey, "line": first.row.line},
                )
        self.departments = resolve_departments(self, records)
        if self.result.errors:
            return
        existing = {survey.name: survey for survey in Survey.objects.filter(name__in=surveys)}
        old_answers: dict[int, Counter] = {survey.pk: Counter() for survey in existing.values()}
        for survey_id, score, department_id in SurveyAnswer.objects.filter(
            survey__in=existing.values()
        ).values_list("survey_id", "score", "department_id"):
            old_answers[survey_id][(score, department_id)] += 1
        self.plans = []
        for name, answers in surveys.items():
            survey = existing.get(name)
            new = Counter((a.score, a.department and a.department.id) for a in answers)
            same_answers = (
                survey is not None
                and not any(a.department is not None and a.department.id is None for a in answers)
                and new == old_answers[survey.pk]
            )
            if same_answers and survey is not None and survey.closing_date == answers[0].date:
                self.result.unchanged += len(answers)
            elif same_answers:
                self.result.updated += len(answers)
                self.plans.append((name, survey, answers, False))
            else:
                self.result.created += len(answers)
                self.result.removed += old_answers[survey.pk].total() if survey else 0
                self.plans.append((name, survey, answers, True))

    def apply(self) -> None:
        self.departments.save()
        for name, survey, answers, replace in self.plans:
            closing_date, _score = answers[0].answer
            if survey is None:
                survey = Survey.objects.create(name=name, closing_date=closing_date)
            elif survey.closing_date != closing_date:
                survey.closing_date = closing_date
                survey.save(update_fields=["closing_date"])
            if replace:
                survey.answers.all().delete()
                SurveyAnswer.objects.bulk_create(
                    [
                        SurveyAnswer(
                            survey=survey,
                            score=a.answer[1],
                            department_id=a.department and a.department.id,
                        )
                        for a in answers
                    ],
                    batch_size=1000,
                )


def import_enps(
    *,
    path_or_file,
    name: str | None = None,
    actor: Actor | str,
    dry_run: bool = False,
    progress=None,
) -> ImportResult:
    """Replace each named survey's answers by the file's; see docs/import-formats.md."""
    return EnpsImport(
        path_or_file=path_or_file, name=name, actor=actor, dry_run=dry_run, progress=progress
    ).run()
