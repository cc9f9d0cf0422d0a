from collections import Counter
from datetime import date
from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from groeipad.learning.models import CATEGORY_OF_KIND, ActivityKind, LearningActivity
from groeipad.people.demo import (
    DEMO_PASSWORD,
    DemoDataError,
    demo_data_generate,
    demo_data_remove,
)
from groeipad.people.models import Department, Employee, Movement, Role, User
from groeipad.people.selectors import department_paths
from groeipad.privacy.models import AuditEvent
from groeipad.surveys.models import Survey, SurveyAnswer

TODAY = date(2025, 6, 30)
WINDOW_START = date(2022, 6, 30)  # three years before TODAY
SIZE = 120


def generate(seed=7, employees=SIZE, years=3):
    return demo_data_generate(employees=employees, years=years, seed=seed, today=TODAY)


def dump():
    """Everything generated, by natural keys only (primary keys differ between runs)."""
    paths = department_paths()
    number = dict(Employee.objects.values_list("id", "employee_number"))
    employees = sorted(
        (
            e.employee_number,
            e.first_name,
            e.last_name,
            e.email,
            paths[e.department_id],
            e.job_profile.name,
            number.get(e.manager_id),
            e.hire_date,
            e.leave_date,
            e.leave_reason,
            e.annual_salary,
            e.fte,
        )
        for e in Employee.objects.select_related("job_profile")
    )
    movements = sorted(
        (
            number[m.employee_id],
            m.date,
            m.kind,
            paths.get(m.department_id),
            m.job_profile.name if m.job_profile else None,
        )
        for m in Movement.objects.select_related("job_profile")
    )
    learning = sorted(
        (number[a.employee_id], a.date, a.title, a.kind, a.category, a.hours, a.cost)
        for a in LearningActivity.objects.all()
    )
    answers = sorted(
        (a.survey.name, a.survey.closing_date, a.score, paths[a.department_id])
        for a in SurveyAnswer.objects.select_related("survey")
    )
    return employees, movements, learning, answers


def ancestors_or_self(department_id, parents):
    chain = []
    while department_id is not None:
        chain.append(department_id)
        department_id = parents[department_id]
    return chain


def test_generates_exactly_the_number_of_employees_asked(db):
    result = generate()
    assert Employee.objects.count() == SIZE == result.counts["employees"]
    # 12.5% a year for 3 years, relative to those still there: 0.375 / 1.375 of all rows.
    assert Employee.objects.filter(leave_date__isnull=False).count() == round(SIZE * 0.375 / 1.375)
    top_level = Department.objects.filter(parent__isnull=True).count()
    assert 6 <= top_level <= 10


def test_same_seed_gives_the_same_data_and_another_seed_does_not(db):
    generate(seed=7)
    first = dump()
    demo_data_remove(actor=None)
    assert Employee.objects.count() == 0
    generate(seed=7)
    assert dump() == first
    demo_data_remove(actor=None)
    generate(seed=8)
    assert dump() != first


def test_management_tree_has_one_top_and_no_cycles(db):
    generate()
    manager_of = dict(Employee.objects.values_list("id", "manager_id"))
    tops = [pk for pk, manager in manager_of.items() if manager is None]
    assert len(tops) == 1
    for pk in manager_of:
        seen = set()
        while pk is not None:
            assert pk not in seen, "cycle in the management tree"
            seen.add(pk)
            pk = manager_of[pk]
        assert tops[0] in seen  # every line ends at the director


def test_every_manager_was_employed_while_their_report_was_in_the_window(db):
    generate()
    employees = {e.pk: e for e in Employee.objects.all()}
    for employee in employees.values():
        if employee.manager_id is None:
            continue
        manager = employees[employee.manager_id]
        first_day = max(employee.hire_date, WINDOW_START)
        last_day = employee.leave_date or TODAY
        assert manager.is_employed_on(first_day), employee
        assert manager.is_employed_on(last_day), employee


def test_manager_works_in_the_same_department_branch(db):
    generate()
    parents = dict(Department.objects.values_list("id", "parent_id"))
    director = Employee.objects.get(manager__isnull=True)
    for employee in Employee.objects.exclude(pk=director.pk).select_related("manager"):
        if employee.manager_id == director.pk:
            # Department heads report to the director, who sits in the board.
            continue
        assert employee.manager.department_id in ancestors_or_self(
            employee.department_id, parents
        ), employee


def test_team_leaders_lead_five_to_twelve_current_people(db):
    generate(employees=400)
    spans = Counter(
        Employee.objects.filter(
            leave_date__isnull=True, manager__job_profile__name="Teamleider"
        ).values_list("manager_id", flat=True)
    )
    assert spans
    assert all(5 <= span <= 12 for span in spans.values()), spans


def test_leavers_left_inside_the_window_after_their_hire_with_a_reason(db):
    generate()
    leavers = Employee.objects.filter(leave_date__isnull=False)
    assert leavers.exists()
    for employee in leavers:
        assert employee.hire_date <= employee.leave_date
        assert WINDOW_START <= employee.leave_date <= TODAY
        assert employee.leave_reason in {"voluntary", "involuntary"}
    assert not Employee.objects.filter(leave_date__isnull=True).exclude(leave_reason="").exists()
    reasons = Counter(leavers.values_list("leave_reason", flat=True))
    assert reasons["voluntary"] > reasons["involuntary"]
    assert Employee.objects.filter(hire_date__lt=date(2010, 1, 1)).exists()


