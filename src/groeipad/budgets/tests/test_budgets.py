"""The budgets app on its own: its tables, who may set a budget, its dependencies."""

from __future__ import annotations

import ast
from decimal import Decimal
from pathlib import Path

import pytest
from django.urls import reverse
from django.utils import timezone

from groeipad.budgets import registry, selectors
from groeipad.budgets.models import Budget, PersonalBudget

pytestmark = pytest.mark.django_db

APP = Path(__file__).resolve().parents[1]


def test_the_budget_tables_keep_the_names_learning_gave_them():
    assert Budget._meta.db_table == "learning_budget"
    assert PersonalBudget._meta.db_table == "learning_personalbudget"


def test_the_budgets_app_imports_neither_learning_nor_coaching():
    """Learning and coaching book against the budgets through the registry."""
    imported = set()
    for path in APP.rglob("*.py"):
        if "tests" in path.parts:
            continue
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.ImportFrom) and node.module:
                imported.add(node.module)
            elif isinstance(node, ast.Import):
                imported.update(alias.name for alias in node.names)
    assert not {m for m in imported if m.startswith(("groeipad.learning", "groeipad.coaching"))}


def test_a_draw_registered_twice_counts_once(personas, monkeypatch):
    year = timezone.localdate().year
    Budget.objects.create(department=personas.operations, year=year, amount=Decimal("1000"))
    monkeypatch.setattr(registry, "BUDGET_DRAWS", [])
    monkeypatch.setattr(registry, "GROUPED_DRAWS", {})

    def fee(department_ids, year):
        return Decimal("10"), Decimal("5")

    registry.register_budget_draw(fee)
    registry.register_budget_draw(fee)
    status = selectors.budget_status(personas.operations, year)
    assert (status.committed, status.spent, status.remaining) == (
        Decimal("10"),
        Decimal("5"),
        Decimal("985"),
    )


def test_hr_sets_a_budget_and_a_manager_may_not(personas, login):
    year = timezone.localdate().year
    url = reverse("learning:budget_save")
    data = {"department": personas.operations.pk, "year": year, "amount": "1234"}
    # Bob holds Operations' budget but only HR sets it: refused, nothing saved.
    response = login(personas.user("bob")).post(url, data, follow=True)
    assert response.status_code == 200
    assert not Budget.objects.exists()
    # A department whose budget he does not hold is not even found.
    other = {**data, "department": personas.finance.pk}
    assert login(personas.user("bob")).post(url, other).status_code == 404
    login(personas.user("hanna")).post(url, data)
    assert Budget.objects.get(department=personas.operations, year=year).amount == Decimal("1234")


def test_budgets_are_for_hr_and_managers(personas, login):
    for name, code in (("carol", 403), ("bob", 200), ("hanna", 200)):
        client = login(personas.user(name))
        assert client.get(reverse("learning:budgets")).status_code == code, name
        assert client.get(reverse("api:learning_budget_list")).status_code == code, name
