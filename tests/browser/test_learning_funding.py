"""Who pays, in a browser: carol has a personal learning budget and asks for cheap
e-learning from it (the form shows what is left of both budgets), alice sees in the queue
which budget pays and approves, HR sees it on the personal budgets table only."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.utils import timezone

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_personal_budget_pays_and_counts_only_there(organisation, log_in, live_server, page, shot):
    from groeipad.budgets import services as budget_services
    from groeipad.budgets.models import PersonalBudget
    from groeipad.learning import services
    from groeipad.learning.models import Enrolment

    hr = organisation.user("hanna")
    year = timezone.localdate().year
    budget_services.budget_set(
        actor=hr, department=organisation.operations, year=year, amount=Decimal("5000")
    )
    PersonalBudget.objects.create(employee=organisation.carol, year=year, amount=Decimal("750"))
    PersonalBudget.objects.create(employee=organisation.alice, year=year, amount=Decimal("1000"))
    offer = services.offer_save(
        actor=hr,
        title="Excel voor gevorderden",
        kind="e_learning",
        provider="GoodHabitz",
        format="e-learning, in eigen tempo",
        duration_hours=Decimal("6"),
        cost=Decimal("95"),
    )

    log_in("carol@example.nl")
    page.wait_for_url(f"{live_server.url}/")
    page.goto(f"{live_server.url}/leren/aanbod/{offer.pk}/")
    choice = page.inner_text("fieldset.funding-choice")
    assert "750,00" in choice and "5.000,00" in choice
    assert page.is_checked("input[name=funding][value=personal]")
    shot(page, "learning-funding-01-request-form")
    with page.expect_navigation():
        page.click("form[action$='/aanvragen/'] button[type=submit]")
    enrolment = Enrolment.objects.get(employee=organisation.carol)
    assert enrolment.funding == "personal"

    page.context.clear_cookies()
    log_in("alice@example.nl")
    page.wait_for_url(f"{live_server.url}/")
    page.goto(f"{live_server.url}/leren/aanvragen/")
    # The personal budget pays (badge) with 750 left; the department's 5000 beside it.
    assert page.locator("article.request .badge.funding-personal").count() == 1
    lines = page.inner_text("article.request")
    assert "750,00" in lines and "5.000,00" in lines
    shot(page, "learning-funding-02-queue")
    with page.expect_navigation():
        page.click(f"form[action$='/{enrolment.pk}/besluit/'] button[value=approve]")
    enrolment.refresh_from_db()
    assert enrolment.status == "approved"

    page.context.clear_cookies()
    log_in("hanna@example.nl")
    page.wait_for_url(f"{live_server.url}/")
    page.goto(f"{live_server.url}/leren/budget/")
    # Operations' 5000 untouched; carol's 95 of 750 committed (13 %), alice's unused.
    assert "5.000,00" in page.inner_text(".budget-table")
    personal = page.inner_text("table.personal-table")
    assert "95,00" in personal and "655,00" in personal and "13%" in personal
    shot(page, "learning-funding-03-budgets")
