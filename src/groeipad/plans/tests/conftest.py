from datetime import timedelta

import pytest
from django.utils import timezone

from groeipad.plans import services


@pytest.fixture
def today():
    return timezone.localdate()


@pytest.fixture
def templates(personas):
    services.templates_install_starter(actor=None)
    from groeipad.plans.models import PlanTemplate

    return {t.career_stage: t for t in PlanTemplate.objects.all()}


@pytest.fixture
def plan(personas, today):
    """Carol's draft plan (manager alice, grand-manager bob), a month under way."""
    return services.plan_create(
        actor=personas.user("carol"),
        employee=personas.carol,
        period_start=today - timedelta(days=30),
        period_end=today + timedelta(days=335),
    )


@pytest.fixture
def goal(plan, personas, today):
    return services.goal_create(
        actor=personas.user("carol"),
        plan=plan,
        title="Zelfstandig de weekplanning voor het magazijn maken",
        success_criterion="Vanaf week 20 maak ik de planning zonder hulp; 0 correcties.",
        owner=personas.carol,
        deadline=today + timedelta(days=120),
        basis="strength",
    )
