from datetime import date
from decimal import Decimal

import pytest
from django.utils import translation

from groeipad.people.imports import import_employees
from groeipad.people.models import Department, Employee, JobProfile
from groeipad.people.tests.importhelpers import write_csv, write_xlsx
from groeipad.privacy.models import AuditEvent

HEADER = [
    "employee_number",
    "first_name",
    "last_name",
    "email",
    "department",
    "job_title",
    "manager_number",
    "hire_date",
    "leave_date",
    "leave_reason",
    "annual_salary",
    "fte",
]


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


def person(number, first, department="Operations", manager="", **extra):
    values = {
        "employee_number": number,
        "first_name": first,
        "last_name": "Jansen",
        "email": f"{first.lower()}@example.com",
        "department": department,
        "job_title": "",
        "manager_number": manager,
        "hire_date": "2021-03-01",
        "leave_date": "",
        "leave_reason": "",
        "annual_salary": "",
        "fte": "",
    }
    values.update(extra)
    return [values[column] for column in HEADER]


def run(tmp_path, rows, *, name="staff.csv", dry_run=False, actor=None, header=HEADER):
    path = write_csv(tmp_path / name, [header, *rows])
    return import_employees(path_or_file=path, name=name, actor=actor, dry_run=dry_run)


@pytest.mark.django_db
def test_import_creates_employees_departments_and_job_profiles(tmp_path):
    result = run(
        tmp_path,
        [
            person(
                "2",
                "Bert",
                "Operations/Planning",
                manager="1",
                job_title="Planner",
                annual_salary="52000,50",
                fte="0,8",
                hire_date="01-02-2022",
            ),
            person("1", "Anna", "Operations", job_title="Director"),
        ],
    )
    assert result.errors == []
    assert (result.created, result.updated, result.unchanged) == (2, 0, 0)
    bert = Employee.objects.select_related("department__parent", "manager", "job_profile").get(
        employee_number="2"
    )
    assert bert.manager.employee_number == "1"
    assert (bert.department.name, bert.department.parent.name) == ("Planning", "Operations")
    assert bert.job_profile.name == "Planner"
    assert bert.annual_salary == Decimal("52000.50")
    assert bert.fte == Decimal("0.80")
    assert bert.hire_date == date(2022, 2, 1)
    assert Employee.objects.get(employee_number="1").fte == Decimal("1")
    assert Department.objects.count() == 2
    assert set(JobProfile.objects.values_list("name", flat=True)) == {"Planner", "Director"}


@pytest.mark.django_db
def test_second_import_of_the_same_file_changes_nothing(tmp_path):
    rows = [person("1", "Anna"), person("2", "Bert", "Operations/Planning", manager="1")]
    run(tmp_path, rows)
    before = list(Employee.objects.values().order_by("id"))
    result = run(tmp_path, rows)
    assert (result.created, result.updated, result.unchanged) == (0, 0, 2)
    assert list(Employee.objects.values().order_by("id")) == before
    assert Department.objects.count() == 2


@pytest.mark.django_db
def test_update_bumps_version_and_clears_emptied_cells(tmp_path):
    run(tmp_path, [person("1", "Anna", job_title="Director", annual_salary="60000")])
    anna = Employee.objects.get(employee_number="1")
    result = run(tmp_path, [person("1", "Anna", last_name="de Wit")])
    assert (result.created, result.updated, result.unchanged) == (0, 1, 0)
    anna_after = Employee.objects.get(employee_number="1")
    assert anna_after.last_name == "de Wit"
    assert anna_after.job_profile is None
    assert anna_after.annual_salary is None
    assert anna_after.version == anna.version + 1
    assert anna_after.updated_at > anna.updated_at
    assert anna_after.created_at == anna.created_at


@pytest.mark.django_db
def test_dry_run_counts_but_writes_nothing(personas, tmp_path):
    result = run(
        tmp_path,
        [
            person("1001", "Bob", last_name="de Vries", email="bob@example.nl"),
            person("2000", "Nina", "Sales"),
        ],
        dry_run=True,
    )
    assert (result.created, result.updated, result.unchanged) == (1, 1, 0)
    assert not Employee.objects.filter(employee_number="2000").exists()
    assert not Department.objects.filter(name="Sales").exists()
    assert not AuditEvent.objects.filter(action="import").exists()
    assert "new departments: Sales" in result.notes


