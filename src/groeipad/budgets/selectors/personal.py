"""Personal learning budgets: what personal-funded requests hold on them and took."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING

from groeipad.budgets import registry
from groeipad.budgets.models import PersonalBudget
from groeipad.people import scope
from groeipad.people.models import Employee
from groeipad.people.scope import Viewer

if TYPE_CHECKING:
    from groeipad.people.scope import UserLike

ZERO = Decimal("0")


@dataclass
class PersonalBudgetRow:
    """An employee's personal learning budget for a year and what personal-funded
    requests hold on it (committed: approved) and took from it (spent: completed)."""

    employee: Employee
    amount: Decimal
    committed: Decimal = ZERO
    spent: Decimal = ZERO
    year: int | None = None
    budget: PersonalBudget | None = None

    @property
    def used(self) -> Decimal:
        return self.committed + self.spent

    @property
    def remaining(self) -> Decimal:
        return self.amount - self.used

    @property
    def utilisation(self) -> Decimal | None:
        """Committed plus spent as a share of the amount (percent), as for departments."""
        return self.used / self.amount * 100 if self.amount else None


def _personal_sums(employee_ids: Sequence[int], year: int) -> dict[int, tuple[Decimal, Decimal]]:
    """(committed, spent) per employee id from every registered personal draw."""
    sums: dict[int, tuple[Decimal, Decimal]] = {}
    for source in registry.PERSONAL_DRAWS:
        for employee_id, amounts in source(employee_ids, year).items():
            committed, spent = sums.get(employee_id, (ZERO, ZERO))
            sums[employee_id] = (
                committed + (amounts[0] or ZERO),
                spent + (amounts[1] or ZERO),
            )
    return sums


def _row(employee: Employee, budget: PersonalBudget, year: int, sums: dict) -> PersonalBudgetRow:
    committed, spent = sums.get(employee.pk, (ZERO, ZERO))
    return PersonalBudgetRow(
        employee=employee,
        amount=budget.amount,
        committed=committed,
        spent=spent,
        year=year,
        budget=budget,
    )


def personal_budget_for(employee: Employee | int, year: int) -> PersonalBudget | None:
    employee_id = employee if isinstance(employee, int) else employee.pk
    return PersonalBudget.objects.filter(employee_id=employee_id, year=year).first()


def personal_budget_status(employee: Employee, year: int) -> PersonalBudgetRow | None:
    """The employee's personal budget for ``year`` with what is committed, spent and left."""
    budget = personal_budget_for(employee, year)
    if budget is None:
        return None
    return _row(employee, budget, year, _personal_sums([employee.pk], year))


def personal_budgets_for_viewer(viewer: Viewer | UserLike, year: int) -> list[PersonalBudgetRow]:
    """The personal budgets of ``year`` of the people the viewer sees (``scope``):
    HR everyone's, a manager their own and their line's, by name."""
    budgets = list(
        PersonalBudget.objects.filter(year=year, employee__in=scope.visible_employees(viewer))
        .select_related("employee")
        .order_by("employee__last_name", "employee__first_name", "employee_id")
    )
    sums = _personal_sums([b.employee_id for b in budgets], year)
    return [_row(b.employee, b, year, sums) for b in budgets]


@dataclass
class PersonalBudgetTotals:
    """All personal budgets the viewer sees (HR: the organisation's) added up."""

    count: int
    amount: Decimal
    committed: Decimal
    spent: Decimal
    unused: int = 0  # budgets with nothing committed or spent on them yet

    @property
    def used(self) -> Decimal:
        return self.committed + self.spent

    @property
    def remaining(self) -> Decimal:
        return self.amount - self.used

    @property
    def utilisation(self) -> Decimal | None:
        return self.used / self.amount * 100 if self.amount else None


def personal_budget_totals(rows: list[PersonalBudgetRow]) -> PersonalBudgetTotals:
    return PersonalBudgetTotals(
        count=len(rows),
        amount=sum((r.amount for r in rows), ZERO),
        committed=sum((r.committed for r in rows), ZERO),
        spent=sum((r.spent for r in rows), ZERO),
        unused=sum(1 for r in rows if not r.used),
    )


def personal_budget_statuses(
    pairs: Sequence[tuple[Employee, int]],
) -> dict[tuple[int, int], PersonalBudgetRow]:
    """``personal_budget_status`` for many (employee, year) pairs at once, keyed by
    (employee id, year); pairs without a personal budget are left out.

    One query for the budgets, then one per year that has any (the sums).
    """
    employees = {employee.pk: employee for employee, _ in pairs}
    years = {year for _, year in pairs}
    if not employees:
        return {}
    budgets = {
        (b.employee_id, b.year): b
        for b in PersonalBudget.objects.filter(employee_id__in=employees, year__in=years)
    }
    by_year: dict[int, list[int]] = defaultdict(list)
    for employee_id, year in budgets:
        by_year[year].append(employee_id)
    rows = {}
    for year, employee_ids in by_year.items():
        sums = _personal_sums(employee_ids, year)
        for employee_id in employee_ids:
            rows[(employee_id, year)] = _row(
                employees[employee_id], budgets[(employee_id, year)], year, sums
            )
    return rows
