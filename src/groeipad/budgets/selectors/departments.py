"""Department budgets: the tree, what a budget pays for, and its status for a year."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.db.models import Q, Sum
from django.utils import timezone

from groeipad.budgets import registry
from groeipad.budgets.models import Budget
from groeipad.people import scope
from groeipad.people.models import Department, Employee
from groeipad.people.scope import Viewer

if TYPE_CHECKING:
    from groeipad.people.scope import UserLike

ZERO = Decimal("0")

# Settings, not constants: an organisation sets its own benchmark and warning level.
DEFAULTS: dict[str, Any] = {
    "LEARNING_PAYROLL_BENCHMARK": (Decimal("1"), Decimal("3")),
    "LEARNING_BUDGET_WARNING": Decimal("0.9"),
}


def setting(name: str) -> Any:
    return getattr(settings, name, DEFAULTS[name])


class DepartmentTree:
    """The whole department tree in memory (one query): parents and children by id."""

    def __init__(self) -> None:
        self.parent: dict[int, int | None] = dict(Department.objects.values_list("id", "parent_id"))
        self.children: dict[int | None, list[int]] = defaultdict(list)
        for pk, parent_id in self.parent.items():
            self.children[parent_id].append(pk)

    def below(self, root: int, *, stop: Iterable[int] = frozenset()) -> list[int]:
        """``root`` and every department under it, not descending into ``stop``.

        A seen-set, like the recursive query's UNION: a cycle that slipped into the data
        ends the walk instead of looping.
        """
        stopped = set(stop)
        seen = {root}
        todo = [root]
        while todo:
            for child in self.children.get(todo.pop(), ()):
                if child not in seen and child not in stopped:
                    seen.add(child)
                    todo.append(child)
        return sorted(seen)

    def up(self, start: int | None) -> list[int]:
        """``start`` and every department above it, nearest first; a cycle ends the walk."""
        chain: list[int] = []
        step = start
        while step is not None and step not in chain:
            chain.append(step)
            step = self.parent.get(step)
        return chain


def _charged(tree: DepartmentTree, department_id: int, budgeted: set[int]) -> list[int]:
    """What a department's budget pays for: the department and everything below it,
    except sub-departments with a budget of their own (and whatever is below those)."""
    return tree.below(department_id, stop=budgeted - {department_id})


def charged_department_ids(department: Department, year: int) -> list[int]:
    """The departments whose requests draw on ``department``'s budget for ``year``.

    A request draws on the nearest budget up the tree: a sub-department with a budget
    of its own pays for itself, one without draws on its parent's.
    """
    budgeted = set(Budget.objects.filter(year=year).values_list("department_id", flat=True))
    return _charged(DepartmentTree(), department.pk, budgeted)


def budget_for(department: Department, year: int) -> Budget | None:
    """The budget a request from ``department`` draws on: its own or the nearest above
    (``people.scope.department_chain_up``); two queries however deep the tree."""
    chain = scope.department_chain_up(department.pk)
    budgets = {
        b.department_id: b
        for b in Budget.objects.filter(year=year, department_id__in=chain).select_related(
            "department"
        )
    }
    for pk in chain:
        if pk in budgets:
            return budgets[pk]
    return None


@dataclass
class BudgetStatus:
    budget: Budget | None
    department: Department
    year: int
    amount: Decimal | None
    committed: Decimal
    spent: Decimal
    fte: Decimal
    payroll: Decimal
    hours_set_aside: Decimal
    hours_used: Decimal

    @property
    def remaining(self) -> Decimal | None:
        if self.amount is None:
            return None
        return self.amount - self.committed - self.spent

    @property
    def per_fte(self) -> Decimal | None:
        if self.amount is None or not self.fte:
            return None
        return self.amount / self.fte

    @property
    def payroll_percent(self) -> Decimal | None:
        if self.amount is None or not self.payroll:
            return None
        return self.amount / self.payroll * 100

    @property
    def utilisation(self) -> Decimal | None:
        """Spent plus committed as a share of the amount (percent)."""
        if not self.amount:
            return None
        return (self.committed + self.spent) / self.amount * 100

    @property
    def benchmark(self) -> tuple[Decimal, Decimal]:
        return setting("LEARNING_PAYROLL_BENCHMARK")

    @property
    def below_benchmark(self) -> bool:
        pct = self.payroll_percent
        return pct is not None and pct < self.benchmark[0]

    @property
    def warning(self) -> bool:
        """Close to overspending (or over): the page warns before it happens."""
        util = self.utilisation
        return util is not None and util >= setting("LEARNING_BUDGET_WARNING") * 100


def _totals(
    per_department: Mapping[int, tuple[Decimal | None, ...]], ids: list[int], width: int
) -> list[Decimal]:
    totals = [ZERO] * width
    for pk in ids:
        for i, value in enumerate(per_department.get(pk, ())[:width]):
            totals[i] += value or ZERO
    return totals


def _padded(amounts: tuple[Decimal, ...], width: int) -> list[Decimal]:
    return [*(a or ZERO for a in amounts[:width]), *([ZERO] * (width - len(amounts)))]


def budget_statuses(departments: Iterable[Department], year: int) -> list[BudgetStatus]:
    """The budget status of each of ``departments`` for ``year``, in their order.

    A fixed number of queries however many departments: the tree and the year's budgets,
    then each registered draw (learning requests, coaching) and the staff, each grouped
    by department and added up per budget in Python. ``budget_status`` is the
    one-department case, so a list and a single budget (an approval's check) can never
    disagree. Committed is approved, spent is completed; hours are completed learning.
    """
    departments = list(departments)
    if not departments:
        return []
    tree = DepartmentTree()
    budgets = {b.department_id: b for b in Budget.objects.filter(year=year)}
    budgeted = set(budgets)
    # A department with a budget pays for itself and the sub-departments without one;
    # one without a budget shows only its own requests (there is no amount to draw on).
    charged = {
        d.pk: _charged(tree, d.pk, budgeted) if d.pk in budgeted else [d.pk] for d in departments
    }
    staffed = {d.pk: tree.below(d.pk) for d in departments}
    charged_ids = sorted({pk for ids in charged.values() for pk in ids})
    staffed_ids = sorted({pk for ids in staffed.values() for pk in ids})

    sources = list(registry.BUDGET_DRAWS)
    draws: list[Mapping[int, tuple[Decimal, ...]]] = []
    for source in sources:
        grouped = registry.GROUPED_DRAWS.get(source)
        if grouped is not None:
            draws.append(grouped(charged_ids, year))
        else:  # an ungrouped source: once per budget, keyed by the department itself
            draws.append({pk: source(ids, year) for pk, ids in charged.items()})
    # Euros per FTE and payroll share: the people in the department and everything below.
    today = timezone.localdate()
    people = {
        row["department_id"]: (row["fte"], row["payroll"])
        for row in Employee.objects.filter(department_id__in=staffed_ids, hire_date__lte=today)
        .filter(Q(leave_date__isnull=True) | Q(leave_date__gte=today))
        .order_by()
        .values("department_id")
        .annotate(fte=Sum("fte"), payroll=Sum("annual_salary"))
    }

    statuses = []
    for department in departments:
        ids = charged[department.pk]
        committed, spent, hours = ZERO, ZERO, ZERO
        for source, draw in zip(sources, draws, strict=True):
            if source in registry.GROUPED_DRAWS:
                c, s, h = _totals(draw, ids, 3)
            else:
                c, s, h = _padded(draw[department.pk], 3)
            committed, spent, hours = committed + c, spent + s, hours + h
        fte, payroll = _totals(people, staffed[department.pk], 2)
        budget = budgets.get(department.pk)
        if budget is not None:
            budget.department = department  # no query per row for budget.department
        statuses.append(
            BudgetStatus(
                budget=budget,
                department=department,
                year=year,
                amount=budget.amount if budget else None,
                committed=committed,
                spent=spent,
                fte=fte,
                payroll=payroll,
                hours_set_aside=budget.hours if budget else ZERO,
                hours_used=hours,
            )
        )
    return statuses


def budget_status(department: Department, year: int) -> BudgetStatus:
    """One department's budget status: ``budget_statuses`` for just this department."""
    [status] = budget_statuses([department], year)
    return status


def department_remaining(department: Department, year: int) -> tuple[Budget | None, Decimal | None]:
    """The department budget a request from ``department`` would draw on in ``year``
    (its own or the nearest above) and what is left of it now; (None, None) without."""
    budget = budget_for(department, year)
    if budget is None:
        return None, None
    return budget, budget_status(budget.department, budget.year).remaining


def budgets_for_viewer(viewer: Viewer | UserLike, year: int) -> list[BudgetStatus]:
    """The budgets of ``year`` of the departments whose budget the viewer holds
    (``people.scope.budget_departments``), by department name."""
    departments = (
        scope.budget_departments(viewer).filter(learning_budgets__year=year).order_by("name")
    )
    return budget_statuses(departments, year)