@pytest.mark.django_db
def test_import_refuses_whole_file_on_bad_row_and_reports_every_error(tmp_path):
    result = run(
        tmp_path,
        [
            person("1", "Anna"),
            person("2", "Bert", hire_date="31-02-2024"),
            person("3", "Cees", fte="1,5", annual_salary="-1"),
            person("4", "Dirk", email="not-an-address"),
            person("5", "Eva", leave_date="2020-01-01"),
            person("6", "Fien", leave_date="2022-01-01", leave_reason="ontslag"),
            person("7", "", manager="99", email="g@example.com"),
        ],
        name="staff.csv",
    )
    assert [str(error) for error in result.errors] == [
        'staff.csv:3:8: hire_date "31-02-2024" is not a date (use YYYY-MM-DD or DD-MM-YYYY)',
        'staff.csv:4:11: annual_salary "-1" is negative',
        'staff.csv:4:12: fte "1,5" is out of range (more than 0, at most 1.2)',
        'staff.csv:5:4: email "not-an-address" is not an e-mail address',
        'staff.csv:6:9: leave_date "2020-01-01" is before the hire date 2021-03-01',
        "staff.csv:6:10: leave_reason is empty; it is required when there is a leave date "
        "(voluntary/vrijwillig or involuntary/onvrijwillig)",
        'staff.csv:7:10: leave_reason "ontslag" is not one of: voluntary, vrijwillig, '
        "involuntary, onvrijwillig",
        "staff.csv:8:2: first_name is empty; it is required",
        'staff.csv:8:7: manager_number "99" is not an employee in this file or in Groeipad',
    ]
    assert not Employee.objects.exists()
    assert not Department.objects.exists()


@pytest.mark.django_db
def test_missing_required_column_is_an_error_on_line_one_and_unknown_columns_warn(tmp_path):
    header = [column for column in HEADER if column != "hire_date"] + ["shoe_size"]
    rows = [[*person("1", "Anna")[:7], *person("1", "Anna")[8:], "44"]]
    result = run(tmp_path, rows, header=header)
    assert [str(error) for error in result.errors] == [
        'staff.csv:1:1: required column "hire_date / datum_in_dienst" is missing'
    ]
    assert str(result.warnings[0]).startswith(
        'staff.csv:1:12: column "shoe_size" is not known and is ignored'
    )


@pytest.mark.django_db
def test_duplicate_numbers_and_emails_in_the_file_are_refused(tmp_path):
    result = run(
        tmp_path,
        [
            person("1", "Anna"),
            person("1", "Bert"),
            person("3", "Cees", email="ANNA@example.com"),
        ],
    )
    assert [str(error) for error in result.errors] == [
        'staff.csv:3:1: employee_number "1" is also on line 2',
        'staff.csv:4:4: email "ANNA@example.com" is also on line 2',
    ]


@pytest.mark.django_db
def test_email_of_another_employee_in_groeipad_is_refused_case_insensitively(personas, tmp_path):
    result = run(tmp_path, [person("2000", "Nina", email="Dave@Example.NL")])
    assert [str(error) for error in result.errors] == [
        'staff.csv:2:4: email "Dave@Example.NL" is already the e-mail address of employee 1004'
    ]


@pytest.mark.django_db
def test_two_employees_can_swap_email_addresses(tmp_path):
    run(
        tmp_path,
        [person("1", "Anna", email="a@example.com"), person("2", "Bert", email="b@example.com")],
    )
    result = run(
        tmp_path,
        [person("1", "Anna", email="b@example.com"), person("2", "Bert", email="a@example.com")],
    )
    assert result.errors == []
    assert dict(Employee.objects.values_list("employee_number", "email")) == {
        "1": "b@example.com",
        "2": "a@example.com",
    }


