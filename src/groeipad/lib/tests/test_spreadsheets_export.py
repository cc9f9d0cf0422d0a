"""Every export cell that a spreadsheet would run as a formula is written as text."""

from __future__ import annotations

import csv
import io
from decimal import Decimal

from openpyxl import load_workbook

from groeipad.lib.spreadsheets_export import csv_bytes, neutralise, xlsx_bytes

RISKY = ['=HYPERLINK("http://evil","x")', "+1+1", "-2+3", "@SUM(A1)", "\tx", "\rx", "  =1+1"]
SAFE = ["Anna", "e-mail", "", "'quoted"]
NUMBERS = [-12, Decimal("-3.5"), 0, 7.25]


def test_csv_risky_text_gets_a_quote_numbers_stay_numbers():
    body = csv_bytes([[*RISKY, *SAFE, *NUMBERS]], delimiter=",", bom=False).decode()
    row = next(csv.reader(io.StringIO(body)))
    assert row[: len(RISKY)] == ["'" + v for v in RISKY]
    assert row[len(RISKY) : len(RISKY) + len(SAFE)] == SAFE
    assert row[len(RISKY) + len(SAFE) :] == ["-12", "-3.5", "0", "7.25"]


def test_xlsx_risky_text_is_a_string_cell_numbers_stay_numeric():
    book = load_workbook(io.BytesIO(xlsx_bytes({"S": [[*RISKY, *SAFE, *NUMBERS]]})))
    cells = next(book["S"].iter_rows())
    assert all(c.data_type != "f" for c in cells)
    # XML turns a bare CR into LF on reading: compare with that in mind.
    assert [c.value for c in cells[: len(RISKY)]] == ["'" + v.replace("\r", "\n") for v in RISKY]
    assert all(c.data_type == "s" for c in cells[: len(RISKY)])
    numeric = cells[len(RISKY) + len(SAFE) :]
    assert [c.data_type for c in numeric] == ["n"] * 4
    assert [c.value for c in numeric] == [-12, -3.5, 0, 7.25]


def test_text_that_a_spreadsheet_would_run_as_a_formula_gets_an_apostrophe():
    for risky in ("=1+1", "+31 6", "-x", "@SUM(A1)", "\tx", "\rx"):
        assert neutralise(risky) == "'" + risky
    assert neutralise("Planning") == "Planning"
    assert neutralise("") == ""


def test_numbers_are_left_alone_even_when_negative():
    assert neutralise(-20.5) == -20.5
    assert csv_bytes([["eNPS", -20.5, None]]).decode("utf-8-sig") == "eNPS;-20.5;\r\n"


def test_csv_neutralises_every_text_cell():
    text = csv_bytes([['=HYPERLINK("x")', "@a", "ok"]]).decode("utf-8-sig")
    assert text.startswith('"\'=HYPERLINK(""x"")";\'@a;ok')


def test_xlsx_stores_risky_text_as_text_not_as_a_formula():
    workbook = load_workbook(io.BytesIO(xlsx_bytes({"Sheet": [["=1+1", 3, "-2"]]})))
    cells = next(workbook["Sheet"].iter_rows())
    assert [c.value for c in cells] == ["'=1+1", 3, "'-2"]
    assert cells[0].data_type == "s"
