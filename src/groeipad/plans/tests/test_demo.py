from datetime import date

from django.core.management import call_command

from groeipad.people.models import User
from groeipad.plans.models import CATEGORY_OF_INSTRUMENT, Action, DevelopmentPlan, GoalBasis
from groeipad.plans.selectors import overdue_actions


def test_demo_gives_the_demo_employee_an_active_cosigned_plan(db):
    call_command("demo_data", "--employees", "120", "--seed", "5", "--as-of", "2026-06-01")
    employee = User.objects.get(email="medewerker@demo.groeipad.nl").employee
    plan = DevelopmentPlan.objects.get(employee=employee)
    assert plan.status == "active" and plan.signed_at is not None
    assert plan.period_start <= plan.period_end
    # Every demo plan builds on a strength too, and its actions carry the right category.
    for plan in DevelopmentPlan.objects.prefetch_related("goals__actions"):
        assert any(goal.basis == GoalBasis.STRENGTH for goal in plan.goals.all())
        for goal in plan.goals.all():
            assert plan.period_start <= goal.deadline <= plan.period_end
            for action in goal.actions.all():
                assert action.category == CATEGORY_OF_INSTRUMENT[action.instrument]
    assert Action.objects.exists()
    # Some demo actions are overdue, so the reminders have something to show, and
    # done actions are never among them.
    overdue = overdue_actions(date(2026, 6, 1))
    assert overdue.exists()
    assert not overdue.filter(status="done").exists()
    call_command(
        "demo_data", "--employees", "120", "--seed", "6", "--as-of", "2026-06-01", "--replace"
    )
    assert DevelopmentPlan.objects.filter(
        employee__user__email="medewerker@demo.groeipad.nl"
    ).exists()
