from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.utils import translation

from groeipad.budgets import selectors as budget_selectors
from groeipad.coaching import selectors, services
from groeipad.coaching.access import get_trajectory_for
from groeipad.coaching.models import TrajectoryStatus
from groeipad.learning import services as learning_services
from groeipad.learning.models import ActivityKind, Category, LearningActivity
from groeipad.lib.concurrency import StaleEdit
from groeipad.privacy.models import AuditEvent

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


def _approved(personas, make, **extra):
    t = make(**extra)
    return services.approve(actor=personas.user("alice"), trajectory=t, reason="Goed plan")


def _goal(personas, employee, today):
    from groeipad.plans import services as plan_services

    user = personas.user({"alice": "alice", "carol": "carol"}[employee.first_name.lower()])
    plan = plan_services.plan_create(
        actor=user, employee=employee, period_start=today, period_end=today + timedelta(days=300)
    )
    return plan_services.goal_create(
        actor=user,
        plan=plan,
        title="Feedback geven",
        success_criterion="Ik geef elke week feedback.",
        owner=employee,
        deadline=today + timedelta(days=100),
        basis="development",
    )


# --- Requesting ------------------------------------------------------------------------


def test_employee_requests_and_manager_in_line_approves(personas, request_for_carol, budget):
    t = request_for_carol(reason="Nieuwe rol als teamleider")
    assert t.status == TrajectoryStatus.REQUESTED
    assert t.department == personas.planning and t.budget == Decimal("1200.00")
    assert t.coach_label == "Petra de Coach (Coachpraktijk Utrecht)"
    assert t.requested_by == personas.user("carol")
    approved = services.approve(actor=personas.user("alice"), trajectory=t, reason="ok")
    assert approved.status == TrajectoryStatus.APPROVED
    assert approved.decided_by == personas.user("alice") and approved.decided_at
    assert AuditEvent.objects.filter(
        object_type="coaching_trajectory", object_id=str(t.pk), summary__startswith="approved"
    ).exists()


def test_the_manager_may_request_for_their_line_and_others_may_not(personas, request_for_carol):
    assert request_for_carol(actor="alice").requested_by == personas.user("alice")
    assert request_for_carol(actor="bob").employee == personas.carol
    assert request_for_carol(actor="hanna").employee == personas.carol
    with pytest.raises(PermissionDenied):
        request_for_carol(actor="dave")
    with pytest.raises(PermissionDenied):
        services.trajectory_request(
            actor=personas.user("carol"),
            employee=personas.alice,
            coach_kind="external",
            coach_name="X",
            goal_text="Y",
            planned_sessions=1,
            budget=Decimal("1"),
        )


def test_nobody_outside_the_line_decides_and_nobody_approves_their_own(personas, request_for_carol):
    t = request_for_carol()
    for name in ("carol", "dave"):
        with pytest.raises(PermissionDenied):
            services.approve(actor=personas.user(name), trajectory=t)
        with pytest.raises(PermissionDenied):
            services.decline(actor=personas.user(name), trajectory=t, reason="nee")
    # Further up the line decides too.
    assert services.approve(actor=personas.user("bob"), trajectory=t).status == "approved"
    with pytest.raises(ValidationError, match="already approved"):
        services.approve(actor=personas.user("alice"), trajectory=t)


def test_decline_needs_a_reason_and_changes_nothing_without_one(personas, request_for_carol):
    t = request_for_carol()
    with pytest.raises(ValidationError, match="Say why"):
        services.decline(actor=personas.user("alice"), trajectory=t, reason="  ")
    t.refresh_from_db()
    assert t.status == TrajectoryStatus.REQUESTED
    services.decline(actor=personas.user("alice"), trajectory=t, reason="Eerst de training")
    t.refresh_from_db()
    assert t.status == TrajectoryStatus.DECLINED and t.decision_reason == "Eerst de training"


