"""The demo's coaching: one trajectory in each state, within the departments' budgets."""

from collections import Counter
from datetime import date

from django.core.management import call_command

from groeipad.budgets.models import Budget
from groeipad.budgets.selectors import budget_status
from groeipad.coaching import selectors
from groeipad.coaching.models import (
    CoachingEvaluation,
    CoachingTrajectory,
    CoachKind,
    TrajectoryStatus,
)
from groeipad.people.models import User

AS_OF = date(2026, 6, 1)
ARGS = ["demo_data", "--employees", "150", "--seed", "3", "--as-of", AS_OF.isoformat()]


def _snapshot():
    return Counter(
        CoachingTrajectory.objects.values_list(
            "employee__employee_number", "status", "coach_kind", "budget"
        )
    )


def test_demo_coaching_in_every_state_within_budget_and_replace_removes_it(db):
    call_command(*ARGS)
    manager = User.objects.get(email="manager@demo.groeipad.nl")
    employee = User.objects.get(email="medewerker@demo.groeipad.nl")
    trajectories = CoachingTrajectory.objects.all()
    assert {t.status for t in trajectories} == {
        TrajectoryStatus.REQUESTED,
        TrajectoryStatus.APPROVED,
        TrajectoryStatus.IN_PROGRESS,
        TrajectoryStatus.COMPLETED,
        TrajectoryStatus.DECLINED,
    }
    assert {t.coach_kind for t in trajectories} == {CoachKind.INTERNAL, CoachKind.EXTERNAL}
    # The demo employee's request waits for the demo manager's decision.
    queue = selectors.approval_queue(manager)
    assert [t.employee_id for t in queue] == [employee.employee_id]
    # A large request elsewhere needs HR's attention.
    assert selectors.hr_attention(User.objects.get(email="hr@demo.groeipad.nl")).exists()
    # The demo manager coaches a colleague; sessions logged while in progress.
    assert selectors.coached_by(manager).filter(status=TrajectoryStatus.IN_PROGRESS).exists()
    for t in trajectories.filter(status=TrajectoryStatus.IN_PROGRESS):
        assert 0 < t.sessions.count() < t.planned_sessions
        assert max(s.date for s in t.sessions.all()) <= AS_OF
    # Completed: every planned session held, both evaluations, a learning activity.
    for t in trajectories.filter(status=TrajectoryStatus.COMPLETED):
        assert t.sessions.count() == t.planned_sessions
        # The manager's evaluation linked; the employee's anonymous, only flagged.
        assert set(
            CoachingEvaluation.objects.filter(trajectory=t).values_list("perspective", flat=True)
        ) == {"manager"}
        assert t.employee_answered
        assert t.activity is not None and t.activity.cost == t.budget
        assert t.completed_on <= AS_OF
    # HR's averages of the end evaluations (k distinct people, stepped): the demo has
    # enough of them to show both perspectives.
    summary = selectors.evaluation_summary(User.objects.get(email="hr@demo.groeipad.nl"))
    assert [row.cell.suppressed for row in summary] == [False, False]
    # No budget is overspent, and the demo employee's request still fits: the manager can
    # approve it without HR.
    for budget in Budget.objects.all():
        status = budget_status(budget.department, budget.year)
        assert status.remaining >= 0, (budget.department.name, budget.year)
    request = queue.get()
    _budget, left = selectors.remaining_for(request)
    assert left >= request.budget
    first = _snapshot()
    call_command(*ARGS, "--replace")
    assert _snapshot() == first
