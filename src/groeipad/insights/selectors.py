"""Reads for the insights page and exports: the KPIs with their series, in one place."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from groeipad.insights.kpis import compute_kpis, enps_by_survey, monthly_series, quarterly_series
from groeipad.people.models import Department


@dataclass(frozen=True)
class KpiReport:
    start: date
    end: date
    department: Department | None
    kpis: dict
    months: list[dict]
    quarters: list[dict]
    surveys: list[dict]


def kpi_report(*, start: date, end: date, department: Department | None) -> KpiReport:
    """Everything the page shows; ``department`` must already be the viewer's scope
    (insights.access.kpi_department_for)."""
    return KpiReport(
        start=start,
        end=end,
        department=department,
        kpis=compute_kpis(start=start, end=end, department=department),
        months=monthly_series(start, end, department),
        quarters=quarterly_series(start, end, department),
        surveys=enps_by_survey(start, end, department),
    )