def test_coach_rules(personas, request_for_carol):
    with pytest.raises(ValidationError, match="name of the external coach"):
        request_for_carol(coach_name=" ")
    with pytest.raises(ValidationError, match="not an e-mail address"):
        request_for_carol(coach_email="petra-at-coach")
    with pytest.raises(ValidationError, match="Choose the colleague"):
        request_for_carol(coach_kind="internal")
    with pytest.raises(ValidationError, match="own coach"):
        request_for_carol(coach_kind="internal", internal_coach=personas.carol)
    with pytest.raises(ValidationError, match="internal or an external"):
        request_for_carol(coach_kind="guru")
    internal = request_for_carol(coach_kind="internal", internal_coach=personas.dave)
    # An internal coach keeps no external name or address around.
    assert internal.internal_coach == personas.dave and internal.coach_name == ""
    assert internal.coach_label == personas.dave.full_name
    with pytest.raises(ValidationError, match="at least one session"):
        request_for_carol(sessions=0)
    with pytest.raises(ValidationError, match="negative"):
        request_for_carol(budget=Decimal("-1"))


def test_a_plan_goal_must_be_in_the_employees_own_plan(personas, request_for_carol, today):
    alices_goal = _goal(personas, personas.alice, today)
    with pytest.raises(ValidationError, match="not in this employee's plan"):
        request_for_carol(plan_goal=alices_goal)
    carols_goal = _goal(personas, personas.carol, today)
    assert request_for_carol(plan_goal=carols_goal).plan_goal == carols_goal


# --- The budget ------------------------------------------------------------------------


def test_remaining_budget_counts_learning_and_coaching_by_hand(
    personas, request_for_carol, budget, today
):
    """Operations 5000. Learning approved 1500; coaching approved 2000, completed 800;
    requested 400, declined 900 and cancelled 300 hold nothing. Left: 5000-1500-2000-800."""
    offer = learning_services.offer_save(
        actor=personas.user("hanna"),
        title="Plannen",
        kind="internal_training",
        cost=Decimal("1500"),
    )
    enrolment = learning_services.request_offer(
        actor=personas.user("carol"), employee=personas.carol, offer=offer
    )
    learning_services.approve(actor=personas.user("alice"), enrolment=enrolment)
    _approved(personas, request_for_carol, budget=Decimal("2000"))
    done = _approved(personas, request_for_carol, budget=Decimal("800"), sessions=1)
    services.session_log(actor=personas.user("carol"), trajectory=done, on=today)
    services.complete(actor=personas.user("alice"), trajectory=done)
    request_for_carol(budget=Decimal("400"))
    declined = request_for_carol(budget=Decimal("900"))
    services.decline(actor=personas.user("alice"), trajectory=declined, reason="nee")
    cancelled = _approved(personas, request_for_carol, budget=Decimal("300"))
    services.cancel(actor=personas.user("carol"), trajectory=cancelled)

    status = budget_selectors.budget_status(personas.operations, today.year)
    assert status.committed == Decimal("1500") + Decimal("2000")
    assert status.spent == Decimal("800")
    assert status.remaining == Decimal("700")
    probe = request_for_carol(budget=Decimal("10"))
    assert selectors.remaining_for(probe) == (budget, Decimal("700"))


def test_approving_beyond_the_budget_is_refused_unless_hr_overrides_and_is_audited(
    personas, request_for_carol, budget
):
    _approved(personas, request_for_carol, budget=Decimal("4300"))
    t = request_for_carol(budget=Decimal("1000"))
    with pytest.raises(ValidationError) as refused:
        services.approve(actor=personas.user("alice"), trajectory=t)
    message = " ".join(refused.value.messages)
    assert "€1,000.00" in message and "€700.00 is left" in message
    assert "Operations" in message and "Only HR" in message
    t.refresh_from_db()
    assert t.status == TrajectoryStatus.REQUESTED
    with pytest.raises(PermissionDenied):
        services.approve(actor=personas.user("bob"), trajectory=t, override_budget=True)
    services.approve(actor=personas.user("hanna"), trajectory=t, override_budget=True)
    t.refresh_from_db()
    assert t.status == TrajectoryStatus.APPROVED and t.budget_override
    event = AuditEvent.objects.get(
        object_type="coaching_trajectory", object_id=str(t.pk), summary__contains="OVERRIDE"
    )
    assert event.actor == personas.user("hanna")
    assert "1000.00 beyond 700.00" in event.summary
    assert event.changes == {"status": "approved", "budget_override": True}
    assert budget_selectors.budget_status(personas.operations, budget.year).remaining == Decimal(
        "-300"
    )


