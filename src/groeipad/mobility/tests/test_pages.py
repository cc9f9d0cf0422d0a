"""The rotation pages: each persona's view, the forms, outsiders turned away, query counts."""

from datetime import date, timedelta

import pytest
from django.utils import timezone

from groeipad.mobility import services
from groeipad.mobility.models import Application, Consent, Decision, OfferKind, RotationOffer
from groeipad.plans.models import Action

from .conftest import START


@pytest.fixture
def en(client):
    client.cookies["django_language"] = "en"
    return client


def test_offers_list_shows_open_offers_to_everyone(personas, make_offer, login, en):
    make_offer(title="Open in Planning")
    closed = make_offer(title="Closed in Planning")
    services.offer_close(actor=personas.hanna.user, offer=closed)
    body = login(personas.dave.user).get("/mobiliteit/").content.decode()
    assert "Open in Planning" in body and "Closed in Planning" not in body
    body = login(personas.alice.user).get("/mobiliteit/").content.decode()
    assert "Open in Planning" in body and "Closed in Planning" in body
    body = login(personas.dave.user).get("/mobiliteit/?status=open").content.decode()
    assert "Open in Planning" in body
    assert login(personas.dave.user).get(f"/mobiliteit/{closed.pk}/").status_code == 404


def test_offers_list_query_count_does_not_grow(
    personas, make_offer, competency, login, django_assert_max_num_queries
):
    c1, c2 = competency("Collaboration"), competency("Communication")
    for i in range(12):
        offer = make_offer(title=f"Offer {i}", competencies=[(c1, 2), (c2, None)])
        services.application_create(actor=personas.dave.user, offer=offer)
    client = login(personas.alice.user)
    with django_assert_max_num_queries(12):
        response = client.get("/mobiliteit/")
    assert response.content.decode().count("/mobiliteit/") >= 12


def test_offer_page_apply_and_my_applications(personas, make_offer, login, en):
    offer = make_offer(title="Planning rotation", description="Plan the spring season")
    client = login(personas.dave.user)
    body = client.get(f"/mobiliteit/{offer.pk}/").content.decode()
    assert "Plan the spring season" in body and 'name="motivation"' in body
    assert "Candidates</h2>" not in body
    response = client.post(f"/mobiliteit/{offer.pk}/aanmelden/", {"motivation": "Curious"})
    assert response.status_code == 302 and response["Location"] == "/mobiliteit/mijn/"
    application = Application.objects.get(offer=offer, employee=personas.dave)
    assert application.motivation == "Curious"
    body = client.get("/mobiliteit/mijn/").content.decode()
    assert "Planning rotation" in body and "awaiting the manager&#x27;s consent" in body
    # A second try is refused with a message, not an error.
    response = client.post(
        f"/mobiliteit/{offer.pk}/aanmelden/", {"motivation": "Again"}, follow=True
    )
    assert "already applied" in response.content.decode()
    assert Application.objects.count() == 1


def test_own_department_sees_no_apply_form(personas, make_offer, login):
    offer = make_offer()
    body = login(personas.carol.user).get(f"/mobiliteit/{offer.pk}/").content.decode()
    assert 'name="motivation"' not in body


def test_consent_queue_and_consent(personas, make_offer, login, en, django_assert_max_num_queries):
    p = personas
    offers = [make_offer(host_department=p.finance, title=f"Finance {i}") for i in range(5)]
    for offer in offers:
        services.application_create(actor=p.carol.user, offer=offer)
    client = login(p.alice.user)
    with django_assert_max_num_queries(10):
        body = client.get("/mobiliteit/toestemming/").content.decode()
    assert body.count("<h3>Carol Bakker") == 5
    # Bob is higher in the line, not the direct manager: nothing waits for him.
    assert "Carol Bakker" not in login(p.bob.user).get("/mobiliteit/toestemming/").content.decode()
    assert login(p.carol.user).get("/mobiliteit/toestemming/").status_code == 403
    application = Application.objects.filter(employee=p.carol).first()
    client = login(p.alice.user)
    response = client.post(
        f"/mobiliteit/aanmelding/{application.pk}/toestemming/", {"decision": "no"}, follow=True
    )
    assert "Give a reason" in response.content.decode()
    client.post(
        f"/mobiliteit/aanmelding/{application.pk}/toestemming/",
        {"decision": "yes", "reason": "Good for her"},
    )
    application.refresh_from_db()
    assert application.consent == Consent.GIVEN and application.consent_reason == "Good for her"


def test_hr_consents_for_dave_in_the_queue(personas, make_offer, login):
    services.application_create(actor=personas.dave.user, offer=make_offer())
    assert (
        "Dave Visser" in login(personas.hanna.user).get("/mobiliteit/toestemming/").content.decode()
    )


def test_host_chooses_on_the_offer_page(personas, consented, login, en):
    application = consented(is_transfer=True, start_date=timezone.localdate())
    offer = application.offer
    client = login(personas.alice.user)
    body = client.get(f"/mobiliteit/{offer.pk}/").content.decode()
    assert "Dave Visser" in body and "Broaden my view" in body
    assert "Dave Visser" in client.get("/mobiliteit/kandidaten/").content.decode()
    response = client.post(
        f"/mobiliteit/aanmelding/{application.pk}/besluit/", {"decision": "yes"}, follow=True
    )
    assert "transfer to the host department is recorded" in response.content.decode()
    application.refresh_from_db()
    assert application.decision == Decision.CHOSEN
    assert Action.objects.filter(pk=application.plan_action_id).exists()
    personas.dave.refresh_from_db()
    assert personas.dave.department == personas.planning


