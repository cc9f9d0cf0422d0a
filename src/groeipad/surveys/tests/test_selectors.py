"""survey_cells: one decision per survey over the whole department tree, in two queries."""

from __future__ import annotations

from datetime import date

import pytest

from groeipad.people.models import Department
from groeipad.privacy.anonymity import reason
from groeipad.surveys.models import Survey, SurveyAnswer
from groeipad.surveys.selectors import ORGANISATION, enps_score, survey_cells

pytestmark = pytest.mark.django_db


def _answers(survey: Survey, department: Department | None, scores: list[int]) -> None:
    SurveyAnswer.objects.bulk_create(
        SurveyAnswer(survey=survey, score=s, department=department) for s in scores
    )


def test_cells_count_subtrees_and_hide_small_and_complementary_cells(settings):
    settings.LANGUAGE_CODE = "en"
    sales = Department.objects.create(name="Sales")
    north = Department.objects.create(name="North", parent=sales)
    south = Department.objects.create(name="South", parent=sales)
    ops = Department.objects.create(name="Ops")
    survey = Survey.objects.create(name="S", closing_date=date(2025, 6, 1))
    _answers(survey, north, [10, 0])  # 2: too few
    _answers(survey, south, [9, 9, 3, 7, 8, 10])  # 6, but Sales - South would give North
    _answers(survey, sales, [10, 10, 10, 10, 10])  # Sales' own 5
    _answers(survey, ops, [0] * 5)
    _answers(survey, None, [7] * 5)
    cells = survey_cells([survey.pk], k=5)[survey.pk]
    # Sales 13 = own 5 + North 2 + South 6: North hidden; Sales minus South leaves 7 >= 5.
    assert cells.hidden == {north.pk}
    assert cells.figure(north.pk).as_dict() == {
        "value": None,
        "n": None,
        "suppressed": True,
        "suppressed_reason": reason(5),
    }
    sales_scores = [10, 0, 9, 9, 3, 7, 8, 10, 10, 10, 10, 10, 10]
    promoters = sum(s >= 9 for s in sales_scores)
    detractors = sum(s <= 6 for s in sales_scores)
    expected = round(100 * (promoters - detractors) / len(sales_scores), 4)
    assert cells.figure(sales.pk).value == expected and cells.figure(sales.pk).n == 13
    assert cells.figure(None) == cells.figure(ORGANISATION)
    assert cells.figure(None).n == 23
    assert cells.figure(ops.pk).value == -100.0


def test_two_queries_for_any_number_of_surveys_and_departments(django_assert_num_queries):
    parents = [Department.objects.create(name=f"D{i}") for i in range(10)]
    children = [Department.objects.create(name=f"C{i}", parent=p) for i, p in enumerate(parents)]
    surveys = [
        Survey.objects.create(name=f"S{i}", closing_date=date(2025, 1, i + 1)) for i in range(6)
    ]
    for survey in surveys:
        for department in [*parents, *children, None]:
            _answers(survey, department, [survey.pk % 11, 9, 3])
    with django_assert_num_queries(2):
        cells = survey_cells(Survey.objects.values("pk"), k=5)
    assert set(cells) == {s.pk for s in surveys}
    empty = Survey.objects.create(name="Empty", closing_date=date(2025, 2, 1))
    with django_assert_num_queries(1):  # no answers: the tree is not read
        assert survey_cells([empty.pk], k=5) == {}


@pytest.mark.parametrize(
    ("promoters", "detractors", "n", "score"),
    [(0, 0, 0, None), (1, 0, 1, 100.0), (0, 1, 1, -100.0), (1, 1, 3, 0.0), (2, 1, 3, 33.3333)],
)
def test_enps_score(promoters, detractors, n, score):
    assert enps_score(promoters, detractors, n) == score
