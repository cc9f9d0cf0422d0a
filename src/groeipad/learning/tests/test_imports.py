from decimal import Decimal

import pytest
from django.utils import translation

from groeipad.learning.imports import import_learning
from groeipad.learning.models import LearningActivity
from groeipad.people.tests.importhelpers import write_csv, write_xlsx

HEADER = ["personeelsnummer", "datum", "titel", "soort", "uren", "kosten"]


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


def run(path, dry_run=False):
    return import_learning(path_or_file=path, name=path.name, actor=None, dry_run=dry_run)


@pytest.mark.django_db
def test_learning_import_derives_the_70_20_10_category_from_the_kind(personas, tmp_path):
    path = write_xlsx(
        tmp_path / "leren.xlsx",
        [
            HEADER,
            ["1002", "2024-01-15", "Plannen met Excel", "Externe opleiding", 16, "250,00"],
            ["1002", "2024-02-01", "Meelopen magazijn", "werkplek", None, None],
            ["1003", "2024-03-01", "Coaching", "COACHING", "4,5", 300.5],
            ["1003", "2024-03-02", "Intro", "interne training", "", ""],
            ["1004", "2024-03-03", "Rotatie", "jobrotatie", "", ""],
            ["1005", "2024-03-04", "Buddy", "Mentoring", "", ""],
        ],
    )
    result = run(path)
    assert result.errors == []
    assert result.created == 6
    rows = {a.title: (a.kind, a.category, a.hours, a.cost) for a in LearningActivity.objects.all()}
    assert rows == {
        "Plannen met Excel": ("external_training", "formal", Decimal("16"), Decimal("250.00")),
        "Meelopen magazijn": ("on_the_job", "experience", Decimal("0"), Decimal("0")),
        "Coaching": ("coaching", "social", Decimal("4.5"), Decimal("300.50")),
        "Intro": ("internal_training", "formal", Decimal("0"), Decimal("0")),
        "Rotatie": ("job_rotation", "experience", Decimal("0"), Decimal("0")),
        "Buddy": ("mentoring", "social", Decimal("0"), Decimal("0")),
    }
    again = run(path)
    assert (again.created, again.updated, again.unchanged) == (0, 0, 6)


@pytest.mark.django_db
def test_learning_import_changes_kind_hours_and_cost_of_a_known_activity(personas, tmp_path):
    path = write_csv(
        tmp_path / "a.csv", [HEADER, ["1002", "2024-01-15", "Excel", "coaching", "2", ""]]
    )
    run(path)
    write_csv(path, [HEADER, ["1002", "15-01-2024", "Excel", "external_training", "3", "99,95"]])
    result = run(path)
    assert (result.created, result.updated, result.unchanged) == (0, 1, 0)
    activity = LearningActivity.objects.get()
    assert (activity.kind, activity.category, activity.hours, activity.cost) == (
        "external_training",
        "formal",
        Decimal("3"),
        Decimal("99.95"),
    )


@pytest.mark.django_db
def test_learning_import_refuses_bad_rows_with_their_place(personas, tmp_path):
    path = write_csv(
        tmp_path / "a.csv",
        [
            HEADER,
            ["1002", "2024-01-15", "Excel", "webinar", "-2", ""],
            ["9999", "2024-01-15", "Excel", "coaching", "", ""],
            ["1002", "2024-01-16", "Excel", "coaching", "", "€ 10"],
            ["1002", "16-01-2024", "Excel", "coaching", "", ""],
        ],
    )
    result = run(path)
    assert [str(e) for e in result.errors] == [
        'a.csv:2:4: soort "webinar" is not one of: internal_training, interne_training, '
        "external_training, externe_opleiding, mentoring, coaching, job_rotation, jobrotatie, "
        "on_the_job, werkplek",
        'a.csv:2:5: uren "-2" is negative',
        'a.csv:3:1: personeelsnummer "9999" is not an employee in Groeipad '
        "(import employees first)",
        'a.csv:4:6: kosten "€ 10" is not a number (write it like 52000.50 or 52000,50, '
        "without thousands separators)",
        'a.csv:5:3: titel "Excel" on 2024-01-16 for 1002 is also on line 4',
    ]
    assert not LearningActivity.objects.exists()


@pytest.mark.django_db
def test_imported_learning_links_to_the_offer_of_the_same_title(personas, offer, tmp_path):
    from groeipad.learning import selectors, services

    path = write_csv(
        tmp_path / "leren.csv",
        [
            HEADER,
            ["1002", "2024-01-15", "  plannen met EXCEL ", "interne training", "12", "0"],
            ["1003", "2024-02-01", "Plannen met Excel", "interne training", "12", "0"],
            ["1004", "2024-02-02", "Plannen met Excel 2", "interne training", "12", "0"],
        ],
    )
    assert run(path).created == 3
    linked = {a.employee.employee_number: a.offer_id for a in LearningActivity.objects.all()}
    assert linked == {"1002": offer.pk, "1003": offer.pk, "1004": None}
    assert selectors.offer_evaluation(offer).completed == 2
    # Idempotent: the same file again changes nothing.
    again = run(path)
    assert (again.created, again.updated, again.unchanged) == (0, 0, 3)
    # An offer added later is linked by the next import (an update, not a new row).
    later = services.offer_save(
        actor=personas.user("hanna"), title="Plannen met Excel 2", kind="e_learning"
    )
    third = run(path)
    assert (third.created, third.updated, third.unchanged) == (0, 1, 2)
    assert selectors.offer_evaluation(later).completed == 1
    assert LearningActivity.objects.count() == 3


@pytest.mark.django_db
def test_a_completed_request_and_its_imported_row_count_once_on_the_offer(
    personas, offer, tmp_path
):
    from datetime import date

    from groeipad.learning import selectors, services

    enrolment = services.request_offer(
        actor=personas.user("carol"), employee=personas.carol, offer=offer
    )
    services.approve(actor=personas.user("alice"), enrolment=enrolment)
    services.complete(
        actor=personas.user("alice"), enrolment=enrolment, completed_on=date(2024, 3, 1)
    )
    path = write_csv(
        tmp_path / "leren.csv",
        [HEADER, ["1003", "2024-03-01", "Plannen met Excel", "interne training", "12", "1500"]],
    )
    result = run(path)
    assert (result.created, result.unchanged) == (0, 1)
    assert selectors.offer_evaluation(offer).completed == 1
