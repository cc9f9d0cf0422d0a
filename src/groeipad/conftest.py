"""Shared personas for every test (healthchecks' alice, bob and charlie, Dutch style).

Organisation:  Operations (bob, manager) > Operations/Planning (alice, reports to bob;
carol, reports to alice), Finance (dave, the outsider), HR (hanna, HR adviser).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

import pytest
from django.conf import settings

from groeipad.lib.translations import compile_catalogues


@pytest.fixture(scope="session", autouse=True)
def _compiled_translations():
    # The root conftest compiled them before collection; this keeps a run that is
    # pointed at a single test file (with another rootdir) working too.
    compile_catalogues(settings.PACKAGE_DIR / "locale", settings.HOME / "locale")


def lift_audit_protection_for_flush() -> None:
    """Let a test database's flush empty the append-only audit log.

    Transactional tests (``transactional_db``, ``live_server``: the browser tests) end
    with Django's flush, a TRUNCATE (PostgreSQL) or DELETE (SQLite) of every table, which
    the audit log's triggers refuse. The flush, and only the flush, runs with the
    protection lifted (``privacy.db.protection_lifted``), which puts it back afterwards.
    Called by the root conftest at session start, and by the fixture below for a run
    with another rootdir; patching twice is harmless.
    """
    from django.db.backends.base.operations import BaseDatabaseOperations

    from groeipad.privacy import db as audit_db

    original = BaseDatabaseOperations.execute_sql_flush
    if getattr(original, "lifts_audit_protection", False):
        return

    def execute_sql_flush(self, sql_list):
        if not any(audit_db.TABLE in sql for sql in sql_list):
            return original(self, sql_list)
        with audit_db.protection_lifted(self.connection):
            return original(self, sql_list)

    execute_sql_flush.lifts_audit_protection = True  # type: ignore[attr-defined]
    BaseDatabaseOperations.execute_sql_flush = execute_sql_flush  # type: ignore[method-assign]


@pytest.fixture(scope="session", autouse=True)
def _audit_log_flushable():
    lift_audit_protection_for_flush()


@dataclass
class Personas:
    bob: object
    alice: object
    carol: object
    dave: object
    hanna: object
    admin: object
    operations: object
    planning: object
    finance: object
    hr: object

    def user(self, name: str):
        return getattr(self, name).user


PASSWORD = "correct horse battery staple"


@pytest.fixture
def personas(db) -> Personas:
    from groeipad.people.models import Department, Employee, JobProfile, Role, User

    operations = Department.objects.create(name="Operations")
    planning = Department.objects.create(name="Planning", parent=operations)
    finance = Department.objects.create(name="Finance")
    hr = Department.objects.create(name="HR")
    planner = JobProfile.objects.create(name="Planner")

    def person(number, first, last, department, manager=None, **extra):
        employee = Employee.objects.create(
            employee_number=number,
            first_name=first,
            last_name=last,
            email=f"{first.lower()}@example.nl",
            department=department,
            manager=manager,
            hire_date=extra.pop("hire_date", date(2020, 1, 1)),
            annual_salary=extra.pop("annual_salary", Decimal("48000.00")),
            **extra,
        )
        User.objects.create_user(employee.email, PASSWORD, employee=employee)
        return employee

    bob = person("1001", "Bob", "de Vries", operations)
    alice = person("1002", "Alice", "Jansen", planning, manager=bob, job_profile=planner)
    carol = person("1003", "Carol", "Bakker", planning, manager=alice)
    dave = person("1004", "Dave", "Visser", finance)
    hanna = person("1005", "Hanna", "Smit", hr)
    User.objects.filter(employee=hanna).update(role=Role.HR)
    admin = User.objects.create_user("admin@example.nl", PASSWORD, role=Role.ADMIN)
    for employee in (bob, alice, carol, dave, hanna):
        employee.refresh_from_db()
    return Personas(
        bob=bob,
        alice=alice,
        carol=carol,
        dave=dave,
        hanna=hanna,
        admin=type("AdminPersona", (), {"user": admin})(),
        operations=operations,
        planning=planning,
        finance=finance,
        hr=hr,
    )


@pytest.fixture
def login(client):
    """Log the test client in as one of the personas' users."""

    def _login(user):
        client.force_login(user)
        return client

    return _login
