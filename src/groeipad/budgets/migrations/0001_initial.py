"""The budgets move here from learning: state only, the tables stay where they are."""

from decimal import Decimal

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("people", "0001_initial"),
        ("learning", "0006_enrolment_funding"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[],
            state_operations=[
                migrations.CreateModel(
                    name="Budget",
                    fields=[
                        ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                        ("year", models.PositiveIntegerField(verbose_name="year")),
                        ("amount", models.DecimalField(decimal_places=2, max_digits=12, verbose_name="amount (euros)")),
                        ("hours", models.DecimalField(decimal_places=1, default=Decimal("0"), max_digits=9, verbose_name="hours set aside")),
                        ("department", models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name="learning_budgets", to="people.department", verbose_name="department")),
                    ],
                    options={
                        "db_table": "learning_budget",
                        "verbose_name": "learning budget",
                        "verbose_name_plural": "learning budgets",
                        "ordering": ["-year", "department__name"],
                        "constraints": [
                            models.UniqueConstraint(fields=("department", "year"), name="budget_key"),
                            models.CheckConstraint(condition=models.Q(("amount__gte", 0)), name="budget_amount_gte_0"),
                        ],
                    },
                ),
                migrations.CreateModel(
                    name="PersonalBudget",
                    fields=[
                        ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                        ("year", models.PositiveIntegerField(verbose_name="year")),
                        ("amount", models.DecimalField(decimal_places=2, max_digits=10, verbose_name="amount (euros)")),
                        ("employee", models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name="learning_budgets", to="people.employee", verbose_name="employee")),
                    ],
                    options={
                        "db_table": "learning_personalbudget",
                        "constraints": [
                            models.UniqueConstraint(fields=("employee", "year"), name="personal_budget_key"),
                        ],
                    },
                ),
            ],
        ),
    ]
