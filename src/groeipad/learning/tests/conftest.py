from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from groeipad.budgets import services as budget_services
from groeipad.learning import services


@pytest.fixture
def today():
    return timezone.localdate()


@pytest.fixture
def offer(personas):
    return services.offer_save(
        actor=personas.user("hanna"),
        title="Plannen met Excel",
        kind="internal_training",
        provider="Groeipad Academie",
        duration_hours=Decimal("12"),
        cost=Decimal("1500"),
    )


@pytest.fixture
def session(offer, personas, today):
    return services.session_add(
        actor=personas.user("hanna"),
        offer=offer,
        starts_on=today + timedelta(days=20),
        ends_on=today + timedelta(days=21),
        place="Utrecht",
        capacity=1,
    )


@pytest.fixture
def budget(personas, today):
    """Operations' budget; Planning has none, so carol's requests draw on it."""
    return budget_services.budget_set(
        actor=personas.user("hanna"),
        department=personas.operations,
        year=today.year,
        amount=Decimal("2000"),
        hours=Decimal("120"),
    )
