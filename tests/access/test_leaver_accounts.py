"""A leaver's account stops working the day after the leave date, by every path."""

from __future__ import annotations

import csv
from datetime import date, timedelta

import pytest
from django.test import Client
from django.utils import timezone

from groeipad.people.accounts import leaver_accounts_deactivate
from groeipad.people.imports import import_employees
from groeipad.people.models import Department, Employee, User
from groeipad.people.services import api_token_create
from groeipad.privacy.models import AuditEvent

pytestmark = pytest.mark.django_db

HEADER = [
    "employee_number",
    "first_name",
    "last_name",
    "email",
    "department",
    "manager_number",
    "hire_date",
    "leave_date",
    "leave_reason",
]


@pytest.fixture
def staff():
    department = Department.objects.create(name="Zorg")
    people = {}
    for number, first in (("2001", "Mila"), ("2002", "Lars"), ("2003", "Noor")):
        employee = Employee.objects.create(
            employee_number=number,
            first_name=first,
            last_name="Leaver",
            email=f"{first.lower()}@example.nl",
            department=department,
            hire_date=date(2020, 1, 1),
        )
        User.objects.create_user(employee.email, "pw-long-enough", employee=employee)
        people[first] = employee
    return people


def active(employee: Employee) -> bool:
    return User.objects.get(employee=employee).is_active


def set_leave_date_behind_saves_back(employee: Employee, day: date) -> None:
    # A bare update: neither Employee.save nor an import ran, as after a restore or a
    # leave date that has only now passed.
    Employee.objects.filter(pk=employee.pk).update(leave_date=day, leave_reason="voluntary")


def test_deactivate_ends_accounts_of_leavers_before_today_only(staff):
    today = timezone.localdate()
    set_leave_date_behind_saves_back(staff["Mila"], today - timedelta(days=1))
    set_leave_date_behind_saves_back(staff["Lars"], today)  # leaves today: still in
    assert leaver_accounts_deactivate(today=today) == 1
    assert not active(staff["Mila"])
    assert active(staff["Lars"])
    assert active(staff["Noor"])
    user = User.objects.get(employee=staff["Mila"])
    event = AuditEvent.objects.get(object_type="user", object_id=str(user.pk))
    assert event.changes == {"is_active": [True, False]}


def test_running_deactivate_again_changes_nothing(staff):
    today = timezone.localdate()
    set_leave_date_behind_saves_back(staff["Mila"], today - timedelta(days=3))
    assert leaver_accounts_deactivate(today=today) == 1
    events = AuditEvent.objects.count()
    assert leaver_accounts_deactivate(today=today) == 0
    assert AuditEvent.objects.count() == events
    assert not active(staff["Mila"])


def test_the_day_after_leaving_the_account_is_ended(staff):
    today = timezone.localdate()
    set_leave_date_behind_saves_back(staff["Lars"], today)
    assert leaver_accounts_deactivate(today=today) == 0
    assert leaver_accounts_deactivate(today=today + timedelta(days=1)) == 1
    assert not active(staff["Lars"])


def write(tmp_path, rows):
    path = tmp_path / "staff.csv"
    with path.open("w", newline="", encoding="utf-8") as handle:
        csv.writer(handle).writerows([HEADER, *rows])
    return path


def row(employee: Employee, left: date | None) -> list[str]:
    return [
        employee.employee_number,
        employee.first_name,
        employee.last_name,
        employee.email,
        "Zorg",
        "",
        employee.hire_date.isoformat(),
        left.isoformat() if left else "",
        "vrijwillig" if left else "",
    ]


def test_an_import_with_a_past_leave_date_ends_the_account(staff, tmp_path):
    yesterday = timezone.localdate() - timedelta(days=1)
    path = write(tmp_path, [row(staff["Mila"], yesterday), row(staff["Noor"], None)])
    result = import_employees(path_or_file=path, name="staff.csv", actor=None)
    assert not result.errors
    assert not active(staff["Mila"])
    assert active(staff["Noor"])
    # Importing the same file again changes nothing.
    events = AuditEvent.objects.filter(object_type="user").count()
    import_employees(path_or_file=path, name="staff.csv", actor=None)
    assert AuditEvent.objects.filter(object_type="user").count() == events
    assert not active(staff["Mila"])


def test_the_import_ends_the_account_in_its_own_transaction(staff, tmp_path, monkeypatch):
    """When the import fails after deactivating (its closing audit record), the account
    is active again with the leave date undone: one transaction, not two."""
    import groeipad.privacy.services as privacy_services

    real = privacy_services.audit_record

    def failing_for_the_import(*args, **kwargs):
        if kwargs.get("action") == "import":
            raise RuntimeError("the import's closing audit fails")
        return real(*args, **kwargs)

    monkeypatch.setattr(privacy_services, "audit_record", failing_for_the_import)
    path = write(tmp_path, [row(staff["Mila"], timezone.localdate() - timedelta(days=1))])
    with pytest.raises(RuntimeError):
        import_employees(path_or_file=path, name="staff.csv", actor=None)
    assert active(staff["Mila"])
    assert Employee.objects.get(pk=staff["Mila"].pk).leave_date is None


def test_a_dry_run_import_ends_no_account(staff, tmp_path):
    path = write(tmp_path, [row(staff["Mila"], timezone.localdate() - timedelta(days=1))])
    import_employees(path_or_file=path, name="staff.csv", actor=None, dry_run=True)
    assert active(staff["Mila"])


def test_saving_a_past_leave_date_ends_the_account(staff):
    employee = Employee.objects.get(pk=staff["Noor"].pk)
    employee.leave_date = timezone.localdate() - timedelta(days=2)
    employee.leave_reason = "voluntary"
    employee.save()
    assert not active(staff["Noor"])


def test_a_leavers_session_and_api_token_stop_working(staff):
    user = User.objects.get(employee=staff["Mila"])
    _token, key = api_token_create(actor=None, user=user, name="laptop")
    browser = Client()
    browser.force_login(user)
    api = Client(headers={"authorization": f"Bearer {key}"})
    assert browser.get("/").status_code == 200
    assert api.get("/api/v1/employees").status_code == 200

    set_leave_date_behind_saves_back(staff["Mila"], timezone.localdate() - timedelta(days=1))
    leaver_accounts_deactivate(today=timezone.localdate())

    response = browser.get("/")
    assert response.status_code == 302
    assert response["Location"].startswith("/login/")
    assert api.get("/api/v1/employees").status_code == 401
