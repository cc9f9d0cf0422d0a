"""Keeping the reporting-line closure (``ReportingLine``) equal to the managers on record.

The closure has one row (manager, employee, depth) for every manager above an employee,
so "is E in M's line" and "everyone in M's line" are indexed lookups at any size.

- ``moved(ids)``: after the manager of these employees changed (``Employee.save`` calls it;
  so do imports after a bulk update). Each move re-links the moved employee's whole
  subtree under the new manager's chain; moves may come in any order.
- ``rebuild()``: the whole closure from scratch in one set-based statement (after a large
  import, and in ``groeipad init``).
- ``walk_pairs()``: the same closure by walking ``manager_id`` in Python, for tests and the
  consistency check to compare against.

A cycle in the data (A manages B manages A) can only arise through a bug elsewhere: the
walk and the rebuild stop at it, and ``moved`` refuses to link a subtree below itself.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db import connection, transaction

from groeipad.people.models import Employee, ReportingLine

# Moving more employees than this at once is cheaper as one rebuild.
REBUILD_ABOVE = 200
# Deeper than any real organisation; ends the recursion if a cycle slipped in.
MAX_DEPTH = 64


def moved(employee_ids: Iterable[int]) -> None:
    ids = list(dict.fromkeys(employee_ids))
    if len(ids) > REBUILD_ABOVE:
        rebuild()
        return
    with transaction.atomic():
        for employee_id in ids:
            _relink(employee_id)


def _relink(employee_id: int) -> None:
    below = dict(
        ReportingLine.objects.filter(manager_id=employee_id).values_list("employee_id", "depth")
    )
    below[employee_id] = 0
    ReportingLine.objects.filter(employee_id__in=list(below)).exclude(
        manager_id__in=list(below)
    ).delete()
    manager_id = Employee.objects.filter(pk=employee_id).values_list("manager_id", flat=True)
    new_manager = manager_id.first()
    if new_manager is None or new_manager in below:
        return
    above = dict(
        ReportingLine.objects.filter(employee_id=new_manager).values_list("manager_id", "depth")
    )
    above[new_manager] = 0
    ReportingLine.objects.bulk_create(
        [
            ReportingLine(manager_id=up, employee_id=down, depth=up_depth + down_depth + 1)
            for up, up_depth in above.items()
            for down, down_depth in below.items()
            if up not in below
        ],
        batch_size=1000,
    )


def rebuild() -> int:
    """Replace the whole closure; returns the number of rows."""
    line = ReportingLine._meta.db_table
    employee = Employee._meta.db_table
    sql = (
        f"WITH RECURSIVE chain(employee_id, manager_id, depth) AS ("
        f" SELECT id, manager_id, 1 FROM {employee} WHERE manager_id IS NOT NULL"
        f" UNION ALL"
        f" SELECT c.employee_id, e.manager_id, c.depth + 1 FROM chain c"
        f" JOIN {employee} e ON e.id = c.manager_id"
        f" WHERE e.manager_id IS NOT NULL AND c.depth < %s)"
        f" INSERT INTO {line} (manager_id, employee_id, depth)"
        f" SELECT manager_id, employee_id, MIN(depth) FROM chain"
        f" WHERE manager_id <> employee_id GROUP BY manager_id, employee_id"
    )
    with transaction.atomic():
        ReportingLine.objects.all().delete()
        with connection.cursor() as cursor:
            cursor.execute(sql, [MAX_DEPTH])
    return ReportingLine.objects.count()


def walk_pairs() -> set[tuple[int, int, int]]:
    """(manager, employee, depth) for the whole organisation, walked in Python."""
    manager_of = dict(Employee.objects.values_list("id", "manager_id"))
    pairs: set[tuple[int, int, int]] = set()
    for employee_id in manager_of:
        seen = {employee_id}
        step: int | None = manager_of[employee_id]
        depth = 1
        while step is not None and step not in seen:
            pairs.add((step, employee_id, depth))
            seen.add(step)
            step, depth = manager_of.get(step), depth + 1
    return pairs


def stored_pairs() -> set[tuple[int, int, int]]:
    return set(ReportingLine.objects.values_list("manager_id", "employee_id", "depth"))
