"""Every way out of the report (page, API, CSV, XLSX) follows the same anonymity rule,
at its edges, and none of them lets a reader link an answer to a rater."""

from __future__ import annotations

import csv
import io
import re
import zipfile
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from groeipad.feedback import services
from groeipad.feedback.models import Answer, Rater
from groeipad.privacy.models import AuditEvent


def _xlsx(client, round_id) -> dict[str, list[list]]:
    client.cookies["django_language"] = "en"
    response = client.get(f"/feedback/rondes/{round_id}/rapport.xlsx")
    assert response.status_code == 200
    assert response["Content-Type"].startswith(
        "application/vnd.openxmlformats-officedocument.spreadsheetml"
    )
    book = load_workbook(io.BytesIO(response.content))
    return {
        sheet.title: [list(row) for row in sheet.iter_rows(values_only=True)]
        for sheet in book.worksheets
    }


def _csv(client, round_id) -> list[list[str]]:
    client.cookies["django_language"] = "en"
    response = client.get(f"/feedback/rondes/{round_id}/rapport.csv")
    return list(csv.reader(io.StringIO(response.content.decode())))


def _api(client, round_id) -> dict:
    client.cookies["django_language"] = "en"
    return client.get(f"/api/v1/feedback/rounds/{round_id}/report").json()


@pytest.mark.parametrize(("peers", "shown"), [(2, False), (3, True), (4, True)])
def test_n_minus_one_n_and_n_plus_one_alike_in_api_csv_and_xlsx(
    login, world, start_round, add_rater, peers, shown
):
    feedback_round = start_round(n=3)
    add_rater(feedback_round, "self", {world.listen: 4})
    ratings = [2, 5, 3, 4][:peers]
    for i, rating in enumerate(ratings):
        add_rater(feedback_round, "peer", {world.listen: rating}, {"keep": f"peer note {i}"})
    services.round_close(actor=world.user("alice"), feedback_round=feedback_round)
    client = login(world.user("alice"))
    # By hand: 2+5+3 = 10/3 = 3.33; 2+5+3+4 = 14/4 = 3.50.
    expected = {3: "3.33", 4: "3.50"}.get(peers)

    api = _api(client, feedback_round.pk)
    listen = next(r for r in api["rows"] if r["competency"] == "Listening")
    rows = _csv(client, feedback_round.pk)
    sheets = _xlsx(client, feedback_round.pk)
    xlsx_listen = next(r for r in sheets["Competencies"] if r[0] == "Listening")
    open_csv = [r[1] for r in rows if r and r[0] == "What should I keep doing?"]
    open_xlsx = [r[1] for r in sheets["Open answers"][1:]]
    if shown:
        assert api["shown_groups"] == ["peer"]
        assert listen["groups"] == [
            {
                "group": "peer",
                "average": float(expected),
                "ratings": peers,
                "suppressed": False,
                "suppressed_reason": None,
            }
        ]
        assert rows[0] == ["Competency", "Self", "peers", "All others", "Signal"]
        assert next(r for r in rows if r[0] == "Listening")[:4] == [
            "Listening",
            "4",
            expected,
            expected,
        ]
        assert sheets["Competencies"][0] == ["Competency", "Self", "peers", "All others", "Signal"]
        assert [Decimal(str(v)) for v in xlsx_listen[1:4]] == [
            4,
            Decimal(expected),
            Decimal(expected),
        ]
        texts = sorted(f"peer note {i}" for i in range(peers))
        assert sorted(open_csv) == sorted(open_xlsx) == texts
        assert open_csv == open_xlsx  # the same keyed order everywhere
    else:
        # N-1: withheld, ratings and open answers together, in every form.
        assert api["shown_groups"] == [] and api["withheld_groups"] == ["peer"]
        assert listen["groups"] == [] and listen["others_average"] is None
        # A suppressed figure says why, never 0 and never a blank without a reason.
        assert listen["others_suppressed_reason"] == "fewer than 3 answers"
        assert rows[0] == ["Competency", "Self", "All others", "Signal"]
        assert next(r for r in rows if r[0] == "Listening") == [
            "Listening",
            "4",
            "fewer than 3 answers",
            "",
        ]
        assert sheets["Competencies"][0] == ["Competency", "Self", "All others", "Signal"]
        assert xlsx_listen[:3] == ["Listening", 4, "fewer than 3 answers"]
        assert open_csv == [] and open_xlsx == []
        about = {r[0]: r[1] for r in sheets["About"]}
        assert about["Left out (fewer than 3 answers)"] == "peers"
        body = "".join(str(c) for s in sheets.values() for r in s for c in r)
        assert "peer note" not in body and "5" not in xlsx_listen[1:]


def test_merging_and_a_group_of_one_in_the_exports(login, world, start_round, add_rater):
    """Two direct reports and one 'other' merge into others (3 = N); one lone manager too.
    A single peer alone: merged as well. All texts of merged groups appear, unlabelled."""
    feedback_round = start_round(n=3)
    add_rater(feedback_round, "direct_report", {world.listen: 2}, {"stop": "r1"})
    add_rater(feedback_round, "direct_report", {world.listen: 4}, {"stop": "r2"})
    add_rater(feedback_round, "other", {world.listen: 3}, {"stop": "o1"})
    services.round_close(actor=world.user("alice"), feedback_round=feedback_round)
    client = login(world.user("alice"))
    sheets = _xlsx(client, feedback_round.pk)
    assert sheets["Competencies"][0] == [
        "Competency",
        "Self",
        "others (combined)",
        "All others",
        "Signal",
    ]
    listen = next(r for r in sheets["Competencies"] if r[0] == "Listening")
    assert Decimal(str(listen[2])) == Decimal("3.00")  # (2 + 4 + 3) / 3 by hand
    assert sorted(r[1] for r in sheets["Open answers"][1:]) == ["o1", "r1", "r2"]
    rows = _csv(client, feedback_round.pk)
    assert rows[0][2] == "others (combined)"


