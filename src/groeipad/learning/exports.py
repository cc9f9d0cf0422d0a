"""Learning requests as a sheet of the budget workbook (``budgets.exports``), within
what the viewer may see."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from groeipad.learning import selectors
from groeipad.people.scope import Viewer


def request_sheet(viewer: Viewer, year: int) -> dict[str, list[list[Any]]]:
    rows: list[list[Any]] = [
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
    for e in selectors.enrolments_of_year(viewer, year):
        rows.append(
            [
                e.employee.employee_number,
                e.employee.full_name,
                e.offer.title,
                e.get_status_display(),
                e.requested_at.date(),
                e.session.starts_on if e.session is not None else None,
                e.cost,
                e.get_funding_display(),
                e.hours,
                e.completed_on,
                e.budget_override,
            ]
        )
    return {_("Requests"): rows}
