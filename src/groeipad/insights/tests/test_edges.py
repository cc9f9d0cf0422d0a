"""The CLI, the API and the page give the same figures; who may see which scope."""

from __future__ import annotations

import io
import json
from datetime import date
from decimal import Decimal

import pytest
from django.core.management import CommandError, call_command

from groeipad.insights.kpis import compute_kpis
from groeipad.learning.models import LearningActivity
from groeipad.people.models import Department, Employee, Movement
from groeipad.privacy.models import AuditEvent
from groeipad.surveys.models import Survey, SurveyAnswer

PERIOD = {"start": "2023-01-01", "end": "2023-12-31"}
PAGE = {"van": "2023-01-01", "tot": "2023-12-31"}


@pytest.fixture(autouse=True)
def _english(settings):
    # Messages are checked by their English msgids, whatever locale/nl says.
    settings.LANGUAGE_CODE = "en"


@pytest.fixture
def organisation(personas):
    """The personas plus some history in 2023, so every figure has something to show."""
    Employee.objects.filter(pk=personas.carol.pk).update(
        leave_date=date(2023, 6, 30), leave_reason="voluntary"
    )
    Movement.objects.create(employee=personas.alice, date=date(2023, 3, 1), kind="promotion")
    LearningActivity.objects.create(
        employee=personas.carol,
        date=date(2023, 2, 1),
        title="Excel",
        kind="external_training",
        hours=Decimal("8"),
        cost=Decimal("450.50"),
    )
    LearningActivity.objects.create(
        employee=personas.dave,
        date=date(2023, 2, 1),
        title="Mentor",
        kind="mentoring",
        hours=Decimal("4"),
        cost=Decimal("0"),
    )
    survey = Survey.objects.create(name="2023", closing_date=date(2023, 11, 30))
    for score, department in ((10, personas.planning), (3, personas.finance), (8, None)):
        SurveyAnswer.objects.create(survey=survey, score=score, department=department)
    return personas


def cli_json(*args) -> dict:
    out = io.StringIO()
    call_command("kpi", "--from", "2023-01-01", "--to", "2023-12-31", *args, "--json", stdout=out)
    return json.loads(out.getvalue())


def page_value(content: str, key: str) -> str:
    """A card's exact figure: the machine-readable value of its <data class="kpi-value">;
    the text shows it rounded for people (test_page checks that)."""
    after = content.split(f'data-key="{key}"', 1)[1]
    return after.split('class="kpi-value"', 1)[1].split('value="', 1)[1].split('"', 1)[0]


@pytest.mark.django_db
def test_cli_api_and_page_give_the_same_figures(organisation, login):
    client = login(organisation.user("hanna"))
    for department in (None, "Operations"):
        cli = cli_json(*(["--department", department] if department else []))
        api = client.get(
            "/api/v1/kpis", {**PERIOD, **({"department": department} if department else {})}
        )
        assert api.status_code == 200
        assert api.json() == cli
        scope = Department.objects.get(name=department) if department else None
        engine = compute_kpis(start=date(2023, 1, 1), end=date(2023, 12, 31), department=scope)
        assert cli["payroll"] == float(engine["payroll"]) and cli["enps"] == engine["enps"]
        page = client.get("/inzichten/", {**PAGE, **({"afdeling": scope.pk} if scope else {})})
        content = page.content.decode()
        for key in (
            "headcount_start",
            "leavers",
            "payroll",
            "development_spend",
            "enps",
            "turnover_rate",
            "replacement_cost_high",
        ):
            shown = page_value(content, key)
            assert shown == ("" if cli[key] is None else str(engine[key])), key


@pytest.mark.django_db
def test_json_writes_money_with_two_decimals(organisation):
    out = io.StringIO()
    call_command("kpi", "--from", "2023-01-01", "--to", "2023-12-31", "--json", stdout=out)
    assert '"development_spend": 450.50' in out.getvalue()
    assert next(iter(json.loads(out.getvalue()))) == "headcount_start"


@pytest.mark.django_db
def test_cli_table_lists_every_key_aligned(organisation):
    out = io.StringIO()
    call_command("kpi", "--from", "2023-01-01", "--to", "2023-12-31", stdout=out)
    text = out.getvalue()
    for key in cli_json():
        assert f" {key} " in text
    assert "450.50" in text


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--from", "2023-13-01", "--to", "2023-12-31"], "--from: '2023-13-01' is not a date"),
        (["--from", "2023-01-01", "--to", "2022-12-31"], "--to 2022-12-31 is before --from"),
        (
            ["--from", "2023-01-01", "--to", "2023-12-31", "--department", "Nowhere"],
            "no department (or more than one) named 'Nowhere'",
        ),
    ],
)
def test_cli_refuses_bad_input_with_a_clear_message(personas, args, message):
    with pytest.raises(CommandError, match=message.replace("(", r"\(").replace(")", r"\)")):
        call_command("kpi", *args)


