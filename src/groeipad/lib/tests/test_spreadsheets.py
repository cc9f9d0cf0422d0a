import io
from datetime import date, datetime

import pytest
from django.utils import translation
from openpyxl import Workbook

from groeipad.lib.spreadsheets import SpreadsheetError, detect_separator, read_table


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


def test_separator_is_the_more_frequent_of_comma_and_semicolon_outside_quotes():
    assert detect_separator("a,b,c") == ","
    assert detect_separator("a;b;c") == ";"
    assert detect_separator('"x,y,z";b;c') == ";"
    assert detect_separator("single") == ","


@pytest.mark.parametrize(
    "data",
    [
        "nummer;naam\n1;Zoë\n".encode(),
        b"\xef\xbb\xbf" + "nummer;naam\n1;Zoë\n".encode(),
        "nummer;naam\r\n1;Zoë\r\n".encode("cp1252"),
    ],
    ids=["utf-8", "utf-8 with BOM", "windows-1252"],
)
def test_csv_reads_the_same_in_every_encoding(data):
    table = read_table(io.BytesIO(data))
    assert table.headers == ["nummer", "naam"]
    assert [(row.line, row.values) for row in table.rows] == [(2, ("1", "Zoë"))]


def test_line_numbers_count_physical_lines_across_quoted_line_breaks(tmp_path):
    path = tmp_path / "people.csv"
    path.write_bytes(b'nr,note,date\n1,"two\nlines",x\n\n2,"a\r\nb\r\nc",y\n3,plain,z\n')
    table = read_table(path)
    assert [row.line for row in table.rows] == [2, 5, 8]
    second = table.rows[1]
    # The third cell of the second row starts two lines below the row's first line.
    assert table.line_of(second, 0) == 5
    assert table.line_of(second, 2) == 7


def test_xlsx_first_sheet_keeps_cell_types_and_row_numbers(tmp_path):
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["Personeelsnummer", "Datum in dienst", "FTE"])
    sheet.append([1001, datetime(2020, 1, 6), 0.8])
    sheet.append([])
    sheet.append(["1002", "06-01-2020", "0,8"])
    workbook.create_sheet("second").append(["ignored"])
    path = tmp_path / "people.xlsx"
    workbook.save(path)
    table = read_table(path)
    assert table.headers == ["Personeelsnummer", "Datum in dienst", "FTE"]
    assert [row.line for row in table.rows] == [2, 4]
    assert table.rows[0].values[:3] == (1001, datetime(2020, 1, 6), 0.8)
    assert table.rows[1].values[:3] == ("1002", "06-01-2020", "0,8")
    assert date(2020, 1, 6) == table.rows[0].values[1].date()


def test_unreadable_files_say_why(tmp_path):
    with pytest.raises(SpreadsheetError, match="is empty"):
        read_table(io.BytesIO(b"\n\n"))
    with pytest.raises(SpreadsheetError, match=r"old Excel \.xls"):
        read_table(io.BytesIO(b"\xd0\xcf\x11\xe0rest"))
    with pytest.raises(SpreadsheetError, match="cannot be read as an XLSX"):
        read_table(io.BytesIO(b"PK\x03\x04broken"))
    with pytest.raises(SpreadsheetError, match="cannot be read"):
        read_table(tmp_path / "missing.csv")
