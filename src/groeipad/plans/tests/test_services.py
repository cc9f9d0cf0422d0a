"""The rules of plans, goals, actions and check-ins; refused input changes nothing."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import translation

from groeipad.plans import services
from groeipad.plans.models import (
    Action,
    Cadence,
    CheckIn,
    DevelopmentPlan,
    Goal,
    PlanStatus,
    Proposer,
)
from groeipad.privacy.models import AuditEvent
from groeipad.skills.models import TalentProfile


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


def snapshot():
    return (
        list(DevelopmentPlan.objects.values()),
        list(Goal.objects.values()),
        list(Action.objects.values()),
        list(CheckIn.objects.values()),
        AuditEvent.objects.count(),
    )


def test_starter_templates_install_once_with_three_or_four_goals(templates):
    assert set(templates) == {"starter", "experienced", "senior"}
    for template in templates.values():
        assert 3 <= template.suggested_goals.count() <= 4
    assert services.templates_install_starter(actor=None) == []
    starter_titles = {g.title for g in templates["starter"].suggested_goals.all()}
    senior_titles = {g.title for g in templates["senior"].suggested_goals.all()}
    assert not starter_titles & senior_titles


def test_plan_starts_from_the_talent_profile_and_template(personas, templates, today):
    TalentProfile.objects.create(
        employee=personas.carol, strengths="Rust bewaren", ambitions="Teamleider"
    )
    plan = services.plan_create(
        actor=personas.user("carol"),
        employee=personas.carol,
        period_start=today,
        period_end=today + timedelta(days=365),
        template=templates["starter"],
    )
    assert plan.status == PlanStatus.DRAFT
    assert (plan.strengths, plan.ambitions) == ("Rust bewaren", "Teamleider")
    assert plan.template == templates["starter"]


def test_second_open_plan_is_refused(plan, personas, today):
    before = snapshot()
    with pytest.raises(ValidationError, match="already has a plan in progress"):
        services.plan_create(
            actor=personas.user("carol"),
            employee=personas.carol,
            period_start=today,
            period_end=today + timedelta(days=30),
        )
    assert snapshot() == before


def test_outsider_cannot_start_a_plan(personas, today):
    with pytest.raises(PermissionDenied):
        services.plan_create(
            actor=personas.user("dave"),
            employee=personas.carol,
            period_start=today,
            period_end=today + timedelta(days=30),
        )


def test_period_end_before_start_is_refused(personas, today):
    with pytest.raises(ValidationError, match="must come after the start"):
        services.plan_create(
            actor=personas.user("carol"),
            employee=personas.carol,
            period_start=today,
            period_end=today - timedelta(days=1),
        )
    assert not DevelopmentPlan.objects.exists()


def test_cosign_by_someone_not_the_manager_is_refused_and_changes_nothing(plan, goal, personas):
    before = snapshot()
    for name in ("carol", "dave", "hanna"):
        with pytest.raises(PermissionDenied, match="manager can co-sign"):
            services.plan_cosign(actor=personas.user(name), plan=plan)
    assert snapshot() == before


@pytest.mark.parametrize("manager", ["alice", "bob"])
def test_anyone_above_in_the_line_co_signs(plan, goal, personas, manager):
    services.plan_cosign(actor=personas.user(manager), plan=plan)
    plan.refresh_from_db()
    assert plan.status == PlanStatus.ACTIVE
    assert plan.signed_by_manager == personas.user(manager)


def test_cosign_needs_a_goal(plan, personas):
    with pytest.raises(ValidationError, match="at least one goal"):
        services.plan_cosign(actor=personas.user("alice"), plan=plan)


def test_goal_deadline_before_the_plan_start_is_refused_and_changes_nothing(plan, personas, today):
    before = snapshot()
    with pytest.raises(ValidationError, match="before the plan starts") as error:
        services.goal_create(
            actor=personas.user("carol"),
            plan=plan,
            title="Een presentatie geven over de planning",
            owner=personas.carol,
            deadline=plan.period_start - timedelta(days=1),
        )
    assert "Een presentatie geven" in error.value.messages[0]
    assert snapshot() == before


def test_goal_deadline_after_the_plan_end_is_refused(plan, personas):
    with pytest.raises(ValidationError, match="after the plan ends"):
        services.goal_create(
            actor=personas.user("carol"),
            plan=plan,
            title="Een presentatie geven over de planning",
            owner=personas.carol,
            deadline=plan.period_end + timedelta(days=1),
        )


def test_goal_owner_outside_the_line_is_refused(plan, personas, today):
    with pytest.raises(ValidationError, match="owner must be"):
        services.goal_create(
            actor=personas.user("carol"),
            plan=plan,
            title="Een presentatie geven over de planning",
            owner=personas.dave,
            deadline=today + timedelta(days=10),
        )


def test_proposer_follows_from_who_adds_the_goal(plan, goal, personas, today):
    assert goal.proposed_by == Proposer.EMPLOYEE
    by_manager = services.goal_create(
        actor=personas.user("alice"),
        plan=plan,
        title="Een overleg met de vervoerders voorzitten",
        owner=personas.carol,
        deadline=today + timedelta(days=60),
    )
    assert by_manager.proposed_by == Proposer.MANAGER


def test_hr_writes_nothing_in_a_plan(plan, personas, today):
    with pytest.raises(PermissionDenied):
        services.goal_create(
            actor=personas.user("hanna"),
            plan=plan,
            title="Een overleg met de vervoerders voorzitten",
            owner=personas.carol,
            deadline=today + timedelta(days=60),
        )


def test_action_without_a_goal_is_refused_and_changes_nothing(plan, personas, today):
    before = snapshot()
    with pytest.raises(ValidationError, match="belongs to a goal"):
        services.action_create(
            actor=personas.user("carol"),
            goal=None,
            description="Cursus Excel",
            instrument="external_training",
            owner=personas.carol,
            due_date=today,
        )
    assert snapshot() == before


def test_action_due_outside_the_plan_period_is_refused(goal, personas, today):
    with pytest.raises(ValidationError, match="outside the plan period"):
        services.action_create(
            actor=personas.user("carol"),
            goal=goal,
            description="Cursus Excel",
            instrument="external_training",
            owner=personas.carol,
            due_date=goal.plan.period_end + timedelta(days=1),
        )
    assert not Action.objects.exists()


def test_negative_hours_are_refused(goal, personas, today):
    with pytest.raises(ValidationError, match="hours cannot be negative"):
        services.action_create(
            actor=personas.user("carol"),
            goal=goal,
            description="Cursus Excel",
            instrument="external_training",
            owner=personas.carol,
            due_date=today,
            hours=-2,
        )


def test_action_takes_its_category_from_the_instrument(goal, personas, today):
    action = services.action_create(
        actor=personas.user("carol"),
        goal=goal,
        description="Meelopen met inbound",
        instrument="job_rotation",
        owner=personas.carol,
        due_date=today,
        hours=Decimal("16"),
    )
    assert action.category == "experience"
    services.action_update(
        actor=personas.user("carol"), action=action, version=action.version, instrument="coaching"
    )
    assert action.category == "social"


def test_second_of_two_editors_gets_stale_edit_and_loses_nothing(plan, personas):
    version = plan.version
    services.plan_update(actor=personas.user("carol"), plan=plan, version=version, strengths="A")
    stale = DevelopmentPlan.objects.get(pk=plan.pk)
    with pytest.raises(services.StaleEdit):
        services.plan_update(
            actor=personas.user("alice"), plan=stale, version=version, strengths="B"
        )
    plan.refresh_from_db()
    assert plan.strengths == "A"


def test_stale_goal_edit_is_refused(goal, personas):
    version = goal.version
    services.goal_update(actor=personas.user("carol"), goal=goal, version=version, why="X")
    with pytest.raises(services.StaleEdit):
        services.goal_update(actor=personas.user("alice"), goal=goal, version=version, why="Y")
    goal.refresh_from_db()
    assert goal.why == "X"


def test_closing_a_goal_needs_result_and_reflection(goal, personas):
    with pytest.raises(ValidationError, match="result and reflection"):
        services.goal_close(
            actor=personas.user("carol"),
            goal=goal,
            version=goal.version,
            status="achieved",
            result="",
            reflection="",
        )
    goal.refresh_from_db()
    assert goal.status == "open"


def test_transfer_seeds_a_new_goal(goal, personas):
    services.goal_close(
        actor=personas.user("carol"),
        goal=goal,
        version=goal.version,
        status="achieved",
        result="Gehaald",
        reflection="Vroeg hulp vragen hielp",
        transfer="De planning ook voor de buitendienst maken",
    )
    follow_up = services.goal_seed_from_transfer(actor=personas.user("carol"), goal=goal)
    assert follow_up.seeded_from == goal
    assert follow_up.title == "De planning ook voor de buitendienst maken"
    with pytest.raises(ValidationError, match="already a goal"):
        services.goal_seed_from_transfer(actor=personas.user("carol"), goal=goal)


def test_closed_plan_is_history_and_the_next_plan_carries_open_goals_and_transfers(
    plan, goal, personas, today
):
    done = services.goal_create(
        actor=personas.user("carol"),
        plan=plan,
        title="Een cursus timemanagement afronden",
        owner=personas.carol,
        deadline=today,
    )
    services.goal_close(
        actor=personas.user("carol"),
        goal=done,
        version=done.version,
        status="partly",
        result="Half",
        reflection="Te weinig tijd",
        transfer="Elke week een uur plannen",
    )
    with pytest.raises(ValidationError, match="summary"):
        services.plan_close(actor=personas.user("carol"), plan=plan, summary=" ")
    services.plan_close(actor=personas.user("carol"), plan=plan, summary="Goed jaar")
    with pytest.raises(PermissionDenied):
        services.plan_update(actor=personas.user("carol"), plan=plan, version=None, strengths="")
    nxt = services.plan_start_next(
        actor=personas.user("carol"),
        previous=plan,
        period_start=today,
        period_end=today + timedelta(days=365),
    )
    carried = {g.title: g.seeded_from for g in nxt.goals.all()}
    assert carried == {goal.title: goal, "Elke week een uur plannen": done}
    assert nxt.previous_plan == plan


def test_checkin_held_plans_the_next_one_from_the_managers_cadence(plan, personas, today):
    Cadence.objects.create(manager=personas.alice, weeks=4)
    checkin = services.checkin_plan(
        actor=personas.user("carol"), employee=personas.carol, scheduled_for=today
    )
    assert checkin.manager == personas.alice
    services.checkin_record(
        actor=personas.user("alice"),
        checkin=checkin,
        version=checkin.version,
        shared_notes="Goed gesprek",
        private_notes="Let op werkdruk",
        held=True,
    )
    nxt = CheckIn.objects.get(status="planned")
    assert nxt.scheduled_for == today + timedelta(weeks=4)
    checkin.refresh_from_db()
    assert checkin.manager_private_notes == "Let op werkdruk"
    assert checkin.employee_private_notes == ""


def test_each_side_writes_only_their_own_private_notes(plan, personas, today):
    checkin = services.checkin_plan(
        actor=personas.user("alice"), employee=personas.carol, scheduled_for=today
    )
    services.checkin_record(
        actor=personas.user("carol"),
        checkin=checkin,
        version=None,
        shared_notes="",
        private_notes="mijn",
    )
    services.checkin_record(
        actor=personas.user("alice"),
        checkin=checkin,
        version=None,
        shared_notes="",
        private_notes="van alice",
    )
    checkin.refresh_from_db()
    assert (checkin.employee_private_notes, checkin.manager_private_notes) == ("mijn", "van alice")
    with pytest.raises(PermissionDenied):
        services.checkin_record(
            actor=personas.user("bob"), checkin=checkin, version=None, shared_notes="x"
        )


def test_next_step_becomes_an_action_and_needs_a_goal(goal, personas, today):
    checkin = services.checkin_plan(
        actor=personas.user("alice"), employee=personas.carol, scheduled_for=today
    )
    with pytest.raises(ValidationError, match="belongs to a goal"):
        services.checkin_add_next_step(
            actor=personas.user("alice"),
            checkin=checkin,
            goal=None,
            description="Oefenen",
            instrument="on_the_job",
            due_date=today,
        )
    action = services.checkin_add_next_step(
        actor=personas.user("alice"),
        checkin=checkin,
        goal=goal,
        description="Oefenen",
        instrument="on_the_job",
        due_date=today + timedelta(days=14),
    )
    assert action.source_checkin == checkin and action.goal == goal
    assert action.owner == personas.carol


def test_only_the_manager_sets_their_cadence(personas):
    with pytest.raises(PermissionDenied):
        services.cadence_set(actor=personas.user("carol"), manager=personas.alice, weeks=3)
    with pytest.raises(ValidationError, match="between 1 and 52"):
        services.cadence_set(actor=personas.user("alice"), manager=personas.alice, weeks=0)
    services.cadence_set(actor=personas.user("alice"), manager=personas.alice, weeks=3)
    assert services.cadence_weeks(personas.alice.pk) == 3
    assert services.cadence_weeks(personas.bob.pk) == 6


def test_checkin_without_a_manager_is_refused(personas, today):
    with pytest.raises(ValidationError, match="no manager"):
        services.checkin_plan(
            actor=personas.user("dave"), employee=personas.dave, scheduled_for=today
        )
