"""The budgets in the API: mounted under the learning API (``/learning/budgets``)."""

from __future__ import annotations

from decimal import Decimal

from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Query, Router, Schema
from ninja.errors import HttpError

from groeipad.budgets import rules, selectors
from groeipad.people.scope import Viewer, viewer_for

router = Router(tags=["learning"])


class BudgetOut(Schema):
    department: str
    year: int
    amount: Decimal | None
    committed: Decimal
    spent: Decimal
    remaining: Decimal | None
    fte: Decimal
    per_fte: Decimal | None
    payroll_percent: Decimal | None
    utilisation: Decimal | None
    warning: bool


class PersonalBudgetOut(Schema):
    employee_number: str
    employee: str
    year: int
    amount: Decimal
    committed: Decimal
    spent: Decimal
    remaining: Decimal
    utilisation: Decimal | None


def _budget_viewer(request: HttpRequest) -> Viewer:
    viewer = viewer_for(request.user)
    if not rules.may_see_budgets(viewer):
        raise HttpError(403, _("Budgets are for HR and managers."))
    return viewer


@router.get("/budgets", response=list[BudgetOut], url_name="learning_budget_list")
def budget_list(
    request: HttpRequest, year: int | None = Query(None, ge=1900, le=2200)
) -> list[BudgetOut]:
    """The department budgets of the departments whose budget the viewer holds."""
    viewer = _budget_viewer(request)
    year = year or timezone.localdate().year
    return [
        BudgetOut(
            department=b.department.name,
            year=b.year,
            amount=b.amount,
            committed=b.committed,
            spent=b.spent,
            remaining=b.remaining,
            fte=b.fte,
            per_fte=b.per_fte,
            payroll_percent=b.payroll_percent,
            utilisation=b.utilisation,
            warning=b.warning,
        )
        for b in selectors.budgets_for_viewer(viewer, year)
    ]


@router.get(
    "/budgets/personal",
    response=list[PersonalBudgetOut],
    url_name="learning_personal_budget_list",
)
def personal_budget_list(
    request: HttpRequest, year: int | None = Query(None, ge=1900, le=2200)
) -> list[PersonalBudgetOut]:
    """Individual learning budgets of the viewer's line (HR: everyone's), with use."""
    viewer = _budget_viewer(request)
    year = year or timezone.localdate().year
    return [
        PersonalBudgetOut(
            employee_number=row.employee.employee_number,
            employee=row.employee.full_name,
            year=year,
            amount=row.amount,
            committed=row.committed,
            spent=row.spent,
            remaining=row.remaining,
            utilisation=row.utilisation,
        )
        for row in selectors.personal_budgets_for_viewer(viewer, year)
    ]