def test_emails_are_unique_and_read_as_first_and_last_name(db):
    generate(employees=600)
    emails = [email.lower() for email in Employee.objects.values_list("email", flat=True)]
    assert len(set(emails)) == len(emails) == 600
    employee = Employee.objects.get(email=emails[0])
    local = emails[0].split("@")[0]
    assert local.startswith(employee.first_name.lower() + ".")
    assert employee.last_name.replace(" ", "").lower() in local


def test_salaries_and_fte_are_plausible(db):
    generate()
    for employee in Employee.objects.select_related("job_profile"):
        assert Decimal("0.5") <= employee.fte <= Decimal("1")
        full_time = employee.annual_salary / employee.fte
        assert Decimal("25000") <= full_time <= Decimal("170000"), employee
    director = Employee.objects.get(manager__isnull=True)
    assert (
        director.annual_salary
        > Employee.objects.exclude(pk=director.pk).order_by("-annual_salary").first().annual_salary
    )


def test_persona_accounts_link_to_the_right_people(db):
    generate()
    paths = department_paths()
    hr = User.objects.get(email="hr@demo.groeipad.nl")
    assert hr.role == Role.HR and hr.is_hr
    assert paths[hr.employee.department_id].split("/")[0] == "HR"
    manager = User.objects.get(email="manager@demo.groeipad.nl")
    employee = User.objects.get(email="medewerker@demo.groeipad.nl")
    reports = manager.employee.reports.filter(leave_date__isnull=True)
    assert employee.employee in reports
    assert manager.role == employee.role == Role.EMPLOYEE
    assert manager.employee.leave_date is None and employee.employee.leave_date is None
    admin = User.objects.get(email="admin@demo.groeipad.nl")
    assert admin.role == Role.ADMIN and admin.employee is None
    for user in (hr, manager, employee, admin):
        assert user.check_password(DEMO_PASSWORD)


def test_history_lies_within_the_window_and_the_employment(db):
    generate()
    employees = {e.pk: e for e in Employee.objects.all()}
    movements = list(Movement.objects.all())
    assert movements
    for move in movements:
        employee = employees[move.employee_id]
        assert WINDOW_START <= move.date <= TODAY
        assert employee.is_employed_on(move.date)
        if move.kind == "transfer":  # the move into the present department
            assert move.department_id == employee.department_id
        else:
            assert move.job_profile_id == employee.job_profile_id
    activities = list(LearningActivity.objects.all())
    assert {a.kind for a in activities} == set(ActivityKind.values)
    for activity in activities:
        assert WINDOW_START <= activity.date <= TODAY
        assert employees[activity.employee_id].is_employed_on(activity.date)
        assert activity.category == CATEGORY_OF_KIND[ActivityKind(activity.kind)]
        assert activity.hours > 0 and activity.cost >= 0


def test_learning_mix_leans_on_experience_like_70_20_10(db):
    generate()
    hours = Counter()
    for category, value in LearningActivity.objects.values_list("category", "hours"):
        hours[category] += value
    total = sum(hours.values())
    share = {category: 100 * value / total for category, value in hours.items()}
    assert 50 < share["experience"] < 80
    assert 8 < share["social"] < 30
    assert 8 < share["formal"] < 30


def test_enps_surveys_come_once_or_twice_a_year_from_people_then_employed(db):
    generate()
    surveys = list(Survey.objects.all())
    assert 3 <= len(surveys) <= 7
    for survey in surveys:
        assert WINDOW_START <= survey.closing_date <= TODAY
        employed = sum(e.is_employed_on(survey.closing_date) for e in Employee.objects.all())
        answers = list(survey.answers.all())
        assert 0 < len(answers) <= employed
        assert all(0 <= a.score <= 10 and a.department_id for a in answers)
    scores = Counter(SurveyAnswer.objects.values_list("score", flat=True))
    total = sum(scores.values())
    promoters = sum(scores[s] for s in (9, 10))
    detractors = sum(scores[s] for s in range(7))
    assert -40 < 100 * (promoters - detractors) / total < 40


def test_generation_is_recorded_in_the_audit_log(db):
    generate()
    event = AuditEvent.objects.get(object_type="demo-data")
    assert event.action == "create"
    assert event.changes["employees"] == SIZE
    assert event.changes["seed"] == 7


def test_too_few_employees_is_refused_and_changes_nothing(db):
    with pytest.raises(DemoDataError):
        generate(employees=5)
    assert not Employee.objects.exists() and not Department.objects.exists()


def run(*args):
    out = StringIO()
    call_command(
        "demo_data",
        "--employees=120",
        "--years=3",
        "--seed=3",
        "--as-of=2025-06-30",
        *args,
        stdout=out,
    )
    return out.getvalue()


def test_command_prints_how_to_log_in_as_each_persona(db, settings):
    settings.BASE_URL = "http://127.0.0.1:8020"
    output = run()
    assert "http://127.0.0.1:8020" in output and DEMO_PASSWORD in output
    for email in ("hr@", "manager@", "medewerker@", "admin@"):
        assert f"{email}demo.groeipad.nl" in output


def test_command_if_empty_leaves_existing_data_alone(db):
    run("--if-empty")
    before = dump()
    events = AuditEvent.objects.count()
    output = run("--if-empty")
    assert dump() == before
    assert AuditEvent.objects.count() == events
    assert "manager@demo.groeipad.nl" in output


def test_command_refuses_to_mix_with_existing_data(db, personas):
    with pytest.raises(CommandError, match="--replace"):
        run()
    assert Employee.objects.count() == 5


def test_command_replace_starts_afresh_and_keeps_the_audit_log(db):
    run()
    first = dump()
    run("--replace")
    assert dump() == first
    assert list(
        AuditEvent.objects.filter(object_type="demo-data")
        .order_by("id")
        .values_list("action", flat=True)
    ) == ["create", "delete", "create"]
