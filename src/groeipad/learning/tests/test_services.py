from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import override_settings
from django.utils import translation

from groeipad.budgets import selectors as budget_selectors
from groeipad.learning import selectors, services
from groeipad.learning.models import Category, EnrolmentStatus, EvaluationLevel, LearningActivity
from groeipad.privacy.models import AuditEvent

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


def _request(personas, offer, **extra):
    return services.request_offer(
        actor=personas.user("carol"), employee=personas.carol, offer=offer, **extra
    )


def test_employee_requests_and_manager_in_line_approves(personas, offer):
    enrolment = _request(personas, offer, reason="For the new planning system")
    assert enrolment.status == EnrolmentStatus.REQUESTED
    assert enrolment.cost == Decimal("1500") and enrolment.department == personas.planning
    approved = services.approve(actor=personas.user("bob"), enrolment=enrolment, reason="ok")
    assert approved.status == EnrolmentStatus.APPROVED
    assert approved.decided_by == personas.user("bob") and approved.decided_at


def test_nobody_outside_the_line_decides_and_nobody_approves_their_own(personas, offer):
    enrolment = _request(personas, offer)
    for name in ("carol", "dave"):
        with pytest.raises(PermissionDenied):
            services.approve(actor=personas.user(name), enrolment=enrolment)
    with pytest.raises(PermissionDenied):
        services.request_offer(actor=personas.user("dave"), employee=personas.carol, offer=offer)


def test_decline_needs_a_reason_and_changes_nothing_without_one(personas, offer):
    enrolment = _request(personas, offer)
    with pytest.raises(ValidationError, match="Say why"):
        services.decline(actor=personas.user("alice"), enrolment=enrolment, reason=" ")
    enrolment.refresh_from_db()
    assert enrolment.status == EnrolmentStatus.REQUESTED
    services.decline(actor=personas.user("alice"), enrolment=enrolment, reason="Not this year")
    enrolment.refresh_from_db()
    assert enrolment.status == EnrolmentStatus.DECLINED
    assert enrolment.decision_reason == "Not this year"


def test_request_from_a_goal_of_someone_elses_plan_is_refused(personas, offer, today):
    from groeipad.plans import services as plan_services

    plan = plan_services.plan_create(
        actor=personas.user("alice"),
        employee=personas.alice,
        period_start=today,
        period_end=today + timedelta(days=300),
    )
    goal = plan_services.goal_create(
        actor=personas.user("alice"),
        plan=plan,
        title="Leren plannen met Excel",
        success_criterion="Ik maak de planning zelf.",
        owner=personas.alice,
        deadline=today + timedelta(days=100),
        basis="strength",
    )
    with pytest.raises(ValidationError, match="not in this employee's plan"):
        _request(personas, offer, goal=goal)
    mine = services.request_offer(
        actor=personas.user("alice"), employee=personas.alice, offer=offer, goal=goal
    )
    assert mine.goal == goal


def test_approving_beyond_the_budget_is_refused_unless_hr_overrides(personas, offer, budget):
    first = _request(personas, offer)
    services.approve(actor=personas.user("alice"), enrolment=first)
    # 2000 - 1500 = 500 left; a second 1500 does not fit.
    assert budget_selectors.department_remaining(first.department, first.budget_year)[1] == Decimal(
        "500"
    )
    second = services.request_offer(
        actor=personas.user("alice"), employee=personas.alice, offer=offer
    )
    with pytest.raises(ValidationError) as refused:
        services.approve(actor=personas.user("bob"), enrolment=second)
    message = " ".join(refused.value.messages)
    assert "€1,500.00" in message and "€500.00 is left" in message
    assert "Operations" in message and "Only HR" in message
    second.refresh_from_db()
    assert second.status == EnrolmentStatus.REQUESTED
    with pytest.raises(PermissionDenied):
        services.approve(actor=personas.user("bob"), enrolment=second, override_budget=True)
    services.approve(actor=personas.user("hanna"), enrolment=second, override_budget=True)
    second.refresh_from_db()
    assert second.status == EnrolmentStatus.APPROVED and second.budget_override
    event = AuditEvent.objects.filter(
        object_type="learning_request", object_id=str(second.pk), summary__contains="OVERRIDE"
    ).get()
    assert event.actor == personas.user("hanna")
    assert "1500.00 beyond 500.00" in event.summary
    assert budget_selectors.budget_status(personas.operations, budget.year).remaining == Decimal(
        "-1000"
    )


