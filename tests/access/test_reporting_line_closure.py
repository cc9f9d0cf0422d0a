"""The reporting-line closure stays equal to the managers on record, whatever writes them.

A seeded random walk builds about 60 employees in random trees, then applies 200 random
operations through every path that changes a manager or a leave date: ``Employee.save``
(a new manager, none, a leave date), the employee import (a CSV that moves people and
sets leave dates), new hires, and the Django admin's change form. After each batch the
stored closure must equal a Python walk of ``manager_id`` and a from-scratch rebuild, and
``people.scope.line`` must equal an independent walk filtered by leave date (a leaver is
in the line up to and including the leave date, out the day after).
"""

from __future__ import annotations

import csv
import random
from datetime import date, timedelta

import pytest
from django.utils import timezone

from groeipad.people import reporting_lines, scope
from groeipad.people.imports import import_employees
from groeipad.people.models import Department, Employee, Role, User

HIRED = date(2020, 1, 1)
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

pytestmark = pytest.mark.django_db


class Org:
    """The random organisation and the operations on it; the test's own bookkeeping."""

    def __init__(self, rng: random.Random, tmp_path, client) -> None:
        self.rng = rng
        self.tmp_path = tmp_path
        self.client = client
        self.today = timezone.localdate()
        self.departments = [Department.objects.create(name=f"Afdeling {i}") for i in range(3)]
        self.count = 0
        self.imports = 0
        # HR edits in the admin; an account without an employee record, so no random
        # leave date can end it halfway.
        hr = User.objects.create_user("hr-closure@example.nl", "x", role=Role.HR)
        client.force_login(hr)
        client.cookies["django_language"] = "en"

    # --- independent bookkeeping -------------------------------------------------------

    def manager_of(self) -> dict[int, int | None]:
        return dict(Employee.objects.values_list("id", "manager_id"))

    def below(self, employee_id: int) -> set[int]:
        """employee_id and everyone under them, walked from the manager column."""
        children: dict[int | None, list[int]] = {}
        for pk, manager in self.manager_of().items():
            children.setdefault(manager, []).append(pk)
        found, todo = {employee_id}, [employee_id]
        while todo:
            for child in children.get(todo.pop(), []):
                if child not in found:
                    found.add(child)
                    todo.append(child)
        return found

    def new_manager_for(self, employee_id: int) -> int | None:
        if self.rng.random() < 0.15:
            return None
        candidates = sorted(set(self.manager_of()) - self.below(employee_id))
        return self.rng.choice(candidates) if candidates else None

    def random_employee(self) -> Employee:
        return self.rng.choice(list(Employee.objects.order_by("pk")))

    def leave_date(self) -> date | None:
        return self.rng.choice(
            [
                None,
                self.today - timedelta(days=30),
                self.today - timedelta(days=1),
                self.today,
                self.today + timedelta(days=1),
                self.today + timedelta(days=20),
            ]
        )

    # --- the operations ----------------------------------------------------------------

    def hire(self, manager: int | str | None = "random") -> Employee:
        self.count += 1
        manager_id = (
            (self.random_employee().pk if Employee.objects.exists() else None)
            if manager == "random"
            else manager
        )
        return Employee.objects.create(
            employee_number=f"E{self.count:04d}",
            first_name=f"Naam{self.count}",
            last_name="Test",
            email=f"e{self.count}@example.nl",
            department=self.rng.choice(self.departments),
            manager_id=manager_id,
            hire_date=HIRED,
        )

    def save_new_manager(self) -> None:
        employee = self.random_employee()
        employee.manager_id = self.new_manager_for(employee.pk)
        employee.save()

    def save_leave_date(self) -> None:
        employee = self.random_employee()
        employee.leave_date = self.leave_date()
        employee.leave_reason = "voluntary" if employee.leave_date else ""
        employee.save()

    def import_moves(self) -> None:
        """A CSV that moves a few employees (one after the other, cycles avoided) and
        sets a leave date on some."""
        moves: dict[int, int | None] = {}
        manager_of = self.manager_of()
        for employee in self.rng.sample(list(Employee.objects.order_by("pk")), 4):
            # The earlier moves of this file count: no cycle through them either.
            forbidden = self._below_in(manager_of, employee.pk)
            candidates = sorted(set(manager_of) - forbidden)
            new = (
                None if self.rng.random() < 0.15 or not candidates else self.rng.choice(candidates)
            )
            manager_of[employee.pk] = new
            moves[employee.pk] = new
        number = dict(Employee.objects.values_list("id", "employee_number"))
        rows = [HEADER]
        for employee in Employee.objects.filter(pk__in=moves).select_related("department"):
            left = self.leave_date() if self.rng.random() < 0.3 else employee.leave_date
            new_manager = moves[employee.pk]
            rows.append(
                [
                    employee.employee_number,
                    employee.first_name,
                    employee.last_name,
                    employee.email,
                    employee.department.name,
                    "",
                    number[new_manager] if new_manager else "",
                    employee.hire_date.isoformat(),
                    left.isoformat() if left else "",
                    "vrijwillig" if left else "",
                    "",
                    "",
                ]
            )
        self.imports += 1
        path = self.tmp_path / f"import-{self.imports}.csv"
        with path.open("w", newline="", encoding="utf-8") as handle:
            csv.writer(handle).writerows(rows)
        result = import_employees(path_or_file=path, name=path.name, actor=None)
        assert not result.errors, result.errors

    @staticmethod
    def _below_in(manager_of: dict[int, int | None], employee_id: int) -> set[int]:
        found = {employee_id}
        changed = True
        while changed:
            changed = False
            for pk, manager in manager_of.items():
                if manager in found and pk not in found:
                    found.add(pk)
                    changed = True
        return found

    def admin_edit(self) -> None:
        employee = self.random_employee()
        url = f"/admin/people/employee/{employee.pk}/change/"
        form = self.client.get(url).context["adminform"].form
        data = {k: ("" if v is None else v) for k, v in form.initial.items()}
        new = self.new_manager_for(employee.pk)
        data.update(
            {
                "department": employee.department_id,
                "manager": new or "",
                "job_profile": "",
                "annual_salary": "",
                "fte": "1.00",
                "hire_date": employee.hire_date.isoformat(),
                "leave_date": employee.leave_date.isoformat() if employee.leave_date else "",
            }
        )
        response = self.client.post(url, data)
        assert response.status_code == 302, response.content.decode()[:2000]
        assert Employee.objects.get(pk=employee.pk).manager_id == new