def test_a_learning_approval_sees_the_money_coaching_holds(personas, request_for_carol, budget):
    _approved(personas, request_for_carol, budget=Decimal("4000"))
    offer = learning_services.offer_save(
        actor=personas.user("hanna"), title="Excel", kind="internal_training", cost=Decimal("1500")
    )
    enrolment = learning_services.request_offer(
        actor=personas.user("carol"), employee=personas.carol, offer=offer
    )
    with pytest.raises(ValidationError, match=r"€1,000\.00 is left"):
        learning_services.approve(actor=personas.user("alice"), enrolment=enrolment)


def test_without_a_budget_approval_is_not_limited(personas, request_for_carol):
    t = _approved(personas, request_for_carol, budget=Decimal("99999"))
    assert t.status == TrajectoryStatus.APPROVED and not t.budget_override


def test_hr_sees_requests_from_the_learning_threshold_up(personas, request_for_carol):
    small = request_for_carol(budget=Decimal("2499.99"))
    big = request_for_carol(budget=Decimal("2500"))
    assert list(selectors.hr_attention(personas.user("hanna"))) == [big]
    assert small not in selectors.hr_attention(personas.user("hanna"))
    assert not selectors.hr_attention(personas.user("alice")).exists()


# --- Sessions, completion, evaluation ----------------------------------------------------


def test_sessions_only_after_approval_never_in_advance(personas, request_for_carol, today):
    t = request_for_carol(sessions=2)
    with pytest.raises(ValidationError, match="approved coaching only"):
        services.session_log(actor=personas.user("carol"), trajectory=t, on=today)
    services.approve(actor=personas.user("alice"), trajectory=t)
    with pytest.raises(ValidationError, match="not in advance"):
        services.session_log(
            actor=personas.user("carol"), trajectory=t, on=today + timedelta(days=1)
        )
    with pytest.raises(PermissionDenied):
        services.session_log(actor=personas.user("dave"), trajectory=t, on=today)
    services.session_log(actor=personas.user("carol"), trajectory=t, on=today, notes="Intake")
    t.refresh_from_db()
    assert t.status == TrajectoryStatus.IN_PROGRESS


def test_a_session_beyond_the_plan_needs_a_reason(personas, request_for_carol, today):
    t = _approved(personas, request_for_carol, sessions=2)
    for _ in range(2):
        services.session_log(actor=personas.user("carol"), trajectory=t, on=today)
    with pytest.raises(ValidationError, match="All 2 planned sessions are logged"):
        services.session_log(actor=personas.user("carol"), trajectory=t, on=today)
    extra = services.session_log(
        actor=personas.user("alice"),
        trajectory=t,
        on=today,
        beyond_plan_reason="Afronding na de reorganisatie",
    )
    assert extra.beyond_plan_reason == "Afronding na de reorganisatie"
    assert t.sessions.count() == 3
    assert AuditEvent.objects.filter(
        object_type="coaching_session", summary__contains="beyond the plan"
    ).exists()


