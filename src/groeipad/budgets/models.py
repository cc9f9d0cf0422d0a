"""The development budgets: a department's per year, and an employee's personal one.

Both tables were created by the learning app; they keep their names (``db_table``), so
moving the models here moved no data.
"""

from __future__ import annotations

from decimal import Decimal

from django.db import models
from django.utils.translation import gettext_lazy as _

from groeipad.people.models import Employee


class Funding(models.TextChoices):
    """Which budget pays for a request: the department's, or the employee's own."""

    DEPARTMENT = "department", _("department budget")
    PERSONAL = "personal", _("personal learning budget")


class Budget(models.Model):
    department = models.ForeignKey(
        "people.Department",
        verbose_name=_("department"),
        on_delete=models.CASCADE,
        related_name="learning_budgets",
    )
    year = models.PositiveIntegerField(_("year"))
    amount = models.DecimalField(_("amount (euros)"), max_digits=12, decimal_places=2)
    hours = models.DecimalField(
        _("hours set aside"), max_digits=9, decimal_places=1, default=Decimal("0")
    )

    class Meta:
        db_table = "learning_budget"
        verbose_name = _("learning budget")
        verbose_name_plural = _("learning budgets")
        ordering = ["-year", "department__name"]
        constraints = [
            models.UniqueConstraint(fields=["department", "year"], name="budget_key"),
            models.CheckConstraint(condition=models.Q(amount__gte=0), name="budget_amount_gte_0"),
        ]

    def __str__(self) -> str:
        return f"{self.department_id} {self.year}"


class PersonalBudget(models.Model):
    """An individual learning budget where a collective agreement gives one."""

    employee = models.ForeignKey(
        Employee,
        verbose_name=_("employee"),
        on_delete=models.CASCADE,
        related_name="learning_budgets",
    )
    year = models.PositiveIntegerField(_("year"))
    amount = models.DecimalField(_("amount (euros)"), max_digits=10, decimal_places=2)

    class Meta:
        db_table = "learning_personalbudget"
        constraints = [
            models.UniqueConstraint(fields=["employee", "year"], name="personal_budget_key"),
        ]

    def __str__(self) -> str:
        return f"{self.employee_id} {self.year}"
