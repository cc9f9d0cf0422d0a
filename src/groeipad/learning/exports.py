"""Learning requests and budgets as an XLSX workbook, within what the viewer may see."""

from __future__ import annotations

from django.utils.translation import gettext as _

from groeipad.learning import selectors
from groeipad.lib.spreadsheets_export import xlsx_bytes


def workbook(user, year: int) -> bytes:
    requests = [
        [
            _("Employee number"),
            _("Employee"),
            _("Offer"),
            _("Status"),
            _("Requested at"),
            _("Session"),
            _("Cost"),
            _("Paid from"),
            _("Hours"),
            _("Completed on"),
            _("Beyond budget (HR)"),
        ]
    ]
    for e in (
        selectors.enrolments_for_viewer(user)
        .filter(selectors.in_year(year))
        .order_by("requested_at", "id")
    ):
        requests.append(
            [
                e.employee.employee_number,
                e.employee.full_name,
                e.offer.title,
                e.get_status_display(),
                e.requested_at.date(),
                e.session.starts_on if e.session_id else None,
                e.cost,
                e.get_funding_display(),
                e.hours,
                e.completed_on,
                e.budget_override,
            ]
        )
    budgets = [
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
    for b in selectors.budgets_for_viewer(user, year):
        budgets.append(
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
    personal = [
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
    for p in selectors.personal_budgets_for_viewer(user, year):
        personal.append(
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
    return xlsx_bytes(
        {
            _("Requests"): requests,
            _("Budgets"): budgets,
            _("Individual budgets"): personal,
        }
    )
