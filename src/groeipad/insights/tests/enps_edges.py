"""Reading eNPS cells off every public edge, and checking them, for the anonymity tests.

An *edge* is what a viewer can use: the KPI API, the insights page (its card and its
per-survey table), the CSV and XLSX exports, and the ``groeipad kpi`` command. Each
reader returns one ``Seen`` per cell asked for. The checks here are written from
specs/anonymity.md, without the engine: counts come from the answers the test made.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Mapping
from dataclasses import dataclass

from django.core.management import call_command
from openpyxl import load_workbook

from groeipad.people.models import Department

START, END = "2025-01-01", "2025-12-31"
PERIOD = {"start": START, "end": END}
PAGE = {"van": START, "tot": END}
ORG = "<organisation>"  # the organisation's cell in the tests' trees


@dataclass(frozen=True)
class Seen:
    """One eNPS cell as an edge shows it."""

    enps: float | None
    responses: int | None
    suppressed: bool
    reason: str | None


def from_json(data: Mapping, reason: str | None) -> Seen:
    """The spec's JSON object (exactly its keys) and the reason given beside it."""
    from groeipad.insights.kpis import KPI_KEYS

    assert tuple(data) == KPI_KEYS  # specs/kpis.md: exactly the keys, nothing added
    return Seen(data["enps"], data["enps_responses"], reason is not None, reason)


def _department_path(name: str | None) -> dict:
    return {} if name is None else {"department": name}


def api(client, name: str | None = None) -> Seen:
    response = client.get("/api/v1/kpis", {**PERIOD, **_department_path(name)})
    assert response.status_code == 200, response.content
    return from_json(response.json(), response.headers.get("X-Groeipad-eNPS-Suppressed"))


def command(name: str | None = None) -> Seen:
    out, err = io.StringIO(), io.StringIO()
    extra = ["--department", name] if name else []
    call_command("kpi", "--from", START, "--to", END, *extra, "--json", stdout=out, stderr=err)
    said = err.getvalue().strip()
    return from_json(json.loads(out.getvalue()), said.removeprefix("enps: ") or None)


def _page_query(name: str | None) -> dict:
    if name is None:
        return dict(PAGE)
    return {**PAGE, "afdeling": Department.objects.get(name=name).pk}


def page(client, name: str | None = None) -> Seen:
    """The eNPS card, and the same survey's row in the per-survey table must agree."""
    response = client.get("/inzichten/", _page_query(name))
    assert response.status_code == 200
    content = response.content.decode()
    card = content.split('data-key="enps"', 1)[1].split("</article>", 1)[0]
    value = card.split('class="kpi-value"', 1)[1].split('value="', 1)[1].split('"', 1)[0]
    counted = re.search(r'data-key="enps_responses">(\d+) response', card)
    suppressed = card.lstrip().startswith('data-suppressed="true"')
    reason = None
    if suppressed:
        reason = card.split('data-suppressed-reason="enps">', 1)[1].split("<", 1)[0]
    table = content[content.index("eNPS per survey") :]
    if suppressed:
        assert f'data-suppressed="enps">{reason}</td>' in table
    return Seen(
        float(value) if value else None,
        int(counted.group(1)) if counted else (None if suppressed else 0),
        suppressed,
        reason,
    )


def _rows_to_seen(values: dict) -> Seen:
    def number(raw):
        return None if raw in (None, "") else raw

    enps, responses = number(values["enps"]), number(values["enps_responses"])
    suppressed = values["enps_suppressed"] in (True, "True")
    return Seen(
        None if enps is None else float(enps),
        None if responses is None else int(responses),
        suppressed,
        number(values["enps_suppressed_reason"]),
    )


def export_csv(client, name: str | None = None) -> tuple[Seen, list[list[str]]]:
    """The KPI block's eNPS keys and the per-survey block's rows."""
    response = client.get("/inzichten/export.csv", _page_query(name))
    assert response.status_code == 200
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    values = {row[1]: row[2] for row in rows if len(row) == 3}
    surveys = rows[[i for i, row in enumerate(rows) if row[:1] == ["Survey"]][-1] + 1 :]
    return _rows_to_seen(values), surveys


