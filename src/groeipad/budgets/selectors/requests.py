"""Which budget pays for a request (learning's, or any other app's) and what is left."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import Protocol

from groeipad.budgets.models import Budget, Funding, PersonalBudget
from groeipad.budgets.selectors.departments import (
    DepartmentTree,
    budget_statuses,
    department_remaining,
)
from groeipad.budgets.selectors.personal import (
    PersonalBudgetRow,
    personal_budget_status,
    personal_budget_statuses,
)
from groeipad.people.models import Department, Employee


class BudgetRequest(Protocol):
    """What the budgets read of a request that books against them (a learning request)."""

    @property
    def pk(self) -> int: ...
    @property
    def employee(self) -> Employee: ...
    @property
    def employee_id(self) -> int: ...
    @property
    def department(self) -> Department: ...
    @property
    def department_id(self) -> int: ...
    @property
    def funding(self) -> str: ...
    @property
    def budget_year(self) -> int: ...


@dataclass
class Paying:
    """Which budget pays for a request and what is left of it (before deciding)."""

    funding: str
    budget: Budget | PersonalBudget | None
    remaining: Decimal | None

    @property
    def personal(self) -> bool:
        return self.funding == Funding.PERSONAL

    def covers(self, cost: Decimal) -> bool:
        return self.remaining is None or cost <= self.remaining


def paying_budget(request: BudgetRequest) -> Paying:
    """The budget that pays for ``request`` (its ``funding``) and what is left of it.

    Department: the nearest department budget up the tree (None: no budget set, no
    limit). Personal: the employee's personal budget for the budget year; None when
    there is none (the request cannot be approved on it).
    """
    if request.funding == Funding.PERSONAL:
        status = personal_budget_status(request.employee, request.budget_year)
        if status is None:
            return Paying(Funding.PERSONAL, None, None)
        return Paying(Funding.PERSONAL, status.budget, status.remaining)
    budget, remaining = department_remaining(request.department, request.budget_year)
    return Paying(Funding.DEPARTMENT, budget, remaining)


@dataclass
class RequestBudgets:
    """What the queue shows for one request: the department budget it draws on and
    what is left of it, the employee's personal budget for the year, and which pays."""

    budget: Budget | None
    remaining: Decimal | None
    personal: PersonalBudgetRow | None
    paying: Paying


def request_budgets(requests: Iterable[BudgetRequest]) -> dict[int, RequestBudgets]:
    """For each request (by id): ``department_remaining``, ``personal_budget_status`` and
    ``paying_budget`` at once, in a fixed number of queries however many requests.

    The requests need their session loaded (the budget year). Per budget year of the
    requests: the nearest budget up the tree (as ``budget_for`` walks it), then
    ``budget_statuses`` for those budgets' departments, and the personal budgets grouped.
    """
    requests = list(requests)
    if not requests:
        return {}
    years = {r.pk: r.budget_year for r in requests}
    tree = DepartmentTree()
    budgets = {
        (b.year, b.department_id): b
        for b in Budget.objects.filter(year__in=set(years.values())).select_related("department")
    }
    drawn_on: dict[int, Budget] = {}
    for r in requests:
        for step in tree.up(r.department_id):
            budget = budgets.get((years[r.pk], step))
            if budget is not None:
                drawn_on[r.pk] = budget
                break
    wanted: dict[int, dict[int, Department]] = defaultdict(dict)
    for budget in drawn_on.values():
        wanted[budget.year][budget.department_id] = budget.department
    remaining = {
        (year, status.department.pk): status.remaining
        for year, departments in wanted.items()
        for status in budget_statuses(list(departments.values()), year)
    }
    personal = personal_budget_statuses([(r.employee, years[r.pk]) for r in requests])

    result = {}
    for r in requests:
        drawn = drawn_on.get(r.pk)
        left = remaining[(drawn.year, drawn.department_id)] if drawn else None
        own = personal.get((r.employee_id, years[r.pk]))
        if r.funding == Funding.PERSONAL:
            paying = Paying(
                Funding.PERSONAL, own.budget if own else None, own.remaining if own else None
            )
        else:
            paying = Paying(Funding.DEPARTMENT, drawn, left)
        result[r.pk] = RequestBudgets(budget=drawn, remaining=left, personal=own, paying=paying)
    return result


def default_funding(employee: Employee, year: int, cost: Decimal) -> str:
    """Personal when the employee has a personal budget whose rest covers the cost.

    Free learning (mandatory e-learning and the like) stays with the department: there
    is nothing to pay, so it should not look like a use of the personal budget.
    """
    if cost <= 0:
        return Funding.DEPARTMENT
    status = personal_budget_status(employee, year)
    if status is not None and cost <= status.remaining:
        return Funding.PERSONAL
    return Funding.DEPARTMENT