def test_a_full_session_puts_the_next_approval_on_the_waiting_list(personas, offer, session):
    first = _request(personas, offer, session=session)
    second = services.request_offer(
        actor=personas.user("alice"), employee=personas.alice, offer=offer, session=session
    )
    assert services.approve(actor=personas.user("alice"), enrolment=first).status == "approved"
    assert services.approve(actor=personas.user("bob"), enrolment=second).status == "waitlisted"
    services.cancel(actor=personas.user("carol"), enrolment=first)
    # The freed place goes to the waiting list without a second decision.
    second.refresh_from_db()
    assert second.status == EnrolmentStatus.APPROVED
    assert AuditEvent.objects.filter(
        object_id=str(second.pk), summary__startswith="moved up from the waiting list"
    ).exists()


def test_a_freed_place_stays_open_when_the_waiting_request_no_longer_fits_the_budget(
    personas, offer, session
):
    from groeipad.budgets.models import Budget

    first = _request(personas, offer, session=session)
    second = services.request_offer(
        actor=personas.user("alice"), employee=personas.alice, offer=offer, session=session
    )
    services.approve(actor=personas.user("alice"), enrolment=first)
    services.approve(actor=personas.user("bob"), enrolment=second)  # waiting list
    Budget.objects.create(
        department=personas.operations, year=session.starts_on.year, amount=Decimal("1000")
    )
    services.cancel(actor=personas.user("carol"), enrolment=first)
    second.refresh_from_db()
    assert second.status == EnrolmentStatus.WAITLISTED


def test_completion_creates_one_learning_activity_for_the_kpis(personas, offer, today):
    enrolment = _request(personas, offer)
    services.approve(actor=personas.user("alice"), enrolment=enrolment)
    activity = services.complete(actor=personas.user("alice"), enrolment=enrolment)
    again = services.complete(actor=personas.user("alice"), enrolment=enrolment)
    assert activity.pk == again.pk
    assert LearningActivity.objects.filter(employee=personas.carol).count() == 1
    activity.refresh_from_db()
    assert (activity.kind, activity.category) == ("internal_training", Category.FORMAL)
    assert (activity.hours, activity.cost, activity.date) == (
        Decimal("12.00"),
        Decimal("1500.00"),
        today,
    )


def test_completing_a_request_that_is_not_approved_is_refused(personas, offer):
    enrolment = _request(personas, offer)
    with pytest.raises(ValidationError, match="Only approved"):
        services.complete(actor=personas.user("alice"), enrolment=enrolment)
    assert not LearningActivity.objects.exists()


def test_three_evaluation_levels_by_the_right_people_at_the_right_time(personas, offer, today):
    enrolment = _request(personas, offer)
    services.approve(actor=personas.user("alice"), enrolment=enrolment)
    done = today - timedelta(days=10)
    services.complete(actor=personas.user("alice"), enrolment=enrolment, completed_on=done)
    enrolment.refresh_from_db()
    with pytest.raises(PermissionDenied):
        services.evaluate(
            actor=personas.user("alice"),
            enrolment=enrolment,
            level=EvaluationLevel.REACTION,
            rating=4,
        )
    services.evaluate(
        actor=personas.user("carol"), enrolment=enrolment, level=EvaluationLevel.REACTION, rating=4
    )
    with pytest.raises(ValidationError, match="before"):
        services.evaluate(
            actor=personas.user("carol"),
            enrolment=enrolment,
            level=EvaluationLevel.LEARNING,
            rating=4,
        )
    services.evaluate(
        actor=personas.user("carol"),
        enrolment=enrolment,
        level=EvaluationLevel.LEARNING,
        rating=4,
        before=2,
    )
    with pytest.raises(ValidationError, match="60 days after completion"):
        services.evaluate(
            actor=personas.user("alice"),
            enrolment=enrolment,
            level=EvaluationLevel.BEHAVIOUR,
            rating=3,
        )
    assert not selectors.behaviour_due(personas.user("alice"))
    later = done + timedelta(days=61)
    assert list(selectors.behaviour_due(personas.user("alice"), today=later)) == [enrolment]
    services.evaluate(
        actor=personas.user("alice"),
        enrolment=enrolment,
        level=EvaluationLevel.BEHAVIOUR,
        rating=3,
        today=later,
    )
    summary = selectors.offer_evaluation(offer)
    # One answer per level: each is hidden with its reason (specs/anonymity.md), not 0.
    for cell in (summary.reaction, summary.learning, summary.behaviour):
        assert cell.suppressed and (cell.value, cell.n) == (None, None)
        assert "3" in cell.hidden_reason
    assert summary.completed == 1


def test_a_rating_outside_one_to_five_is_refused(personas, offer):
    enrolment = _request(personas, offer)
    services.approve(actor=personas.user("alice"), enrolment=enrolment)
    services.complete(actor=personas.user("alice"), enrolment=enrolment)
    with pytest.raises(ValidationError, match="1 to 5, not 6"):
        services.evaluate(
            actor=personas.user("carol"),
            enrolment=enrolment,
            level=EvaluationLevel.REACTION,
            rating=6,
        )


