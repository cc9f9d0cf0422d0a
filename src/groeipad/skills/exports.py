"""The heat map as rows: for the page (cells with a colour band) and for CSV and XLSX."""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from groeipad.lib.spreadsheets_export import csv_bytes, xlsx_bytes
from groeipad.skills.selectors import HeatCell, HeatMap

# Upper bounds of the average gap per colour band: 0 is calm, 2 levels or more is hot.
HEAT_BANDS = (0.0, 0.5, 1.0, 1.5, 2.0)
HEAT_LEGEND = [
    ("heat-0", gettext_lazy("no gap")),
    ("heat-1", gettext_lazy("under ½ level")),
    ("heat-2", gettext_lazy("½ to 1 level")),
    ("heat-3", gettext_lazy("1 to 1½ levels")),
    ("heat-4", gettext_lazy("1½ to 2 levels")),
    ("heat-5", gettext_lazy("2 levels or more")),
    ("heat-unknown", gettext_lazy("required, nobody assessed yet")),
]


def heat_class(cell: HeatCell) -> str:
    """The colour band of a cell: by its average gap among those assessed."""
    if not cell.required:
        return "heat-none"
    average = cell.average_gap
    if average is None:
        return "heat-unknown"
    if average == 0:
        return "heat-0"
    for band, bound in enumerate(HEAT_BANDS[1:], start=1):
        if average < bound:
            return f"heat-{band}"
    return "heat-5"


def rounded(value: float | None) -> float | None:
    return None if value is None else round(value, 2)


def heat_rows(heat: HeatMap) -> list[dict]:
    """One row per department: its depth in the tree, its name and a cell per competency."""
    rows = []
    for department_id, path in heat.departments:
        cells = []
        for competency in heat.competencies:
            cell = heat.cell(department_id, competency.pk)
            cells.append(
                {
                    "competency": competency,
                    "cell": cell,
                    "average": rounded(cell.average_gap),
                    "css": heat_class(cell),
                }
            )
        rows.append(
            {
                "path": path,
                "name": path.rsplit("/", 1)[-1],
                "depth": path.count("/"),
                # Indent sub-departments under their parent, like a tree.
                "indent": f"{0.4 + 1.1 * path.count('/'):.1f}rem",
                "cells": cells,
            }
        )
    return rows


def cell_rows(heat: HeatMap) -> list[list[object]]:
    """The long table: one line per department and competency that someone needs."""
    header = [
        _("Department"),
        _("Competency"),
        _("Employees required"),
        _("Assessed"),
        _("At or above the level"),
        _("Average gap (levels)"),
    ]
    rows: list[list[object]] = [list(header)]
    for department_id, path in heat.departments:
        for competency in heat.competencies:
            cell = heat.cell(department_id, competency.pk)
            if cell.required:
                rows.append(
                    [
                        path,
                        competency.name,
                        cell.required,
                        cell.assessed,
                        cell.met,
                        rounded(cell.average_gap),
                    ]
                )
    return rows


def matrix_rows(heat: HeatMap) -> list[list[object]]:
    """Departments by competencies, the average gap in each cell, as on the page."""
    rows: list[list[object]] = [[_("Department"), *(c.name for c in heat.competencies)]]
    for department_id, path in heat.departments:
        rows.append(
            [
                path,
                *(rounded(heat.cell(department_id, c.pk).average_gap) for c in heat.competencies),
            ]
        )
    return rows


def as_csv(heat: HeatMap) -> bytes:
    return csv_bytes(cell_rows(heat))


def as_xlsx(heat: HeatMap) -> bytes:
    return xlsx_bytes({_("Heat map"): matrix_rows(heat), _("Cells"): cell_rows(heat)})
