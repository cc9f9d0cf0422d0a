"""Pages, API and export: the same anonymity, who may read what, and no trace to a rater."""

from __future__ import annotations

import csv
import io
import json
import re
from datetime import timedelta

import pytest
from django.utils import timezone

from groeipad.feedback import services
from groeipad.feedback.models import Answer, Rater
from groeipad.feedback.tests.helpers import invite_approved


@pytest.fixture
def filled(world, start_round, add_rater):
    """Peers 3 (shown), one direct report (withheld), self; texts per rater."""
    feedback_round = start_round(n=3)
    add_rater(feedback_round, "self", {world.listen: 5, world.plan: 2})
    for i, (listen, plan) in enumerate([(3, 4), (4, 3), (2, 5)]):
        add_rater(
            feedback_round,
            "peer",
            {world.listen: listen, world.plan: plan},
            {"keep": f"peer says {i}"},
        )
    add_rater(
        feedback_round,
        "direct_report",
        {world.listen: 1, world.plan: 1},
        {"stop": "SECRET from the lone report"},
    )
    services.round_close(actor=world.user("alice"), feedback_round=feedback_round)
    return feedback_round


def _api(client, url):
    client.cookies["django_language"] = "en"
    return client.get(url)


def test_api_report_applies_the_rule_and_hands_computation(login, world, filled):
    client = login(world.user("alice"))
    data = _api(client, f"/api/v1/feedback/rounds/{filled.pk}/report").json()
    assert data["shown_groups"] == ["peer"]
    assert data["withheld_groups"] == ["direct_report"]
    assert data["others_scope"] == "shown_groups_only"
    listen = next(r for r in data["rows"] if r["competency_id"] == world.listen.pk)
    # Peers 3, 4, 2 -> 3.00; self 5 -> 2 levels above: blind spot.
    assert listen["groups"] == [
        {
            "group": "peer",
            "average": 3.0,
            "ratings": 3,
            "suppressed": False,
            "suppressed_reason": None,
        }
    ]
    assert listen["others_average"] == 3.0
    assert (listen["self_score"], listen["signal"]) == (5, "blind_spot")
    assert "SECRET" not in json.dumps(data)


def test_nothing_the_api_returns_leads_back_to_a_rater(login, world, filled):
    client = login(world.user("alice"))
    body = _api(client, f"/api/v1/feedback/rounds/{filled.pk}/report").content.decode()
    data = json.loads(body)
    raters = list(Rater.objects.filter(round=filled))
    answer_ids = list(Answer.objects.filter(response__round=filled).values_list("pk", flat=True))

    def walk(value, path=""):
        if isinstance(value, dict):
            for key, inner in value.items():
                # No key can name a rater, an answer, a person or a moment.
                assert not re.search(r"rater|answer_id|email|user|_at$|date|time|^id$", key), path
                walk(inner, f"{path}.{key}")
        elif isinstance(value, list):
            for item in value:
                walk(item, path + "[]")
        elif isinstance(value, str):
            assert not re.search(r"\d{4}-\d{2}-\d{2}", value), f"a date at {path}"
            assert "@" not in value, f"an address at {path}"

    walk(data)
    for rater in raters:
        assert rater.email not in body and rater.token_hash not in body
    # Ids: none of the integers returned is a rater or answer id in disguise; only the
    # competency ids, averages and counts appear.
    allowed = {world.listen.pk, world.plan.pk, 3, 5, 2, filled.min_group_size}
    numbers = set(re.findall(r'"(?:competency_id|ratings|self_score|min_group_size)": (\d+)', body))
    assert {int(n) for n in numbers} <= allowed
    assert not {"rater_id", "answer_id", "id"} & set(re.findall(r'"(\w+)":', body))
    assert answer_ids  # the answers exist; they just are not reachable
    # Order: open answers come out the same whichever order the raters submitted in.
    keep = next(b for b in data["open_answers"] if b["question"] == "keep")["answers"]
    assert sorted(keep) == ["peer says 0", "peer says 1", "peer says 2"]


def test_open_answer_order_is_the_same_for_reversed_submission(
    world, start_round, add_rater, login
):
    def keep_order(sequence):
        feedback_round = start_round(n=3)
        for text in sequence:
            add_rater(feedback_round, "peer", None, {"keep": text})
        services.round_close(actor=world.user("alice"), feedback_round=feedback_round)
        client = login(world.user("alice"))
        data = _api(client, f"/api/v1/feedback/rounds/{feedback_round.pk}/report").json()
        return next(b for b in data["open_answers"] if b["question"] == "keep")["answers"]

    texts = ["x one", "x two", "x three", "x four"]
    first = keep_order(texts)
    # A fresh round (other id) with reversed submission: the order is keyed on the text,
    # not on who came first; both orders differ from submission order as a whole.
    second = keep_order(list(reversed(texts)))
    assert sorted(first) == sorted(second) == sorted(texts)
    assert not (first == texts and second == list(reversed(texts)))