def test_pages_show_a_planned_then_applied_transfer(personas, consented, login, en):
    application = consented(is_transfer=True)  # starts 1 March 2027, months away
    host = login(personas.alice.user)
    response = host.post(
        f"/mobiliteit/aanmelding/{application.pk}/besluit/", {"decision": "yes"}, follow=True
    )
    body = response.content.decode()
    assert "The transfer to the host department takes effect on 1 Mar 2027." in body
    assert "Transfer on 1 Mar 2027 (planned)" in body
    personas.dave.refresh_from_db()
    assert personas.dave.department == personas.finance
    dave = login(personas.dave.user)
    assert "transfer on 1 Mar 2027 (planned)" in dave.get("/mobiliteit/mijn/").content.decode()
    services.transfers_apply(today=START)
    assert "transferred on 1 Mar 2027" in dave.get("/mobiliteit/mijn/").content.decode()
    offer_page = host.get(f"/mobiliteit/{application.offer_id}/").content.decode()
    assert "Transferred on 1 Mar 2027" in offer_page


def test_host_queue_query_count(personas, make_offer, login, django_assert_max_num_queries):
    p = personas
    for i in range(6):
        offer = make_offer(title=f"Rotation {i}")
        a = services.application_create(actor=p.dave.user, offer=offer)
        services.application_consent(actor=p.hanna.user, application=a, give=True)
    client = login(p.bob.user)
    with django_assert_max_num_queries(10):
        body = client.get("/mobiliteit/kandidaten/").content.decode()
    assert body.count("Dave Visser") == 6


def test_my_applications_query_count(personas, make_offer, login, django_assert_max_num_queries):
    for i in range(6):
        services.application_create(actor=personas.dave.user, offer=make_offer(title=f"R {i}"))
    client = login(personas.dave.user)
    with django_assert_max_num_queries(10):
        body = client.get("/mobiliteit/mijn/").content.decode()
    assert body.count("/intrekken/") == 6


def test_outsiders_get_404_on_others_applications(personas, make_offer, consented, login):
    p = personas
    carols = services.application_create(
        actor=p.carol.user, offer=make_offer(host_department=p.finance)
    )
    daves = consented()
    # Dave is no host of Finance and not in Carol's line: her application does not exist for him.
    client = login(p.dave.user)
    for url in ("toestemming", "besluit", "intrekken"):
        assert (
            client.post(
                f"/mobiliteit/aanmelding/{carols.pk}/{url}/", {"decision": "yes"}
            ).status_code
            == 404
        )
    # Carol is no host of Planning's offer... she works there, but has no reports.
    client = login(p.carol.user)
    assert (
        client.post(f"/mobiliteit/aanmelding/{daves.pk}/besluit/", {"decision": "yes"}).status_code
        == 404
    )
    daves.refresh_from_db()
    assert daves.decision == Decision.PENDING


def test_create_offer_page(personas, competency, login, en):
    p = personas
    assert login(p.carol.user).get("/mobiliteit/nieuw/").status_code == 403
    client = login(p.alice.user)
    body = client.get("/mobiliteit/nieuw/").content.decode()
    select = body.split('id="id_host_department"', 1)[1].split("</select>", 1)[0]
    # Alice hosts Planning only.
    assert f'value="{p.planning.pk}"' in select and f'value="{p.finance.pk}"' not in select
    start = date.today() + timedelta(days=30)
    response = client.post(
        "/mobiliteit/nieuw/",
        {
            "host_department": p.planning.pk,
            "kind": OfferKind.INTERNSHIP,
            "title": "Internship planning",
            "description": "Four weeks along with the planners",
            "start_date": start.isoformat(),
            "duration_weeks": 4,
            "places": 2,
            "is_transfer": "",
            "competencies": [competency("Collaboration").pk],
            "target_level": 3,
        },
    )
    offer = RotationOffer.objects.get(title="Internship planning")
    assert response.status_code == 302 and response["Location"] == f"/mobiliteit/{offer.pk}/"
    assert (offer.kind, offer.places, offer.is_transfer) == (OfferKind.INTERNSHIP, 2, False)
    assert offer.offer_competencies.get().target_level == 3
    # A department she does not host is not on the list: the form refuses it.
    response = client.post(
        "/mobiliteit/nieuw/",
        {
            "host_department": p.finance.pk,
            "kind": "rotation",
            "title": "X",
            "start_date": start.isoformat(),
            "duration_weeks": 4,
            "places": 1,
        },
    )
    assert response.status_code == 200 and not RotationOffer.objects.filter(title="X").exists()


def test_withdraw_page(personas, make_offer, login):
    application = services.application_create(actor=personas.dave.user, offer=make_offer())
    assert (
        login(personas.hanna.user)
        .post(f"/mobiliteit/aanmelding/{application.pk}/intrekken/")
        .status_code
        == 302
    )
    application.refresh_from_db()
    assert application.withdrawn_at is None  # HR may see it, but only the applicant withdraws
    login(personas.dave.user).post(f"/mobiliteit/aanmelding/{application.pk}/intrekken/")
    application.refresh_from_db()
    assert application.withdrawn_at is not None


def test_dutch_first(personas, make_offer, login):
    make_offer()
    body = login(personas.dave.user).get("/mobiliteit/").content.decode()
    assert "<h1>" in body
