"""What draws on the budgets: learning requests, coaching trajectories, whatever comes.

Budgets never import the apps that book against them. Each registers its draws in its
``AppConfig.ready()``:

- a department draw: department ids and the year -> (committed, spent[, hours]) in
  euros (and hours of completed learning) for those departments together. It may also
  register a grouped form: department ids and the year -> {department id: (committed,
  spent[, hours])}, ids without any left out, in a fixed number of queries however many
  ids. The budget reads use the grouped form, so a list of budgets costs the source one
  call; a source without one is asked once per budget.
- a personal draw (grouped only): employee ids and the year -> {employee id:
  (committed, spent)} of what is paid from those employees' personal budgets.
- export sheets: the viewer and the year -> {sheet title: rows}, put before the budget
  sheets in the budget workbook (learning: its requests).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from decimal import Decimal
from typing import Any

# (committed, spent) or (committed, spent, hours)
Amounts = tuple[Decimal, ...]
DepartmentDraw = Callable[[list[int], int], Amounts]
GroupedDraw = Callable[[list[int], int], Mapping[int, Amounts]]
PersonalDraw = Callable[[Sequence[int], int], Mapping[int, Amounts]]

BUDGET_DRAWS: list[DepartmentDraw] = []
GROUPED_DRAWS: dict[DepartmentDraw, GroupedDraw] = {}
PERSONAL_DRAWS: list[PersonalDraw] = []
ExportSheets = Callable[[Any, int], dict[str, list[list[Any]]]]
EXPORT_SHEETS: list[ExportSheets] = []


def register_budget_draw(source: DepartmentDraw, *, grouped: GroupedDraw | None = None) -> None:
    """Count ``source`` on the department budgets (once, however often registered)."""
    if source not in BUDGET_DRAWS:
        BUDGET_DRAWS.append(source)
    if grouped is not None:
        GROUPED_DRAWS[source] = grouped


def register_personal_draw(source: PersonalDraw) -> None:
    """Count ``source`` on the personal budgets (once, however often registered)."""
    if source not in PERSONAL_DRAWS:
        PERSONAL_DRAWS.append(source)


def register_export_sheets(source: ExportSheets) -> None:
    """Put ``source``'s sheets in the budget workbook, before the budget sheets."""
    if source not in EXPORT_SHEETS:
        EXPORT_SHEETS.append(source)