@pytest.mark.django_db
def test_management_cycles_are_refused_in_the_file_themselves_and_through_the_database(
    personas, tmp_path
):
    # carol reports to alice, alice to bob (in the database); making bob report to
    # carol closes a cycle through two employees who are not in the file.
    result = run(
        tmp_path,
        [
            person("1001", "Bob", last_name="de Vries", email="bob@example.nl", manager="1003"),
            person("1", "Anna", manager="2"),
            person("2", "Bert", manager="1"),
            person("3", "Cees", manager="3"),
        ],
    )
    assert [str(error) for error in result.errors] == [
        'staff.csv:2:7: manager_number "1003" makes a management cycle: 1001 → 1003 → 1002 → 1001',
        'staff.csv:3:7: manager_number "2" makes a management cycle: 1 → 2 → 1',
        'staff.csv:4:7: manager_number "1" makes a management cycle: 1 → 2 → 1',
        'staff.csv:5:7: manager_number "3" is this employee\'s own number; '
        "nobody can manage themself",
    ]


@pytest.mark.django_db
def test_manager_may_be_a_later_row_or_an_employee_already_in_groeipad(personas, tmp_path):
    result = run(
        tmp_path,
        [
            person("3", "Cees", manager="2"),
            person("2", "Bert", manager="1"),
            person("1", "Anna", manager="1001"),
        ],
    )
    assert result.errors == []
    managers = dict(Employee.objects.values_list("employee_number", "manager__employee_number"))
    assert (managers["3"], managers["2"], managers["1"]) == ("2", "1", "1001")


@pytest.mark.django_db
def test_bare_department_name_matches_the_only_one_anywhere_or_makes_a_top_level_one(
    personas, tmp_path
):
    Department.objects.create(name="Support", parent=personas.finance)
    Department.objects.create(name="Support", parent=personas.operations)
    result = run(
        tmp_path,
        [
            person("1", "Anna", "planning"),
            person("2", "Bert", "Support"),
            person("3", "Cees", "Finance/Audit"),
        ],
    )
    assert result.errors == []
    departments = {
        number: (d.name, d.parent_id)
        for number, d in (
            (e.employee_number, e.department) for e in Employee.objects.select_related("department")
        )
    }
    assert departments["1"] == ("Planning", personas.operations.pk)
    assert departments["2"] == ("Support", None)
    assert departments["3"] == ("Audit", personas.finance.pk)
    assert "matches Finance/Support, Operations/Support" in str(result.warnings[0])
    assert (
        run(
            tmp_path,
            [
                person("1", "Anna", "planning"),
                person("2", "Bert", "Support"),
                person("3", "Cees", "Finance/Audit"),
            ],
        ).unchanged
        == 3
    )


@pytest.mark.django_db
def test_applied_import_writes_one_audit_event_with_counts(personas, tmp_path):
    run(tmp_path, [person("1", "Anna")], actor=personas.hanna.user)
    event = AuditEvent.objects.get(action="import")
    assert event.actor == personas.hanna.user
    assert event.object_type == "employees"
    assert event.changes == {
        "kind": "employees",
        "file": "staff.csv",
        "created": 1,
        "updated": 0,
        "unchanged": 0,
        "removed": 0,
    }


@pytest.mark.django_db
def test_errors_point_at_physical_csv_lines_after_quoted_line_breaks(tmp_path):
    result = run(
        tmp_path,
        [
            person("1", "Anna\nMaria", email="am@example.com"),
            person("2", "Bert", hire_date="gisteren"),
        ],
    )
    assert [str(e) for e in result.errors] == [
        'staff.csv:4:8: hire_date "gisteren" is not a date (use YYYY-MM-DD or DD-MM-YYYY)'
    ]


@pytest.mark.django_db
def test_errors_in_xlsx_point_at_the_row_number(tmp_path):
    path = write_xlsx(
        tmp_path / "staff.xlsx", [HEADER, [], person("1", "Anna"), person("2", "Bert", fte=0)]
    )
    result = import_employees(path_or_file=path, name="staff.xlsx", actor=None)
    assert [str(e) for e in result.errors] == [
        'staff.xlsx:4:12: fte "0" is out of range (more than 0, at most 1.2)'
    ]
