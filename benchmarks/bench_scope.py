"""Benchmark: who-sees-whom at 50,000 employees (the reporting-line closure).

    .venv/bin/python benchmarks/bench_scope.py [--employees 50000] [--runs 7]

Uses the same data set as bench_kpi.py (SQLite in var/, or the PostgreSQL database of
DATABASE_URL). Prints medians of: rebuilding the whole closure; counting the line of
the top manager and of a middle manager, through the closure and, for comparison,
through the recursive walk the closure replaced; one "is E in M's line" check; moving a
middle manager (with everyone below) to another manager and back; and the employee list
page as the top manager (first page, template included) with its number of queries.
Targets: a line lookup under 50 ms, the list page under 500 ms, a move under 1 s.
"""

from __future__ import annotations

import argparse
import os
import sys

from bench_kpi import _median, _setup

TARGETS = {"line": 0.05, "page": 0.5, "move": 1.0}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--employees", type=int, default=50_000)
    parser.add_argument("--years", type=int, default=5)
    parser.add_argument("--runs", type=int, default=7)
    options = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "groeipad.settings_test")
    _setup(options.employees, options.years)

    from django.db import connection
    from django.db.models import Count
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from groeipad.lib.trees import subtree_ids_sql
    from groeipad.people import reporting_lines, scope
    from groeipad.people.models import Employee, ReportingLine, User

    if connection.vendor == "postgresql":
        # A freshly built data set has no planner statistics yet; a live database has.
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    top = (
        Employee.objects.filter(manager__isnull=True, leave_date__isnull=True)
        .annotate(n=Count("reports"))
        .order_by("-n")
        .first()
    )
    assert top is not None
    sizes = dict(
        ReportingLine.objects.values("manager_id")
        .annotate(n=Count("id"))
        .values_list("manager_id", "n")
    )
    # A middle manager: the one whose line is closest to 500 people.
    middle_id = min(sizes, key=lambda pk: abs(sizes[pk] - 500))
    middle = Employee.objects.get(pk=middle_id)
    someone = ReportingLine.objects.filter(manager_id=top.pk, depth=3).first()
    # Another manager, outside the middle manager's own line, to move the line under.
    target = (
        Employee.objects.filter(reports__isnull=False)
        .exclude(pk__in=[middle.pk, middle.manager_id or 0])
        .exclude(pk__in=ReportingLine.objects.filter(manager_id=middle.pk).values("employee_id"))
        .distinct()
        .first()
    )
    print(
        f"{connection.vendor}: {Employee.objects.count()} employees, "
        f"{ReportingLine.objects.count()} closure rows; top line {sizes.get(top.pk, 0)}, "
        f"middle line {sizes[middle.pk]}",
        flush=True,
    )

    results = {}
    results["rebuild"] = _median(reporting_lines.rebuild, max(1, options.runs // 3))
    top_viewer = scope.viewer_for(User(employee=top, email="bench@example.nl"))
    middle_viewer = scope.viewer_for(User(employee=middle, email="bench2@example.nl"))
    results["line (top)"] = _median(lambda: scope.line(top_viewer).count(), options.runs)
    results["line (middle)"] = _median(lambda: scope.line(middle_viewer).count(), options.runs)

    def walk(manager_id: int) -> int:
        table = Employee._meta.db_table
        sub = subtree_ids_sql(table, "manager_id", manager_id, include_root=False)
        return Employee.objects.filter(pk__in=sub).count()

    results["old walk (top)"] = _median(lambda: walk(top.pk), options.runs)
    results["old walk (middle)"] = _median(lambda: walk(middle.pk), options.runs)
    if someone is not None:
        results["in_line"] = _median(
            lambda: scope.in_line(top_viewer, someone.employee_id), options.runs
        )
    if target is not None:
        old_manager = middle.manager

        def move_and_back() -> None:
            middle.manager = target
            middle.save()
            middle.manager = old_manager
            middle.save()

        results["move (there and back, /2)"] = _median(move_and_back, options.runs) / 2
        assert reporting_lines.stored_pairs() == reporting_lines.walk_pairs()

    account = User.objects.filter(employee=top).first() or User.objects.create_user(
        f"bench-top-{top.pk}@example.nl", "x", employee=top
    )
    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(account)
    assert client.get("/medewerkers/").status_code == 200
    results["employee list page"] = _median(lambda: client.get("/medewerkers/"), options.runs)
    with CaptureQueriesContext(connection) as queries:
        client.get("/medewerkers/")

    for name, seconds in results.items():
        print(f"{name:<28} median {seconds * 1000:8.1f} ms")
    print(f"employee list page queries: {len(queries)}")
    slow = [
        name
        for name, seconds in results.items()
        if (name.startswith("line") and seconds > TARGETS["line"])
        or (name == "employee list page" and seconds > TARGETS["page"])
        or (name.startswith("move") and seconds > TARGETS["move"])
    ]
    if slow:
        print("over target:", ", ".join(slow))
    return 0


if __name__ == "__main__":
    sys.exit(main())
