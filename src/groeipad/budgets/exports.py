"""The budget workbook (XLSX): what draws on the budgets (learning's requests, through
the registry), the department budgets and the personal budgets the viewer may see."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from django.utils.translation import gettext as _

from groeipad.budgets import registry, selectors
from groeipad.lib.spreadsheets_export import xlsx_bytes
from groeipad.people.scope import Viewer


def budget_rows(viewer: Viewer, year: int) -> list[list[Any]]:
    rows: list[list[Any]] = [
        [
            _("Department"),
            _("Year"),
            _("Amount"),
            _("per FTE"),
            _("Share of payroll, percent"),
            _("Committed"),
            _("Spent"),
            _("Left"),
            _("Utilisation, percent"),
        ]
    ]
    for b in selectors.budgets_for_viewer(viewer, year):
        rows.append(
            [
                b.department.name,
                b.year,
                b.amount,
                None if b.per_fte is None else round(b.per_fte, 2),
                None if b.payroll_percent is None else round(b.payroll_percent, 2),
                b.committed,
                b.spent,
                b.remaining,
                None if b.utilisation is None else round(b.utilisation, 1),
            ]
        )
    return rows


def personal_rows(viewer: Viewer, year: int) -> list[list[Any]]:
    rows: list[list[Any]] = [
        [
            _("Employee number"),
            _("Employee"),
            _("Year"),
            _("Amount"),
            _("Committed"),
            _("Spent"),
            _("Left"),
            _("Utilisation, percent"),
        ]
    ]
    for p in selectors.personal_budgets_for_viewer(viewer, year):
        rows.append(
            [
                p.employee.employee_number,
                p.employee.full_name,
                year,
                p.amount,
                p.committed,
                p.spent,
                p.remaining,
                None if p.utilisation is None else round(p.utilisation, 1),
            ]
        )
    return rows


def workbook(viewer: Viewer, year: int) -> bytes:
    sheets: dict[str, Iterable[Sequence[Any]]] = {}
    for source in registry.EXPORT_SHEETS:
        sheets.update(source(viewer, year))
    sheets[_("Budgets")] = budget_rows(viewer, year)
    sheets[_("Individual budgets")] = personal_rows(viewer, year)
    return xlsx_bytes(sheets)
