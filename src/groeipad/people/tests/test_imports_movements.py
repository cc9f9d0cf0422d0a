from datetime import date

import pytest
from django.utils import translation

from groeipad.people.imports import import_movements
from groeipad.people.models import Department, Movement
from groeipad.people.tests.importhelpers import write_csv

HEADER = ["employee_number", "date", "kind", "department", "job_title"]


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


def run(tmp_path, rows, dry_run=False):
    path = write_csv(tmp_path / "moves.csv", [HEADER, *rows], separator=";")
    return import_movements(path_or_file=path, name="moves.csv", actor=None, dry_run=dry_run)


@pytest.mark.django_db
def test_moves_are_history_and_leave_the_present_position_alone(personas, tmp_path):
    result = run(
        tmp_path,
        [
            ["1002", "2023-04-01", "promotie", "Operations/Planning", "Lead"],
            ["1003", "01-09-2022", "Transfer", "Sales", ""],
        ],
    )
    assert result.errors == []
    assert (result.created, result.updated, result.unchanged) == (2, 0, 0)
    promotion = Movement.objects.select_related("job_profile").get(employee=personas.alice)
    assert (
        promotion.date,
        promotion.kind,
        promotion.department_id,
        promotion.job_profile.name,
    ) == (date(2023, 4, 1), "promotion", personas.planning.pk, "Lead")
    assert Movement.objects.get(employee=personas.carol).department.name == "Sales"
    personas.alice.refresh_from_db()
    assert (personas.alice.department_id, personas.alice.job_profile.name) == (
        personas.planning.pk,
        "Planner",
    )
    assert Department.objects.filter(name="Sales", parent=None).exists()


@pytest.mark.django_db
def test_moves_import_twice_is_unchanged_and_a_corrected_row_updates(personas, tmp_path):
    rows = [["1002", "2023-04-01", "promotion", "Planning", "Lead"]]
    run(tmp_path, rows)
    assert (run(tmp_path, rows).unchanged, Movement.objects.count()) == (1, 1)
    result = run(tmp_path, [["1002", "2023-04-01", "promotion", "Finance", ""]])
    assert (result.created, result.updated, result.unchanged) == (0, 1, 0)
    move = Movement.objects.get()
    assert (move.department_id, move.job_profile_id) == (personas.finance.pk, None)


@pytest.mark.django_db
def test_moves_of_unknown_employees_and_repeated_keys_are_refused(personas, tmp_path):
    result = run(
        tmp_path,
        [
            ["9999", "2023-04-01", "promotion", "", ""],
            ["1002", "2023-04-01", "promotion", "", ""],
            ["1002", "01-04-2023", "promotion", "", ""],
            ["1002", "2023-04-01", "demotion", "", ""],
        ],
    )
    assert [str(e) for e in result.errors] == [
        'moves.csv:2:1: employee_number "9999" is not an employee in Groeipad '
        "(import employees first)",
        "moves.csv:4:1: the promotion of 1002 on 2023-04-01 is also on line 3",
        'moves.csv:5:3: kind "demotion" is not one of: transfer, overplaatsing, promotion, '
        "promotie",
    ]
    assert not Movement.objects.exists()
