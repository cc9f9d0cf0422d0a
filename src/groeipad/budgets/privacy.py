"""What the budgets app holds about a person: a personal learning budget per year."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from groeipad.budgets.models import PersonalBudget
from groeipad.people.models import Employee
from groeipad.privacy.registry import DataCategory, register


def _export(employee: Employee) -> list[dict]:
    return [
        {"year": b.year, "amount": b.amount}
        for b in PersonalBudget.objects.filter(employee=employee).order_by("year")
    ]


def _erase(employee: Employee, dry_run: bool) -> int:
    # Kept: the amounts are budget accounting, and under the pseudonymised employee
    # record they no longer say whose they were.
    return 0


register(
    DataCategory(
        key="personal_budgets",
        app="budgets",
        label=_("personal learning budget per year"),
        purpose=_("to pay for learning from the budget your agreement gives you"),
        legal_basis=_("employment contract (article 6(1)(b) GDPR)"),
        retention="employment",
        seen_by=("own", "line", "hr"),
        export=_export,
        erase=_erase,
        notes=(
            _(
                "Amounts stay for the budget accounting of past years, under the "
                "pseudonymised employee record."
            ),
        ),
    )
)
