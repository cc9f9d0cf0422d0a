"""The plan pages: start from a template, goals with SMART hints, flags, team and HR views."""

from datetime import date, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from groeipad.people import reporting_lines
from groeipad.people.models import Employee
from groeipad.plans import services
from groeipad.plans.models import Action, CheckIn, DevelopmentPlan, Goal


@pytest.fixture
def english(client):
    client.cookies["django_language"] = "en"
    return client


def test_employee_starts_a_plan_from_a_template(personas, templates, login, english, today):
    client = login(personas.user("carol"))
    page = client.get("/ontwikkeling/")
    assert page.status_code == 200 and "Draft my plan" in page.content.decode()
    response = client.post(
        "/ontwikkeling/medewerkers/1003/nieuw/",
        {
            "template": templates["starter"].pk,
            "period_start": today,
            "period_end": today + timedelta(days=365),
        },
    )
    plan = DevelopmentPlan.objects.get(employee=personas.carol)
    assert (
        response.status_code == 302 and response["Location"] == f"/ontwikkeling/plannen/{plan.pk}/"
    )
    text = client.get(response["Location"]).content.decode()
    first = templates["starter"].suggested_goals.first()
    assert first.title in text  # suggested goals of the template
    assert client.get("/ontwikkeling/").status_code == 302  # the open plan opens at once


def test_goal_with_deadline_before_the_start_is_refused_on_the_page(plan, personas, login, english):
    client = login(personas.user("carol"))
    response = client.post(
        f"/ontwikkeling/plannen/{plan.pk}/doelen/",
        {
            "title": "Een presentatie geven over de planning",
            "basis": "strength",
            "deadline": plan.period_start - timedelta(days=1),
            "owner": personas.carol.pk,
        },
    )
    assert response.status_code == 400
    assert "is before the plan starts" in response.content.decode()
    assert not Goal.objects.exists()


def test_goal_page_shows_smart_hints_and_the_weak_points_flag(
    plan, personas, login, english, today
):
    client = login(personas.user("carol"))
    client.post(
        f"/ontwikkeling/plannen/{plan.pk}/doelen/",
        {
            "title": "Beter worden",
            "basis": "development",
            "deadline": today,
            "owner": personas.carol.pk,
        },
    )
    text = client.get(f"/ontwikkeling/plannen/{plan.pk}/").content.decode()
    assert "Specific: describe what you will do" in text
    assert "Measurable: the success criterion needs" in text
    assert "Focusing only on weak points does not work" in text


def test_cosign_by_a_non_manager_on_the_page_is_refused(plan, goal, personas, login):
    client = login(personas.user("carol"))
    assert client.post(f"/ontwikkeling/plannen/{plan.pk}/ondertekenen/").status_code == 403
    plan.refresh_from_db()
    assert plan.status == "draft"
    client = login(personas.user("alice"))
    assert client.post(f"/ontwikkeling/plannen/{plan.pk}/ondertekenen/").status_code == 302
    plan.refresh_from_db()
    assert plan.status == "active"


def test_stale_plan_edit_keeps_the_typed_text(plan, personas, login, english):
    client = login(personas.user("carol"))
    services.plan_update(
        actor=personas.user("alice"), plan=plan, version=plan.version, strengths="Van alice"
    )
    response = client.post(
        f"/ontwikkeling/plannen/{plan.pk}/opslaan/",
        {"strengths": "Van carol", "ambitions": "", "development_points": "", "version": 1},
    )
    text = response.content.decode()
    assert response.status_code == 409
    assert "changed this after you opened the page" in text
    assert "Van carol" in text and "Van alice" in text
    plan.refresh_from_db()
    assert plan.strengths == "Van alice"


def test_action_without_hours_and_the_mix_on_the_page(goal, personas, login, english, today):
    client = login(personas.user("carol"))
    prefix = f"g{goal.pk}"
    response = client.post(
        f"/ontwikkeling/doelen/{goal.pk}/acties/",
        {
            f"{prefix}-description": "Meelopen bij inbound",
            f"{prefix}-instrument": "job_rotation",
            f"{prefix}-due_date": today,
            f"{prefix}-owner": personas.carol.pk,
            f"{prefix}-hours": "8",
            f"{prefix}-cost": "0",
        },
    )
    assert response.status_code == 302
    text = client.get(f"/ontwikkeling/plannen/{goal.plan_id}/").content.decode()
    assert "100%" in text and "By planned hours" in text


