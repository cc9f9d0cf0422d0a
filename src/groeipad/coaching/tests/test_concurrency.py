"""Two managers approving coaching at the same moment when the budget holds only one."""

import threading
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, connections

from groeipad.budgets import selectors as budget_selectors
from groeipad.coaching import services
from groeipad.coaching.models import CoachingTrajectory, TrajectoryStatus

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="SQLite locks the whole database file and has no SELECT ... FOR UPDATE; "
        "the row-lock race needs PostgreSQL (set DATABASE_URL).",
    ),
]


def test_two_approvals_at_once_never_overspend_the_budget(personas, budget):
    def ask(actor, employee):
        return services.trajectory_request(
            actor=actor,
            employee=employee,
            coach_kind="external",
            coach_name="Coach",
            goal_text="Leidinggeven",
            planned_sessions=4,
            budget=Decimal("3000"),
        )

    # carol's request goes to alice; alice's to bob: two managers, two threads.
    carols = ask(personas.user("carol"), personas.carol)
    alices = ask(personas.user("alice"), personas.alice)
    barrier = threading.Barrier(2)
    results, refusals, errors = {}, [], []

    def decide(manager, trajectory):
        try:
            barrier.wait(timeout=10)
            results[trajectory.pk] = services.approve(actor=manager, trajectory=trajectory).status
        except ValidationError as refusal:
            refusals.append(refusal)
        except Exception as error:
            errors.append(error)
        finally:
            connections.close_all()

    threads = [
        threading.Thread(target=decide, args=(personas.user("alice"), carols)),
        threading.Thread(target=decide, args=(personas.user("bob"), alices)),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert errors == []
    assert list(results.values()) == ["approved"] and len(refusals) == 1
    assert CoachingTrajectory.objects.filter(status=TrajectoryStatus.APPROVED).count() == 1
    status = budget_selectors.budget_status(personas.operations, budget.year)
    assert status.remaining == Decimal("2000")