def export_xlsx(client, name: str | None = None) -> tuple[Seen, list[tuple]]:
    response = client.get("/inzichten/export.xlsx", _page_query(name))
    assert response.status_code == 200
    kpis, _months, surveys = load_workbook(io.BytesIO(response.content)).worksheets
    values = {row[1]: row[2] for row in kpis.iter_rows(values_only=True) if len(row) > 2}
    return _rows_to_seen(values), list(surveys.iter_rows(values_only=True))[1:]


def every_edge(client, name: str | None, *, with_command: bool) -> Seen:
    """The cell through every edge the viewer has; they must all say the same."""
    through_api = api(client, name)
    seen = {"api": through_api, "page": page(client, name)}
    seen["csv"], csv_surveys = export_csv(client, name)
    seen["xlsx"], xlsx_surveys = export_xlsx(client, name)
    if with_command:
        seen["command"] = command(name)
    for edge, cell in seen.items():
        assert cell == through_api, (edge, cell, through_api)
    # The per-survey block of the exports: one survey here, the same cell; a survey
    # without answers in scope is not listed (nothing to show, nothing hidden).
    for rows in (csv_surveys, xlsx_surveys):
        if through_api.responses == 0:
            assert rows == [], rows
            continue
        (row,) = ([None if v in ("", None) else v for v in r] for r in rows)
        if through_api.suppressed:
            assert row[2:] == [None, None, through_api.reason], row
        else:
            assert int(row[2]) == through_api.responses, row
            assert float(row[3]) == through_api.enps and row[4] is None, row
    return through_api


# --- the rule, written out for the tests --------------------------------------------


def enps_of(scores: list[int]) -> float:
    promoters = sum(s >= 9 for s in scores)
    detractors = sum(s <= 6 for s in scores)
    return round(100 * (promoters - detractors) / len(scores), 4)


def subtree(tree: Mapping[str, str | None], root: str) -> set[str]:
    """``root`` and its descendants; ORG is the parent of every top-level department."""
    if root == ORG:
        return set(tree) | {ORG}
    names, changed = {root}, True
    while changed:
        more = {n for n, up in tree.items() if up in names}
        changed = not more <= names
        names |= more
    return names


def children(tree: Mapping[str, str | None], node: str) -> list[str]:
    return [n for n, up in tree.items() if (up or ORG) == node and n != ORG]


def check_cells(
    seen: Mapping[str, Seen],
    tree: Mapping[str, str | None],
    answers: Mapping[str, list[int]],
    k: int,
) -> None:
    """What a viewer obtained (cell name -> Seen, ORG for the organisation) against the
    answers (department or ORG for none -> scores):

    - a shown cell's count and eNPS equal the computation by hand;
    - a cell with 1 to k-1 answers is never shown; a hidden one shows neither figure
      nor count, and says why;
    - for every shown total and its nearest shown parts (among the cells obtained),
      the answers in the total but in no shown part number 0 or at least k.
    """

    def scores_in(node: str) -> list[int]:
        return [s for name in subtree(tree, node) for s in answers.get(name, [])]

    for name, cell in seen.items():
        scores = scores_in(name)
        if cell.suppressed:
            assert cell.enps is None and cell.responses is None, (name, cell)
            assert cell.reason == f"fewer than {k} answers", (name, cell)
        else:
            assert not 0 < len(scores) < k, (name, len(scores), cell)
            assert cell.responses == len(scores), (name, cell)
            assert cell.enps == (enps_of(scores) if scores else None), (name, cell)
            assert cell.reason is None

    def nearest_shown(node: str) -> list[str]:
        found, stack = [], children(tree, node)
        while stack:
            current = stack.pop()
            if current in seen and not seen[current].suppressed:
                found.append(current)
            else:
                stack.extend(children(tree, current))
        return found

    for name, cell in seen.items():
        if cell.suppressed:
            continue
        parts = nearest_shown(name)
        rest = len(scores_in(name)) - sum(len(scores_in(p)) for p in parts)
        assert rest == 0 or rest >= k, (name, parts, rest)
