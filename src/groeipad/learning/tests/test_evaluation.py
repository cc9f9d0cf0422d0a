"""Learning-level evaluation per competency, the three levels on the offer page, the flag."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.test import override_settings
from django.utils import timezone, translation

from groeipad.learning import selectors, services
from groeipad.learning.models import EvaluationAnswer, EvaluationLevel, LearningScore
from groeipad.skills.models import Competency
from groeipad.skills.services import framework_install_starter

pytestmark = pytest.mark.django_db


@pytest.fixture
def linked(personas, offer):
    framework_install_starter(actor=None)
    communication = Competency.objects.get(name_en="Communication")
    collaboration = Competency.objects.get(name_en="Collaboration")
    hr = personas.user("hanna")
    services.offer_competency_set(actor=hr, offer=offer, competency=communication, level=4)
    services.offer_competency_set(actor=hr, offer=offer, competency=collaboration, level=3)
    return communication, collaboration


def _done(personas, offer, name, days_ago=70):
    hr = personas.user("hanna")
    enrolment = services.request_offer(
        actor=personas.user(name), employee=getattr(personas, name), offer=offer
    )
    services.approve(actor=hr, enrolment=enrolment)
    services.complete(
        actor=hr,
        enrolment=enrolment,
        completed_on=timezone.localdate() - timedelta(days=days_ago),
    )
    enrolment.refresh_from_db()
    return enrolment


def test_self_assessment_per_linked_competency_and_the_offer_averages(personas, offer, linked):
    communication, collaboration = linked
    # Participant: (communication before, after), (collaboration before, after).
    given = {"carol": ((2, 4), (3, 3)), "alice": ((1, 3), (2, 4)), "bob": ((3, 4), (2, 3))}
    answers = {}
    for name, ((cb, ca), (lb, la)) in given.items():
        enrolment = _done(personas, offer, name)
        answers[name] = services.evaluate(
            actor=personas.user(name),
            enrolment=enrolment,
            level=EvaluationLevel.LEARNING,
            scores=[(communication.pk, cb, ca), (collaboration.pk, lb, la)],
        )
    assert LearningScore.objects.count() == 6
    # carol's own averages, rounded half up: before (2 + 3) / 2 = 2.5 -> 3, after 3.5 -> 4.
    carol = answers["carol"]
    assert (carol.before, carol.rating) == (3, 4)
    with translation.override("en"):
        rows = selectors.offer_learning_by_competency(offer)
    # Alphabetical in English: Collaboration, Communication.
    assert [r.competency for r in rows] == [collaboration, communication]
    collab, comm = rows
    # Communication: before (2 + 1 + 3) / 3 = 2.00, after (4 + 3 + 4) / 3 = 3.67.
    assert comm.n == 3 and comm.before == pytest.approx(2.0)
    assert comm.after == pytest.approx(11 / 3) and comm.change == pytest.approx(5 / 3)
    assert comm.target_level == 4
    # Collaboration: before (3 + 2 + 2) / 3 = 2.33, after (3 + 4 + 3) / 3 = 3.33.
    assert collab.n == 3 and collab.before == pytest.approx(7 / 3)
    assert collab.after == pytest.approx(10 / 3) and collab.change == pytest.approx(1.0)


def test_every_linked_competency_is_rated_and_only_those(personas, offer, linked):
    communication, collaboration = linked
    enrolment = _done(personas, offer, "carol")
    with translation.override("en"):
        with pytest.raises(ValidationError, match="missing: Collaboration"):
            services.evaluate(
                actor=personas.user("carol"),
                enrolment=enrolment,
                level="learning",
                scores=[(communication.pk, 2, 4)],
            )
        other = Competency.objects.get(name_en="Leadership")
        with pytest.raises(ValidationError, match="only the competencies"):
            services.evaluate(
                actor=personas.user("carol"),
                enrolment=enrolment,
                level="learning",
                scores=[(communication.pk, 2, 4), (collaboration.pk, 2, 3), (other.pk, 1, 2)],
            )
        with pytest.raises(ValidationError, match="each competency"):
            services.evaluate(
                actor=personas.user("carol"),
                enrolment=enrolment,
                level="learning",
                before=2,
                rating=4,
            )
        with pytest.raises(ValidationError, match="1 to 5, not 6"):
            services.evaluate(
                actor=personas.user("carol"),
                enrolment=enrolment,
                level="learning",
                scores=[(communication.pk, 2, 6), (collaboration.pk, 2, 3)],
            )
    assert not EvaluationAnswer.objects.exists() and not LearningScore.objects.exists()


def test_an_offer_without_competencies_takes_one_overall_row(personas, offer):
    enrolment = _done(personas, offer, "carol")
    services.evaluate(
        actor=personas.user("carol"), enrolment=enrolment, level="learning", before=2, rating=4
    )
    [row] = selectors.offer_learning_by_competency(offer)
    # One answer: the row stays, hidden with its reason.
    assert (row.competency, row.before, row.after, row.n) == (None, None, None, None)
    assert row.cell.suppressed
    for name, before, rating in (("alice", 3, 3), ("bob", 1, 5)):
        services.evaluate(
            actor=personas.user(name),
            enrolment=_done(personas, offer, name),
            level="learning",
            before=before,
            rating=rating,
        )
    [row] = selectors.offer_learning_by_competency(offer)
    assert (row.competency, row.before, row.after, row.n) == (None, 2.0, 4.0, 3)


def test_my_learning_form_has_a_row_per_competency_and_saves_it(
    personas, offer, linked, login, client
):
    client.cookies["django_language"] = "en"
    communication, collaboration = linked
    enrolment = _done(personas, offer, "carol")
    carol = login(personas.user("carol"))
    page = carol.get("/leren/mijn/").content.decode()
    assert f'name="before_{communication.pk}"' in page
    assert f'name="after_{collaboration.pk}"' in page
    assert 'name="before_overall"' not in page
    carol.post(
        f"/leren/aanvragen/{enrolment.pk}/evaluatie/",
        {
            "level": "learning",
            f"before_{communication.pk}": "2",
            f"after_{communication.pk}": "4",
            f"before_{collaboration.pk}": "1",
            f"after_{collaboration.pk}": "3",
        },
    )
    scores = {s.competency_id: (s.before, s.after) for s in LearningScore.objects.all()}
    assert scores == {communication.pk: (2, 4), collaboration.pk: (1, 3)}
    enrolment.refresh_from_db()
    assert enrolment.learning_answered
    # The answer is anonymous: the page says it was given, not what it said.
    page = carol.get("/leren/mijn/").content.decode()
    assert 'class="muted answered"' in page and 'name="before_' not in page
    assert "Communication 2 → 4" not in page
    # A missing row is refused in words, nothing saved.
    other = _done(personas, offer, "alice")
    response = login(personas.user("alice")).post(
        f"/leren/aanvragen/{other.pk}/evaluatie/",
        {"level": "learning", f"before_{communication.pk}": "2", f"after_{communication.pk}": "4"},
        follow=True,
    )
    assert "missing: Collaboration" in response.content.decode()
    other.refresh_from_db()
    assert not other.learning_answered and LearningScore.objects.count() == 2


def test_offer_page_shows_the_three_levels_and_learning_per_competency(
    personas, offer, linked, login, client
):
    client.cookies["django_language"] = "en"
    communication, collaboration = linked
    a = _done(personas, offer, "carol")
    b = _done(personas, offer, "alice")
    c = _done(personas, offer, "bob")
    for name, enrolment, scores, reaction in (
        ("carol", a, [(communication.pk, 2, 4), (collaboration.pk, 3, 3)], 5),
        ("alice", b, [(communication.pk, 1, 4), (collaboration.pk, 2, 4)], 4),
        ("bob", c, [(communication.pk, 3, 4), (collaboration.pk, 1, 2)], 3),
    ):
        services.evaluate(
            actor=personas.user(name), enrolment=enrolment, level="reaction", rating=reaction
        )
        services.evaluate(
            actor=personas.user(name), enrolment=enrolment, level="learning", scores=scores
        )
    page = login(personas.user("dave")).get(f"/leren/aanbod/{offer.pk}/").content.decode()
    # Reaction (5 + 4 + 3) / 3 = 4.0; no behaviour yet: attendance only.
    assert "4.0" in page and "n=3" in page
    assert "so far this offer shows attendance" in page
    # Communication: before (2 + 1 + 3) / 3 = 2.00, after 4.00, change +2.00.
    # Collaboration: before (3 + 2 + 1) / 3 = 2.00, after (3 + 4 + 2) / 3 = 3.00, +1.00.
    for figure in ("2.00", "4.00", "+2.00", "3.00", "+1.00"):
        assert figure in page
    # One behaviour rating: hidden with its reason, still "attendance only".
    services.evaluate(actor=personas.user("alice"), enrolment=a, level="behaviour", rating=4)
    page = login(personas.user("dave")).get(f"/leren/aanbod/{offer.pk}/").content.decode()
    assert "fewer than 3 answers" in page and "so far this offer shows attendance" in page
    assert "Carol" not in page and "Alice" not in page


def test_low_reaction_flag_threshold_and_minimum_are_settings(personas, offer, login, client):
    client.cookies["django_language"] = "en"
    services.offer_save(actor=personas.user("hanna"), offer=offer, mandatory=True)
    for name, rating in (("carol", 2), ("alice", 3), ("bob", 3)):
        enrolment = _done(personas, offer, name)
        services.evaluate(
            actor=personas.user(name), enrolment=enrolment, level="reaction", rating=rating
        )
    # (2 + 3 + 3) / 3 = 2.67: below the default 3, from 3 ratings.
    assert selectors.flagged_offer_ids() == {offer.pk}
    page = login(personas.user("dave")).get(f"/leren/aanbod/{offer.pk}/").content.decode()
    assert "participants rate it below 3 of 5" in page
    with override_settings(LEARNING_LOW_REACTION=Decimal("2.5")):
        assert selectors.flagged_offer_ids() == set()  # 2.67 is not below 2.5
    with override_settings(LEARNING_LOW_REACTION_MIN_N=4):
        assert selectors.flagged_offer_ids() == set()  # 3 ratings are too few
    services.offer_save(actor=personas.user("hanna"), offer=offer, mandatory=False)
    assert selectors.flagged_offer_ids() == set()  # only mandatory offers are flagged


def test_api_takes_the_scores_per_competency(personas, offer, linked, login):
    communication, collaboration = linked
    enrolment = _done(personas, offer, "carol")
    carol = login(personas.user("carol"))
    response = carol.post(
        f"/api/v1/learning/requests/{enrolment.pk}/evaluations",
        {
            "level": "learning",
            "scores": [
                {"competency_id": communication.pk, "before": 2, "after": 5},
                {"competency_id": collaboration.pk, "before": 2, "after": 4},
            ],
        },
        content_type="application/json",
    )
    assert response.status_code == 201
    # An anonymous answer is not handed back, not even its id.
    assert response.json() == {"level": "learning", "answered": True}
    [answer] = EvaluationAnswer.objects.all()
    # Averages: before 2, after (5 + 4) / 2 = 4.5 -> 5 (half up).
    assert (answer.before, answer.rating) == (2, 5)
    assert sorted((s.competency_id, s.before, s.after) for s in answer.scores.all()) == sorted(
        [(communication.pk, 2, 5), (collaboration.pk, 2, 4)]
    )


def test_api_offer_detail_has_the_three_levels_and_learning_per_competency(
    personas, offer, linked, login
):
    communication, collaboration = linked
    for name, scores in (
        ("carol", [(communication.pk, 2, 4), (collaboration.pk, 3, 3)]),
        ("alice", [(communication.pk, 1, 4), (collaboration.pk, 2, 4)]),
        ("bob", [(communication.pk, 3, 4), (collaboration.pk, 1, 2)]),
    ):
        enrolment = _done(personas, offer, name)
        services.evaluate(
            actor=personas.user(name), enrolment=enrolment, level="learning", scores=scores
        )
    body = login(personas.user("dave")).get(f"/api/v1/learning/offers/{offer.pk}").json()
    # No behaviour ratings: hidden, n None (never 0).
    assert (body["completed"], body["learning_n"], body["behaviour_n"]) == (3, 3, None)
    assert body["behaviour"]["suppressed"] is True
    rows = {r["competency_id"]: r for r in body["learning_by_competency"]}
    # Communication: (2 + 1 + 3) / 3 = 2.0 -> 4.0, +2.0; collaboration: 2.0 -> 3.0, +1.0.
    assert (rows[communication.pk]["before_avg"], rows[communication.pk]["after_avg"]) == (2.0, 4.0)
    assert rows[communication.pk]["change"] == 2.0 and rows[communication.pk]["n"] == 3
    assert (rows[collaboration.pk]["before_avg"], rows[collaboration.pk]["change"]) == (2.0, 1.0)
