"""Who sees which application and offer, per persona, written out by hand."""

import pytest

from groeipad.mobility import selectors, services


@pytest.fixture
def world(personas, make_offer):
    p = personas
    finance_offer = make_offer(host_department=p.finance, title="Finance")
    planning_offer = make_offer(title="Planning")
    carols = services.application_create(actor=p.carol.user, offer=finance_offer)
    daves = services.application_create(actor=p.dave.user, offer=planning_offer)
    return {"carols": carols, "daves": daves, "planning_offer": planning_offer}


def _seen(user):
    return {a.employee.first_name for a in selectors.applications_for_viewer(user)}


def test_before_consent(personas, world):
    p = personas
    assert _seen(p.carol.user) == {"Carol"}
    assert _seen(p.alice.user) == {"Carol"}  # her line; Dave's is not consented yet
    assert _seen(p.bob.user) == {"Carol"}
    assert _seen(p.dave.user) == {"Dave"}
    assert _seen(p.hanna.user) == {"Carol", "Dave"}
    assert _seen(p.admin.user) == {"Carol", "Dave"}


def test_after_consent_the_host_sees_it(personas, world):
    p = personas
    services.application_consent(actor=p.hanna.user, application=world["daves"], give=True)
    assert _seen(p.alice.user) == {"Carol", "Dave"}
    assert _seen(p.bob.user) == {"Carol", "Dave"}
    assert _seen(p.carol.user) == {"Carol"}  # works in Planning, but hosts nothing
    assert _seen(p.dave.user) == {"Dave"}


def test_closed_offers(personas, world):
    p = personas
    services.offer_close(actor=p.hanna.user, offer=world["planning_offer"])
    titles = {
        u: {o.title for o in selectors.offers_for_viewer(p.user(u))}
        for u in ("carol", "alice", "dave", "hanna")
    }
    # Dave applied to the closed one and still sees it; Carol neither hosts nor applied.
    assert titles == {
        "carol": {"Finance"},
        "alice": {"Finance", "Planning"},
        "dave": {"Finance", "Planning"},
        "hanna": {"Finance", "Planning"},
    }
