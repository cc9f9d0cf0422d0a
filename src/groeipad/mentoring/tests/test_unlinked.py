"""Anonymous means unlinked (specs/anonymity.md, "Who answered"): mentoring end feedback
keeps no link to the person; the pair keeps "answered: yes" per side."""

from __future__ import annotations

from statistics import mean

import pytest
from django.db import connection, models
from django.db.migrations.executor import MigrationExecutor

from groeipad.mentoring.models import Match, PairFeedback, Programme
from groeipad.mentoring.tests.test_anonymity import _give, _programme
from groeipad.privacy.models import AuditEvent

pytestmark = pytest.mark.django_db


def test_the_feedback_has_no_path_to_a_person():
    """Fails as soon as someone adds a link to a person, a pair or a date."""
    relations = {
        f.related_model for f in PairFeedback._meta.get_fields() if f.is_relation and f.concrete
    }
    assert relations == {Programme}
    fields = PairFeedback._meta.concrete_fields
    assert {f.name for f in fields} == {"id", "programme", "role", "rating", "brought"}
    assert not [f for f in fields if isinstance(f, models.DateField | models.TimeField)]


def test_the_pair_keeps_answered_and_the_audit_entry_names_nobody(personas):
    programme, [match] = _programme(personas, 1)
    _give(match, "mentee", 4)
    match.refresh_from_db()
    assert (match.mentee_answered, match.mentor_answered) == (True, False)
    [feedback] = PairFeedback.objects.all()
    assert (feedback.programme_id, feedback.role, feedback.rating) == (programme.pk, "mentee", 4)
    [event] = AuditEvent.objects.filter(object_type="mentoring_feedback")
    assert event.actor_id is None and event.actor_label == "system"
    assert event.object_id == str(programme.pk) and event.changes == {}
    mentee = match.mentee.employee
    for trace in (mentee.email, mentee.first_name, str(match.pk), str(feedback.pk), "4"):
        assert trace not in event.summary.replace(str(programme.pk), "")


def test_the_home_to_do_stops_asking_once_answered(personas, login, client):
    client.cookies["django_language"] = "en"
    _, matches = _programme(personas, 2, mentors=1, capacity=2)
    mentor = matches[0].mentor.employee
    browser = login(mentor.user)
    ask = "Give your end feedback on the mentoring pair"
    assert browser.get("/").content.decode().count(ask) == 2
    _give(matches[0], "mentor", 5)
    # One answer per mentor and programme: neither pair asks any more.
    assert ask not in browser.get("/").content.decode()
    page = browser.get(f"/mentoring/koppels/{matches[1].pk}/").content.decode()
    assert "You gave your feedback" in page and "Looking back on the pair" not in page


@pytest.mark.django_db(transaction=True)
def test_the_migration_unlinks_existing_feedback_in_order(personas):
    programme, matches = _programme(personas, 4)
    executor = MigrationExecutor(connection)
    executor.migrate([("mentoring", "0002_pairs_in_use")])
    apps = executor.loader.project_state([("mentoring", "0002_pairs_in_use")]).apps
    OldFeedback = apps.get_model("mentoring", "PairFeedback")
    ratings = [5, 2, 4, 1]
    for match, rating in zip(matches, ratings, strict=True):
        OldFeedback.objects.create(match_id=match.pk, role="mentee", rating=rating, brought="b")
    OldFeedback.objects.create(match_id=matches[0].pk, role="mentor", rating=3)
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())
    moved = PairFeedback.objects.filter(role="mentee").order_by("id")
    assert list(moved.values_list("rating", flat=True)) == ratings
    assert set(PairFeedback.objects.values_list("programme_id", flat=True)) == {programme.pk}
    flags = dict(Match.objects.values_list("pk", "mentee_answered"))
    assert flags == {m.pk: True for m in matches}
    assert Match.objects.get(pk=matches[0].pk).mentor_answered
    from groeipad.mentoring.selectors import feedback_summary

    rows = {r.role: r for r in feedback_summary(Programme.objects.get(pk=programme.pk))}
    # Every mentee answered: the role is closed, all four answers used.
    assert rows["mentee"].average == round(mean(ratings), 1) and rows["mentee"].answers == 4
