"""The learning flow in a browser: an employee requests an offer from the catalogue, her
manager sees the remaining budget and approves, records completion, the employee rates
reaction and learning (per competency of the offer), the manager is reminded 60 days on
and rates behaviour from the reminder's link, and HR sees all three on the offer page and
the budget page."""

from __future__ import annotations

import re
from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
DESKTOP = {"width": 1280, "height": 800}  # the page fixture's size


@pytest.fixture
def catalogue(organisation):
    from groeipad.budgets import services as budget_services
    from groeipad.learning import services

    hr = organisation.user("hanna")
    today = timezone.localdate()
    offer = services.offer_save(
        actor=hr,
        title="Plannen met Excel",
        kind="internal_training",
        provider="Groeipad Academie",
        format="klassikaal",
        duration_hours=Decimal("12"),
        cost=Decimal("1500"),
        description="Twee dagdelen: draaitabellen en scenario's.",
    )
    # The offer develops two competencies: the learning level is rated on each.
    from groeipad.skills.models import Competency
    from groeipad.skills.services import framework_install_starter

    framework_install_starter(actor=None)
    for name, level in (("Digital skills", 3), ("Drive for results", 3)):
        services.offer_competency_set(
            actor=hr, offer=offer, competency=Competency.objects.get(name_en=name), level=level
        )
    services.session_add(
        actor=hr,
        offer=offer,
        starts_on=today + timedelta(days=30),
        ends_on=today + timedelta(days=31),
        place="Utrecht",
        capacity=8,
    )
    services.offer_save(
        actor=hr,
        title="Veilig werken (VCA)",
        kind="e_learning",
        duration_hours=Decimal("4"),
        cost=Decimal("95"),
        mandatory=True,
    )
    services.offer_save(
        actor=hr,
        title="Projectmanagement Prince2",
        kind="external_course",
        provider="Hogeschool",
        duration_hours=Decimal("40"),
        cost=Decimal("2450"),
    )
    budget_services.budget_set(
        actor=hr,
        department=organisation.operations,
        year=today.year,
        amount=Decimal("5000"),
        hours=Decimal("200"),
    )
    return offer


