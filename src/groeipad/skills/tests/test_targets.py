"""Strategic targets as HR and a manager see them (specs/gaps.md, "Strategic targets").

``have`` and ``shortfall`` are the target's own, the same for everyone; a manager's view
adds ``line_have``: how many of their current line count towards ``have``. Every figure
is checked against a count done here, by walking the managers and departments in Python.
"""

import json
import re
from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from groeipad.people.models import Department, Employee, User
from groeipad.skills.models import AssessmentKind
from groeipad.skills.selectors import strategic_target_status
from groeipad.skills.services import assessment_record, strategic_target_create

LEVEL = 3


def _person(number, first, department, manager, *, hire_date=None, leave_date=None):
    employee = Employee.objects.create(
        employee_number=number,
        first_name=first,
        last_name="Test",
        email=f"{first.lower()}@example.nl",
        department=department,
        manager=manager,
        hire_date=hire_date or date(2020, 1, 1),
        leave_date=leave_date,
    )
    User.objects.create_user(employee.email, "pw-not-used-1234", employee=employee)
    employee.refresh_from_db()
    return employee


@pytest.fixture
def workforce(personas, framework, competency):
    """Bob manages Operations; his line is alice, carol and the people added here.

    Rated levels (self-assessments) for Collaboration are kept in ``levels`` so the test
    can count without reading what the application computed.
    """
    today = timezone.localdate()
    p = personas
    people = {
        "erik": _person("2001", "Erik", p.operations, None),  # bob's department, not his line
        "fleur": _person("2002", "Fleur", p.planning, p.carol),  # indirect report
        "gijs": _person("2003", "Gijs", p.planning, p.alice, leave_date=today - timedelta(1)),
        "henk": _person("2004", "Henk", p.planning, p.alice, leave_date=today),
        "ivo": _person("2005", "Ivo", p.operations, p.bob, hire_date=today),  # new report
        "jan": _person("2006", "Jan", p.planning, p.bob, hire_date=today + timedelta(1)),
    }
    people.update(bob=p.bob, alice=p.alice, carol=p.carol, dave=p.dave, hanna=p.hanna)
    collab = competency("Collaboration")
    ratings = {
        "bob": 5,
        "alice": 4,
        "carol": 3,
        "dave": 4,
        "hanna": 2,
        "erik": 5,
        "fleur": 4,
        "gijs": 5,
        "henk": 3,
        "ivo": 3,
        "jan": 5,
    }
    for name, level in ratings.items():
        employee = people[name]
        user = User.objects.get(employee=employee)
        assessment_record(
            actor=user, employee=employee, competency=collab, kind=AssessmentKind.SELF, level=level
        )
    hr = personas.user("hanna")
    operations = strategic_target_create(
        actor=hr,
        competency=collab,
        level=LEVEL,
        headcount=8,
        due_date=date(2030, 1, 1),
        department=p.operations,
    )
    everyone = strategic_target_create(
        actor=hr, competency=collab, level=LEVEL, headcount=20, due_date=date(2031, 1, 1)
    )
    return {
        "people": people,
        "levels": {people[name].pk: level for name, level in ratings.items()},
        "targets": [operations, everyone],
    }


def _counted(manager, target, levels, day):
    """(have, line_have) by walking the data in Python, independent of the selectors."""
    employees = {e.pk: e for e in Employee.objects.all()}
    parent = dict(Department.objects.values_list("id", "parent_id"))

    def employed(e):
        return e.hire_date <= day and (e.leave_date is None or e.leave_date >= day)

    def in_department(e):
        step = e.department_id
        while step is not None:
            if step == target.department_id:
                return True
            step = parent.get(step)
        return target.department_id is None

    def in_line(e):
        step = e.manager_id
        while step is not None:
            if step == manager.pk:
                return True
            step = employees[step].manager_id
        return False

    counting = [
        e
        for e in employees.values()
        if employed(e) and in_department(e) and levels.get(e.pk, 0) >= target.level
    ]
    return len(counting), sum(1 for e in counting if in_line(e))


def _page_figures(client):
    response = client.get(reverse("skills:targets"))
    assert response.status_code == 200
    html = response.content.decode()
    have = [int(n) for n in re.findall(r'data-figure="have">(\d+)<', html)]
    line = [int(n) for n in re.findall(r'data-figure="line-have">(\d+)<', html)]
    return have, line


