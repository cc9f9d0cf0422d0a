"""Anonymous means unlinked (specs/anonymity.md, "Who answered"): the participant's reaction
and learning answers keep no link to the person; the request keeps "answered: yes"."""

from __future__ import annotations

from datetime import timedelta
from statistics import mean

import pytest
from django.db import connection, models
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone, translation

from groeipad.learning import selectors, services
from groeipad.learning.models import (
    Enrolment,
    Evaluation,
    EvaluationAnswer,
    EvaluationLevel,
    LearningOffer,
    LearningScore,
)
from groeipad.learning.tests.test_anonymity import World
from groeipad.privacy.anonymity import stepped
from groeipad.privacy.models import AuditEvent

pytestmark = pytest.mark.django_db
K = 3


@pytest.fixture
def world(personas, offer):
    return World(personas, offer)


def _again(world, i, days_ago=100):
    """A second completed request of the same offer by participant ``i``."""
    employee, _manager = world.people[i]
    enrolment = services.request_offer(actor=employee.user, employee=employee, offer=world.offer)
    services.approve(actor=world.hr, enrolment=enrolment)
    services.complete(
        actor=world.hr,
        enrolment=enrolment,
        completed_on=timezone.localdate() - timedelta(days=days_ago),
    )
    enrolment.refresh_from_db()
    return enrolment


def _relations(model) -> set:
    return {f.related_model for f in model._meta.get_fields() if f.is_relation and f.concrete}


def test_the_answer_has_no_path_to_a_person():
    """Fails as soon as someone adds a link to a person, a request or a date."""
    from groeipad.skills.models import Competency

    assert _relations(EvaluationAnswer) == {LearningOffer}
    assert _relations(LearningScore) == {EvaluationAnswer, Competency}
    for model in (EvaluationAnswer, LearningScore):
        fields = model._meta.concrete_fields
        assert not [f.name for f in fields if isinstance(f, models.DateField | models.TimeField)]
    assert {f.name for f in EvaluationAnswer._meta.concrete_fields} == {
        "id",
        "offer",
        "level",
        "rating",
        "before",
        "comment",
    }


def test_after_answering_the_request_says_answered_and_the_answer_names_nobody(world):
    answer = world.rate(0, EvaluationLevel.REACTION, 4, comment="Nuttig")
    enrolment = world.enrolments[0]
    enrolment.refresh_from_db()
    assert (enrolment.reaction_answered, enrolment.learning_answered) == (True, False)
    assert isinstance(answer, EvaluationAnswer)
    assert (answer.offer_id, answer.level, answer.rating, answer.comment) == (
        world.offer.pk,
        "reaction",
        4,
        "Nuttig",
    )
    # Nothing of the participant's evaluation is stored linked to them.
    assert not Evaluation.objects.filter(enrolment=enrolment).exists()


def test_a_second_answer_is_refused_also_through_another_request_of_the_offer(world):
    world.rate(0, EvaluationLevel.REACTION, 4)
    with translation.override("en"), pytest.raises(Exception, match="already answered"):
        world.rate(0, EvaluationLevel.REACTION, 1)
    # A second request of the same offer by the same person: with no link the answers
    # could not be told apart from another person's, so it does not answer again.
    employee, _manager = world.people[0]
    again = _again(world, 0)
    with translation.override("en"), pytest.raises(Exception, match="already answered"):
        services.evaluate(actor=employee.user, enrolment=again, level="reaction", rating=1)
    assert EvaluationAnswer.objects.count() == 1
    again.refresh_from_db()
    assert not again.reaction_answered


def test_the_second_submission_is_refused_in_words_on_the_page(world, login, client):
    client.cookies["django_language"] = "en"
    employee, _manager = world.people[0]
    enrolment = world.done(0)
    browser = login(employee.user)
    url = f"/leren/aanvragen/{enrolment.pk}/evaluatie/"
    browser.post(url, {"level": "reaction", "rating": "4"})
    page = browser.get("/leren/mijn/").content.decode()
    # "You answered", not the answer: it is no longer the person's to look up.
    assert "You answered: reaction" in page and "4/5" not in page
    assert 'name="level" value="reaction"' not in page
    response = browser.post(url, {"level": "reaction", "rating": "2"}, follow=True)
    assert "You already answered the reaction evaluation" in response.content.decode()
    assert list(EvaluationAnswer.objects.values_list("rating", flat=True)) == [4]


def test_the_home_to_do_stops_asking_once_answered(world, login, client):
    client.cookies["django_language"] = "en"
    employee, _manager = world.people[0]
    enrolment = world.done(0)
    _again(world, 0)  # a second completed request of the same offer
    browser = login(employee.user)
    ask = "completed trainings still ask for your evaluation"
    assert ask in browser.get("/").content.decode()
    services.evaluate(actor=employee.user, enrolment=enrolment, level="reaction", rating=3)
    assert ask in browser.get("/").content.decode()  # learning is still asked
    services.evaluate(
        actor=employee.user, enrolment=enrolment, level="learning", before=2, rating=4
    )
    page = browser.get("/").content.decode()
    assert "still ask for your evaluation" not in page
    assert "still asks for your evaluation" not in page


