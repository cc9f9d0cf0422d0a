"""Who pays for a request: the department budget or the employee's personal budget.

Each request counts on exactly one of them (the demo once showed personal budgets 590 %
used because every request counted on both). Figures are checked by hand.
"""

from datetime import timedelta
from decimal import Decimal
from io import BytesIO

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from groeipad.budgets import selectors as budget_selectors
from groeipad.budgets.models import Funding, PersonalBudget
from groeipad.learning import services
from groeipad.learning.models import Enrolment, EnrolmentStatus
from groeipad.privacy.models import AuditEvent

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


@pytest.fixture
def english(client):
    client.cookies["django_language"] = "en"
    return client


@pytest.fixture
def personal(personas, today):
    """Carol's personal learning budget under the collective agreement: 750 euros."""
    return PersonalBudget.objects.create(
        employee=personas.carol, year=today.year, amount=Decimal("750")
    )


def _offer(personas, title, cost):
    return services.offer_save(
        actor=personas.user("hanna"),
        title=title,
        kind="e_learning",
        duration_hours=Decimal("2"),
        cost=Decimal(cost),
    )


def _carol_asks(personas, offer, **extra):
    return services.request_offer(
        actor=personas.user("carol"), employee=personas.carol, offer=offer, **extra
    )


def test_personal_is_the_default_only_when_what_is_left_covers_the_cost(
    personas, offer, budget, personal
):
    cheap = _offer(personas, "Excel online", "300")
    free = _offer(personas, "AVG in 45 minuten", "0")
    # 300 <= 750 left: personal. 1500 > 750: department. Free: nothing to pay, department.
    assert _carol_asks(personas, cheap).funding == Funding.PERSONAL
    assert _carol_asks(personas, offer).funding == Funding.DEPARTMENT
    assert _carol_asks(personas, free).funding == Funding.DEPARTMENT
    # Alice has no personal budget: only the department can pay.
    mine = services.request_offer(
        actor=personas.user("alice"), employee=personas.alice, offer=cheap
    )
    assert mine.funding == Funding.DEPARTMENT
    # The employee may choose the department although the personal budget covers it.
    second = _offer(personas, "Timemanagement", "45")
    assert _carol_asks(personas, second, funding="department").funding == Funding.DEPARTMENT


def test_default_follows_what_is_left_after_approved_personal_requests(personas, budget, personal):
    first = _carol_asks(personas, _offer(personas, "Excel online", "500"))
    services.approve(actor=personas.user("alice"), enrolment=first)
    # 750 - 500 = 250 left: a 300 offer no longer fits, a 250 one does.
    assert _carol_asks(personas, _offer(personas, "Scrum", "300")).funding == "department"
    assert _carol_asks(personas, _offer(personas, "Agile", "250")).funding == "personal"


def test_personal_funding_without_a_personal_budget_is_refused(personas, offer, today):
    with pytest.raises(ValidationError) as refused:
        _carol_asks(personas, offer, funding="personal")
    message = " ".join(refused.value.messages)
    assert message == (
        f"Carol Bakker has no personal learning budget for {today.year}, so this "
        "learning can only be paid from the department budget."
    )
    assert not Enrolment.objects.exists()
    with pytest.raises(ValidationError, match="Choose who pays"):
        _carol_asks(personas, offer, funding="bank")


def test_each_request_counts_once_on_the_budget_that_pays(personas, offer, budget, personal):
    """The regression: a request counted on both the department and the personal budget."""
    course = _carol_asks(personas, offer)  # 1500, department (does not fit 750)
    services.approve(actor=personas.user("alice"), enrolment=course)
    online = _carol_asks(personas, _offer(personas, "Excel online", "300"))  # personal
    services.approve(actor=personas.user("alice"), enrolment=online)
    small = _carol_asks(personas, _offer(personas, "Feedback geven", "200"))  # personal
    services.approve(actor=personas.user("alice"), enrolment=small)
    services.complete(actor=personas.user("alice"), enrolment=small)
    declined = _carol_asks(personas, _offer(personas, "Timemanagement", "45"))
    services.decline(actor=personas.user("alice"), enrolment=declined, reason="Later")

    status = budget_selectors.budget_status(personas.operations, budget.year)
    # Department: only the 1500 course. 2000 - 1500 = 500 left, 1500 / 2000 = 75 %.
    assert (status.committed, status.spent) == (Decimal("1500"), Decimal("0"))
    assert status.remaining == Decimal("500")
    assert status.utilisation == Decimal("75")
    assert status.hours_used == Decimal("0")  # the completed 2 hours were personal
    # Personal: committed 300 (approved), spent 200 (completed), 750 - 500 = 250 left,
    # 500 / 750 = 66.67 %.
    [row] = budget_selectors.personal_budgets_for_viewer(personas.user("alice"), budget.year)
    assert (row.amount, row.committed, row.spent) == (
        Decimal("750"),
        Decimal("300"),
        Decimal("200"),
    )
    assert row.remaining == Decimal("250")
    assert round(row.utilisation, 2) == Decimal("66.67")
    # The old counting: 2000 on the department and on the personal budget (267 %).
    assert row.used != Decimal("2000") and status.committed + status.spent != Decimal("2000")
    totals = budget_selectors.personal_budget_totals(
        budget_selectors.personal_budgets_for_viewer(personas.user("hanna"), budget.year)
    )
    assert (totals.count, totals.amount, totals.used, totals.unused) == (
        1,
        Decimal("750"),
        Decimal("500"),
        0,
    )


