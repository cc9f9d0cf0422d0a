"""The insights page as people read it: themed cards, rounded figures, charts in cards."""

from __future__ import annotations

import re
from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from groeipad.insights.charts import _ticks
from groeipad.learning.models import LearningActivity
from groeipad.people.models import Employee, Movement
from groeipad.surveys.models import Survey, SurveyAnswer

PAGE = {"van": "2023-01-01", "tot": "2023-12-31"}
NBSP = "\u00a0"


@pytest.fixture
def organisation(personas):
    """Five people on 48,000 a year since 2020; in 2023 Carol leaves, Alice is promoted,
    two learn and eight answer the survey (over the anonymity threshold of 5)."""
    Employee.objects.filter(pk=personas.carol.pk).update(
        leave_date=date(2023, 6, 30), leave_reason="voluntary"
    )
    Movement.objects.create(employee=personas.alice, date=date(2023, 3, 1), kind="promotion")
    for employee, kind, hours, cost in (
        (personas.carol, "external_training", "8", "450.50"),
        (personas.dave, "mentoring", "4", "0"),
    ):
        LearningActivity.objects.create(
            employee=employee,
            date=date(2023, 2, 1),
            title="x",
            kind=kind,
            hours=Decimal(hours),
            cost=Decimal(cost),
        )
    survey = Survey.objects.create(name="Najaar 2023", closing_date=date(2023, 11, 30))
    for score in (10, 9, 8, 3) * 2:
        SurveyAnswer.objects.create(survey=survey, score=score)
    return personas


@pytest.fixture
def page(organisation, login, client):
    def _page(language: str = "nl", **params) -> str:
        client.cookies["django_language"] = language
        response = login(organisation.user("hanna")).get("/inzichten/", {**PAGE, **params})
        assert response.status_code == 200
        return response.content.decode()

    return _page


def card(content: str, key: str) -> str:
    """The HTML of one KPI card, from its data-key to the end of the article."""
    start = content.index('<article class="kpi-card')
    after = content[start:]
    marker = after.index(f'data-key="{key}"')
    begin = after.rindex("<article", 0, marker)
    return after[begin : after.index("</article>", marker)]


def text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html)).strip()


@pytest.mark.django_db
def test_cards_sit_under_their_themes_in_order(page):
    content = page("en")
    headings = re.findall(r'<h2 id="group-[a-z]+">([^<]+)</h2>', content)
    assert headings == [
        "Staffing",
        "Retention and turnover",
        "Internal mobility",
        "Satisfaction",
        "Development",
    ]
    staffing = content.split('id="group-staffing"')[1].split('id="group-retention"')[0]
    for key in ("headcount_start", "headcount_end", "average_headcount", "hires", "leavers"):
        assert f'data-key="{key}"' in staffing


@pytest.mark.django_db
def test_dutch_cards_write_dutch_numbers(page):
    content = page("nl")
    # 5 at the start, 4 at the end: an average of 4.5; one leaver of 4.5 is 22.2%.
    assert "4,5" in text(card(content, "average_headcount"))
    assert "22,2%" in text(card(content, "turnover_rate"))
    # Four of the five stayed: 80%.
    assert "80,0%" in text(card(content, "retention_rate"))
    # 1 promotion and no hires: every opening filled from inside.
    assert "100,0%" in text(card(content, "internal_fill_rate"))
    # Promoters (9, 10) minus detractors (3) of four answers, twice: +25.
    enps = text(card(content, "enps"))
    assert "+25" in enps and "8 antwoorden" in enps


@pytest.mark.django_db
def test_money_is_rounded_on_the_card_with_the_exact_sum_in_its_title(page):
    content = page("nl")
    # Four full years of 48,000 and Carol's 181 days (1 January to 30 June).
    payroll = (4 * Decimal(48000) + Decimal(48000) * 181 / 365).quantize(Decimal("0.01"))
    whole = f"{payroll:,.0f}".replace(",", ".")
    exact = f"{payroll:,.2f}".replace(",", "_").replace(".", ",").replace("_", ".")
    html = card(content, "payroll")
    assert f">€{NBSP}{whole}</data>" in html
    assert f'title="€{NBSP}{exact}"' in html
    assert f'value="{payroll}"' in html
    # Small sums keep their cents.
    assert f"€{NBSP}450,50" in card(content, "development_spend")


@pytest.mark.django_db
def test_replacement_cost_is_one_card_from_low_to_high(page):
    html = card(page("en"), "replacement_cost")
    # Carol earned 48,000; the default rates are 20% and 75% of that.
    assert re.search(r">€9,600</data>\s*<span class=\"dash\">–</span>\s*<data[^>]*>€36,000<", html)
    assert "20% to 75%" in text(html)


