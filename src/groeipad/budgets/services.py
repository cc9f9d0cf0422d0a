"""Writes and holds on the budgets: setting a department budget, and the locked checks
that an approval (learning or coaching) makes before it commits money."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from groeipad.budgets import rules, selectors
from groeipad.budgets.models import Budget, Funding, PersonalBudget
from groeipad.lib.actions import Actor, action, audit, ensure
from groeipad.lib.money import euro
from groeipad.people.models import Department, Employee
from groeipad.privacy.models import AuditAction, ObjectType


@dataclass(frozen=True)
class BudgetCheck:
    """What approving a cost against a department's development budget found."""

    budget: Budget | PersonalBudget | None
    remaining: Decimal | None
    overridden: bool
    # What the audit note calls the budget: "Operations 2026", "personal budget E123 2026".
    name: str = ""

    def audit_note(self, cost: Decimal) -> str:
        if not self.overridden:
            return ""
        return f"; BUDGET OVERRIDE: {cost} beyond {self.remaining} left of {self.name}"


def _lock(budget: Budget) -> Decimal | None:
    """Lock the budget row, then read what is left of it (in the caller's transaction)."""
    Budget.objects.select_for_update().filter(pk=budget.pk).first()
    return selectors.budget_status(budget.department, budget.year).remaining


def budget_hold(
    *, department: Department, year: int, cost: Decimal, override: bool, refusal: str
) -> BudgetCheck:
    """Check that ``cost`` fits in the department's budget, inside the caller's transaction.

    The budget row is locked before the remaining amount is read, so two approvals that
    draw on the same budget (learning or coaching) at the same moment queue up and the
    second sees the first's money committed. ``refusal`` is the caller's own message with
    ``cost``, ``department``, ``year`` and ``left`` placeholders; ``override`` (HR, checked
    by the caller) turns the refusal into an approval the audit note marks.
    """
    budget = selectors.budget_for(department, year)
    if budget is None:
        return BudgetCheck(budget=None, remaining=None, overridden=False)
    remaining = _lock(budget)
    assert remaining is not None  # a budget has an amount
    name = f"{budget.department.name} {budget.year}"
    if cost <= remaining:
        return BudgetCheck(budget=budget, remaining=remaining, overridden=False, name=name)
    if not override:
        raise ValidationError(
            refusal
            % {
                "cost": euro(cost),
                "department": budget.department.name,
                "year": budget.year,
                "left": euro(remaining),
            }
        )
    return BudgetCheck(budget=budget, remaining=remaining, overridden=True, name=name)


def no_personal_budget(employee: Employee, year: int) -> ValidationError:
    return ValidationError(
        _(
            "%(name)s has no personal learning budget for %(year)s, so this learning "
            "can only be paid from the department budget."
        )
        % {"name": employee.full_name, "year": year}
    )


def _personal_locked(employee: Employee, year: int) -> tuple[PersonalBudget, Decimal] | None:
    budget = PersonalBudget.objects.select_for_update().filter(employee=employee, year=year).first()
    if budget is None:
        return None
    status = selectors.personal_budget_status(employee, year)
    assert status is not None
    return budget, status.remaining


def personal_hold(*, employee: Employee, year: int, cost: Decimal, override: bool) -> BudgetCheck:
    """Check that ``cost`` fits in what is left of the employee's personal budget.

    Like ``budget_hold``: the personal budget row is locked before what is left is read,
    so two approvals on the same personal budget queue up. ``override`` (HR, checked by
    the caller) approves beyond it, and the audit note says so.
    """
    locked = _personal_locked(employee, year)
    if locked is None:
        raise no_personal_budget(employee, year)
    budget, remaining = locked
    name = f"personal budget {employee.employee_number} {year}"
    if cost <= remaining:
        return BudgetCheck(budget=budget, remaining=remaining, overridden=False, name=name)
    if not override:
        raise ValidationError(
            _(
                "Approving this request (%(cost)s) would exceed the personal learning "
                "budget of %(name)s for %(year)s: %(left)s is left. Pay it from the "
                "department budget instead, or only HR can approve it beyond the "
                "personal budget."
            )
            % {
                "cost": euro(cost),
                "name": employee.full_name,
                "year": year,
                "left": euro(remaining),
            }
        )
    return BudgetCheck(budget=budget, remaining=remaining, overridden=True, name=name)


def fits_locked(
    *, funding: str, employee: Employee, department: Department, year: int, cost: Decimal
) -> bool:
    """Does ``cost`` still fit the budget that pays (its row locked first)? No override:
    what moves up a waiting list by itself must fit. No department budget: no limit;
    no personal budget: it cannot be paid from one."""
    if funding == Funding.PERSONAL:
        locked = _personal_locked(employee, year)
        return locked is not None and cost <= locked[1]
    budget = selectors.budget_for(department, year)
    if budget is None:
        return True
    remaining = _lock(budget)
    return remaining is None or cost <= remaining


def funding_value(funding: str | None) -> str:
    """``funding`` when it names a budget that pays, else the refusal to choose one."""
    if funding not in Funding.values:
        raise ValidationError(
            _("Choose who pays: the department budget or the personal learning budget.")
        )
    assert funding is not None
    return funding


@action
def budget_set(
    *,
    actor: Actor,
    department: Department,
    year: int,
    amount: Decimal,
    hours: Decimal = Decimal("0"),
) -> Budget:
    ensure(rules.may_set_budget(actor), _("Only HR can set learning budgets."))
    if amount < 0 or hours < 0:
        raise ValidationError(_("A budget cannot be negative."))
    budget, _created = Budget.objects.update_or_create(
        department=department, year=year, defaults={"amount": amount, "hours": hours}
    )
    audit(
        actor=actor,
        verb=AuditAction.UPDATE,
        object_type=ObjectType.LEARNING_BUDGET,
        object_id=budget.pk,
        summary=f"{department.name} {year}: {amount} euros, {hours} h",
    )
    return budget