def _api_figures(client, user):
    client.force_login(user)
    response = client.get("/api/v1/skills/targets")
    client.logout()
    assert response.status_code == 200
    return {row["id"]: row for row in json.loads(response.content)}


def _check_manager_view(client, workforce, manager, day):
    user = User.objects.get(employee=manager)
    targets = workforce["targets"]
    expected = [_counted(manager, t, workforce["levels"], day) for t in targets]
    statuses = strategic_target_status(viewer=user, on=day)
    assert [(s.have, s.line_have) for s in statuses] == expected
    assert [s.shortfall for s in statuses] == [
        max(0, t.headcount - have) for t, (have, _line) in zip(targets, expected, strict=True)
    ]
    return expected


def test_a_managers_target_view_counts_the_target_and_his_current_line(client, personas, workforce):
    today = timezone.localdate()
    bob = personas.bob
    people = workforce["people"]
    before = _check_manager_view(client, workforce, bob, today)
    # Operations target: bob, alice, carol, erik, fleur, henk, ivo (gijs left yesterday,
    # jan starts tomorrow); of them alice, carol, fleur, henk and ivo are bob's line.
    assert before[0] == (7, 5)

    client.force_login(bob.user)
    assert _page_figures(client) == ([have for have, _ in before], [line for _, line in before])
    client.logout()
    api = _api_figures(client, bob.user)
    for target, (have, line_have) in zip(workforce["targets"], before, strict=True):
        row = api[target.pk]
        assert (row["have"], row["line_have"]) == (have, line_have)
        assert row["shortfall"] == max(0, target.headcount - have)

    # Fleur moves to Dave (she stays in Planning): still in the target, out of bob's line.
    fleur = people["fleur"]
    fleur.manager = personas.dave
    fleur.save()
    after_transfer = _check_manager_view(client, workforce, bob, today)
    assert after_transfer[0] == (7, 4)

    # Henk leaves today: counted today, gone tomorrow; Jan, who starts tomorrow, comes in.
    tomorrow = today + timedelta(days=1)
    assert _check_manager_view(client, workforce, bob, tomorrow)[0] == (7, 4)
    henk = people["henk"]
    henk.leave_date = today - timedelta(days=1)
    henk.save()
    assert _check_manager_view(client, workforce, bob, today)[0] == (6, 3)

    now = [_counted(bob, t, workforce["levels"], today) for t in workforce["targets"]]
    client.force_login(bob.user)
    assert _page_figures(client) == ([have for have, _ in now], [line for _, line in now])
    client.logout()
    api = _api_figures(client, bob.user)
    assert [(api[t.pk]["have"], api[t.pk]["line_have"]) for t in workforce["targets"]] == now


def test_hr_sees_the_same_target_figures_without_a_line_column(client, personas, workforce):
    today = timezone.localdate()
    hr = personas.user("hanna")
    expected = [
        _counted(personas.hanna, t, workforce["levels"], today) for t in workforce["targets"]
    ]
    statuses = strategic_target_status(viewer=hr)
    assert [(s.have, s.line_have) for s in statuses] == [(have, None) for have, _ in expected]
    client.force_login(hr)
    assert _page_figures(client) == ([have for have, _ in expected], [])
    client.logout()
    api = _api_figures(client, hr)
    assert [api[t.pk]["line_have"] for t in workforce["targets"]] == [None, None]
    # A manager lower down sees the same have: the target's own, not his line's.
    alice = strategic_target_status(viewer=personas.user("alice"))
    assert [s.have for s in alice] == [have for have, _ in expected]


def test_the_target_status_costs_two_queries_per_target_whatever_the_headcount(
    personas, workforce, django_assert_num_queries
):
    bob = personas.bob.user
    Employee.objects.bulk_create(
        Employee(
            employee_number=f"Q{i}",
            first_name="Q",
            last_name=str(i),
            email=f"q{i}@example.nl",
            department=personas.planning,
            hire_date=date(2020, 1, 1),
        )
        for i in range(100)
    )
    # One for the targets, then the figures and the closest people of each.
    with django_assert_num_queries(1 + 2 * len(workforce["targets"])):
        strategic_target_status(viewer=bob)
