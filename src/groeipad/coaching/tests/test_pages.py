from decimal import Decimal

import pytest
from django.urls import reverse

from groeipad.coaching import services
from groeipad.coaching.models import CoachingAnswer, CoachingTrajectory, TrajectoryStatus

pytestmark = pytest.mark.django_db


def _english(client):
    client.cookies["django_language"] = "en"
    return client


def test_list_shows_mine_to_decide_and_hr_and_holds_its_query_count(
    personas, login, request_for_carol, budget, django_assert_max_num_queries
):
    def fill(n):
        for i in range(n):
            t = request_for_carol(budget=Decimal("100") + i)
            if i % 3 == 1:
                services.approve(actor=personas.user("alice"), trajectory=t)
        request_for_carol(coach_kind="internal", internal_coach=personas.dave)

    fill(3)
    for name in ("carol", "alice", "bob", "dave", "hanna"):
        client = login(personas.user(name))
        with django_assert_max_num_queries(20):
            assert client.get(reverse("coaching:list")).status_code == 200
    fill(12)
    client = login(personas.user("hanna"))
    with django_assert_max_num_queries(20):
        page = client.get(reverse("coaching:list")).content.decode()
    assert page.count('class="request') >= 16
    client = login(personas.user("alice"))
    with django_assert_max_num_queries(20):
        assert client.get(reverse("coaching:list")).status_code == 200


def test_list_per_persona(personas, login, request_for_carol, budget):
    t = request_for_carol(coach_kind="internal", internal_coach=personas.dave)
    detail = reverse("coaching:detail", args=[t.pk])
    carol = _english(login(personas.user("carol"))).get(reverse("coaching:list"))
    carol = carol.content.decode()
    assert "My coaching" in carol and detail in carol
    alice = login(personas.user("alice")).get(reverse("coaching:list")).content.decode()
    assert "Carol Bakker" in alice and reverse("coaching:decide", args=[t.pk]) in alice
    # The coach sees the trajectory in their own section, without the budget.
    dave = login(personas.user("dave")).get(reverse("coaching:list")).content.decode()
    assert detail in dave and "1.200" not in dave and "Carol Bakker" in dave
    hanna = login(personas.user("hanna")).get(reverse("coaching:list")).content.decode()
    assert detail in hanna


def test_request_form_for_myself_and_for_my_line(personas, login, client):
    _english(login(personas.user("carol")))
    page = client.get(reverse("coaching:new")).content.decode()
    assert "Request coaching" in page and "Dave Visser" not in page
    response = client.post(
        reverse("coaching:new"),
        {
            "employee": personas.carol.pk,
            "coach_kind": "internal",
            "internal_coach": personas.dave.employee_number,
            "goal_text": "Presenteren voor grote groepen",
            "planned_sessions": 4,
            "budget": "0",
        },
    )
    t = CoachingTrajectory.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse(
        "coaching:detail", args=[t.pk]
    )
    assert t.internal_coach == personas.dave and t.requested_by == personas.user("carol")

    login(personas.user("alice"))
    page = client.get(reverse("coaching:new")).content.decode()
    assert "Carol Bakker" in page and "Bob de Vries" not in page
    client.post(
        reverse("coaching:new"),
        {
            "employee": personas.carol.pk,
            "coach_kind": "external",
            "coach_name": "Petra",
            "goal_text": "Timemanagement",
            "planned_sessions": 2,
            "budget": "650",
        },
    )
    assert CoachingTrajectory.objects.filter(
        budget=Decimal("650"), employee=personas.carol
    ).exists()
    # Someone outside the line is not a choice, so nothing is created for them.
    response = client.post(
        reverse("coaching:new"),
        {
            "employee": personas.dave.pk,
            "coach_kind": "external",
            "coach_name": "Petra",
            "goal_text": "x",
            "planned_sessions": 2,
            "budget": "1",
        },
    )
    assert response.status_code == 200
    assert not CoachingTrajectory.objects.filter(employee=personas.dave).exists()


def test_unknown_internal_coach_is_named_in_the_error(personas, login, client):
    _english(login(personas.user("carol")))
    response = client.post(
        reverse("coaching:new"),
        {
            "employee": personas.carol.pk,
            "coach_kind": "internal",
            "internal_coach": "9999",
            "goal_text": "x",
            "planned_sessions": 1,
            "budget": "1",
        },
    )
    assert "No current colleague with employee number or e-mail 9999" in response.content.decode()
    assert not CoachingTrajectory.objects.exists()


