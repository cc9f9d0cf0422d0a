"""The rotation API: the same services as the pages, refusals in words, outsiders 404."""

from datetime import date

import pytest

from groeipad.mobility import services
from groeipad.mobility.models import Application
from groeipad.people.models import Movement
from groeipad.people.services import api_token_create


@pytest.fixture
def api(client, personas):
    """A caller per persona, with a bearer token; English messages."""
    client.cookies["django_language"] = "en"
    tokens = {}

    def _call(who, method, url, json=None, **params):
        if who not in tokens:
            user = personas.admin.user if who == "admin" else personas.user(who)
            tokens[who] = api_token_create(actor=None, user=user)[1]
        headers = {"HTTP_AUTHORIZATION": f"Bearer {tokens[who]}"}
        if method == "get":
            return client.get(f"/api/v1/rotations{url}", params, **headers)
        return client.post(
            f"/api/v1/rotations{url}", json or {}, content_type="application/json", **headers
        )

    return _call


def test_the_whole_flow(personas, competency, api):
    p = personas
    response = api(
        "hanna",
        "post",
        "/offers",
        {
            "host_department_id": p.planning.pk,
            "kind": "rotation",
            "title": "Planning rotation",
            "duration_weeks": 6,
            "start_date": "2027-03-01",
            "places": 1,
            "is_transfer": True,
            "competencies": [{"competency_id": competency("Collaboration").pk, "target_level": 3}],
        },
    )
    assert response.status_code == 201, response.content
    offer = response.json()
    # Six weeks from 1 March: the last day is 11 April.
    assert (offer["end_date"], offer["places_left"]) == ("2027-04-11", 1)
    assert offer["competencies"][0]["target_level"] == 3

    assert api("dave", "get", "/offers").json()[0]["id"] == offer["id"]
    response = api("dave", "post", f"/offers/{offer['id']}/applications", {"motivation": "Yes"})
    assert response.status_code == 201
    application = response.json()
    assert application["state"] == "awaiting_consent"
    again = api("dave", "post", f"/offers/{offer['id']}/applications", {})
    assert again.status_code == 422 and "already applied" in again.json()["detail"]

    # Not yet consented: the host does not see it, HR does.
    assert api("alice", "get", f"/applications/{application['id']}").status_code == 404
    assert api("alice", "get", "/applications", scope="host").json() == []
    response = api("hanna", "post", f"/applications/{application['id']}/consent", {})
    assert response.json()["consent"] == "given"

    assert [a["id"] for a in api("alice", "get", "/applications", scope="host").json()] == [
        application["id"]
    ]
    response = api("alice", "post", f"/applications/{application['id']}/choose", {})
    assert response.status_code == 200, response.content
    chosen = response.json()
    assert chosen["state"] == "chosen" and chosen["plan_action_id"]
    # The start date is months away: the transfer is planned, not carried out yet.
    assert (chosen["transfer_status"], chosen["transfer_date"], chosen["movement_id"]) == (
        "pending",
        "2027-03-01",
        None,
    )
    assert chosen["transfer"] == "transfer on 1 Mar 2027 (planned)"
    assert not Movement.objects.exists()
    services.transfers_apply(today=date(2027, 3, 1))
    applied = api("dave", "get", f"/applications/{application['id']}").json()
    assert applied["transfer_status"] == "applied" and applied["transfer_settled_at"]
    assert applied["transfer"] == "transferred on 1 Mar 2027"
    assert Movement.objects.get(pk=applied["movement_id"]).employee == p.dave
    assert api("dave", "get", f"/offers/{offer['id']}").json()["places_left"] == 0


def test_refusals(personas, make_offer, consented, api):
    p = personas
    offer = make_offer(host_department=p.finance)
    carols = api("carol", "post", f"/offers/{offer.pk}/applications", {}).json()
    # Bob is above Alice: not the direct manager.
    assert api("bob", "post", f"/applications/{carols['id']}/consent", {}).status_code == 403
    refused = api("alice", "post", f"/applications/{carols['id']}/refuse", {})
    assert refused.status_code == 422 and "reason" in refused.json()["detail"]
    # Only consented applications reach the host.
    response = api("hanna", "post", f"/applications/{carols['id']}/choose", {})
    assert response.status_code == 422 and "only consented" in response.json()["detail"]
    # Carol's own department is Planning.
    own = api("carol", "post", f"/offers/{make_offer(title='P').pk}/applications", {})
    assert own.status_code == 422
    # Offers are for hosts and HR.
    response = api(
        "carol",
        "post",
        "/offers",
        {
            "host_department_id": p.planning.pk,
            "kind": "rotation",
            "title": "X",
            "duration_weeks": 2,
            "start_date": "2027-03-01",
        },
    )
    assert response.status_code == 403
    daves = consented()
    assert api("dave", "post", f"/applications/{daves.pk}/choose", {}).status_code == 403
    assert api("hanna", "post", f"/applications/{daves.pk}/withdraw").status_code == 403
    assert api("dave", "post", f"/applications/{daves.pk}/withdraw").json()["state"] == "withdrawn"


def test_outsiders_get_404(personas, make_offer, api):
    p = personas
    carols = Application.objects.create(
        offer=make_offer(host_department=p.finance), employee=p.carol
    )
    for who in ("dave",):
        assert api(who, "get", f"/applications/{carols.pk}").status_code == 404
        for verb in ("consent", "refuse", "choose", "reject", "withdraw"):
            assert api(who, "post", f"/applications/{carols.pk}/{verb}", {}).status_code == 404
    closed = make_offer(title="Closed")
    api("hanna", "post", f"/offers/{closed.pk}/close")
    assert api("dave", "get", f"/offers/{closed.pk}").status_code == 404
    assert api("dave", "post", f"/offers/{closed.pk}/close").status_code == 404
    assert api("alice", "get", f"/offers/{closed.pk}").json()["status"] == "closed"


def test_list_query_count(personas, make_offer, competency, api, django_assert_max_num_queries):
    c = competency("Collaboration")
    for i in range(10):
        offer = make_offer(title=f"R{i}", competencies=[(c, 2)])
        Application.objects.create(offer=offer, employee=personas.dave)
    api("hanna", "get", "/offers")  # creates the token outside the count
    with django_assert_max_num_queries(8):
        assert len(api("hanna", "get", "/offers").json()) == 10
    with django_assert_max_num_queries(8):
        assert len(api("hanna", "get", "/applications").json()) == 10