def test_mandatory_offer_with_low_reaction_from_three_ratings_is_flagged(personas, offer):
    hr = personas.user("hanna")
    services.offer_save(actor=hr, offer=offer, mandatory=True)
    ratings = {"carol": 2, "alice": 3}
    for name, rating in ratings.items():
        employee = getattr(personas, name)
        enrolment = services.request_offer(
            actor=personas.user(name), employee=employee, offer=offer
        )
        services.approve(actor=hr, enrolment=enrolment)
        services.complete(actor=hr, enrolment=enrolment)
        services.evaluate(
            actor=personas.user(name),
            enrolment=enrolment,
            level=EvaluationLevel.REACTION,
            rating=rating,
        )
    # Two ratings (average 2.5): too few to judge.
    assert selectors.flagged_offer_ids() == set()
    enrolment = services.request_offer(
        actor=personas.user("bob"), employee=personas.bob, offer=offer
    )
    services.approve(actor=hr, enrolment=enrolment)
    services.complete(actor=hr, enrolment=enrolment)
    services.evaluate(
        actor=personas.user("bob"), enrolment=enrolment, level=EvaluationLevel.REACTION, rating=3
    )
    # (2 + 3 + 3) / 3 = 2.67 < 3 from three ratings.
    assert selectors.flagged_offer_ids() == {offer.pk}


def test_budget_figures_match_a_hand_computation(personas, offer, budget):
    from groeipad.people.models import Employee

    Employee.objects.filter(pk=personas.alice.pk).update(
        fte=Decimal("0.8"), annual_salary=Decimal("60000")
    )
    first = _request(personas, offer)
    services.approve(actor=personas.user("alice"), enrolment=first)
    cheap = services.offer_save(
        actor=personas.user("hanna"),
        title="Feedback geven",
        kind="e_learning",
        duration_hours=Decimal("2"),
        cost=Decimal("200"),
    )
    second = services.request_offer(
        actor=personas.user("alice"), employee=personas.alice, offer=cheap
    )
    services.approve(actor=personas.user("bob"), enrolment=second)
    services.complete(actor=personas.user("bob"), enrolment=second)
    status = budget_selectors.budget_status(personas.operations, budget.year)
    # Operations' subtree: bob 1.0 + alice 0.8 + carol 1.0 FTE; 48000 + 60000 + 48000.
    assert status.fte == Decimal("2.8")
    assert status.payroll == Decimal("156000")
    assert status.amount == Decimal("2000")
    assert round(status.per_fte, 2) == Decimal("714.29")  # 2000 / 2.8
    assert round(status.payroll_percent, 4) == Decimal("1.2821")  # 2000 / 156000 * 100
    assert status.committed == Decimal("1500") and status.spent == Decimal("200")
    assert status.remaining == Decimal("300")
    assert status.utilisation == Decimal("85")  # 1700 / 2000
    assert not status.warning  # 85 % < 90 %
    assert status.hours_used == Decimal("2")
    assert not status.below_benchmark
    with override_settings(LEARNING_PAYROLL_BENCHMARK=(Decimal("1.5"), Decimal("3"))):
        assert status.below_benchmark
    with override_settings(LEARNING_BUDGET_WARNING=Decimal("0.8")):
        assert status.warning


def test_hr_sees_requests_above_the_cost_threshold(personas, offer):
    enrolment = _request(personas, offer)
    with override_settings(LEARNING_HR_COST_THRESHOLD=Decimal("1000")):
        assert list(selectors.hr_attention(personas.user("hanna"))) == [enrolment]
        assert not selectors.hr_attention(personas.user("bob")).exists()
    with override_settings(LEARNING_HR_COST_THRESHOLD=Decimal("1500.01")):
        assert not selectors.hr_attention(personas.user("hanna")).exists()


def test_personal_budget_utilisation(personas, offer, today):
    from groeipad.budgets.models import PersonalBudget

    PersonalBudget.objects.create(employee=personas.carol, year=today.year, amount=Decimal("750"))
    cheap = services.offer_save(
        actor=personas.user("hanna"), title="Feedback geven", kind="e_learning", cost=Decimal("300")
    )
    enrolment = _request(personas, cheap)
    assert enrolment.funding == "personal"  # 300 fits in the 750 left: the default
    services.approve(actor=personas.user("alice"), enrolment=enrolment)
    # A department-funded request of carol's does not count on her personal budget.
    services.approve(actor=personas.user("alice"), enrolment=_request(personas, offer))
    rows = budget_selectors.personal_budgets_for_viewer(personas.user("alice"), today.year)
    assert [(r.employee, r.committed, r.spent, r.utilisation) for r in rows] == [
        (personas.carol, Decimal("300"), Decimal("0"), Decimal("40"))  # 300 / 750
    ]
    assert budget_selectors.personal_budgets_for_viewer(personas.user("dave"), today.year) == []
