from datetime import timedelta
from decimal import Decimal

import pytest

from groeipad.budgets import services as budget_services
from groeipad.learning import services
from groeipad.learning.models import Enrolment, EnrolmentStatus, LearningActivity

pytestmark = pytest.mark.django_db


@pytest.fixture
def english(client):
    client.cookies["django_language"] = "en"
    return client


def test_catalogue_filters_by_kind_and_search(personas, offer, login, english):
    services.offer_save(actor=personas.user("hanna"), title="Excel online", kind="e_learning")
    client = login(personas.user("carol"))
    page = client.get("/leren/?kind=e_learning").content.decode()
    assert "Excel online" in page and "Plannen met Excel" not in page
    page = client.get("/leren/?q=plannen").content.decode()
    assert "Plannen met Excel" in page and "Excel online" not in page


def test_employee_requests_on_the_offer_page_and_manager_approves_in_the_queue(
    personas, offer, budget, login, english
):
    client = login(personas.user("carol"))
    response = client.post(f"/leren/aanbod/{offer.pk}/aanvragen/", {"reason": "Nieuwe tool"})
    assert response.status_code == 302
    enrolment = Enrolment.objects.get(employee=personas.carol)
    client = login(personas.user("alice"))
    queue = client.get("/leren/aanvragen/").content.decode()
    assert "Carol Bakker" in queue and "€ 2,000.00" in queue  # remaining before approval
    client.post(f"/leren/aanvragen/{enrolment.pk}/besluit/", {"decision": "approve"})
    enrolment.refresh_from_db()
    assert enrolment.status == EnrolmentStatus.APPROVED
    client.post(f"/leren/aanvragen/{enrolment.pk}/afgerond/", {"completed_on": ""})
    assert LearningActivity.objects.filter(employee=personas.carol).count() == 1


def test_over_budget_approval_on_the_page_shows_the_refusal_and_changes_nothing(
    personas, offer, login, english, today
):
    budget_services.budget_set(
        actor=personas.user("hanna"),
        department=personas.operations,
        year=today.year,
        amount=Decimal("1000"),
    )
    enrolment = services.request_offer(
        actor=personas.user("carol"), employee=personas.carol, offer=offer
    )
    client = login(personas.user("alice"))
    response = client.post(
        f"/leren/aanvragen/{enrolment.pk}/besluit/", {"decision": "approve"}, follow=True
    )
    assert "would exceed the learning budget of Operations" in response.content.decode()
    enrolment.refresh_from_db()
    assert enrolment.status == EnrolmentStatus.REQUESTED


def test_someone_outside_the_line_gets_404_for_a_request(personas, offer, login):
    enrolment = services.request_offer(
        actor=personas.user("carol"), employee=personas.carol, offer=offer
    )
    client = login(personas.user("dave"))
    response = client.post(f"/leren/aanvragen/{enrolment.pk}/besluit/", {"decision": "approve"})
    assert response.status_code == 404


def test_budget_page_shows_the_hand_computed_figures(personas, offer, budget, login, english):
    client = login(personas.user("bob"))
    page = client.get(f"/leren/budget/?year={budget.year}").content.decode()
    # 2000 / (3 x 1.0 FTE) = 666.67; 2000 / (3 x 48000) = 1.39 %.
    assert "€ 666.67" in page and "1.39%" in page
    assert client.get("/leren/budget/").status_code == 200
    assert login(personas.user("carol")).get("/leren/budget/").status_code == 403
    # Dave manages nobody in Operations: he sees no figures.
    assert "666.67" not in login(personas.user("dave")).get("/leren/budget/").content.decode()


def test_hr_creates_an_offer_and_a_duplicate_title_is_refused(personas, offer, login, english):
    client = login(personas.user("hanna"))
    data = {
        "title": "plannen met excel",
        "kind": "internal_training",
        "duration_hours": "4",
        "cost": "100",
        "language": "nl",
    }
    response = client.post("/leren/nieuw/", data, follow=True)
    assert "already exists" in response.content.decode()
    data["title"] = "Timemanagement"
    client.post("/leren/nieuw/", data)
    assert offer.__class__.objects.filter(title="Timemanagement").exists()
    assert login(personas.user("bob")).post("/leren/nieuw/", data).status_code == 403


def test_offer_page_shows_the_three_levels(personas, offer, login, english, today):
    enrolment = services.request_offer(
        actor=personas.user("carol"), employee=personas.carol, offer=offer
    )
    services.approve(actor=personas.user("alice"), enrolment=enrolment)
    services.complete(
        actor=personas.user("alice"), enrolment=enrolment, completed_on=today - timedelta(days=70)
    )
    services.evaluate(actor=personas.user("carol"), enrolment=enrolment, level="reaction", rating=5)
    services.evaluate(
        actor=personas.user("carol"), enrolment=enrolment, level="learning", rating=4, before=2
    )
    services.evaluate(
        actor=personas.user("alice"), enrolment=enrolment, level="behaviour", rating=3
    )
    page = login(personas.user("dave")).get(f"/leren/aanbod/{offer.pk}/").content.decode()
    # One participant: the three levels and the overall learning row are hidden with
    # their reason, none shows her answers.
    assert page.count("fewer than 3 answers") == 4
    assert "5.0" not in page and "2.0 → 4.0" not in page and "3.0" not in page
    assert "Carol" not in page  # the offer page shows figures, not participants