def test_checkin_page_turns_a_next_step_into_an_action(goal, personas, login, today):
    client = login(personas.user("alice"))
    response = client.post("/ontwikkeling/medewerkers/1003/checkins/", {"scheduled_for": today})
    checkin = CheckIn.objects.get()
    assert response["Location"] == f"/ontwikkeling/checkins/{checkin.pk}/"
    client.post(
        f"/ontwikkeling/checkins/{checkin.pk}/",
        {
            "shared_notes": "Loopt goed",
            "private_notes": "",
            "held": "on",
            "next_date": today + timedelta(weeks=6),
            "version": checkin.version,
        },
    )
    client.post(
        f"/ontwikkeling/checkins/{checkin.pk}/vervolgstap/",
        {
            "goal": goal.pk,
            "description": "Planning presenteren in het teamoverleg",
            "instrument": "on_the_job",
            "due_date": today + timedelta(days=14),
            "hours": "2",
        },
    )
    action = Action.objects.get()
    assert action.source_checkin == checkin and action.goal == goal
    assert CheckIn.objects.filter(status="planned", scheduled_for=today + timedelta(weeks=6))


def _reports(manager, count, department):
    Employee.objects.bulk_create(
        Employee(
            employee_number=f"9{manager.pk}{i:04d}",
            first_name="R",
            last_name=f"{i:04d}",
            email=f"r{manager.pk}.{i}@example.nl",
            department=department,
            manager=manager,
            hire_date=date(2020, 1, 1),
        )
        for i in range(count)
    )
    reporting_lines.rebuild()  # bulk_create bypasses Employee.save
    today = date.today()
    for number in list(Employee.objects.filter(manager=manager).values_list("pk", flat=True))[::7]:
        plan = DevelopmentPlan.objects.create(
            employee_id=number, period_start=today, period_end=today + timedelta(days=300)
        )
        goal = Goal.objects.create(
            plan=plan,
            title="Doel met een paar woorden",
            owner_id=number,
            deadline=today,
            proposed_by="employee",
        )
        Action.objects.create(
            goal=goal,
            description="x",
            instrument="feedback",
            owner_id=number,
            due_date=today - timedelta(days=3),
        )
        CheckIn.objects.create(employee_id=number, manager=manager, scheduled_for=today)


def test_team_page_runs_the_same_number_of_queries_for_5_and_500_reports(personas, login):
    counts = {}
    for size, manager in ((5, personas.dave), (500, personas.hanna)):
        _reports(manager, size, personas.finance)
        client = login(manager.user)
        with CaptureQueriesContext(connection) as queries:
            response = client.get("/ontwikkeling/team/")
        assert response.status_code == 200
        assert response.content.decode().count('class="badge late"') >= 1
        counts[size] = len(queries)
    assert counts[5] == counts[500], counts


def test_team_page_counts_overdue_actions_per_report(goal, personas, login, today):
    services.action_create(
        actor=personas.user("carol"),
        goal=goal,
        description="Te laat",
        instrument="self_study",
        owner=personas.carol,
        due_date=today - timedelta(days=2),
    )
    services.action_create(
        actor=personas.user("carol"),
        goal=goal,
        description="Op tijd",
        instrument="self_study",
        owner=personas.carol,
        due_date=today + timedelta(days=2),
    )
    from groeipad.plans.selectors import team_overview

    rows = {e.employee_number: e for e in team_overview(personas.user("bob"), today)}
    assert set(rows) == {"1002", "1003"}
    assert (rows["1003"].overdue_actions, rows["1003"].plan_status) == (1, "draft")
    assert (rows["1002"].overdue_actions, rows["1002"].plan_status) == (0, None)


def test_hr_overview_shows_the_share_with_an_active_plan(plan, goal, personas, login):
    services.plan_cosign(actor=personas.user("alice"), plan=plan)
    client = login(personas.user("hanna"))
    response = client.get("/ontwikkeling/hr/")
    assert response.status_code == 200
    rows = {r.path: (r.employees, r.with_active_plan) for r in response.context["rows"]}
    # By hand: Planning has alice and carol, carol's plan is active; 1 of 5 overall.
    assert rows["Operations/Planning"] == (2, 1)
    assert rows["Finance"] == (1, 0)
    assert (response.context["with_plan"], response.context["total"]) == (1, 5)
    assert login(personas.user("alice")).get("/ontwikkeling/hr/").status_code == 403


def test_hr_edits_templates_in_the_admin(templates, personas, login):
    client = login(personas.user("hanna"))
    starter = templates["starter"]
    response = client.get(f"/admin/plans/plantemplate/{starter.pk}/change/")
    assert response.status_code == 200 and starter.name in response.content.decode()
    assert login(personas.user("carol")).get("/admin/plans/plantemplate/").status_code == 302