def test_completion_needs_sessions_and_counts_as_social_learning(
    personas, request_for_carol, budget, today
):
    t = _approved(personas, request_for_carol, budget=Decimal("1200"), sessions=3)
    with pytest.raises(ValidationError, match="No session is logged"):
        services.complete(actor=personas.user("alice"), trajectory=t)
    with pytest.raises(ValidationError, match="before the coaching was approved"):
        services.session_log(
            actor=personas.user("carol"), trajectory=t, on=today - timedelta(days=2)
        )
    services.session_log(actor=personas.user("carol"), trajectory=t, on=today, hours=Decimal("1.5"))
    services.session_log(actor=personas.user("carol"), trajectory=t, on=today, hours=Decimal("2"))
    with pytest.raises(ValidationError, match="2 of 3 planned sessions"):
        services.complete(actor=personas.user("alice"), trajectory=t)
    with pytest.raises(ValidationError, match="cannot be earlier"):
        services.complete(
            actor=personas.user("alice"),
            trajectory=t,
            completed_on=today - timedelta(days=1),
            note="klaar",
        )
    with pytest.raises(PermissionDenied):
        services.complete(actor=personas.user("carol"), trajectory=t, note="klaar")
    before = budget_selectors.budget_status(personas.operations, today.year)
    assert (before.committed, before.spent) == (Decimal("1200"), Decimal("0"))
    done = services.complete(actor=personas.user("alice"), trajectory=t, note="Doel bereikt")
    assert done.status == TrajectoryStatus.COMPLETED and done.completed_on == today
    activity = LearningActivity.objects.get(employee=personas.carol)
    assert done.activity == activity
    assert activity.kind == ActivityKind.COACHING and activity.category == Category.SOCIAL
    assert activity.cost == Decimal("1200") and activity.hours == Decimal("3.5")
    after = budget_selectors.budget_status(personas.operations, today.year)
    assert (after.committed, after.spent, after.remaining) == (
        Decimal("0"),
        Decimal("1200"),
        Decimal("3800"),
    )
    with pytest.raises(ValidationError, match="already completed"):
        services.complete(actor=personas.user("alice"), trajectory=t, note="nog eens")
    assert LearningActivity.objects.filter(employee=personas.carol).count() == 1


def test_evaluation_by_employee_and_manager_after_completion(personas, request_for_carol, today):
    t = _approved(personas, request_for_carol, sessions=1)
    with pytest.raises(ValidationError, match="after it is completed"):
        services.evaluate(
            actor=personas.user("carol"), trajectory=t, perspective="employee", goal_reached=4
        )
    services.session_log(actor=personas.user("carol"), trajectory=t, on=today)
    services.complete(actor=personas.user("alice"), trajectory=t)
    with pytest.raises(PermissionDenied):
        services.evaluate(
            actor=personas.user("alice"), trajectory=t, perspective="employee", goal_reached=4
        )
    with pytest.raises(PermissionDenied):
        services.evaluate(
            actor=personas.user("carol"), trajectory=t, perspective="manager", goal_reached=4
        )
    with pytest.raises(ValidationError, match="1 to 5"):
        services.evaluate(
            actor=personas.user("carol"), trajectory=t, perspective="employee", goal_reached=6
        )
    mine = services.evaluate(
        actor=personas.user("carol"),
        trajectory=t,
        perspective="employee",
        goal_reached=4,
        behaviour_change="Ik benoem nu wat goed gaat voordat ik kritiek geef.",
    )
    theirs = services.evaluate(
        actor=personas.user("alice"), trajectory=t, perspective="manager", goal_reached=3
    )
    assert (mine.goal_reached, theirs.goal_reached) == (4, 3)
    with pytest.raises(ValidationError, match="already been given"):
        services.evaluate(
            actor=personas.user("carol"), trajectory=t, perspective="employee", goal_reached=5
        )


def test_cancelling_returns_the_money_to_the_budget(personas, request_for_carol, budget):
    t = _approved(personas, request_for_carol, budget=Decimal("1000"))
    assert budget_selectors.budget_status(personas.operations, budget.year).remaining == Decimal(
        "4000"
    )
    with pytest.raises(PermissionDenied):
        services.cancel(actor=personas.user("dave"), trajectory=t)
    services.cancel(actor=personas.user("carol"), trajectory=t, reason="Andere baan")
    assert budget_selectors.budget_status(personas.operations, budget.year).remaining == Decimal(
        "5000"
    )
    with pytest.raises(ValidationError, match="Only open"):
        services.cancel(actor=personas.user("carol"), trajectory=t)


def test_a_request_changes_only_while_open_and_the_second_stale_edit_loses(
    personas, request_for_carol
):
    t = request_for_carol()
    version = t.version
    changed = services.trajectory_update(
        actor=personas.user("carol"), trajectory=t, version=version, planned_sessions=5
    )
    assert changed.planned_sessions == 5 and changed.version == version + 1
    with pytest.raises(StaleEdit):
        services.trajectory_update(
            actor=personas.user("alice"), trajectory=t, version=version, budget=Decimal("10")
        )
    t.refresh_from_db()
    assert t.budget == Decimal("1200.00")
    with pytest.raises(PermissionDenied):
        services.trajectory_update(
            actor=personas.user("dave"), trajectory=t, version=t.version, goal_text="x"
        )
    services.approve(actor=personas.user("alice"), trajectory=t)
    with pytest.raises(ValidationError, match="not decided yet"):
        services.trajectory_update(
            actor=personas.user("carol"), trajectory=t, version=None, goal_text="Iets anders"
        )


