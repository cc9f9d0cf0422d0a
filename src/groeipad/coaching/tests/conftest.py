from decimal import Decimal

import pytest
from django.utils import timezone

from groeipad.budgets import services as budget_services
from groeipad.coaching import services


@pytest.fixture
def today():
    return timezone.localdate()


@pytest.fixture
def budget(personas, today):
    """Operations' development budget; Planning has none, so carol's coaching draws on it."""
    return budget_services.budget_set(
        actor=personas.user("hanna"),
        department=personas.operations,
        year=today.year,
        amount=Decimal("5000"),
    )


@pytest.fixture
def request_for_carol(personas):
    def make(actor="carol", budget=Decimal("1200"), sessions=3, **extra):
        fields = {
            "coach_kind": "external",
            "coach_name": "Petra de Coach",
            "coach_organisation": "Coachpraktijk Utrecht",
            "coach_email": "petra@coach.example",
        }
        fields.update(extra)
        return services.trajectory_request(
            actor=personas.user(actor),
            employee=personas.carol,
            goal_text="Rustiger en duidelijker feedback geven aan het team",
            planned_sessions=sessions,
            budget=budget,
            **fields,
        )

    return make