def test_hr_sees_response_counts_never_answers(login, world, filled):
    client = login(world.user("hanna"))
    client.cookies["django_language"] = "en"
    assert client.get(f"/feedback/rondes/{filled.pk}/rapport/").status_code == 404
    assert client.get(f"/feedback/rondes/{filled.pk}/rapport.csv").status_code == 404
    assert client.get(f"/api/v1/feedback/rounds/{filled.pk}/report").status_code == 404
    page = client.get("/feedback/hr/").content.decode()
    # 3 peers and 1 direct report invited: the lone report's count is hidden, and so are
    # the peers' (all four minus the peers would be the report) and the total (the
    # report shows the 3 peers' ratings: 4 - 3 would be the lone report again).
    assert "Alice Jansen" in page and "fewer than 3 raters invited" in page
    assert "peers: 3/3" not in page and "groups: 4/4" not in page and "reports: 1/1" not in page
    assert "peer says" not in page and "elders.example" not in page
    rounds = client.get("/api/v1/feedback/rounds").json()
    groups = {g["group"]: g for g in rounds[0]["groups"]}
    assert (groups["peer"]["invited"], groups["peer"]["submitted"]) == (3, None)
    assert groups["peer"]["suppressed"] and groups["direct_report"]["suppressed"]
    assert groups["anonymous_total"]["submitted"] is None
    assert groups["self"]["submitted"] == 1  # named: the employee's own


def test_the_manager_reads_the_report_only_when_the_employee_shares_it(login, world, filled):
    client = login(world.user("bob"))
    assert client.get(f"/feedback/rondes/{filled.pk}/rapport/").status_code == 404
    services.round_share(actor=world.user("alice"), feedback_round=filled, with_manager=True)
    assert client.get(f"/feedback/rondes/{filled.pk}/rapport/").status_code == 200
    # Carol (a report of alice) never; dave as mentor once alice names him.
    carol = login(world.user("carol"))
    assert carol.get(f"/feedback/rondes/{filled.pk}/rapport/").status_code == 404


def test_360_answers_never_show_on_the_appraisal_pages(login, world, filled):
    services.round_share(actor=world.user("alice"), feedback_round=filled, with_manager=True)
    client = login(world.user("bob"))
    page = client.get("/competenties/medewerkers/1002/").content.decode()
    main = page.split('id="main"', 1)[1]  # the nav links to 360 feedback; the page must not
    assert "peer says" not in main and "360" not in main


def test_csv_export_follows_the_same_rule(login, world, filled):
    client = login(world.user("alice"))
    client.cookies["django_language"] = "en"
    response = client.get(f"/feedback/rondes/{filled.pk}/rapport.csv")
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0] == ["Competency", "Self", "peers", "All others", "Signal"]
    listen = next(r for r in rows if r[0] == "Listening")
    assert listen == ["Listening", "5", "3.00", "3.00", "blind spot"]
    assert "SECRET" not in response.content.decode()
    assert "elders.example" not in response.content.decode()


def test_report_page_shows_numbers_bars_and_the_goal_link(login, world, filled):
    client = login(world.user("alice"))
    client.cookies["django_language"] = "en"
    page = client.get(f"/feedback/rondes/{filled.pk}/rapport/").content.decode()
    assert "blind spot" in page and "left out (fewer than 3 answers)" in page
    assert f"/ontwikkeling/?competentie={world.listen.pk}" in page
    assert "SECRET" not in page and "peer says 1" in page


def test_requester_sees_whom_they_invited_never_who_answered(login, world, filled):
    client = login(world.user("alice"))
    client.cookies["django_language"] = "en"
    page = client.get(f"/feedback/rondes/{filled.pk}/").content.decode()
    raters = page.split('id="raters"', 1)[1].split("</section>", 1)[0]
    assert "rater2@elders.example" in raters  # whom she asked
    columns = re.findall(r'<th scope="col">([^<]+)</th>', raters)
    assert columns == ["Rater", "Group", "Approval"]  # no "answered" per rater
    api = client.get(f"/api/v1/feedback/rounds/{filled.pk}/raters").json()
    assert api and all(set(r) == set(api[0]) for r in api)
    assert not {k for k in api[0] if "answer" in k or "submit" in k or k.endswith("_at")}