def test_organisation_totals_add_up_all_personal_budgets(personas, personal, today):
    PersonalBudget.objects.create(employee=personas.alice, year=today.year, amount=Decimal("1000"))
    PersonalBudget.objects.create(employee=personas.dave, year=today.year, amount=Decimal("500"))
    online = _carol_asks(personas, _offer(personas, "Excel online", "600"))
    services.approve(actor=personas.user("alice"), enrolment=online)
    services.complete(actor=personas.user("alice"), enrolment=online)
    rows = budget_selectors.personal_budgets_for_viewer(personas.user("hanna"), today.year)
    totals = budget_selectors.personal_budget_totals(rows)
    # 750 + 1000 + 500 = 2250; 600 spent; 600 / 2250 = 26.67 %; alice and dave unused.
    assert totals.amount == Decimal("2250") and totals.spent == Decimal("600")
    assert totals.remaining == Decimal("1650")
    assert round(totals.utilisation, 2) == Decimal("26.67")
    assert totals.unused == 2
    # Bob sees his line only (alice, carol): 1750, of which 600 used.
    line = budget_selectors.personal_budget_totals(
        budget_selectors.personal_budgets_for_viewer(personas.user("bob"), today.year)
    )
    assert (line.amount, line.used) == (Decimal("1750"), Decimal("600"))


def test_approval_beyond_the_personal_budget_is_refused_with_its_own_message(
    personas, budget, personal
):
    first = _carol_asks(personas, _offer(personas, "Excel online", "300"))
    services.approve(actor=personas.user("alice"), enrolment=first)
    # She asks 500 from her personal budget although only 450 is left.
    second = _carol_asks(personas, _offer(personas, "Scrum", "500"), funding="personal")
    assert budget_selectors.paying_budget(second).remaining == Decimal("450")
    with pytest.raises(ValidationError) as refused:
        services.approve(actor=personas.user("alice"), enrolment=second)
    message = " ".join(refused.value.messages)
    assert message == (
        f"Approving this request (€500.00) would exceed the personal learning budget of "
        f"Carol Bakker for {budget.year}: €450.00 is left. Pay it from the department "
        "budget instead, or only HR can approve it beyond the personal budget."
    )
    second.refresh_from_db()
    assert second.status == EnrolmentStatus.REQUESTED and second.funding == "personal"
    # The manager switches it to the department budget when deciding: approved, audited.
    services.approve(actor=personas.user("alice"), enrolment=second, funding="department")
    second.refresh_from_db()
    assert second.status == EnrolmentStatus.APPROVED and second.funding == "department"
    assert not second.budget_override
    event = AuditEvent.objects.filter(object_id=str(second.pk), summary__startswith="approved")
    assert "paid from the department budget instead of the personal" in event.get().summary
    # 2000 - 500 = 1500 left of Operations; carol's personal: 750 - 300 = 450 left.
    assert budget_selectors.budget_status(personas.operations, budget.year).remaining == Decimal(
        "1500"
    )
    assert budget_selectors.personal_budget_status(
        personas.carol, budget.year
    ).remaining == Decimal("450")


