from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import translation

from groeipad.learning import selectors, services
from groeipad.skills.models import Competency
from groeipad.skills.services import assessment_record, framework_install_starter, requirement_set

pytestmark = pytest.mark.django_db


@pytest.fixture
def communication(personas):
    framework_install_starter(actor=None)
    return Competency.objects.get(name_en="Communication")


def test_gaps_from_assessments_get_offers_that_lift_above_the_current_level(
    personas, offer, communication
):
    hr = personas.user("hanna")
    requirement_set(
        actor=hr, job_profile=personas.alice.job_profile, competency=communication, level=4
    )
    assessment_record(
        actor=personas.user("bob"),
        employee=personas.alice,
        competency=communication,
        kind="manager",
        level=2,
    )
    services.offer_competency_set(actor=hr, offer=offer, competency=communication, level=4)
    basic = services.offer_save(
        actor=hr, title="Basis communicatie", kind="e_learning", cost=Decimal("50")
    )
    services.offer_competency_set(actor=hr, offer=basic, competency=communication, level=2)
    with translation.override("en"):
        [rec] = selectors.recommendations_for(personas.alice)
    assert (rec.competency, rec.current, rec.wanted, rec.source) == (
        communication,
        2,
        4,
        "assessment",
    )
    # The level-2 course does not lift her above 2: only the level-4 offer is suggested.
    assert rec.offers == [offer]
    assert "stretch assignment" in rec.alternatives[0] and "mentor" in rec.alternatives[1]


def test_without_assessments_the_plan_goals_competencies_are_used(
    personas, offer, communication, login, today
):
    from groeipad.plans import services as plan_services

    services.offer_competency_set(
        actor=personas.user("hanna"), offer=offer, competency=communication, level=3
    )
    plan = plan_services.plan_create(
        actor=personas.user("carol"),
        employee=personas.carol,
        period_start=today,
        period_end=today + timedelta(days=300),
    )
    goal = plan_services.goal_create(
        actor=personas.user("carol"),
        plan=plan,
        title="Helder presenteren in het overleg",
        success_criterion="Drie presentaties gegeven.",
        owner=personas.carol,
        deadline=today + timedelta(days=90),
        basis="strength",
    )
    goal.competency = communication
    goal.save()
    [rec] = selectors.recommendations_for(personas.carol)
    assert (rec.source, rec.offers) == ("plan", [offer])
    page = login(personas.user("carol")).get("/leren/mijn/").content.decode()
    assert "Plannen met Excel" in page