# --- who may see which scope ------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize("who", ["carol", "dave"])
def test_employee_without_reports_gets_403(organisation, login, who):
    client = login(organisation.user(who))
    assert client.get("/api/v1/kpis", PERIOD).status_code == 403
    assert client.get("/inzichten/", PAGE).status_code == 403
    assert client.get("/inzichten/export.csv", PAGE).status_code == 403
    assert client.get("/inzichten/export.xlsx", PAGE).status_code == 403


@pytest.mark.django_db
def test_anonymous_gets_401_from_api_and_login_page(client, organisation):
    assert client.get("/api/v1/kpis", PERIOD).status_code == 401
    assert client.get("/inzichten/", PAGE).status_code == 302


@pytest.mark.django_db
def test_manager_without_a_department_gets_their_line(organisation, login):
    # Rewritten for specs/kpis.md "A manager's scope: the line" (was: their department).
    client = login(organisation.user("alice"))
    response = client.get("/api/v1/kpis", PERIOD)
    assert response.status_code == 200
    assert response["X-Groeipad-Line"] == "1002" and "X-Groeipad-Department" not in response
    assert response.json() == cli_json("--manager", "1002")
    # Alice's line is Carol alone; Alice herself is not in it.
    assert response.json()["headcount_start"] == 1
    page = client.get("/inzichten/", PAGE).content.decode()
    assert "Line of Alice Jansen (1002)" in page
    assert page_value(page, "headcount_start") == "1"


@pytest.mark.django_db
def test_manager_sees_a_department_only_when_it_lies_wholly_inside_their_line(organisation, login):
    # Rewritten for the line rule (was: any department under the manager's own).
    bob = login(organisation.user("bob"))
    planning = bob.get("/api/v1/kpis", {**PERIOD, "department": "Planning"})
    assert (
        planning.status_code == 200 and planning["X-Groeipad-Department"] == "Operations/Planning"
    )
    assert planning.json()["headcount_start"] == 2
    # Operations holds Bob himself, who is not in his own line.
    operations = bob.get("/api/v1/kpis", {**PERIOD, "department": "Operations"})
    assert operations.status_code == 403 and "wholly inside" in operations.json()["detail"]
    assert bob.get("/api/v1/kpis", {**PERIOD, "department": "Finance"}).status_code == 403
    alice = login(organisation.user("alice"))
    assert alice.get("/api/v1/kpis", {**PERIOD, "department": "Operations"}).status_code == 403
    assert alice.get("/api/v1/kpis", {**PERIOD, "department": "Planning"}).status_code == 403
    # The page only offers departments inside the line; a forged id is refused by the form.
    page = alice.get("/inzichten/", {**PAGE, "afdeling": organisation.finance.pk})
    assert page.status_code == 200 and 'data-key="headcount_start"' not in page.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("who", ["hanna", "admin"])
def test_hr_and_admin_see_any_department(organisation, login, who):
    client = login(organisation.user(who))
    whole = client.get("/api/v1/kpis", PERIOD)
    assert whole.status_code == 200 and whole.json()["headcount_start"] == 5
    finance = client.get("/api/v1/kpis", {**PERIOD, "department": "Finance"})
    assert finance.json()["headcount_start"] == 1
    assert (
        client.get("/inzichten/", {**PAGE, "afdeling": organisation.finance.pk}).status_code == 200
    )


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("params", "field", "text"),
    [
        ({"start": "2023-01-01", "end": "2022-01-01"}, "end", "before the start"),
        ({**PERIOD, "department": "Nowhere"}, "department", "Unknown department: Nowhere"),
        ({"start": "2023-02-30", "end": "2023-12-31"}, "start", ""),
        ({"end": "2023-12-31"}, "start", ""),
    ],
)
def test_api_refuses_bad_parameters_with_422(organisation, login, params, field, text):
    response = login(organisation.user("hanna")).get("/api/v1/kpis", params)
    assert response.status_code == 422
    detail = response.json()["detail"]
    assert detail[0]["loc"][-1] == field and text in detail[0]["msg"]


@pytest.mark.django_db
def test_page_defaults_to_the_last_full_calendar_year(organisation, login):
    page = login(organisation.user("hanna")).get("/inzichten/").content.decode()
    assert 'data-key="headcount_start"' in page
    assert "<svg" in page and "<details>" in page
    assert "cdn" not in page.casefold() and "<script" not in page


