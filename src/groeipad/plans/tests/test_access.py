"""The access funnels: every id on a page or in the API goes through plans.access.

An outsider gets a 404 for a plan, goal, action and check-in, on the page and in the API,
for reading and for writing, and nothing changes. A leaver's plan leaves the former
manager's view the day after the leave date; HR keeps seeing it.
"""

from datetime import timedelta

import pytest
from django.http import Http404

from groeipad.people.scope import viewer_for
from groeipad.plans import access, services
from groeipad.plans.models import Action, CheckIn, DevelopmentPlan, Goal


@pytest.fixture
def world(plan, goal, personas, today):
    action = services.action_create(
        actor=personas.user("carol"),
        goal=goal,
        description="Cursus plannen volgen",
        instrument="self_study",
        owner=personas.carol,
        due_date=goal.deadline,
    )
    checkin = services.checkin_plan(
        actor=personas.user("alice"), employee=personas.carol, scheduled_for=today
    )
    return {"plan": plan, "goal": goal, "action": action, "checkin": checkin}


FUNNELS = {
    "plan": access.get_plan_for,
    "goal": access.get_goal_for,
    "action": access.get_action_for,
    "checkin": access.get_checkin_for,
}


@pytest.mark.parametrize("thing", sorted(FUNNELS))
def test_each_funnel_refuses_an_outsider_with_404_and_serves_those_who_may_see(
    world, personas, thing
):
    funnel, pk = FUNNELS[thing], world[thing].pk
    with pytest.raises(Http404):
        funnel(personas.user("dave"), pk)
    with pytest.raises(Http404):
        funnel(personas.user("carol"), pk + 1000)  # no such id: the same 404
    for who in ("carol", "alice", "bob", "hanna"):
        assert funnel(personas.user(who), pk).pk == pk, who
        assert funnel(viewer_for(personas.user(who)), pk).pk == pk, who


def _requests(world):
    plan, goal, action, checkin = (world[k].pk for k in ("plan", "goal", "action", "checkin"))
    json = "application/json"
    return [
        # pages
        ("get", f"/ontwikkeling/plannen/{plan}/", None, None),
        ("post", f"/ontwikkeling/plannen/{plan}/opslaan/", {"strengths": "x", "version": 1}, None),
        ("post", f"/ontwikkeling/plannen/{plan}/ondertekenen/", {}, None),
        ("post", f"/ontwikkeling/plannen/{plan}/doelen/", {"title": "x"}, None),
        ("get", f"/ontwikkeling/plannen/{plan}/print/", None, None),
        ("get", f"/ontwikkeling/doelen/{goal}/afsluiten/", None, None),
        ("post", f"/ontwikkeling/doelen/{goal}/acties/", {"g-description": "x"}, None),
        ("post", f"/ontwikkeling/acties/{action}/status/", {"status": "done"}, None),
        ("get", f"/ontwikkeling/checkins/{checkin}/", None, None),
        ("post", f"/ontwikkeling/checkins/{checkin}/", {"shared_notes": "x"}, None),
        # API
        ("get", f"/api/v1/plans/{plan}", None, None),
        ("patch", f"/api/v1/plans/{plan}", {"version": 1, "strengths": "x"}, json),
        ("get", f"/api/v1/plans/{plan}/goals", None, None),
        ("get", f"/api/v1/plans/goals/{goal}", None, None),
        ("patch", f"/api/v1/plans/goals/{goal}", {"version": 1, "title": "x"}, json),
        ("get", f"/api/v1/plans/goals/{goal}/actions", None, None),
        ("get", f"/api/v1/plans/actions/{action}", None, None),
        ("patch", f"/api/v1/plans/actions/{action}", {"version": 1, "status": "done"}, json),
        ("get", f"/api/v1/plans/checkins/{checkin}", None, None),
        ("put", f"/api/v1/plans/checkins/{checkin}", {"shared_notes": "x"}, json),
    ]


def test_an_outsider_gets_404_on_every_page_and_endpoint_and_changes_nothing(
    world, personas, login
):
    client = login(personas.user("dave"))
    before = (
        DevelopmentPlan.objects.get().version,
        Goal.objects.get().version,
        Action.objects.get().version,
        CheckIn.objects.get().version,
    )
    for method, url, data, content_type in _requests(world):
        kwargs = {"content_type": content_type} if content_type else {}
        response = (
            getattr(client, method)(url, data, **kwargs)
            if data is not None
            else (getattr(client, method)(url))
        )
        assert response.status_code == 404, (method, url)
    after = (
        DevelopmentPlan.objects.get().version,
        Goal.objects.get().version,
        Action.objects.get().version,
        CheckIn.objects.get().version,
    )
    assert after == before
    assert Goal.objects.count() == 1 and Action.objects.count() == 1


def _leave(employee, day):
    employee.leave_date = day
    employee.save()


def test_a_leavers_plan_is_out_of_the_former_managers_view_the_day_after_the_leave_date(
    world, personas, login, today
):
    plan_id = world["plan"].pk
    page, api = f"/ontwikkeling/plannen/{plan_id}/", f"/api/v1/plans/{plan_id}"

    _leave(personas.carol, today)  # the leave date itself: still in the line
    alice = login(personas.user("alice"))
    assert alice.get(page).status_code == 200
    assert alice.get(api).status_code == 200
    assert [p["id"] for p in alice.get("/api/v1/plans").json()] == [plan_id]

    _leave(personas.carol, today - timedelta(days=1))  # the day after: gone
    for who in ("alice", "bob"):
        client = login(personas.user(who))
        assert client.get(page).status_code == 404, who
        assert client.get(api).status_code == 404, who
        assert client.get(f"/api/v1/plans/checkins/{world['checkin'].pk}").status_code == 404
        assert client.get("/api/v1/plans").json() == [], who
        with pytest.raises(Http404):
            access.get_plan_for(personas.user(who), plan_id)

    hanna = login(personas.user("hanna"))
    assert hanna.get(page).status_code == 200  # HR keeps seeing it
    assert access.get_plan_for(personas.user("hanna"), plan_id).pk == plan_id


def test_the_team_overview_lists_the_current_line_only(world, personas, today):
    from groeipad.plans.selectors import team_overview

    assert {e.employee_number for e in team_overview(personas.user("bob"), today)} == {
        "1002",
        "1003",
    }
    _leave(personas.carol, today - timedelta(days=1))
    assert {e.employee_number for e in team_overview(personas.user("bob"), today)} == {"1002"}
    # HR who manages nobody has no team of its own: the whole organisation is the HR page.
    assert list(team_overview(personas.user("hanna"), today)) == []


def test_writes_check_access_before_they_look_at_the_input(world, personas, today):
    from django.core.exceptions import PermissionDenied

    dave = personas.user("dave")
    # An empty transfer and an open plan would each be a validation error: access comes first.
    with pytest.raises(PermissionDenied):
        services.goal_seed_from_transfer(actor=dave, goal=world["goal"])
    with pytest.raises(PermissionDenied):
        services.plan_start_next(
            actor=dave,
            previous=world["plan"],
            period_start=today,
            period_end=today + timedelta(days=365),
        )
    with pytest.raises(PermissionDenied):
        services.action_create(
            actor=dave,
            goal=world["goal"],
            description="",
            instrument="nonsense",
            owner=None,
            due_date=None,
        )