def test_request_approval_completion_and_three_evaluations(
    catalogue, log_in, live_server, page, shot
):
    from groeipad.learning.models import Enrolment, LearningActivity

    offer = catalogue
    # Carol finds the offer in the catalogue and requests it.
    log_in("carol@example.nl")
    page.wait_for_url(f"{live_server.url}/")
    page.click("nav.mainnav >> a[href='/leren/']")
    page.wait_for_url(re.compile(r"/leren/$"))
    shot(page, "learning-01-catalogue")
    page.click(f"a[href='/leren/aanbod/{offer.pk}/']")
    page.fill("#id_reason", "Ik maak vanaf maart de weekplanning zelf.")
    shot(page, "learning-02-offer-request")
    with page.expect_navigation():
        page.click("form[action$='/aanvragen/'] button[type=submit]")
    enrolment = Enrolment.objects.get(employee__employee_number="1003")
    assert enrolment.status == "requested"
    shot(page, "learning-03-my-requests")

    # Alice sees the remaining budget before approving, and approves.
    page.context.clear_cookies()
    log_in("alice@example.nl")
    page.wait_for_url(f"{live_server.url}/")
    page.goto(f"{live_server.url}/leren/aanvragen/")
    assert "5.000,00" in page.inner_text(".budget-line")
    shot(page, "learning-04-queue")
    with page.expect_navigation():
        page.click(f"form[action$='/{enrolment.pk}/besluit/'] button[value=approve]")
    enrolment.refresh_from_db()
    assert enrolment.status == "approved"

    # Completion, dated 70 days back so the behaviour rating is due now.
    done = timezone.localdate() - timedelta(days=70)
    page.fill(f"#done-{enrolment.pk}", done.isoformat())
    with page.expect_navigation():
        page.click(f"form[action$='/{enrolment.pk}/afgerond/'] button")
    enrolment.refresh_from_db()
    assert enrolment.status == "completed"
    assert LearningActivity.objects.get(employee__employee_number="1003").hours == 12
    shot(page, "learning-05-completed")

    # Carol rates her reaction and what she learned.
    page.context.clear_cookies()
    log_in("carol@example.nl")
    page.wait_for_url(f"{live_server.url}/")
    page.goto(f"{live_server.url}/leren/mijn/")
    page.fill(f"#reaction-{enrolment.pk}", "4")
    with page.expect_navigation():
        page.click("form:has(input[value=reaction]) button")
    # One before/after row per competency the offer develops.
    from groeipad.skills.models import Competency

    digital = Competency.objects.get(name_en="Digital skills")
    results = Competency.objects.get(name_en="Drive for results")
    assert page.locator("form.learning-scores tr.score-row").count() == 2
    shot(page, "learning-06a-self-assessment-per-competency")
    for competency, before, after in ((digital, "2", "4"), (results, "3", "4")):
        page.fill(f"#before-{enrolment.pk}-{competency.pk}", before)
        page.fill(f"#after-{enrolment.pk}-{competency.pk}", after)
    with page.expect_navigation():
        page.click("form:has(input[value=learning]) button")
    shot(page, "learning-06-evaluated")

    # The worker's scan reminds Alice (completed 70 days ago); the link opens the form.
    from groeipad.notifications.models import Reminder
    from groeipad.notifications.reminders import reminders_scan

    reminders_scan(today=timezone.localdate())
    reminder = Reminder.objects.get(key=f"behaviour_rating:{enrolment.pk}")
    page.context.clear_cookies()
    log_in("alice@example.nl")
    page.wait_for_url(f"{live_server.url}/")
    page.goto(f"{live_server.url}/ontwikkeling/herinneringen/")
    with page.expect_navigation():
        page.click(f"a[href='{reminder.link}']")
    assert page.url.endswith(f"/leren/aanvragen/{enrolment.pk}/gedrag/")
    shot(page, "learning-06b-behaviour-from-reminder")
    page.fill(f"#beh-{enrolment.pk}", "3")
    with page.expect_navigation():
        page.click("form:has(input[value=behaviour]) button")
    # Behaviour is the manager's, linked; reaction and learning are anonymous answers,
    # linked to nobody: the request only says they were given.
    assert enrolment.evaluations.count() == 1
    enrolment.refresh_from_db()
    assert enrolment.reaction_answered and enrolment.learning_answered

    # HR looks at the offer page: Carol's answers alone are not shown (anonymous
    # evaluations, k = 3), each level and row says why instead.
    page.context.clear_cookies()
    log_in("hanna@example.nl")
    page.wait_for_url(f"{live_server.url}/")
    page.goto(f"{live_server.url}/leren/aanbod/{offer.pk}/")
    assert page.locator("#effect + .stats .stat.suppressed").count() == 3
    assert page.locator("table.learning-per-competency tr.suppressed").count() == 2
    shot(page, "learning-07a-offer-too-few-answers")

    page.goto(f"{live_server.url}/leren/budget/")
    assert "1.500,00" in page.inner_text(".budget-table")
    shot(page, "learning-08-budget")
    page.set_viewport_size({"width": 390, "height": 844})
    shot(page, "learning-09-budget-mobile")
    page.set_viewport_size(DESKTOP)

    # Two more participants rate it: reaction and learning show, behaviour (one rating)
    # still does not.
    from groeipad.learning import services
    from groeipad.people.models import Employee, User

    hr = User.objects.get(email="hanna@example.nl")
    for name, reaction, scores in (
        ("dave", 2, ((digital, 1, 3), (results, 2, 4))),
        ("bob", 3, ((digital, 3, 4), (results, 3, 5))),
    ):
        employee = Employee.objects.get(email=f"{name}@example.nl")
        other = services.request_offer(actor=employee.user, employee=employee, offer=offer)
        services.approve(actor=hr, enrolment=other)
        services.complete(
            actor=hr, enrolment=other, completed_on=timezone.localdate() - timedelta(days=70)
        )
        services.evaluate(actor=employee.user, enrolment=other, level="reaction", rating=reaction)
        services.evaluate(
            actor=employee.user,
            enrolment=other,
            level="learning",
            scores=[(c.pk, before, after) for c, before, after in scores],
        )
    page.goto(f"{live_server.url}/leren/aanbod/{offer.pk}/")
    stats = page.inner_text("#effect + .stats")
    # Reaction (4 + 2 + 3) / 3 = 3,0. Learning: each one's rounded means, carol 3 -> 4,
    # dave 2 -> 4, bob 3 -> 5: before 8 / 3 = 2,7, after 13 / 3 = 4,3.
    assert "3,0" in stats and "2,7 → 4,3" in stats
    assert page.locator("#effect + .stats .stat.suppressed").count() == 1  # behaviour
    per_competency = page.inner_text("table.learning-per-competency")
    # Digital skills (2 + 1 + 3) / 3 = 2,00 -> (4 + 3 + 4) / 3 = 3,67: +1,67;
    # Drive for results (3 + 2 + 3) / 3 = 2,67 -> (4 + 4 + 5) / 3 = 4,33: +1,67.
    assert "2,00" in per_competency and "3,67" in per_competency
    assert "2,67" in per_competency and "4,33" in per_competency
    assert per_competency.count("+1,67") == 2
    shot(page, "learning-07-offer-three-levels")
