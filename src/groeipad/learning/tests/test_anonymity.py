"""Training evaluations are anonymous answers (specs/anonymity.md): k, steps, closing and
differencing, read through the offer page and the API as any colleague can."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from statistics import mean

import pytest
from django.test import override_settings
from django.utils import timezone

from groeipad.conftest import PASSWORD
from groeipad.learning import services
from groeipad.learning.models import EvaluationLevel
from groeipad.people.models import Employee, User
from groeipad.privacy.anonymity import stepped
from groeipad.privacy.models import AuditEvent
from groeipad.skills.models import Competency
from groeipad.skills.services import framework_install_starter

pytestmark = pytest.mark.django_db
K = 3


class World:
    """Participants p1..p7, each with their own manager m1..m7 (distinct behaviour raters)."""

    def __init__(self, personas, offer):
        self.personas, self.offer, self.hr = personas, offer, personas.user("hanna")
        self.people = []
        for i in range(1, 8):
            manager = self._person(f"20{i:02d}", f"Manager{i}", None)
            self.people.append((self._person(f"30{i:02d}", f"Person{i}", manager), manager))
        self.enrolments = {}

    def _person(self, number, first, manager):
        employee = Employee.objects.create(
            employee_number=number,
            first_name=first,
            last_name="Test",
            email=f"{first.lower()}@example.nl",
            department=self.personas.planning,
            manager=manager,
            hire_date=date(2020, 1, 1),
            annual_salary=Decimal("48000"),
        )
        User.objects.create_user(employee.email, PASSWORD, employee=employee)
        employee.refresh_from_db()
        return employee

    def done(self, i):
        employee, _manager = self.people[i]
        enrolment = services.request_offer(actor=employee.user, employee=employee, offer=self.offer)
        services.approve(actor=self.hr, enrolment=enrolment)
        services.complete(
            actor=self.hr,
            enrolment=enrolment,
            completed_on=timezone.localdate() - timedelta(days=70),
        )
        enrolment.refresh_from_db()
        self.enrolments[i] = enrolment
        return enrolment

    def rate(self, i, level, rating=None, **extra):
        employee, manager = self.people[i]
        enrolment = self.enrolments.get(i) or self.done(i)
        actor = manager.user if level == EvaluationLevel.BEHAVIOUR else employee.user
        return services.evaluate(
            actor=actor, enrolment=enrolment, level=level, rating=rating, **extra
        )


@pytest.fixture
def world(personas, offer):
    return World(personas, offer)


@pytest.fixture
def reader(personas, login, client):
    """A colleague with no part in the offer: the catalogue is open to everyone."""
    client.cookies["django_language"] = "en"
    return login(personas.user("dave"))


def _detail(reader, offer):
    response = reader.get(f"/api/v1/learning/offers/{offer.pk}")
    assert response.status_code == 200
    return response.json()


def _page(reader, offer):
    return reader.get(f"/leren/aanbod/{offer.pk}/").content.decode()


def _expected(ratings, closed=False):
    used = ratings[: stepped(len(ratings), K, closed=closed)]
    return (round(mean(used), 2), len(used)) if len(used) >= K else (None, None)


@pytest.mark.parametrize("answers", [K - 1, K, K + 1])
def test_reaction_and_behaviour_for_k_minus_1_k_and_k_plus_1(world, reader, answers):
    ratings, behaviour = [5, 2, 4, 1], [3, 5, 1, 4]
    for i in range(answers):
        world.rate(i, EvaluationLevel.REACTION, ratings[i])
        world.rate(i, EvaluationLevel.BEHAVIOUR, behaviour[i])
    body = _detail(reader, world.offer)
    for key, given in (("reaction", ratings), ("behaviour", behaviour)):
        value, n = _expected(given[:answers])
        assert (body[key]["value"], body[key]["n"]) == (value, n)
        assert body[key]["suppressed"] is (value is None)
        if value is None:  # never 0, never left out: the reason instead
            assert body[key]["suppressed_reason"] == "fewer than 3 answers"
    flat = body["reaction_avg"]
    assert flat is None if answers < K else flat == pytest.approx(mean(ratings[:K]))
    page = _page(reader, world.offer)
    if answers < K:
        assert page.count("fewer than 3 answers") == 3  # reaction, learning, behaviour
    else:
        # k + 1: the figure is still the first k answers' (the step), n=3.
        assert f"{mean(ratings[:K]):.1f}" in page and "n=3" in page
        assert "n=4" not in page


def test_the_figure_moves_only_with_k_new_answers(world, reader):
    """Read after every answer: the figure and its n change only at 3 and 6 answers, so
    no reading before and after one answer tells what that answer was."""
    ratings = [5, 1, 3, 2, 5, 4, 1]
    seen = []
    for i, rating in enumerate(ratings):
        world.rate(i, EvaluationLevel.REACTION, rating)
        cell = _detail(reader, world.offer)["reaction"]
        assert (cell["value"], cell["n"]) == _expected(ratings[: i + 1])
        seen.append((cell["value"], cell["n"]))
    changes = [i + 1 for i in range(1, len(seen)) if seen[i] != seen[i - 1]]
    assert changes == [3, 6]
    # The answer that made it 4 (or 7) is not in any figure shown.
    assert seen[3] == seen[2] and seen[4] == seen[2] and seen[6] == seen[5]


def test_a_closed_offer_shows_all_answers(world, reader, personas):
    ratings = [4, 2, 5, 1]
    for i, rating in enumerate(ratings):
        world.rate(i, EvaluationLevel.REACTION, rating)
    assert _detail(reader, world.offer)["reaction"]["n"] == 3
    services.offer_save(actor=world.hr, offer=world.offer, active=False)
    # Out of the catalogue and every participant has answered: no answer can come any
    # more, the figure uses all four.
    cell = _detail(reader, world.offer)["reaction"]
    assert (cell["value"], cell["n"]) == (round(mean(ratings), 2), 4)
    # Behaviour still awaits managers' ratings: that level is not closed.
    world.rate(0, EvaluationLevel.BEHAVIOUR, 3)
    assert _detail(reader, world.offer)["behaviour"]["suppressed"] is True


def test_an_open_request_keeps_the_offer_open(world, reader):
    for i, rating in enumerate([4, 2, 5, 1]):
        world.rate(i, EvaluationLevel.REACTION, rating)
    employee, _ = world.people[5]
    services.request_offer(actor=employee.user, employee=employee, offer=world.offer)
    services.offer_save(actor=world.hr, offer=world.offer, active=False)
    assert _detail(reader, world.offer)["reaction"]["n"] == 3


def test_one_person_answering_twice_counts_once(world, reader):
    """Distinct people: three behaviour ratings by one rater (HR, for three participants)
    are one person's answers, not three people's."""
    for i, rating in enumerate([2, 3, 4]):
        world.rate(i, EvaluationLevel.REACTION, rating)
        services.evaluate(
            actor=world.hr, enrolment=world.enrolments[i], level="behaviour", rating=rating
        )
    body = _detail(reader, world.offer)
    assert body["reaction"]["value"] == 3.0
    assert body["behaviour"]["suppressed"] is True  # three answers, one person


@pytest.fixture
def competency(personas):
    framework_install_starter(actor=None)
    return Competency.objects.get(name_en="Communication")


def test_overall_minus_per_competency_reveals_nothing_when_closed(world, reader, competency):
    """Four rate the offer before it has a competency (the overall row), two after it
    develops Communication. Closed, the learning level holds all six: showing it and the
    overall row of four would give the two Communication raters' levels by subtraction."""
    firsts = [(2, 4), (3, 3), (1, 4), (2, 5)]
    for i, (before, after) in enumerate(firsts):
        world.rate(i, EvaluationLevel.LEARNING, after, before=before)
    services.offer_competency_set(actor=world.hr, offer=world.offer, competency=competency, level=3)
    for i, (before, after) in ((4, (1, 2)), (5, (4, 5))):
        world.rate(i, EvaluationLevel.LEARNING, scores=[(competency.pk, before, after)])
    services.offer_save(actor=world.hr, offer=world.offer, active=False)
    body = _detail(reader, world.offer)
    # The level: all six, (before, after) averaged over each person's own (rounded) means.
    befores = [b for b, _ in firsts] + [1, 4]
    afters = [a for _, a in firsts] + [2, 5]
    assert body["learning"] == {
        "before": round(mean(befores), 2),
        "after": round(mean(afters), 2),
        "n": 6,
        "suppressed": False,
        "suppressed_reason": None,
    }
    rows = {r["competency_id"]: r for r in body["learning_by_competency"]}
    assert rows[competency.pk]["suppressed"] is True  # two answers
    # 6 - 4 = 2 answers would be the difference: the overall row is hidden as well.
    assert rows[None]["suppressed"] is True and rows[None]["before_avg"] is None
    page = _page(reader, world.offer)
    assert page.count("fewer than 3 answers") == 4  # two rows, reaction, behaviour


