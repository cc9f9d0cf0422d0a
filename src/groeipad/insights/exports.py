"""The KPI table and the per-month series as CSV and XLSX rows."""

from __future__ import annotations

from django.utils.translation import gettext as _

from groeipad.insights.kpis import ANONYMITY_KEYS, KPI_KEYS, MIX_KEYS
from groeipad.insights.labels import LABELS, MIX_LABELS
from groeipad.insights.selectors import KpiReport
from groeipad.lib.spreadsheets_export import csv_bytes, xlsx_bytes

MONTH_COLUMNS = (
    "label",
    "headcount_end",
    "hires",
    "leavers",
    "internal_moves",
    "turnover_rate",
    "payroll",
    "development_spend",
)


def _scope_row(report: KpiReport, scope_label: str | None) -> list:
    """The department's path, or the manager's line (whose eNPS is their department's)."""
    if report.manager is not None:
        return [_("Line"), scope_label or "", ""]
    return [_("Department"), scope_label or _("Whole organisation"), ""]


def _enps_scope_rows(report: KpiReport) -> list[list]:
    """A line's eNPS is its manager's department's figure (answers carry no manager)."""
    if report.manager is None:
        return []
    department = report.manager.department
    where = (
        _("%(department)s and its sub-departments") % {"department": department.name}
        if department is not None
        else _("none (the manager belongs to no department)")
    )
    return [[_("eNPS scope"), where, ""]]


def kpi_rows(report: KpiReport, scope_label: str | None) -> list[list]:
    rows = [
        [_("Period"), f"{report.start.isoformat()} - {report.end.isoformat()}", ""],
        _scope_row(report, scope_label),
        *_enps_scope_rows(report),
        [],
        [_("KPI"), _("Key"), _("Value")],
    ]
    for key in KPI_KEYS:
        value = report.kpis[key]
        if key == "learning_mix":
            rows += [[f"{LABELS[key]}: {MIX_LABELS[k]}", f"{key}.{k}", value[k]] for k in MIX_KEYS]
        else:
            rows.append([str(LABELS[key]), key, value])
        if key == "enps_responses":
            rows += [[str(LABELS[k]), k, report.kpis[k]] for k in ANONYMITY_KEYS]
    return rows


def month_rows(report: KpiReport) -> list[list]:
    header = [
        _("Month"),
        _("Headcount at month end"),
        _("Hires"),
        _("Leavers"),
        _("Internal moves"),
        _("Turnover (%)"),
        _("Payroll (EUR)"),
        _("Development spend (EUR)"),
    ]
    return [header, *([row[c] for c in MONTH_COLUMNS] for row in report.months)]


def survey_rows(report: KpiReport) -> list[list]:
    """The eNPS chart's data table: a hidden cell has no count and no eNPS, and says why."""
    header = [_("Survey"), _("Closing date"), _("Responses"), _("eNPS"), _("Hidden because")]
    return [
        header,
        *(
            [
                row["survey"],
                row["closing_date"],
                row["responses"],
                row["enps"],
                row["suppressed_reason"] or "",
            ]
            for row in report.surveys
        ),
    ]


def as_csv(report: KpiReport, scope_label: str | None) -> bytes:
    # One file, three blocks: the KPI table, the months, the surveys (empty lines between).
    return csv_bytes(
        [*kpi_rows(report, scope_label), [], *month_rows(report), [], *survey_rows(report)]
    )


def as_xlsx(report: KpiReport, scope_label: str | None) -> bytes:
    return xlsx_bytes(
        {
            _("KPIs"): kpi_rows(report, scope_label),
            _("Per month"): month_rows(report),
            _("eNPS per survey"): survey_rows(report),
        }
    )