def test_hr_overrides_the_personal_budget_and_the_audit_says_so(personas, personal, today):
    second = _carol_asks(personas, _offer(personas, "Scrum", "900"), funding="personal")
    with pytest.raises(ValidationError, match="personal learning budget"):
        services.approve(actor=personas.user("bob"), enrolment=second)
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        services.approve(actor=personas.user("bob"), enrolment=second, override_budget=True)
    services.approve(actor=personas.user("hanna"), enrolment=second, override_budget=True)
    second.refresh_from_db()
    assert second.status == EnrolmentStatus.APPROVED and second.budget_override
    event = AuditEvent.objects.get(object_id=str(second.pk), summary__contains="OVERRIDE")
    assert event.actor == personas.user("hanna")
    assert f"900.00 beyond 750.00 left of personal budget 1003 {today.year}" in event.summary
    status = budget_selectors.personal_budget_status(personas.carol, today.year)
    # 750 - 900 = -150; 900 / 750 = 120 %.
    assert status.remaining == Decimal("-150") and status.utilisation == Decimal("120")


def test_switching_to_personal_when_deciding_checks_the_personal_budget(
    personas, offer, budget, personal
):
    course = _carol_asks(personas, offer)  # 1500 from the department
    with pytest.raises(ValidationError, match=r"€750\.00 is left"):
        services.approve(actor=personas.user("alice"), enrolment=course, funding="personal")
    course.refresh_from_db()
    assert course.funding == "department" and course.status == "requested"
    alices = services.request_offer(
        actor=personas.user("alice"), employee=personas.alice, offer=offer
    )
    with pytest.raises(ValidationError, match=r"Alice .* has no personal learning budget"):
        services.approve(actor=personas.user("bob"), enrolment=alices, funding="personal")


def test_a_freed_place_goes_to_a_personal_request_only_if_it_still_fits(personas, personal, today):
    online = _offer(personas, "Excel klassikaal", "400")
    session = services.session_add(
        actor=personas.user("hanna"),
        offer=online,
        starts_on=today + timedelta(days=10),
        ends_on=today + timedelta(days=10),
        place="Utrecht",
        capacity=1,
    )
    alices = services.request_offer(
        actor=personas.user("alice"), employee=personas.alice, offer=online, session=session
    )
    services.approve(actor=personas.user("bob"), enrolment=alices)
    carols = _carol_asks(personas, online, session=session)
    assert carols.funding == "personal"
    assert services.approve(actor=personas.user("alice"), enrolment=carols).status == "waitlisted"
    # Meanwhile carol's personal budget is cut to 300: the 400 no longer fits.
    PersonalBudget.objects.filter(pk=personal.pk).update(amount=Decimal("300"))
    services.cancel(actor=personas.user("alice"), enrolment=alices)
    carols.refresh_from_db()
    assert carols.status == EnrolmentStatus.WAITLISTED
    PersonalBudget.objects.filter(pk=personal.pk).update(amount=Decimal("750"))
    again = services.request_offer(
        actor=personas.user("alice"), employee=personas.alice, offer=online, session=session
    )
    services.approve(actor=personas.user("bob"), enrolment=again)  # the free place
    services.cancel(actor=personas.user("alice"), enrolment=again)
    carols.refresh_from_db()
    assert carols.status == EnrolmentStatus.APPROVED


# --- Pages, API and export ----------------------------------------------------------


def test_request_form_shows_both_remaining_amounts_and_defaults_to_personal(
    personas, offer, budget, personal, login, english
):
    cheap = _offer(personas, "Excel online", "300")
    client = login(personas.user("carol"))
    page = client.get(f"/leren/aanbod/{cheap.pk}/").content.decode()
    assert "€ 750.00" in page and "€ 2,000.00" in page
    assert 'value="personal" checked' in page
    page = client.get(f"/leren/aanbod/{offer.pk}/").content.decode()  # 1500: department
    assert 'value="department" checked' in page
    client.post(f"/leren/aanbod/{cheap.pk}/aanvragen/", {"funding": "department"})
    assert Enrolment.objects.get(offer=cheap).funding == "department"
    # Without a personal budget there is nothing to choose; the department's rest shows.
    page = login(personas.user("alice")).get(f"/leren/aanbod/{cheap.pk}/").content.decode()
    assert 'name="funding"' not in page and "€ 2,000.00" in page


def test_personal_request_without_a_budget_on_the_page_says_why(personas, offer, login, english):
    client = login(personas.user("carol"))
    response = client.post(
        f"/leren/aanbod/{offer.pk}/aanvragen/", {"funding": "personal"}, follow=True
    )
    assert "has no personal learning budget" in response.content.decode()
    assert not Enrolment.objects.exists()


