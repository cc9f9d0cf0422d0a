"""The named scopes: own, line, organisation, kpi_line, and the viewer behind them."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.utils import timezone

from groeipad.people import reporting_lines, scope
from groeipad.people.models import Employee, ReportingLine


def numbers(queryset) -> set[str]:
    return set(queryset.values_list("employee_number", flat=True))


@pytest.fixture
def today():
    return timezone.localdate()


def test_line_is_direct_and_indirect_reports_without_the_manager(personas):
    bob = scope.viewer_for(personas.user("bob"))
    assert numbers(scope.line(bob)) == {"1002", "1003"}
    assert numbers(scope.line(scope.viewer_for(personas.user("alice")))) == {"1003"}
    assert numbers(scope.line(scope.viewer_for(personas.user("dave")))) == set()


def test_own_is_the_viewers_record_only(personas):
    assert numbers(scope.own(personas.user("carol"))) == {"1003"}
    assert numbers(scope.own(personas.admin.user)) == set()


def test_organisation_is_everyone_including_leavers(personas, today):
    Employee.objects.filter(pk=personas.dave.pk).update(leave_date=today - timedelta(days=400))
    assert numbers(scope.organisation()) == {"1001", "1002", "1003", "1004", "1005"}


def test_leaver_stays_in_line_through_the_leave_date_and_drops_out_the_day_after(personas, today):
    Employee.objects.filter(pk=personas.carol.pk).update(leave_date=today)
    alice = personas.user("alice")
    assert numbers(scope.line(scope.viewer_for(alice, today=today))) == {"1003"}
    assert numbers(scope.line(scope.viewer_for(alice, today=today + timedelta(days=1)))) == set()
    assert not scope.in_line(
        scope.viewer_for(alice, today=today + timedelta(days=1)), personas.carol
    )


def test_hr_sees_leavers_and_a_manager_does_not(personas, today):
    Employee.objects.filter(pk=personas.carol.pk).update(leave_date=today - timedelta(days=1))
    assert "1003" in numbers(scope.visible_employees(personas.user("hanna")))
    assert "1003" not in numbers(scope.visible_employees(personas.user("bob")))
    assert "1003" not in numbers(scope.visible_employees(personas.user("alice")))


def test_a_manager_whose_only_report_left_is_no_longer_a_manager(personas, today):
    Employee.objects.filter(pk=personas.carol.pk).update(leave_date=today - timedelta(days=1))
    assert not scope.is_manager(personas.user("alice"))
    assert scope.is_manager(personas.user("bob"))


def test_changing_a_manager_moves_the_whole_subtree(personas):
    alice = personas.alice
    alice.manager = personas.dave
    alice.save()
    assert numbers(scope.line(personas.user("dave"))) == {"1002", "1003"}
    assert numbers(scope.line(personas.user("bob"))) == set()
    assert reporting_lines.stored_pairs() == reporting_lines.walk_pairs()


def test_closure_depths_count_the_steps_up(personas):
    depth = dict(
        ReportingLine.objects.filter(employee=personas.carol).values_list("manager_id", "depth")
    )
    assert depth == {personas.alice.pk: 1, personas.bob.pk: 2}


def test_rebuild_gives_the_same_closure_as_the_saves(personas):
    before = reporting_lines.stored_pairs()
    assert reporting_lines.rebuild() == len(before)
    assert reporting_lines.stored_pairs() == before == reporting_lines.walk_pairs()


def test_moves_in_any_order_keep_the_closure_true(personas):
    # Bulk writes bypass save(): the caller reports the moved ids, in whatever order.
    Employee.objects.filter(pk=personas.bob.pk).update(manager=personas.hanna)
    Employee.objects.filter(pk=personas.carol.pk).update(manager=personas.dave)
    Employee.objects.filter(pk=personas.dave.pk).update(manager=personas.alice)
    reporting_lines.moved([personas.carol.pk, personas.dave.pk, personas.bob.pk])
    assert reporting_lines.stored_pairs() == reporting_lines.walk_pairs()


def test_kpi_line_keeps_leavers_employed_in_the_period(personas):
    Employee.objects.filter(pk=personas.carol.pk).update(leave_date=date(2024, 3, 31))
    bob = personas.bob.pk
    assert numbers(scope.kpi_line(bob, date(2024, 1, 1), date(2024, 12, 31))) == {"1002", "1003"}
    assert numbers(scope.kpi_line(bob, date(2024, 4, 1), date(2024, 12, 31))) == {"1002"}
    # Hired after the period: not in it.
    assert numbers(scope.kpi_line(bob, date(2019, 1, 1), date(2019, 12, 31))) == set()


def test_budget_departments_of_a_manager_are_own_below_and_above(personas):
    names = set(scope.budget_departments(personas.user("alice")).values_list("name", flat=True))
    assert names == {"Planning", "Operations"}
    assert not scope.budget_departments(personas.user("carol")).exists()
    assert scope.budget_departments(personas.user("hanna")).count() == 4


def test_building_a_viewer_costs_no_query(personas, django_assert_num_queries):
    user = personas.user("alice")
    with django_assert_num_queries(0):
        viewer = scope.viewer_for(user)
        assert viewer.employee_id == personas.alice.pk and not viewer.is_hr
    with django_assert_num_queries(1):
        assert viewer.is_manager and viewer.is_manager


def test_anonymous_and_inactive_viewers_see_nothing(personas):
    from django.contrib.auth.models import AnonymousUser

    assert not scope.visible_employees(AnonymousUser()).exists()
    user = personas.user("bob")
    user.is_active = False
    assert not scope.visible_employees(user).exists()


def test_line_lookup_is_one_query_whatever_the_depth(personas, django_assert_num_queries):
    viewer = scope.viewer_for(personas.user("bob"))
    with django_assert_num_queries(1):
        assert len(list(scope.line(viewer))) == 2