@pytest.mark.django_db
def test_page_shows_a_bad_period_as_a_form_error(organisation, login):
    page = login(organisation.user("hanna")).get(
        "/inzichten/", {"van": "2023-05-01", "tot": "2023-01-01"}
    )
    assert page.status_code == 200
    assert "The end date is before the start date." in page.content.decode()


@pytest.mark.django_db
def test_chart_labels_are_escaped(organisation, login):
    Survey.objects.create(name="<script>alert(1)</script>", closing_date=date(2023, 12, 1))
    SurveyAnswer.objects.create(survey=Survey.objects.get(closing_date=date(2023, 12, 1)), score=9)
    page = login(organisation.user("hanna")).get("/inzichten/", PAGE).content.decode()
    assert "<script>alert(1)" not in page


# --- exports ---------------------------------------------------------------------


@pytest.mark.django_db
def test_csv_export_has_the_kpis_and_months_and_is_audited(organisation, login):
    Department.objects.filter(pk=organisation.finance.pk).update(name="=HYPERLINK(1)")
    client = login(organisation.user("hanna"))
    response = client.get("/inzichten/export.csv", {**PAGE, "afdeling": organisation.finance.pk})
    assert response.status_code == 200
    text = response.content.decode("utf-8-sig")
    assert "Department;'=HYPERLINK(1);" in text
    assert "headcount_start;1" in text and "2023-12;1;0;0" in text
    event = AuditEvent.objects.get(action="export")
    assert event.changes["format"] == "csv" and event.changes["department"] == "=HYPERLINK(1)"


@pytest.mark.django_db
def test_xlsx_export_holds_three_sheets_and_is_audited(organisation, login):
    from openpyxl import load_workbook

    response = login(organisation.user("bob")).get("/inzichten/export.xlsx", PAGE)
    assert response.status_code == 200
    workbook = load_workbook(io.BytesIO(response.content))
    kpis, months, surveys = workbook.worksheets
    values = {row[1]: row[2] for row in kpis.iter_rows(values_only=True) if len(row) > 2}
    # Bob's export is his line (Alice and Carol), not the Operations department.
    expected = cli_json("--manager", "1001")
    assert values["headcount_start"] == expected["headcount_start"] == 2
    assert float(values["payroll"]) == expected["payroll"]
    assert months.max_row == 13
    assert surveys.max_row >= 1  # the header, then one row per survey with answers in scope
    assert AuditEvent.objects.filter(action="export", actor=organisation.user("bob")).count() == 1


@pytest.mark.django_db
def test_export_of_a_bad_period_is_refused_with_a_message(organisation, login):
    response = login(organisation.user("hanna")).get("/inzichten/export.csv", {"van": "x"})
    assert response.status_code == 400 and b"van" in response.content
    assert not AuditEvent.objects.filter(action="export").exists()


# --- replacement-cost settings ----------------------------------------------------


@pytest.mark.django_db
def test_hr_changes_the_rates_and_the_change_is_audited(organisation, login):
    from groeipad.insights.services import current_organisation

    version = current_organisation().version
    client = login(organisation.user("hanna"))
    client.post(
        "/inzichten/instellingen/",
        {"replacement_cost_low": "0.30", "replacement_cost_high": "1.00", "version": version},
    )
    org = current_organisation()
    assert (org.replacement_cost_low, org.replacement_cost_high) == (
        Decimal("0.30"),
        Decimal("1.00"),
    )
    assert org.version == version + 1
    event = AuditEvent.objects.get(object_type="organisation")
    assert event.changes["after"]["replacement_cost_low"] == "0.30"
    # Carol earned 48000 and left in 2023.
    assert cli_json()["replacement_cost_low"] == 14400.0


@pytest.mark.django_db
def test_a_stale_rates_form_changes_nothing_and_says_so(organisation, login):
    from groeipad.insights.services import current_organisation

    version = current_organisation().version
    client = login(organisation.user("hanna"))
    client.post(
        "/inzichten/instellingen/",
        {"replacement_cost_low": "0.30", "replacement_cost_high": "1.00", "version": version},
    )
    response = client.post(
        "/inzichten/instellingen/",
        {"replacement_cost_low": "0.10", "replacement_cost_high": "0.50", "version": version},
        follow=True,
    )
    assert "Someone else changed the rates" in response.content.decode()
    assert current_organisation().replacement_cost_low == Decimal("0.30")


@pytest.mark.django_db
@pytest.mark.parametrize("who", ["bob", "carol"])
def test_only_hr_may_change_the_rates(organisation, login, who):
    client = login(organisation.user(who))
    response = client.post(
        "/inzichten/instellingen/",
        {"replacement_cost_low": "0.10", "replacement_cost_high": "0.50", "version": 1},
    )
    assert response.status_code == 403
    assert 'name="replacement_cost_low"' not in client.get("/inzichten/", PAGE).content.decode()