def test_api_request_approve_and_budget(personas, offer, budget, login):
    client = login(personas.user("carol"))
    response = client.post(
        "/api/v1/learning/requests", {"offer_id": offer.pk}, content_type="application/json"
    )
    assert response.status_code == 201
    body = response.json()
    assert Decimal(body["budget_remaining"]) == Decimal("2000")
    client = login(personas.user("alice"))
    response = client.post(
        f"/api/v1/learning/requests/{body['id']}/approve", {}, content_type="application/json"
    )
    assert response.json()["status"] == "approved"
    # Planning has no budget of its own and draws on Operations': alice sees that budget.
    assert [r["department"] for r in client.get("/api/v1/learning/budgets").json()] == [
        "Operations"
    ]
    rows = login(personas.user("bob")).get("/api/v1/learning/budgets").json()
    assert [(r["department"], Decimal(r["committed"]), Decimal(r["remaining"])) for r in rows] == [
        ("Operations", Decimal("1500"), Decimal("500"))
    ]
    response = login(personas.user("dave")).post(
        f"/api/v1/learning/requests/{body['id']}/decline",
        {"reason": "x"},
        content_type="application/json",
    )
    assert response.status_code == 404


def test_export_holds_only_the_viewers_line(personas, offer, budget, login):
    from io import BytesIO

    from openpyxl import load_workbook

    services.request_offer(actor=personas.user("carol"), employee=personas.carol, offer=offer)
    services.request_offer(actor=personas.user("dave"), employee=personas.dave, offer=offer)
    response = login(personas.user("alice")).get(f"/leren/export.xlsx?year={budget.year}")
    book = load_workbook(BytesIO(response.content))
    numbers = [row[0] for row in book.worksheets[0].iter_rows(min_row=2, values_only=True)]
    assert numbers == ["1003"]
    assert login(personas.user("carol")).get("/leren/export.xlsx").status_code == 403


def test_hr_links_a_competency_with_a_level_inside_its_scale(personas, offer, login, english):
    from groeipad.skills.services import framework_install_starter

    framework_install_starter(actor=None)
    competency = offer.__class__._meta.apps.get_model("skills", "Competency").objects.first()
    client = login(personas.user("hanna"))
    url = f"/leren/aanbod/{offer.pk}/competenties/"
    response = client.post(url, {"competency": competency.pk, "level": "9"}, follow=True)
    assert "outside the scale" in response.content.decode()
    client.post(url, {"competency": competency.pk, "level": "4"})
    assert list(offer.competencies.values_list("competency_id", "level")) == [(competency.pk, 4)]
    page = client.get(f"/leren/?competency={competency.pk}").content.decode()
    assert "Plannen met Excel" in page


def test_employee_cancels_her_own_request_from_my_learning(personas, offer, login):
    enrolment = services.request_offer(
        actor=personas.user("carol"), employee=personas.carol, offer=offer
    )
    client = login(personas.user("carol"))
    assert "/annuleren/" in client.get("/leren/mijn/").content.decode()
    client.post(f"/leren/aanvragen/{enrolment.pk}/annuleren/")
    enrolment.refresh_from_db()
    assert enrolment.status == EnrolmentStatus.CANCELLED
    assert (
        login(personas.user("dave")).post(f"/leren/aanvragen/{enrolment.pk}/annuleren/").status_code
        == 404
    )


def test_api_completion_and_evaluation_with_clear_refusals(personas, offer, login, english):
    enrolment = services.request_offer(
        actor=personas.user("carol"), employee=personas.carol, offer=offer
    )
    alice = login(personas.user("alice"))
    response = alice.post(
        f"/api/v1/learning/requests/{enrolment.pk}/complete", {}, content_type="application/json"
    )
    assert response.status_code == 422 and "Only approved" in response.json()["detail"]
    services.approve(actor=personas.user("alice"), enrolment=enrolment)
    response = alice.post(
        f"/api/v1/learning/requests/{enrolment.pk}/complete", {}, content_type="application/json"
    )
    assert response.json()["status"] == "completed"
    carol = login(personas.user("carol"))
    response = carol.post(
        f"/api/v1/learning/requests/{enrolment.pk}/evaluations",
        {"level": "reaction", "rating": 7},
        content_type="application/json",
    )
    assert response.status_code == 422 and "not 7" in response.json()["detail"]
    response = carol.post(
        f"/api/v1/learning/requests/{enrolment.pk}/evaluations",
        {"level": "reaction", "rating": 4},
        content_type="application/json",
    )
    assert response.status_code == 201
    offers = carol.get("/api/v1/learning/offers").json()
    # Her answer alone is not shown: the cell says why.
    assert [(o["title"], o["reaction_avg"], o["completed"]) for o in offers] == [
        ("Plannen met Excel", None, 1)
    ]
    assert offers[0]["reaction"] == {
        "value": None,
        "n": None,
        "suppressed": True,
        "suppressed_reason": "fewer than 3 answers",
    }


def test_who_sees_which_department_budget(personas, budget):
    """HR all; bob his own Operations; alice (manager in Planning, which has no budget of
    its own and draws on Operations) the budget that pays for her team; employees and an
    outsider none."""
    from groeipad.budgets.selectors import budgets_for_viewer

    def seen(name):
        return [row.department.name for row in budgets_for_viewer(personas.user(name), budget.year)]

    assert seen("hanna") == ["Operations"]
    assert seen("bob") == ["Operations"]
    assert seen("alice") == ["Operations"]
    assert seen("carol") == []
    assert seen("dave") == []
