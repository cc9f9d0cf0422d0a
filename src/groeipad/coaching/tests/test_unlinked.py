"""Anonymous means unlinked (specs/anonymity.md, "Who answered"): the employee's end
evaluation of coaching keeps no link to the person; the trajectory keeps "answered"."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, models
from django.db.migrations.executor import MigrationExecutor
from django.utils import translation

from groeipad.coaching.models import CoachingAnswer, CoachingEvaluation, CoachingTrajectory
from groeipad.coaching.tests.test_anonymity import World
from groeipad.privacy.models import AuditEvent

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(personas, budget):
    return World(personas)


def test_the_answer_has_no_path_to_a_person():
    """Fails as soon as someone adds a link to a person, a trajectory or a date."""
    fields = CoachingAnswer._meta.get_fields()
    assert not [f.name for f in fields if f.is_relation]
    assert {f.name for f in CoachingAnswer._meta.concrete_fields} == {
        "id",
        "goal_reached",
        "behaviour_change",
        "comment",
    }
    assert not [f for f in CoachingAnswer._meta.concrete_fields if isinstance(f, models.DateField)]


def test_after_answering_the_trajectory_says_answered_and_a_second_is_refused(world):
    t = world.completed(0)
    answer = world.evaluate(t, 0, "employee", 3, comment="Goed")
    assert isinstance(answer, CoachingAnswer) and (answer.goal_reached, answer.comment) == (
        3,
        "Goed",
    )
    t.refresh_from_db()
    assert t.employee_answered
    assert not CoachingEvaluation.objects.filter(trajectory=t).exists()
    with translation.override("en"), pytest.raises(ValidationError, match="already been given"):
        world.evaluate(t, 0, "employee", 1)
    # A second trajectory of the same person: one answer per person, it does not answer.
    again = world.completed(0)
    with translation.override("en"), pytest.raises(ValidationError, match="given once"):
        world.evaluate(again, 0, "employee", 1)
    assert CoachingAnswer.objects.count() == 1
    # The manager's evaluation of the named employee stays linked to its author.
    evaluation = world.evaluate(t, 0, "manager", 4)
    assert evaluation.rater_id == world.pairs[0][1].user.pk


def test_the_audit_entry_names_nobody(world):
    t = world.completed(0)
    world.evaluate(t, 0, "employee", 2)
    [event] = AuditEvent.objects.filter(object_type="coaching_evaluation")
    employee, _manager = world.pairs[0]
    assert event.actor_id is None and event.actor_label == "system"
    assert event.object_id == "" and event.changes == {}
    for trace in (employee.email, employee.first_name, str(t.pk), str(employee.pk), "2"):
        assert trace not in event.summary


def test_the_api_does_not_hand_the_answer_back(world, login):
    t = world.completed(0)
    employee, _manager = world.pairs[0]
    client = login(employee.user)
    response = client.post(
        f"/api/v1/coaching/{t.pk}/evaluations",
        {"perspective": "employee", "goal_reached": 4},
        content_type="application/json",
    )
    assert response.status_code == 201
    assert response.json() == {"perspective": "employee", "answered": True}
    body = client.get(f"/api/v1/coaching/{t.pk}").json()
    assert body["evaluations"] == [] and body["evaluated"] == ["employee"]
    again = client.post(
        f"/api/v1/coaching/{t.pk}/evaluations",
        {"perspective": "employee", "goal_reached": 1},
        content_type="application/json",
    )
    assert again.status_code == 422


@pytest.mark.django_db(transaction=True)
def test_the_migration_moves_employee_evaluations_in_order(world):
    trajectories = [world.completed(i) for i in range(4)]
    executor = MigrationExecutor(connection)
    executor.migrate([("coaching", "0001_initial")])
    apps = executor.loader.project_state([("coaching", "0001_initial")]).apps
    Old = apps.get_model("coaching", "CoachingEvaluation")
    ratings = [5, 2, 4, 1]
    for t, rating in zip(trajectories, ratings, strict=True):
        Old.objects.create(trajectory_id=t.pk, perspective="employee", goal_reached=rating)
    manager = world.pairs[0][1]
    Old.objects.create(
        trajectory_id=trajectories[0].pk,
        perspective="manager",
        goal_reached=3,
        rater_id=manager.user.pk,
    )
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())
    assert list(CoachingAnswer.objects.order_by("id").values_list("goal_reached", flat=True)) == (
        ratings
    )
    assert list(CoachingEvaluation.objects.values_list("perspective", "rater_id")) == [
        ("manager", manager.user.pk)
    ]
    assert set(CoachingTrajectory.objects.values_list("pk", "employee_answered")) == {
        (t.pk, True) for t in trajectories
    }


def test_a_second_trajectory_does_not_ask_again(world, login, client):
    client.cookies["django_language"] = "en"
    first = world.completed(0)
    world.evaluate(first, 0, "employee", 4)
    second = world.completed(0)
    employee, _manager = world.pairs[0]
    browser = login(employee.user)
    page = browser.get(f"/coaching/{second.pk}/").content.decode()
    assert "You already gave your end evaluation of a coaching" in page
    assert 'name="perspective" value="employee"' not in page
    page = browser.get(f"/coaching/{first.pk}/").content.decode()
    assert "You gave your evaluation" in page
