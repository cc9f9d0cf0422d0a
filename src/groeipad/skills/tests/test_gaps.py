from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import translation

from groeipad.skills.models import Assessment, AssessmentKind, CurrentLevel
from groeipad.skills.selectors import employee_gaps, heat_map, strategic_target_status
from groeipad.skills.services import (
    assessment_record,
    current_level_refresh,
    job_profile_set_parent,
    strategic_target_create,
)

SELF, MANAGER = AssessmentKind.SELF, AssessmentKind.MANAGER


@pytest.fixture
def rated(personas, profiles, competency):
    alice, carol = personas.alice, personas.carol
    collab, comms = competency("Collaboration"), competency("Communication")
    assessment_record(
        actor=personas.user("alice"),
        employee=alice,
        competency=collab,
        kind=SELF,
        level=2,
        assessed_on=date(2026, 1, 10),
    )
    assessment_record(
        actor=personas.user("bob"),
        employee=alice,
        competency=collab,
        kind=MANAGER,
        level=4,
        assessed_on=date(2026, 2, 1),
    )
    assessment_record(
        actor=personas.user("alice"),
        employee=alice,
        competency=comms,
        kind=SELF,
        level=2,
        assessed_on=date(2026, 2, 2),
    )
    assessment_record(
        actor=personas.user("carol"),
        employee=carol,
        competency=collab,
        kind=SELF,
        level=1,
        assessed_on=date(2026, 3, 1),
    )
    return personas


def by_name(report):
    return {row.competency.name_en: (row.required, row.current, row.gap) for row in report.rows}


def test_gap_against_own_job_profile_prefers_the_manager_rating(rated):
    report = employee_gaps(rated.alice)
    # Collaboration: required 3, manager says 4 (beats the older self 2) -> gap 0.
    # Communication: required 4, only self 2 -> gap 2.
    assert by_name(report) == {"Collaboration": (3, 4, 0), "Communication": (4, 2, 2)}
    assert report.total_gap == 2
    assert report.weighted_gap == Decimal("4")  # weight 2 x gap 2
    assert report.met == 1


def test_gap_against_an_aspired_profile_uses_inherited_requirements(rated, profiles):
    report = employee_gaps(rated.alice, profile=profiles["senior"])
    assert by_name(report) == {
        "Collaboration": (3, 4, 0),  # inherited from Planner
        "Communication": (5, 2, 3),  # Senior planner overrides 4 -> 5
        "Leadership": (3, None, None),  # not assessed: not a zero
    }
    inherited = {row.competency.name_en: row.inherited_from for row in report.rows}
    assert inherited["Collaboration"] == profiles["planner"].pk
    assert inherited["Communication"] is None


def test_heat_map_rolls_departments_up_and_counts_unassessed_apart(rated, competency):
    heat = heat_map(viewer=rated.user("hanna"), on=date(2026, 6, 1))
    collab, comms = competency("Collaboration").pk, competency("Communication").pk
    planning, operations = rated.planning.pk, rated.operations.pk
    # Planning: alice (collab gap 0, comms gap 2) and carol (collab self 1 -> gap 2, comms unrated).
    cell = heat.cell(planning, collab)
    assert (cell.required, cell.assessed, cell.gap_sum, cell.met) == (2, 2, 2, 1)
    assert cell.average_gap == 1.0
    cell = heat.cell(planning, comms)
    assert (cell.required, cell.assessed, cell.gap_sum, cell.met) == (2, 1, 2, 0)
    # Operations holds Planning; bob himself has no job profile.
    assert heat.cell(operations, collab).gap_sum == 2
    assert [path for _pk, path in heat.departments] == ["Operations", "Operations/Planning"]


def test_heat_map_for_a_manager_covers_only_their_line(rated, competency):
    heat = heat_map(viewer=rated.user("alice"), on=date(2026, 6, 1))
    cell = heat.cell(rated.planning.pk, competency("Collaboration").pk)
    assert (cell.required, cell.assessed) == (2, 2)  # alice and carol
    assert heat_map(viewer=rated.user("dave"), on=date(2026, 6, 1)).departments == []


def test_heat_map_query_count_does_not_grow(rated, competency, django_assert_num_queries, personas):
    from groeipad.people.models import Employee

    with django_assert_num_queries(6):
        heat_map(viewer=rated.user("hanna"), on=date(2026, 6, 1))
    Employee.objects.bulk_create(
        Employee(
            employee_number=f"P{i}",
            first_name="P",
            last_name=str(i),
            email=f"p{i}@x.nl",
            department=personas.planning,
            job_profile=personas.alice.job_profile,
            hire_date=date(2020, 1, 1),
        )
        for i in range(200)
    )
    with django_assert_num_queries(6):
        heat_map(viewer=rated.user("hanna"), on=date(2026, 6, 1))


def test_strategic_target_counts_people_at_level_and_names_the_closest(rated, competency):
    hr = rated.user("hanna")
    strategic_target_create(
        actor=hr,
        competency=competency("Collaboration"),
        level=3,
        headcount=3,
        due_date=date(2027, 1, 1),
        department=rated.operations,
    )
    [status] = strategic_target_status(viewer=hr, on=date(2026, 6, 1))
    assert status.have == 1  # alice at 4
    assert status.shortfall == 2
    assert [(e.employee_number, level) for e, level in status.closest] == [("1003", 1)]


def test_current_level_summary_equals_the_live_history(rated):
    summary = set(CurrentLevel.objects.values_list("employee_id", "competency_id", "level"))
    CurrentLevel.objects.all().delete()
    for employee_id, competency_id in Assessment.objects.values_list(
        "employee_id", "competency_id"
    ).distinct():
        current_level_refresh(employee_id=employee_id, competency_id=competency_id)
    assert set(CurrentLevel.objects.values_list("employee_id", "competency_id", "level")) == summary


def test_only_the_line_may_assess_as_manager(rated, competency):
    with pytest.raises(PermissionDenied):
        assessment_record(
            actor=rated.user("dave"),
            employee=rated.alice,
            competency=competency("Collaboration"),
            kind=MANAGER,
            level=3,
        )
    with pytest.raises(PermissionDenied):
        assessment_record(
            actor=rated.user("carol"),
            employee=rated.alice,
            competency=competency("Collaboration"),
            kind=MANAGER,
            level=3,
        )
    # bob is alice's manager's... no: bob manages alice; he may also rate carol (indirect).
    assessment_record(
        actor=rated.user("bob"),
        employee=rated.carol,
        competency=competency("Collaboration"),
        kind=MANAGER,
        level=3,
    )


def test_level_outside_the_scale_is_refused_and_nothing_is_stored(rated, competency):
    before = Assessment.objects.count()
    with translation.override("en"), pytest.raises(ValidationError, match="outside the scale 1-5"):
        assessment_record(
            actor=rated.user("alice"),
            employee=rated.alice,
            competency=competency("Collaboration"),
            kind=SELF,
            level=6,
        )
    assert Assessment.objects.count() == before


def test_profile_inheritance_loop_is_refused(rated, profiles):
    with translation.override("en"), pytest.raises(ValidationError, match="loop"):
        job_profile_set_parent(
            actor=rated.user("hanna"), job_profile=profiles["planner"], parent=profiles["senior"]
        )