def test_rater_page_shows_n_saves_and_submits_once(client, world, start_round, mailoutbox):
    feedback_round = start_round(n=3)
    invite_approved(
        actor=world.user("alice"),
        feedback_round=feedback_round,
        email="p@elders.example",
        group="peer",
    )
    token = re.search(r"/feedback/([A-Za-z0-9_-]+)/", mailoutbox[-1].body).group(1)
    client.cookies["django_language"] = "en"
    url = f"/feedback/{token}/"
    page = client.get(url).content.decode()
    assert "at least 3 raters of your group" in page
    question = feedback_round.questions.get(competency=world.listen)
    client.post(url, {f"q{question.pk}": "4", "action": "save"})
    assert "checked" in client.get(url).content.decode()
    client.post(url, {f"q{question.pk}": "2", "action": "submit"})
    client.post(url, {f"q{question.pk}": "5", "action": "submit"})
    assert Answer.objects.get(question=question).rating == 2
    assert Rater.objects.get().answered is True
    assert "already been submitted" in client.get(url).content.decode() or "submitted" in (
        client.get(url).content.decode()
    )


@pytest.mark.parametrize("how", ["altered", "expired", "unknown"])
def test_a_bad_link_gets_the_same_clear_page(client, world, start_round, mailoutbox, how):
    feedback_round = start_round()
    invite_approved(
        actor=world.user("alice"),
        feedback_round=feedback_round,
        email="p@elders.example",
        group="peer",
    )
    token = re.search(r"/feedback/([A-Za-z0-9_-]+)/", mailoutbox[-1].body).group(1)
    if how == "altered":
        token = token[:-2] + ("xy" if token[-2:] != "xy" else "zz")
    elif how == "expired":
        Rater.objects.update(expires_at=timezone.now() - timedelta(minutes=1))
    else:
        token = "nothing-here"
    response = client.get(f"/feedback/{token}/")
    assert response.status_code == 404
    assert "Deze link werkt niet" in response.content.decode() or "link does not work" in (
        response.content.decode()
    )
    posted = client.post(f"/feedback/{token}/", {"action": "submit"})
    assert posted.status_code == 404
    assert not Rater.objects.filter(answered=True).exists()


def test_api_starts_a_round_and_refuses_a_colleague(login, world, set_settings):
    set_settings(4)
    closes = (timezone.localdate() + timedelta(days=20)).isoformat()
    client = login(world.user("alice"))
    created = client.post(
        "/api/v1/feedback/rounds",
        {"employee_number": "1002", "closes_on": closes},
        content_type="application/json",
    )
    assert created.status_code == 201
    assert created.json()["min_group_size"] == 4  # the organisation's N, copied
    manager = login(world.user("bob"))  # sees alice, may not start her round
    refused = manager.post(
        "/api/v1/feedback/rounds",
        {"employee_number": "1002", "closes_on": closes},
        content_type="application/json",
    )
    assert refused.status_code == 403
    client = login(world.user("alice"))  # the same test client, back to alice
    # N is not a round's to choose: a request that tries is refused, not ignored.
    bad = client.post(
        "/api/v1/feedback/rounds",
        {"employee_number": "1002", "closes_on": closes, "min_group_size": 2},
        content_type="application/json",
    )
    assert bad.status_code == 422
    assert client.get("/api/v1/feedback/rounds").json()[0]["min_group_size"] == 4


def test_no_report_while_answers_can_still_come_in(login, world, start_round, add_rater):
    # Reading it before and after one more rater would give that rater away.
    feedback_round = start_round(n=3)
    for rating in (3, 4, 5):
        add_rater(feedback_round, "peer", {world.listen: rating})
    client = login(world.user("alice"))
    client.cookies["django_language"] = "en"
    page = client.get(f"/feedback/rondes/{feedback_round.pk}/rapport/")
    assert "not open yet" in page.content.decode() and "4.0" not in page.content.decode()
    assert client.get(f"/feedback/rondes/{feedback_round.pk}/rapport.csv").status_code == 409
    api = client.get(f"/api/v1/feedback/rounds/{feedback_round.pk}/report")
    assert api.status_code == 409
    # Past the closing date it opens by itself.
    type(feedback_round).objects.filter(pk=feedback_round.pk).update(
        closes_on=timezone.localdate() - timedelta(days=1)
    )
    assert client.get(f"/api/v1/feedback/rounds/{feedback_round.pk}/report").status_code == 200