def expected_line(manager_of: dict[int, int | None], left: dict, viewer_id: int, day: date):
    """Everyone whose chain of managers reaches viewer_id, still employed on ``day``."""
    found = set()
    for pk in manager_of:
        step, seen = manager_of[pk], {pk}
        while step is not None and step not in seen:
            if step == viewer_id:
                found.add(pk)
                break
            seen.add(step)
            step = manager_of[step]
    return {pk for pk in found if left[pk] is None or left[pk] >= day}


def check(org: Org) -> None:
    stored = reporting_lines.stored_pairs()
    assert stored == reporting_lines.walk_pairs()
    reporting_lines.rebuild()
    assert reporting_lines.stored_pairs() == stored
    manager_of = org.manager_of()
    left = dict(Employee.objects.values_list("id", "leave_date"))
    for day in (org.today, org.today + timedelta(days=1), org.today + timedelta(days=25)):
        for viewer_id in manager_of:
            viewer = scope.Viewer(
                user=None, employee_id=viewer_id, is_hr=False, is_admin=False, today=day
            )
            got = set(scope.line(viewer).values_list("pk", flat=True))
            assert got == expected_line(manager_of, left, viewer_id, day), (viewer_id, day)


def test_closure_and_line_stay_true_under_200_random_operations(tmp_path, client):
    rng = random.Random(20261207)
    org = Org(rng, tmp_path, client)
    for _ in range(60):
        org.hire(manager=None if rng.random() < 0.1 else "random")
    check(org)
    operations = [
        (org.save_new_manager, 40),
        (org.save_leave_date, 20),
        (org.hire, 10),
        (org.import_moves, 8),
        (org.admin_edit, 6),
    ]
    kinds, weights = zip(*operations, strict=True)
    done: dict[str, int] = {}
    for batch in range(10):
        for _ in range(20):
            operation = rng.choices(kinds, weights)[0]
            operation()
            done[operation.__name__] = done.get(operation.__name__, 0) + 1
        check(org)
        assert batch >= 0
    # Every kind of write took part.
    assert set(done) == {kind.__name__ for kind in kinds}, done
