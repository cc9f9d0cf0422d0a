"""Every rule of rotations: who offers, applies, consents and chooses, and what choosing does."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone, translation

from groeipad.insights.kpis import compute_kpis
from groeipad.mobility import rules, services
from groeipad.mobility.models import Application, Consent, Decision, OfferKind
from groeipad.people.models import Movement, MovementKind
from groeipad.plans.models import Action, Category, DevelopmentPlan, Instrument, PlanStatus
from groeipad.plans.services import plan_create
from groeipad.privacy.models import AuditEvent

from .conftest import START


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


# --- Who hosts -------------------------------------------------------------------------


def test_host_departments_follow_the_management_line(personas):
    p = personas
    assert rules.host_department_ids(p.user("bob")) == {p.operations.pk, p.planning.pk}
    assert rules.host_department_ids(p.user("alice")) == {p.planning.pk}
    assert rules.host_department_ids(p.user("carol")) == set()
    assert rules.host_department_ids(p.user("dave")) == set()
    assert rules.host_department_ids(p.user("hanna")) is None


def test_managers_offer_places_in_their_own_departments_only(personas, make_offer, competency):
    p = personas
    offer = make_offer(actor=p.user("alice"), competencies=[(competency("Collaboration"), 3)])
    assert offer.created_by == p.user("alice")
    assert [(c.competency.name_en, c.target_level) for c in offer.offer_competencies.all()] == [
        ("Collaboration", 3)
    ]
    for who, department in (("alice", p.finance), ("carol", p.planning), ("dave", p.finance)):
        with pytest.raises(PermissionDenied):
            make_offer(actor=p.user(who), host_department=department)
    assert make_offer(actor=p.user("hanna"), host_department=p.finance).pk


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"title": "  "}, "title is empty"),
        ({"places": 0}, "number of places"),
        ({"duration_weeks": 0}, "between 1 and 104 weeks"),
        ({"duration_weeks": 105}, "between 1 and 104 weeks"),
        ({"kind": "holiday"}, "rotation or an internship"),
        ({"start_date": None}, "start date"),
    ],
)
def test_offer_validation(make_offer, fields, message):
    with pytest.raises(ValidationError, match=message):
        make_offer(**fields)


def test_target_level_must_fit_the_scale(make_offer, competency):
    c = competency("Collaboration")
    with pytest.raises(ValidationError, match="choose 1 to 5"):
        make_offer(competencies=[(c, 6)])


def test_end_date_is_inclusive(make_offer):
    offer = make_offer(duration_weeks=2)
    # 1 March 2027 plus two weeks is 15 March; the last day is the 14th.
    assert offer.end_date == date(2027, 3, 14)


# --- Applying --------------------------------------------------------------------------


def test_apply_once_per_offer(personas, make_offer):
    offer = make_offer()
    application = services.application_create(actor=personas.dave.user, offer=offer)
    assert application.consent == Consent.PENDING
    assert application.decision == Decision.PENDING
    with pytest.raises(ValidationError, match="already applied"):
        services.application_create(actor=personas.dave.user, offer=offer)
    assert Application.objects.count() == 1


def test_no_application_to_own_department(personas, make_offer):
    with pytest.raises(ValidationError, match="already work in Planning"):
        services.application_create(actor=personas.carol.user, offer=make_offer())


def test_no_application_to_a_closed_offer(personas, make_offer):
    offer = make_offer()
    services.offer_close(actor=personas.alice.user, offer=offer)
    with pytest.raises(ValidationError, match="closed"):
        services.application_create(actor=personas.dave.user, offer=offer)
    with pytest.raises(PermissionDenied):
        services.offer_close(actor=personas.dave.user, offer=make_offer(title="Other"))


def test_hr_admin_without_employee_record_cannot_apply(personas, make_offer):
    with pytest.raises(PermissionDenied):
        services.application_create(actor=personas.admin.user, offer=make_offer())


# --- Consent ---------------------------------------------------------------------------


def test_direct_manager_consents_not_someone_higher(personas, make_offer):
    p = personas
    offer = make_offer(host_department=p.finance)
    application = services.application_create(actor=p.carol.user, offer=offer)
    for who in ("bob", "hanna", "carol", "dave"):
        with pytest.raises(PermissionDenied):
            services.application_consent(actor=p.user(who), application=application, give=True)
    services.application_consent(actor=p.user("alice"), application=application, give=True)
    application.refresh_from_db()
    assert (application.consent, application.consent_by) == (Consent.GIVEN, p.user("alice"))
    with pytest.raises(ValidationError, match="already been decided"):
        services.application_consent(
            actor=p.user("alice"), application=application, give=False, reason="changed my mind"
        )


def test_hr_consents_for_someone_without_a_manager(personas, make_offer):
    application = services.application_create(actor=personas.dave.user, offer=make_offer())
    with pytest.raises(PermissionDenied):
        services.application_consent(actor=personas.bob.user, application=application, give=True)
    services.application_consent(actor=personas.hanna.user, application=application, give=True)
    assert application.consent == Consent.GIVEN


def test_refusal_needs_a_reason_and_stops_the_application(personas, make_offer):
    p = personas
    application = services.application_create(
        actor=p.carol.user, offer=make_offer(host_department=p.finance)
    )
    with pytest.raises(ValidationError, match="reason"):
        services.application_consent(actor=p.alice.user, application=application, give=False)
    services.application_consent(
        actor=p.alice.user, application=application, give=False, reason="Busy season"
    )
    assert (application.consent, application.consent_reason) == (Consent.REFUSED, "Busy season")
    assert application.state == "refused"
    with pytest.raises(ValidationError, match="only consented applications"):
        services.application_decide(actor=p.hanna.user, application=application, choose=True)


# --- Choosing --------------------------------------------------------------------------


def test_no_choice_without_consent(personas, make_offer):
    application = services.application_create(actor=personas.dave.user, offer=make_offer())
    with pytest.raises(ValidationError, match="has not consented"):
        services.application_decide(actor=personas.alice.user, application=application, choose=True)
    assert not Action.objects.exists()


def test_only_the_host_or_hr_chooses(personas, consented):
    application = consented()
    for who in ("carol", "dave"):
        with pytest.raises(PermissionDenied):
            services.application_decide(
                actor=personas.user(who), application=application, choose=True
            )
    services.application_decide(actor=personas.alice.user, application=application, choose=True)
    assert application.decision == Decision.CHOSEN
    assert application.decided_by == personas.alice.user


def test_places_run_out(personas, make_offer, consented):
    p = personas
    offer = make_offer(host_department=p.finance, places=1)
    carol = services.application_create(actor=p.carol.user, offer=offer)
    services.application_consent(actor=p.alice.user, application=carol, give=True)
    alice = services.application_create(actor=p.alice.user, offer=offer)
    services.application_consent(actor=p.bob.user, application=alice, give=True)
    services.application_decide(actor=p.hanna.user, application=carol, choose=True)
    with pytest.raises(ValidationError, match="All 1 places"):
        services.application_decide(actor=p.hanna.user, application=alice, choose=True)
    alice.refresh_from_db()
    assert alice.decision == Decision.PENDING
    with pytest.raises(ValidationError, match="filled"):
        services.application_create(actor=p.bob.user, offer=offer)
    # Saying no is still possible, with a reason.
    with pytest.raises(ValidationError, match="reason"):
        services.application_decide(actor=p.hanna.user, application=alice, choose=False)
    services.application_decide(
        actor=p.hanna.user, application=alice, choose=False, reason="Place filled"
    )
    assert alice.decision == Decision.NOT_CHOSEN and alice.plan_action_id is None


def test_decided_once(personas, consented):
    application = consented()
    services.application_decide(actor=personas.hanna.user, application=application, choose=True)
    with pytest.raises(ValidationError, match="already been decided"):
        services.application_decide(
            actor=personas.hanna.user, application=application, choose=False, reason="no"
        )


def test_transfer_records_a_movement_and_moves_the_department(personas, consented):
    """The start date has come at the choice: the move is recorded at once, as before."""
    dave = personas.dave
    version = dave.version
    application = consented(is_transfer=True)
    services.application_decide(
        actor=personas.bob.user,
        application=application,
        choose=True,
        today=START,
        new_manager=personas.alice,
    )
    dave.refresh_from_db()
    assert dave.department == personas.planning
    assert dave.manager == personas.alice
    assert dave.version == version + 1
    movement = Movement.objects.get(employee=dave)
    assert (movement.kind, movement.date, movement.department) == (
        MovementKind.TRANSFER,
        START,
        personas.planning,
    )
    assert application.movement == movement
    assert application.transfer_status == "applied"
    # The internal mobility KPI counts it: one move in March 2027.
    kpis = compute_kpis(start=date(2027, 3, 1), end=date(2027, 3, 31))
    assert kpis["internal_moves"] == 1


def test_temporary_rotation_leaves_department_and_history(personas, consented):
    application = consented(is_transfer=False)
    services.application_decide(actor=personas.bob.user, application=application, choose=True)
    personas.dave.refresh_from_db()
    assert personas.dave.department == personas.finance
    assert not Movement.objects.exists()
    assert application.movement_id is None
    assert compute_kpis(start=date(2027, 3, 1), end=date(2027, 3, 31))["internal_moves"] == 0


def test_choosing_adds_an_on_the_job_action_and_starts_a_draft_plan(
    personas, consented, competency
):
    c = competency("Collaboration")
    application = consented(duration_weeks=8, competencies=[(c, 3)])
    assert not DevelopmentPlan.objects.exists()
    services.application_decide(actor=personas.hanna.user, application=application, choose=True)
    action = application.plan_action
    plan = action.goal.plan
    assert plan.employee == personas.dave and plan.status == PlanStatus.DRAFT
    # Eight weeks from 1 March 2027: the last day is 25 April 2027.
    assert action.due_date == date(2027, 4, 25) == START + timedelta(days=8 * 7 - 1)
    assert (action.instrument, action.category) == (Instrument.JOB_ROTATION, Category.EXPERIENCE)
    assert action.owner == personas.dave
    assert action.goal.competency == c
    assert plan.period_start == START and plan.period_end == START + timedelta(days=364)


def test_choosing_uses_the_plan_in_progress(personas, consented):
    plan = plan_create(
        actor=personas.dave.user,
        employee=personas.dave,
        period_start=date(2027, 1, 1),
        period_end=date(2027, 12, 31),
    )
    application = consented()
    services.application_decide(actor=personas.hanna.user, application=application, choose=True)
    assert DevelopmentPlan.objects.count() == 1
    assert application.plan_action.goal.plan == plan


def test_due_date_stays_inside_a_shorter_plan(personas, consented):
    plan_create(
        actor=personas.dave.user,
        employee=personas.dave,
        period_start=date(2027, 1, 1),
        period_end=date(2027, 3, 31),
    )
    application = consented(duration_weeks=8)
    services.application_decide(actor=personas.hanna.user, application=application, choose=True)
    assert application.plan_action.due_date == date(2027, 3, 31)


def test_withdraw_only_by_the_applicant_and_before_the_decision(personas, consented, make_offer):
    application = consented()
    with pytest.raises(PermissionDenied):
        services.application_withdraw(actor=personas.hanna.user, application=application)
    services.application_withdraw(actor=personas.dave.user, application=application)
    assert application.state == "withdrawn"
    with pytest.raises(ValidationError, match="withdrawn"):
        services.application_decide(actor=personas.hanna.user, application=application, choose=True)
    chosen = consented(offer=make_offer(title="Second"))
    services.application_decide(actor=personas.hanna.user, application=chosen, choose=True)
    with pytest.raises(ValidationError, match="already decided"):
        services.application_withdraw(actor=personas.dave.user, application=chosen)


def test_every_decision_is_audited(personas, consented):
    application = consented(is_transfer=True, start_date=timezone.localdate() - timedelta(days=1))
    services.application_decide(actor=personas.alice.user, application=application, choose=True)
    events = list(AuditEvent.objects.order_by("pk").values_list("object_type", "actor_label"))
    assert ("rotation_offer", "hanna@example.nl") in events
    kinds = [t for t, _a in events]
    assert kinds.count("rotation_application") == 3  # applied, consent, host decision
    assert ("employee", "alice@example.nl") in events  # the transfer
    assert ("action", "alice@example.nl") in events
    summaries = AuditEvent.objects.filter(object_type="rotation_application").values_list(
        "summary", flat=True
    )
    assert any("consent given" in s for s in summaries)
    assert any("host decision chosen" in s for s in summaries)


def test_internship_kind(make_offer):
    assert make_offer(kind=OfferKind.INTERNSHIP).get_kind_display() == "internship"
