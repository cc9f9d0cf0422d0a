"""The budgets of the demo organisation: a department budget per top-level department
for this year and last, and personal budgets where "the collective agreement" gives them.

Called by the learning demo (``learning.demo``): the personal budgets before its requests
(so some requests are paid from them), the department budgets after (so one is set close
to what its requests hold, and the budget page shows its warning).
"""

from __future__ import annotations

import random
from datetime import date
from decimal import ROUND_CEILING, Decimal

from django.db.models import Q, Sum

from groeipad.budgets.models import Budget, PersonalBudget
from groeipad.people.models import Department, Employee

PERSONAL_BUDGET_SHARE = 0.35  # of the current staff, under "the collective agreement"
MAX_PERSONAL_BUDGETS = 120  # whatever the demo's size: the budget page stays readable


def budgets_demo_remove() -> None:
    Budget.objects.all().delete()
    PersonalBudget.objects.all().delete()


def department_budgets_generate(rng: random.Random, today: date) -> int:
    """Each top-level department, this year and last: 1-2.5 % of its payroll.

    One department is set close to what it has committed and spent, so the budget page
    shows its warning before overspending.
    """
    from groeipad.budgets.selectors import budget_status
    from groeipad.people.selectors import department_subtree_ids

    budgets = []
    tops = list(Department.objects.filter(parent__isnull=True).order_by("name"))
    for department in tops:
        payroll = (
            Employee.objects.filter(department_id__in=department_subtree_ids(department.pk))
            .filter(Q(leave_date__isnull=True) | Q(leave_date__gte=today))
            .aggregate(payroll=Sum("annual_salary"), fte=Sum("fte"))
        )
        if not payroll["payroll"]:
            continue
        for year in (today.year - 1, today.year):
            share = Decimal(str(round(rng.uniform(1.0, 2.5), 2))) / 100
            amount = (payroll["payroll"] * share / 500).quantize(Decimal("1")) * 500
            hours = (payroll["fte"] * 24).quantize(Decimal("1"))
            budgets.append(Budget(department=department, year=year, amount=amount, hours=hours))
    Budget.objects.bulk_create(budgets)
    # The department that uses most of its budget this year: tighten it to ~94 %.
    current = [b for b in budgets if b.year == today.year]
    used = []
    for budget in current:
        status = budget_status(budget.department, budget.year)
        used.append((status.committed + status.spent, budget))
    used = [(amount, budget) for amount, budget in used if amount > 0]
    # No department starts out overspent: a budget the random requests outgrew is raised
    # to leave a fifth free (coaching and new requests still fit, as in real use).
    for amount, budget in used:
        if amount > budget.amount * Decimal("0.8"):
            budget.amount = ((amount / Decimal("0.8")) / 500).quantize(
                Decimal("1"), rounding=ROUND_CEILING
            ) * 500
            budget.save(update_fields=["amount"])
    if used:
        amount, budget = max(used, key=lambda item: item[0] / item[1].amount)
        budget.amount = (amount / Decimal("0.94")).quantize(Decimal("1"))
        budget.save(update_fields=["amount"])
    return len(budgets)


def personal_budgets_generate(
    rng: random.Random, staff: list[tuple], today: date, persona: tuple | None = None
) -> dict[tuple, Decimal]:
    """This year's personal budgets (500, 750 or 1,000 euros) of a share of the staff.

    At most MAX_PERSONAL_BUDGETS, so the budget page stays readable in a large demo; the
    demo employee has one, so their request shows the choice of who pays.
    """
    holders = [person for person in staff if rng.random() < PERSONAL_BUDGET_SHARE]
    if len(holders) > MAX_PERSONAL_BUDGETS:
        holders = sorted(rng.sample(holders, MAX_PERSONAL_BUDGETS))
    if persona is not None and persona not in holders:
        holders.append(persona)
    amounts = {person: Decimal(rng.choice((500, 750, 1000))) for person in holders}
    PersonalBudget.objects.bulk_create(
        [
            PersonalBudget(employee_id=person[0], year=today.year, amount=amount)
            for person, amount in amounts.items()
        ],
        batch_size=2000,
    )
    return amounts
