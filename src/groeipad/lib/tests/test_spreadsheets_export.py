import io

from openpyxl import load_workbook

from groeipad.lib.spreadsheets_export import csv_bytes, neutralise, xlsx_bytes


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
