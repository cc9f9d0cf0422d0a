from collections import Counter
from datetime import date

import pytest
from django.utils import translation

from groeipad.people.tests.importhelpers import write_csv
from groeipad.surveys.imports import import_enps
from groeipad.surveys.models import Survey, SurveyAnswer

HEADER = ["survey", "date", "score", "department"]


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


def run(tmp_path, rows, dry_run=False):
    path = write_csv(tmp_path / "enps.csv", [HEADER, *rows])
    return import_enps(path_or_file=path, name="enps.csv", actor=None, dry_run=dry_run)


def answers(name):
    return Counter(
        SurveyAnswer.objects.filter(survey__name=name).values_list("score", "department__name")
    )


@pytest.mark.django_db
def test_a_surveys_answers_in_the_file_replace_its_answers(personas, tmp_path):
    first = [
        ["Q1", "2024-03-31", "9", "Planning"],
        ["Q1", "2024-03-31", "9", "Planning"],
        ["Q1", "31-03-2024", "3", ""],
        ["Q2", "2024-06-30", "7", "Finance"],
    ]
    result = run(tmp_path, first)
    assert result.errors == []
    assert (result.created, result.updated, result.unchanged) == (4, 0, 0)
    assert answers("Q1") == Counter({(9, "Planning"): 2, (3, None): 1})
    assert Survey.objects.get(name="Q1").closing_date == date(2024, 3, 31)

    again = run(tmp_path, first)
    assert (again.created, again.updated, again.unchanged, again.removed) == (0, 0, 4, 0)
    assert SurveyAnswer.objects.count() == 4

    corrected = run(tmp_path, [["Q1", "2024-03-31", "10", ""], ["Q1", "2024-03-31", "0", ""]])
    assert (corrected.created, corrected.unchanged, corrected.removed) == (2, 0, 3)
    assert answers("Q1") == Counter({(10, None): 1, (0, None): 1})
    assert answers("Q2") == Counter({(7, "Finance"): 1})


@pytest.mark.django_db
def test_enps_refuses_scores_outside_0_to_10_and_two_dates_for_one_survey(tmp_path):
    result = run(
        tmp_path,
        [
            ["Q1", "2024-03-31", "11", ""],
            ["Q1", "2024-04-01", "7,5", ""],
            ["Q1", "2024-03-31", "zeven", ""],
        ],
    )
    assert [str(e) for e in result.errors] == [
        'enps.csv:2:3: score "11" is not a whole number from 0 to 10',
        'enps.csv:3:2: date "2024-04-01" differs from 2024-03-31 given for survey "Q1" on '
        "line 2; a survey has one closing date",
        'enps.csv:3:3: score "7,5" is not a whole number',
        'enps.csv:4:3: score "zeven" is not a number (write it like 52000.50 or 52000,50, '
        "without thousands separators)",
    ]
    assert not Survey.objects.exists()


@pytest.mark.django_db
def test_enps_dry_run_reports_without_writing(tmp_path):
    result = run(tmp_path, [["Q1", "2024-03-31", "8", "Nieuw"]], dry_run=True)
    assert result.created == 1
    assert not Survey.objects.exists()