@pytest.fixture
def filled(world, start_round, add_rater):
    feedback_round = start_round(n=3)
    add_rater(feedback_round, "self", {world.listen: 5, world.plan: 2})
    for i, (listen, plan) in enumerate([(3, 4), (4, 3), (2, 5)]):
        add_rater(
            feedback_round,
            "peer",
            {world.listen: listen, world.plan: plan},
            {"keep": f"peer says {i}"},
        )
    add_rater(feedback_round, "direct_report", {world.listen: 1}, {"stop": "SECRET lone report"})
    services.round_close(actor=world.user("alice"), feedback_round=feedback_round)
    return feedback_round


def test_nothing_in_the_xlsx_leads_back_to_a_rater(login, world, filled):
    client = login(world.user("alice"))
    client.cookies["django_language"] = "en"
    response = client.get(f"/feedback/rondes/{filled.pk}/rapport.xlsx")
    sheets = _xlsx(client, filled.pk)
    raters = list(Rater.objects.filter(round=filled))
    answer_ids = set(Answer.objects.filter(response__round=filled).values_list("pk", flat=True))
    rater_ids = {r.pk for r in raters}
    # Every part of the file, not only the cells: no address, token, or withheld text.
    with zipfile.ZipFile(io.BytesIO(response.content)) as archive:
        everything = "".join(
            archive.read(name).decode("utf-8", "replace") for name in archive.namelist()
        )
    for rater in raters:
        assert rater.email not in everything and rater.token_hash not in everything
    assert "SECRET" not in everything and "elders.example" not in everything
    cells = [c for s in sheets.values() for r in s for c in r if c is not None]
    for value in cells:
        if isinstance(value, str):
            # No date or time in any cell (submission days are stored, never written).
            assert not re.search(r"\d{4}-\d{2}-\d{2}|\d{1,2}:\d{2}", value), value
            assert "@" not in value
        else:
            assert not hasattr(value, "year"), f"a date cell: {value}"
    # Numbers: only ratings, averages, counts, N. No id column, no rater or answer id.
    headers = [str(h).lower() for h in sheets["Competencies"][0] + sheets["Open answers"][0]]
    assert not any(re.search(r"\bid\b|rater|e-mail|date|time", h) for h in headers)
    labels = [str(r[0]).lower() for r in sheets["About"]]
    assert not any(re.search(r"\bid\b|e-mail|date|time", label) for label in labels)
    numbers = {Decimal(str(v)) for v in cells if isinstance(v, int | float)}
    allowed = {Decimal(n) for n in ("5", "2", "3", "3.00", "4.00", "3.0", "4.0")}
    assert numbers <= allowed, numbers - allowed
    assert answer_ids and rater_ids  # they exist; they are just not in the file
    # Open answers: the same keyed order as the page and the API, whatever the submit order.
    api = _api(client, filled.pk)
    keep = next(b for b in api["open_answers"] if b["question"] == "keep")["answers"]
    assert [r[1] for r in sheets["Open answers"][1:]] == keep
    assert AuditEvent.objects.filter(summary="Exported a 360 report as XLSX").count() == 2
    # The CSV, the same way: no address, token, date or withheld text, no id column.
    rows = _csv(client, filled.pk)
    text = "\n".join(",".join(r) for r in rows)
    for rater in raters:
        assert rater.email not in text and rater.token_hash not in text
    assert "SECRET" not in text and "@" not in text
    assert not re.search(r"\d{4}-\d{2}-\d{2}|\d{1,2}:\d{2}", text)
    assert not any(re.search(r"\bid\b|rater|e-mail|date|time", h.lower()) for h in rows[0])
    assert [r[1] for r in rows if r[0] == "What should I keep doing?"] == keep


def test_xlsx_is_for_the_report_readers_only_and_only_once_closed(
    login, world, filled, start_round, add_rater
):
    for name in ("hanna", "bob", "carol", "dave"):
        client = login(world.user(name))
        assert client.get(f"/feedback/rondes/{filled.pk}/rapport.xlsx").status_code == 404
    services.round_share(actor=world.user("alice"), feedback_round=filled, with_manager=True)
    assert (
        login(world.user("bob")).get(f"/feedback/rondes/{filled.pk}/rapport.xlsx").status_code
        == 200
    )
    still_open = start_round(n=3)
    client = login(world.user("alice"))
    assert client.get(f"/feedback/rondes/{still_open.pk}/rapport.xlsx").status_code == 409


def test_a_text_that_looks_like_a_formula_is_written_as_text(login, world, start_round, add_rater):
    feedback_round = start_round(n=3)
    for text in ('=HYPERLINK("http://x")', "fine", "+1 great"):
        add_rater(feedback_round, "peer", {world.listen: 3}, {"keep": text})
    services.round_close(actor=world.user("alice"), feedback_round=feedback_round)
    sheets = _xlsx(login(world.user("alice")), feedback_round.pk)
    texts = sorted(r[1] for r in sheets["Open answers"][1:])
    assert texts == ["'+1 great", '\'=HYPERLINK("http://x")', "fine"]
