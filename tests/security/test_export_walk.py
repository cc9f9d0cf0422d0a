"""Every CSV and XLSX export neutralises formula cells: found, planted, downloaded.

The exports are found from the URL conf (every URL whose route or name says csv, xlsx
or export) and in the source (every module that writes CSV or a workbook): each must
go through groeipad.lib.spreadsheets_export. Then names and 360 comments that a
spreadsheet would run as formulas are planted, every export is downloaded, and no cell
may still start with = + - @, a tab or a carriage return.
"""

from __future__ import annotations

import csv
import io
import re
from datetime import timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from django.utils import timezone
from openpyxl import load_workbook

import groeipad
from tests.access.test_matrix import url_names

PACKAGE = Path(groeipad.__file__).resolve().parent
PAYLOADS = [
    '=HYPERLINK("http://evil.example","klik")',
    "+1",
    "-1",
    "@SUM(1+1)",
    "\t=1",
    "\r=1",
]
RISKY = ("=", "+", "-", "@", "\t", "\r")

# Every export URL, with how the walk reaches it. A new one fails
# test_every_export_url_is_walked until it is added here.
EXPORTS = {
    "skills:heatmap_csv": ("/competenties/heatmap.csv", ";"),
    "skills:heatmap_xlsx": ("/competenties/heatmap.xlsx", None),
    "insights:export_csv": ("/inzichten/export.csv?afdeling={planning}", ";"),
    "insights:export_xlsx": ("/inzichten/export.xlsx?afdeling={planning}", None),
    "learning:export_xlsx": ("/leren/export.xlsx", None),
    "feedback:report_csv": ("/feedback/rondes/{round}/rapport.csv", ","),
    "feedback:report_xlsx": ("/feedback/rondes/{round}/rapport.xlsx", None),
}
# Downloads that are not spreadsheets, each with its reason.
NOT_SPREADSHEETS = {
    "web:privacy_download": "a ZIP of JSON files (the data subject's export)",
    "web:privacy_export": "a ZIP of JSON files (the data subject's export)",
    "api:privacy_export_own": "JSON (the data subject's export)",
    "api:privacy_export_employee": "JSON (the data subject's export)",
}
WRITERS = re.compile(r"csv\.(writer|DictWriter)\(|\bWorkbook\(|xlsxwriter|\.to_csv\(|\.to_excel\(")


def test_every_export_url_is_walked(db):
    found = {
        key
        for key, route in url_names()
        if re.search(r"csv|xlsx|export", key + route, re.I) and not key.startswith("admin:")
    }
    missing = found - set(EXPORTS) - set(NOT_SPREADSHEETS)
    assert not missing, f"add these exports to EXPORTS in {__file__}: {sorted(missing)}"


def test_only_the_shared_writer_writes_spreadsheets():
    writers = sorted(
        str(path.relative_to(PACKAGE))
        for path in PACKAGE.rglob("*.py")
        if "tests" not in path.parts and WRITERS.search(path.read_text(encoding="utf-8"))
    )
    assert writers == ["lib/spreadsheets_export.py"], writers
    # Every module that answers with a spreadsheet content type uses the shared writer,
    # directly or through its app's exports module.
    for path in PACKAGE.rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        if "tests" in path.parts or not re.search(r"text/csv|spreadsheetml", text):
            continue
        assert "spreadsheets_export" in text or "exports" in text, path


def _cells(content: bytes, delimiter: str | None) -> list[str]:
    if delimiter:
        text = content.decode("utf-8-sig")
        return [cell for row in csv.reader(io.StringIO(text), delimiter=delimiter) for cell in row]
    book = load_workbook(io.BytesIO(content))
    return [
        cell
        for sheet in book.worksheets
        for row in sheet.iter_rows(values_only=True)
        for cell in row
        if isinstance(cell, str)
    ]


def _is_number(text: str) -> bool:
    try:
        float(text.replace(",", "."))
    except ValueError:
        return False
    return True


@pytest.fixture
def planted(personas):
    """Department and competency names, and 360 comments, that are formulas."""
    from groeipad.budgets import services as budgets
    from groeipad.feedback import services as feedback
    from groeipad.people.models import Department
    from groeipad.skills.models import Competency, Framework, JobRequirement
    from groeipad.skills.services import scale_default

    names = {
        personas.operations: PAYLOADS[0],
        personas.planning: PAYLOADS[1],
        personas.finance: PAYLOADS[2],
        personas.hr: PAYLOADS[3],
    }
    for department, name in names.items():
        Department.objects.filter(pk=department.pk).update(name=name)
    scale = scale_default()
    framework = Framework.objects.create(name="Kader")
    competencies = [
        Competency.objects.create(framework=framework, name_nl=name, name_en=name, scale=scale)
        for name in (PAYLOADS[4], PAYLOADS[5])
    ]
    for competency in competencies:
        JobRequirement.objects.create(
            job_profile=personas.alice.job_profile, competency=competency, level=3
        )
    hr = personas.user("hanna")
    for department in names:
        budgets.budget_set(
            actor=hr,
            department=department,
            year=timezone.localdate().year,
            amount=Decimal("1000"),
        )
    # A closed 360 round of alice's with four answering raters, each comment a formula.
    feedback.settings_update(actor=hr, min_group_size=3)
    alice = personas.user("alice")
    feedback_round = feedback.round_start(
        actor=alice, employee=personas.alice, closes_on=timezone.localdate() + timedelta(30)
    )
    for i, text in enumerate(PAYLOADS):
        rater = feedback.rater_invite(
            actor=alice,
            feedback_round=feedback_round,
            email=f"rater{i}@elders.example",
            group="peer",
        )
        rater = feedback.external_decide(actor=hr, rater=rater, approve=True)
        answers = {}
        for question in feedback_round.questions.select_related("competency"):
            if question.competency:
                answers[question.pk] = {"rating": 3}
            elif question.open_kind:
                answers[question.pk] = {"text": text}
        feedback.answer_submit(rater=rater, answers=answers)
    feedback.round_close(actor=alice, feedback_round=feedback_round)
    return {"round": feedback_round.pk, "planning": personas.planning.pk}


@pytest.mark.django_db
@pytest.mark.parametrize("key", sorted(EXPORTS))
def test_every_export_neutralises_formula_cells(planted, personas, client, key):
    from django.core.cache import cache

    cache.clear()  # organisation domains and KPI caches from other tests
    path, delimiter = EXPORTS[key]
    viewer = "alice" if key.startswith("feedback:") else "hanna"
    client.force_login(personas.user(viewer))
    client.cookies["django_language"] = "en"
    response = client.get(path.format(**planted))
    assert response.status_code == 200, (key, response.status_code, response.content[:300])
    cells = _cells(response.content, delimiter)
    risky = [
        cell
        for cell in cells
        if cell.lstrip(" ").startswith(RISKY) and not _is_number(cell.strip())
    ]
    assert not risky, f"{key}: cells a spreadsheet would run: {risky}"
    # The walk is only worth something if the planted text came out, defused.
    defused = [cell for cell in cells if any(cell.startswith("'" + p) for p in PAYLOADS)]
    assert defused, f"{key}: none of the planted names or comments is in the export"
    # "-1" and "+1" planted as text stay text: never turned into the number.
    if key.startswith("feedback:"):
        assert {"'+1", "'-1", "'@SUM(1+1)"} <= set(cells), key