def test_rows_inside_the_level_leave_0_or_k_answers_while_open(world, reader, competency):
    """Open: the level and each row step on their own, rows only inside the level's
    figure, so every shown level minus a shown row is a multiple of k (0, k, 2k, ...)."""
    for i in range(7):
        if i == 4:
            services.offer_competency_set(
                actor=world.hr, offer=world.offer, competency=competency, level=3
            )
        if i >= 4:
            world.rate(i, EvaluationLevel.LEARNING, scores=[(competency.pk, 2, 4 + i % 2)])
        else:
            world.rate(i, EvaluationLevel.LEARNING, 3 + i % 3, before=1 + i % 2)
        body = _detail(reader, world.offer)
        level_n = body["learning"]["n"] or 0
        assert level_n == stepped(i + 1, K)
        shown = [row for row in body["learning_by_competency"] if not row["suppressed"]]
        for row in shown:
            assert (level_n - row["n"]) % K == 0 and row["n"] % K == 0
    # After seven: the level shows the first six; the overall row its first three of the
    # four inside; Communication has two inside the six: hidden.
    rows = {r["competency_id"]: r for r in body["learning_by_competency"]}
    assert rows[None]["n"] == 3 and rows[competency.pk]["suppressed"] is True
    assert rows[None]["after_avg"] == round(mean([3, 4, 5]), 2)


