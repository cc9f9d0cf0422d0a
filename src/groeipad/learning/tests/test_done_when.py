"""Issue 7 'Done when', on the pages: budget refusal and HR override, the budget warning."""

from decimal import Decimal

import pytest

from groeipad.budgets import services as budget_services
from groeipad.learning import services
from groeipad.learning.models import EnrolmentStatus
from groeipad.privacy.models import AuditEvent

pytestmark = pytest.mark.django_db


@pytest.fixture
def over(personas, offer, today):
    """Operations has 1,000 euros; carol asks for the 1,500-euro offer."""
    budget_services.budget_set(
        actor=personas.user("hanna"),
        department=personas.operations,
        year=today.year,
        amount=Decimal("1000"),
    )
    return services.request_offer(
        actor=personas.user("carol"), employee=personas.carol, offer=offer
    )


def test_the_queue_says_a_request_does_not_fit_before_approval_and_only_hr_may_override(
    personas, over, login, client
):
    client.cookies["django_language"] = "en"
    alice = login(personas.user("alice"))
    queue = alice.get("/leren/aanvragen/").content.decode()
    assert "does not fit the budget" in queue and "€ 1,000.00" in queue
    assert f'id="ovr-{over.pk}"' not in queue  # a manager gets no override box
    # A manager who sends the override anyway is refused in words; nothing changes.
    response = alice.post(
        f"/leren/aanvragen/{over.pk}/besluit/",
        {"decision": "approve", "override_budget": "on"},
        follow=True,
    )
    assert "Only HR can approve beyond the budget." in response.content.decode()
    over.refresh_from_db()
    assert over.status == EnrolmentStatus.REQUESTED and not over.budget_override
    # HR sees the box and approves beyond the budget; the audit log says so.
    hanna = login(personas.user("hanna"))
    assert f'id="ovr-{over.pk}"' in hanna.get("/leren/aanvragen/").content.decode()
    hanna.post(
        f"/leren/aanvragen/{over.pk}/besluit/",
        {"decision": "approve", "override_budget": "on", "reason": "Strategisch nodig"},
    )
    over.refresh_from_db()
    assert over.status == EnrolmentStatus.APPROVED and over.budget_override
    event = AuditEvent.objects.get(
        object_type="learning_request", object_id=str(over.pk), summary__contains="OVERRIDE"
    )
    assert event.actor == personas.user("hanna")
    # 1,500 beyond the 1,000 left.
    assert "1500.00 beyond 1000.00 left of Operations" in event.summary
    page = hanna.get("/leren/aanvragen/").content.decode()
    assert "beyond budget (HR)" in page


def test_the_budget_page_warns_before_overspending_with_hand_computed_figures(
    personas, offer, budget, login, client
):
    client.cookies["django_language"] = "en"
    hr = personas.user("hanna")
    first = services.request_offer(
        actor=personas.user("carol"), employee=personas.carol, offer=offer
    )
    services.approve(actor=hr, enrolment=first)  # 1,500 committed
    cheap = services.offer_save(
        actor=hr,
        title="Excel online",
        kind="e_learning",
        cost=Decimal("400"),
        duration_hours=Decimal("3"),
    )
    second = services.request_offer(
        actor=personas.user("alice"), employee=personas.alice, offer=cheap
    )
    services.approve(actor=hr, enrolment=second)
    services.complete(actor=hr, enrolment=second)  # 400 spent
    page = login(personas.user("bob")).get(f"/leren/budget/?year={budget.year}").content.decode()
    # Amount 2,000; committed 1,500; spent 400; left 2,000 - 1,900 = 100;
    # utilisation 1,900 / 2,000 = 95 % >= the 90 % warning; 2,000 / 3 FTE = 666.67;
    # 2,000 / (3 x 48,000) x 100 = 1.39 % of payroll; 3 of 120 hours used.
    for figure in (
        "€ 2,000.00",
        "€ 1,500.00",
        "€ 400.00",
        "€ 100.00",
        "95%",
        "€ 666.67",
        "1.39%",
        "3 / 120",
    ):
        assert figure in page, figure
    assert "nearly used up" in page