# --- Who sees what ---------------------------------------------------------------------


def test_visibility_for_every_persona_including_the_internal_coach(personas, request_for_carol):
    """carol's trajectory coached by dave (Finance); alice's coached externally."""
    coached = request_for_carol(coach_kind="internal", internal_coach=personas.dave)
    alices = services.trajectory_request(
        actor=personas.user("alice"),
        employee=personas.alice,
        coach_kind="external",
        coach_name="Extern",
        goal_text="Leidinggeven op afstand",
        planned_sessions=4,
        budget=Decimal("2000"),
    )
    expected = {
        "carol": {coached.pk},
        "alice": {coached.pk, alices.pk},
        "bob": {coached.pk, alices.pk},
        "dave": {coached.pk},  # only as coach
        "hanna": {coached.pk, alices.pk},
        "admin": {coached.pk, alices.pk},
    }
    for name, ids in expected.items():
        user = personas.user(name)
        assert set(selectors.trajectories_for_viewer(user).values_list("pk", flat=True)) == ids, (
            name
        )
        for t in (coached, alices):
            if t.pk in ids:
                assert get_trajectory_for(user, t.pk).pk == t.pk
            else:
                with pytest.raises(Http404):
                    get_trajectory_for(user, t.pk)
    # The coach sees it only as coach; the line and HR see it fully.
    assert selectors.sees_only_as_coach(personas.user("dave"), coached)
    for name in ("carol", "alice", "bob", "hanna"):
        assert not selectors.sees_only_as_coach(personas.user(name), coached)
    # The coach logs sessions but does not decide, complete or evaluate as manager.
    with pytest.raises(PermissionDenied):
        services.approve(actor=personas.user("dave"), trajectory=coached)
    services.approve(actor=personas.user("alice"), trajectory=coached)
    from django.utils import timezone

    services.session_log(actor=personas.user("dave"), trajectory=coached, on=timezone.localdate())
    with pytest.raises(PermissionDenied):
        services.complete(actor=personas.user("dave"), trajectory=coached)
    assert list(selectors.coached_by(personas.user("dave"))) == [coached]
    assert not selectors.approval_queue(personas.user("dave")).exists()


def test_the_approval_queue_is_the_line_without_ones_own(personas, request_for_carol):
    carols = request_for_carol()
    alices = services.trajectory_request(
        actor=personas.user("alice"),
        employee=personas.alice,
        coach_kind="external",
        coach_name="Extern",
        goal_text="Delegeren",
        planned_sessions=2,
        budget=Decimal("500"),
    )
    assert list(selectors.approval_queue(personas.user("alice"))) == [carols]
    assert list(selectors.approval_queue(personas.user("bob"))) == [carols, alices]
    assert list(selectors.approval_queue(personas.user("hanna"))) == [carols, alices]
    assert not selectors.approval_queue(personas.user("carol")).exists()
    assert not selectors.approval_queue(personas.user("dave")).exists()


def test_completed_coaching_counts_in_the_kpis_as_social_learning(
    personas, request_for_carol, today
):
    from groeipad.insights.kpis import compute_kpis

    t = _approved(personas, request_for_carol, budget=Decimal("1450"), sessions=2)
    for _ in range(2):
        services.session_log(actor=personas.user("carol"), trajectory=t, on=today)
    before = compute_kpis(start=today, end=today)
    assert before["development_spend"] == Decimal("0")
    services.complete(actor=personas.user("alice"), trajectory=t)
    kpis = compute_kpis(start=today, end=today)
    assert kpis["development_spend"] == Decimal("1450.00")
    # Two sessions of one hour, all learning from others: 20 of 70-20-10 is 100 %.
    assert kpis["learning_mix"]["social"] == 100.0
