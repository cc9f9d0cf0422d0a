"""The department and personal budgets are the budgets app's now (state only: the
tables learning_budget and learning_personalbudget stay, with their rows)."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("learning", "0006_enrolment_funding"),
        ("budgets", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[],
            state_operations=[
                migrations.DeleteModel(name="Budget"),
                migrations.DeleteModel(name="PersonalBudget"),
            ],
        ),
    ]
