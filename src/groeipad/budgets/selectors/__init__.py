"""Reads of the budgets: department budgets, personal budgets and what a request draws on.

Parts: ``departments`` (the tree, a department budget's status, the viewer's list),
``personal`` (personal budgets), ``requests`` (which budget pays for a request).
"""

from groeipad.budgets.selectors.departments import (
    ZERO,
    BudgetStatus,
    DepartmentTree,
    budget_for,
    budget_status,
    budget_statuses,
    budgets_for_viewer,
    charged_department_ids,
    department_remaining,
    setting,
)
from groeipad.budgets.selectors.personal import (
    PersonalBudgetRow,
    PersonalBudgetTotals,
    personal_budget_for,
    personal_budget_status,
    personal_budget_statuses,
    personal_budget_totals,
    personal_budgets_for_viewer,
)
from groeipad.budgets.selectors.requests import (
    BudgetRequest,
    Paying,
    RequestBudgets,
    default_funding,
    paying_budget,
    request_budgets,
)

__all__ = [
    "ZERO",
    "BudgetRequest",
    "BudgetStatus",
    "DepartmentTree",
    "Paying",
    "PersonalBudgetRow",
    "PersonalBudgetTotals",
    "RequestBudgets",
    "budget_for",
    "budget_status",
    "budget_statuses",
    "budgets_for_viewer",
    "charged_department_ids",
    "default_funding",
    "department_remaining",
    "paying_budget",
    "personal_budget_for",
    "personal_budget_status",
    "personal_budget_statuses",
    "personal_budget_totals",
    "personal_budgets_for_viewer",
    "request_budgets",
    "setting",
]