def test_the_audit_entry_says_an_answer_arrived_never_who(world):
    employee, _manager = world.people[0]
    answer = world.rate(0, EvaluationLevel.REACTION, 2)
    enrolment = world.enrolments[0]
    [event] = AuditEvent.objects.filter(object_type="learning_evaluation")
    assert event.actor_id is None and event.actor_label == "system"
    assert event.object_id == str(world.offer.pk)
    assert event.changes == {}
    text = f"{event.summary} {event.object_id}"
    for trace in (employee.email, employee.first_name, str(employee.pk), str(enrolment.pk)):
        assert trace not in event.summary
    assert str(answer.pk) not in event.summary and "2" not in text.replace(str(world.offer.pk), "")


def test_each_unlinked_answer_is_one_person_for_k(world):
    """k-1, k, k+1 answers by different people: with no link, each counts as one."""
    ratings = [5, 2, 4, 1]
    for i, rating in enumerate(ratings):
        world.rate(i, EvaluationLevel.REACTION, rating)
        cell = selectors.offer_evaluation(world.offer).reaction
        n = i + 1
        used = stepped(n, K)
        if used < K:
            assert cell.suppressed
        else:
            assert cell.value == pytest.approx(mean(ratings[:used])) and cell.n == used


@pytest.mark.django_db(transaction=True)
def test_the_migration_moves_existing_answers_in_order_and_unlinks_them(personas, offer):
    """Evaluations stored linked (before the move) become unlinked answers, in their
    arrival order, so the stepped figures read the same answers as before."""
    executor = MigrationExecutor(connection)
    executor.migrate([("learning", "0007_budgets_move_to_the_budgets_app")])
    old = executor.loader.project_state([("learning", "0007_budgets_move_to_the_budgets_app")])
    apps = old.apps
    OldEnrolment = apps.get_model("learning", "Enrolment")
    OldEvaluation = apps.get_model("learning", "Evaluation")
    OldScore = apps.get_model("learning", "LearningScore")
    people = [personas.carol, personas.alice, personas.bob, personas.dave]
    ratings = [5, 2, 4, 1]
    enrolments = []
    for employee, rating in zip(people, ratings, strict=True):
        e = OldEnrolment.objects.create(
            employee_id=employee.pk,
            offer_id=offer.pk,
            department_id=employee.department_id,
            status="completed",
            cost=0,
            hours=0,
        )
        enrolments.append(e)
        OldEvaluation.objects.create(
            enrolment=e, level="reaction", rating=rating, rater_id=employee.user.pk
        )
    learning = OldEvaluation.objects.create(
        enrolment=enrolments[0], level="learning", rating=4, before=2, rater_id=None
    )
    OldScore.objects.create(evaluation=learning, competency=None, before=2, after=4)
    OldEvaluation.objects.create(
        enrolment=enrolments[1], level="behaviour", rating=3, rater_id=personas.bob.user.pk
    )
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())
    # Reaction and learning moved, in order; behaviour stays linked to its manager.
    reactions = EvaluationAnswer.objects.filter(level="reaction").order_by("id")
    assert list(reactions.values_list("rating", flat=True)) == ratings
    assert list(Evaluation.objects.values_list("level", "rater_id")) == [
        ("behaviour", personas.bob.user.pk)
    ]
    [score] = LearningScore.objects.all()
    assert (score.answer.level, score.before, score.after) == ("learning", 2, 4)
    flags = dict(Enrolment.objects.values_list("pk", "reaction_answered"))
    assert flags == {e.pk: True for e in enrolments}
    assert Enrolment.objects.get(pk=enrolments[0].pk).learning_answered
    # The figure: the first stepped(4, 3) = 3 answers in the old arrival order.
    cell = selectors.offer_evaluation(LearningOffer.objects.get(pk=offer.pk)).reaction
    assert cell.value == pytest.approx(mean(ratings[:3])) and cell.n == 3


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(connection.vendor != "postgresql", reason="the row-lock race needs PostgreSQL")
def test_two_tabs_answering_at_once_store_one_answer(world):
    """The flag is the only guard against a second answer (no link to dedupe by): two
    submissions through two requests of the same offer at once give exactly one."""
    import threading

    from django.db import connections

    employee, _manager = world.people[0]
    first, second = world.done(0), _again(world, 0)
    barrier = threading.Barrier(2)
    errors: list[Exception] = []

    def answer(enrolment, rating):
        try:
            barrier.wait(timeout=10)
            with translation.override("en"):  # a thread starts in the default language
                services.evaluate(
                    actor=employee.user, enrolment=enrolment, level="reaction", rating=rating
                )
        except Exception as error:
            errors.append(error)
        finally:
            connections.close_all()

    threads = [
        threading.Thread(target=answer, args=(first, 2)),
        threading.Thread(target=answer, args=(second, 5)),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert len(errors) == 1 and "already answered" in str(errors[0])
    assert EvaluationAnswer.objects.count() == 1
    assert Enrolment.objects.filter(reaction_answered=True).count() == 1