@pytest.mark.django_db
def test_english_cards_write_english_numbers(page):
    content = page("en")
    assert "22.2%" in text(card(content, "turnover_rate"))
    assert "€450.50" in text(card(content, "development_spend"))
    # 12 learning hours over an average of 4.5 people.
    assert "2.7" in text(card(content, "learning_hours_per_employee"))


@pytest.mark.django_db
def test_spend_card_places_the_share_against_the_awvn_band(page):
    html = card(page("en"), "development_spend_pct_payroll")
    # 450.50 of a payroll over 200,000 is about 0.2%: below AWVN's 1-3%.
    assert "0.2%" in text(html)
    assert "Below the AWVN band of 1–3%" in text(html)
    assert 'class="band-range" style="left: 20.00%; width: 40.00%"' in html


@pytest.mark.django_db
def test_learning_mix_card_shows_actual_against_target(page):
    html = card(page("en"), "learning_mix")
    # 8 formal hours and 4 through others: two thirds and one third, nothing on the job.
    assert "66.7%" in text(html) and "33.3%" in text(html) and "0.0%" in text(html)
    assert 'style="width: 66.6667%"' in html
    assert 'style="width: 70%"' in html  # the target bar


@pytest.mark.django_db
def test_missing_figures_show_a_dash_and_say_why(page):
    content = page("en", van="2019-01-01", tot="2019-12-31")
    turnover = text(card(content, "turnover_rate"))
    assert "—" in turnover and "no headcount" in turnover
    enps = text(card(content, "enps"))
    assert "—" in enps and "no survey in this period" in enps
    assert "no learning hours in this period" in text(card(content, "learning_mix"))
    assert "None" not in text(content.split('class="kpi-board"')[1].split("chart-section")[0])


@pytest.mark.django_db
def test_quick_periods_keep_the_department(page, organisation):
    content = page("en", afdeling=organisation.planning.pk)
    today = timezone.localdate()
    start = today.replace(year=today.year - 1) + timedelta(days=1)
    links = dict(re.findall(r'<a href="\?([^"]+)"[^>]*>([^<]+)</a>', content))
    by_label = {label: query for query, label in links.items()}
    assert f"tot={today.isoformat()}" in by_label["This year to date"]
    assert f"van={today.year}-01-01" in by_label["This year to date"]
    assert f"van={start.isoformat()}" in by_label["Last 12 months"]
    assert f"van={today.year - 1}-01-01" in by_label["Last year"]
    assert all(f"afdeling={organisation.planning.pk}" in query for query in by_label.values())


@pytest.mark.django_db
def test_quick_period_in_use_is_marked(page):
    today = timezone.localdate()
    content = page("en", van=f"{today.year - 1}-01-01", tot=f"{today.year - 1}-12-31")
    assert re.search(r'aria-current="true">Last year<', content)


@pytest.mark.django_db
def test_each_chart_sits_in_a_card_with_its_numbers_and_no_script(page):
    content = page("en")
    figures = re.findall(r'<figure class="card chart-card">(.*?)</figure>', content, re.S)
    assert len(figures) == 5
    for figure in figures:
        assert "<svg" in figure and "<details><summary>Numbers</summary>" in figure
    assert "<script" not in content and "cdn" not in content.casefold()


@pytest.mark.django_db
def test_chart_tables_write_formatted_numbers(page):
    content = page("nl")
    spend = re.findall(r'<figure class="card chart-card">(.*?)</figure>', content, re.S)[4]
    assert f"€{NBSP}450,50" in spend  # Q1's spend, to the cent


@pytest.mark.django_db
def test_filter_bar_has_a_styled_show_button(page):
    content = page("en")
    assert '<button type="submit" class="primary">Show</button>' in content


@pytest.mark.django_db
def test_the_rates_form_is_its_own_card_for_hr_only(page, organisation, login, client):
    assert '<section class="card settings-card"' in page("en")
    client.cookies["django_language"] = "en"
    manager = login(organisation.user("bob")).get("/inzichten/", PAGE).content.decode()
    assert "settings-card" not in manager


@pytest.mark.parametrize(
    ("highest", "at_least", "ticks"),
    [
        (184, 5, [0, 50, 100, 150, 200]),
        (5.58, 2, [0, 2, 4, 6]),
        (0, 5, [0, 1, 2, 3, 4, 5]),
        (3.5, 2, [0, 1, 2, 3, 4]),
        (1000, 5, [0, 200, 400, 600, 800, 1000]),
    ],
)
def test_chart_axes_get_round_ticks(highest, at_least, ticks):
    assert _ticks(highest, at_least=at_least) == ticks