def test_a_mandatory_offer_is_flagged_only_from_a_shown_figure(world, reader, personas):
    services.offer_save(actor=world.hr, offer=world.offer, mandatory=True)
    world.rate(0, EvaluationLevel.REACTION, 1)
    world.rate(1, EvaluationLevel.REACTION, 1)
    offers = reader.get("/api/v1/learning/offers").json()
    assert offers[0]["flagged_low_support"] is False  # two answers say nothing, not even "low"
    assert "low support" not in reader.get("/leren/").content.decode()
    world.rate(2, EvaluationLevel.REACTION, 2)
    offers = reader.get("/api/v1/learning/offers").json()
    assert offers[0]["flagged_low_support"] is True
    assert offers[0]["reaction"]["value"] == round(mean([1, 1, 2]), 2)
    with override_settings(GROEIPAD_ANONYMITY_K={"learning_evaluation": 4}):
        offers = reader.get("/api/v1/learning/offers").json()
        assert offers[0]["flagged_low_support"] is False
        assert offers[0]["reaction"]["suppressed_reason"] == "fewer than 4 answers"


def test_the_audit_log_keeps_that_an_evaluation_arrived_not_its_rating(world):
    world.rate(0, EvaluationLevel.REACTION, 2)
    # An anonymous answer's entry names the offer, not the request or the answer.
    [event] = AuditEvent.objects.filter(
        object_id=str(world.offer.pk), object_type="learning_evaluation"
    )
    assert "2" not in event.summary


def test_a_behaviour_rating_of_one_person_stays_with_its_author(world, personas, login, client):
    """The behaviour form promises: HR sees the average per offer, never your rating of
    one person. HR (or another manager in the line) opening the page sees that it was
    rated, not the rating or the comment."""
    client.cookies["django_language"] = "en"
    world.rate(0, EvaluationLevel.BEHAVIOUR, 2, comment="Doet er weinig mee")
    enrolment = world.enrolments[0]
    _employee, manager = world.people[0]
    url = f"/leren/aanvragen/{enrolment.pk}/gedrag/"
    own = login(manager.user).get(url).content.decode()
    assert "Rated 2/5" in own and "Doet er weinig mee" in own
    other = login(personas.user("hanna")).get(url).content.decode()
    assert "rated-by-another" in other
    assert "2/5" not in other and "Doet er weinig mee" not in other


def test_the_catalogue_reads_every_offers_figures_in_a_fixed_number_of_queries(
    world, reader, personas
):
    """The catalogue page (its low-support flags) and the API's list (every level of every
    offer) cost the same with one offer as with four, each with answers."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def cost():
        with CaptureQueriesContext(connection) as page:
            assert reader.get("/leren/").status_code == 200
        with CaptureQueriesContext(connection) as api:
            assert reader.get("/api/v1/learning/offers").status_code == 200
        return len(page), len(api)

    def offer_with_answers(title, first):
        offer = services.offer_save(
            actor=world.hr, title=title, kind="internal_training", mandatory=True
        )
        world.offer, world.enrolments = offer, {}
        for i in range(first, first + 3):
            world.rate(i, EvaluationLevel.REACTION, 1 + i % 3)
        return offer

    services.offer_save(actor=world.hr, offer=world.offer, mandatory=True)
    for i in range(3):
        world.rate(i, EvaluationLevel.REACTION, 2)
    one = cost()
    for n, title in enumerate(("Timemanagement", "Feedback geven", "Excel gevorderd")):
        offer_with_answers(title, (n % 2) * 3)
    assert cost() == one
    body = reader.get("/api/v1/learning/offers").json()
    assert all(not o["reaction"]["suppressed"] for o in body)
    # The flags come from the shown figures: (2 + 2 + 2) / 3 and (1 + 2 + 3) / 3 are low.
    assert all(o["flagged_low_support"] for o in body)


def test_filters_choose_offers_and_never_make_a_new_cell(world, reader):
    """The catalogue's filters (search, kind, competency, mandatory) pick whole offers: an
    offer's cells are the same filtered or not, so a filter minus the unfiltered list
    reveals nothing."""
    for i, rating in enumerate([5, 4, 1, 2]):
        world.rate(i, EvaluationLevel.REACTION, rating)
    everything = {o["id"]: o["reaction"] for o in reader.get("/api/v1/learning/offers").json()}
    for query in ("?q=Excel", "?kind=internal_training", "?q=Plannen&kind=internal_training"):
        filtered = reader.get(f"/api/v1/learning/offers{query}").json()
        assert filtered and all(o["reaction"] == everything[o["id"]] for o in filtered)
    assert everything[world.offer.pk]["n"] == 3
    assert everything[world.offer.pk]["value"] == round(mean([5, 4, 1]), 2)