def test_queue_shows_which_budget_pays_and_the_manager_switches_it(
    personas, budget, personal, login, english
):
    online = _carol_asks(personas, _offer(personas, "Excel online", "300"))
    client = login(personas.user("alice"))
    queue = client.get("/leren/aanvragen/").content.decode()
    assert "personal learning budget" in queue
    assert "€ 750.00" in queue and "€ 2,000.00" in queue  # personal left, department left
    client.post(
        f"/leren/aanvragen/{online.pk}/besluit/", {"decision": "approve", "funding": "department"}
    )
    online.refresh_from_db()
    assert online.status == "approved" and online.funding == "department"


def test_budget_page_personal_table_and_organisation_utilisation(
    personas, budget, personal, login, english, today
):
    online = _carol_asks(personas, _offer(personas, "Excel online", "300"))
    services.approve(actor=personas.user("alice"), enrolment=online)
    page = login(personas.user("hanna")).get(f"/leren/budget/?year={today.year}")
    text = page.content.decode()
    # 300 committed of 750: 450 left, 40 %. Across the organisation the same (one budget).
    assert "€ 300.00" in text and "€ 450.00" in text and "40%" in text
    assert "Across the organisation 40% of the individual learning budgets is used" in text
    # Operations' figures do not include carol's personal request: 2000 left, 0 %.
    assert "€ 2,000.00" in text
    line = login(personas.user("alice")).get(f"/leren/budget/?year={today.year}")
    assert "In your line 40%" in line.content.decode()


def test_api_funding_in_requests_decisions_and_personal_budgets(
    personas, budget, personal, login, today
):
    cheap = _offer(personas, "Excel online", "300")
    client = login(personas.user("carol"))
    client.cookies["django_language"] = "en"  # the messages below are matched in English
    response = client.post(
        "/api/v1/learning/requests", {"offer_id": cheap.pk}, content_type="application/json"
    )
    assert response.status_code == 201
    body = response.json()
    assert body["funding"] == "personal" and Decimal(body["budget_remaining"]) == Decimal("750")
    other = _offer(personas, "Scrum", "200")
    response = login(personas.user("alice")).post(
        "/api/v1/learning/requests",
        {"offer_id": other.pk, "funding": "personal"},
        content_type="application/json",
        headers={"accept-language": "en"},
    )
    assert response.status_code == 422
    assert "no personal learning budget" in response.content.decode()
    client = login(personas.user("alice"))
    response = client.post(
        f"/api/v1/learning/requests/{body['id']}/approve",
        {"funding": "department"},
        content_type="application/json",
    )
    approved = response.json()
    assert approved["status"] == "approved" and approved["funding"] == "department"
    assert Decimal(approved["budget_remaining"]) == Decimal("1700")  # 2000 - 300
    rows = client.get(f"/api/v1/learning/budgets/personal?year={today.year}").json()
    assert [
        (r["employee_number"], Decimal(r["amount"]), Decimal(r["remaining"])) for r in rows
    ] == [("1003", Decimal("750"), Decimal("750"))]
    # Outsider and employee: no budgets at all.
    for name in ("dave", "carol"):
        url = "/api/v1/learning/budgets/personal"
        assert login(personas.user(name)).get(url).status_code == 403


def test_export_has_the_funding_and_the_personal_budgets(
    personas, budget, personal, login, english, today
):
    from openpyxl import load_workbook

    online = _carol_asks(personas, _offer(personas, "Excel online", "300"))
    services.approve(actor=personas.user("alice"), enrolment=online)
    response = login(personas.user("alice")).get(f"/leren/export.xlsx?year={today.year}")
    book = load_workbook(BytesIO(response.content))
    requests = list(book.worksheets[0].iter_rows(values_only=True))
    column = requests[0].index("Paid from")
    assert requests[1][column] == "personal learning budget"
    personal_rows = list(book.worksheets[2].iter_rows(min_row=2, values_only=True))
    assert [(r[0], r[3], r[4], r[6]) for r in personal_rows] == [("1003", 750, 300, 450)]


def test_budget_page_queries_do_not_grow_with_personal_budgets(
    personas, budget, personal, login, today
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = login(personas.user("hanna"))
    url = f"/leren/budget/?year={today.year}"
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    for employee in (personas.alice, personas.bob, personas.dave, personas.hanna):
        PersonalBudget.objects.create(employee=employee, year=today.year, amount=Decimal("500"))
    with CaptureQueriesContext(connection) as more:
        assert client.get(url).status_code == 200
    assert len(more) == len(few)


def test_my_learning_shows_which_budget_pays(personas, personal, login, english):
    _carol_asks(personas, _offer(personas, "Excel online", "300"))
    page = login(personas.user("carol")).get("/leren/mijn/").content.decode()
    assert 'class="badge funding-personal"' in page