def test_detail_for_the_coach_hides_everything_but_goal_and_sessions(
    personas, login, client, request_for_carol, today
):
    t = request_for_carol(
        coach_kind="internal", internal_coach=personas.dave, reason="Vertrouwelijke reden"
    )
    services.approve(actor=personas.user("alice"), trajectory=t, reason="Akkoord, past in plan")
    services.session_log(actor=personas.user("carol"), trajectory=t, on=today, notes="Intake")
    login(personas.user("dave"))
    page = client.get(reverse("coaching:detail", args=[t.pk])).content.decode()
    assert t.goal_text in page and "Intake" in page
    for hidden in ("Vertrouwelijke reden", "Akkoord, past in plan", "1.200"):
        assert hidden not in page
    # The coach may log a session, but not decide or complete.
    assert reverse("coaching:session_add", args=[t.pk]) in page
    assert reverse("coaching:complete", args=[t.pk]) not in page
    login(personas.user("alice"))
    page = client.get(reverse("coaching:detail", args=[t.pk])).content.decode()
    assert "Vertrouwelijke reden" in page and "1.200" in page


def test_outsider_gets_404_on_every_page_of_a_trajectory(
    personas, login, client, request_for_carol
):
    t = request_for_carol()
    login(personas.user("dave"))
    assert client.get(reverse("coaching:detail", args=[t.pk])).status_code == 404
    for name in ("decide", "session_add", "complete", "evaluate", "cancel"):
        response = client.post(reverse(f"coaching:{name}", args=[t.pk]), {"decision": "approve"})
        assert response.status_code == 404, name
    t.refresh_from_db()
    assert t.status == TrajectoryStatus.REQUESTED


def test_refusal_beyond_budget_is_shown_and_hr_overrides_on_the_page(
    personas, login, client, request_for_carol, budget
):
    t = request_for_carol(budget=Decimal("6000"))
    _english(login(personas.user("alice")))
    response = client.post(
        reverse("coaching:decide", args=[t.pk]), {"decision": "approve"}, follow=True
    )
    assert "would exceed the development budget of Operations" in response.content.decode()
    t.refresh_from_db()
    assert t.status == TrajectoryStatus.REQUESTED
    login(personas.user("hanna"))
    page = client.get(reverse("coaching:detail", args=[t.pk])).content.decode()
    assert 'name="override_budget"' in page
    client.post(
        reverse("coaching:decide", args=[t.pk]), {"decision": "approve", "override_budget": "on"}
    )
    t.refresh_from_db()
    assert t.status == TrajectoryStatus.APPROVED and t.budget_override


def test_sessions_completion_and_evaluation_through_the_pages(
    personas, login, client, request_for_carol, today
):
    t = request_for_carol(sessions=1)
    login(personas.user("alice"))
    client.post(reverse("coaching:decide", args=[t.pk]), {"decision": "approve", "reason": "ok"})
    login(personas.user("carol"))
    client.post(
        reverse("coaching:session_add", args=[t.pk]),
        {"date": today.isoformat(), "hours": "1.5", "notes": "Eerste sessie"},
    )
    # The planned session is logged: the form now asks why another one is needed.
    page = client.get(reverse("coaching:detail", args=[t.pk])).content.decode()
    assert 'name="beyond_plan_reason"' in page and "Eerste sessie" in page
    login(personas.user("alice"))
    client.post(reverse("coaching:complete", args=[t.pk]), {"completed_on": today.isoformat()})
    t.refresh_from_db()
    assert t.status == TrajectoryStatus.COMPLETED
    client.post(
        reverse("coaching:evaluate", args=[t.pk]),
        {"perspective": "manager", "goal_reached": "4", "behaviour_change": "Rustiger"},
    )
    login(personas.user("carol"))
    page = client.get(reverse("coaching:detail", args=[t.pk])).content.decode()
    assert "Rustiger" in page and 'value="employee"' in page
    client.post(
        reverse("coaching:evaluate", args=[t.pk]),
        {"perspective": "employee", "goal_reached": "5", "comment": "Top"},
    )
    assert set(t.evaluations.values_list("perspective", "goal_reached")) == {("manager", 4)}
    t.refresh_from_db()
    assert t.employee_answered
    assert list(CoachingAnswer.objects.values_list("goal_reached", "comment")) == [(5, "Top")]
