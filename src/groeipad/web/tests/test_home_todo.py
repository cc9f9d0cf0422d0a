"""The home page's to-do overview: per role what waits, with the right count and link,
never anything about people outside the viewer's visibility, at a fixed query count."""

from __future__ import annotations

import hashlib
import itertools
import re
from dataclasses import dataclass
from datetime import timedelta
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import formats, timezone

from groeipad.budgets.models import Budget
from groeipad.coaching.models import CoachingTrajectory, TrajectoryStatus
from groeipad.feedback.models import FeedbackRound, Rater, RaterGroup, RoundStatus
from groeipad.learning.models import (
    Enrolment,
    EnrolmentStatus,
    Evaluation,
    EvaluationLevel,
    LearningOffer,
)
from groeipad.mentoring.models import Match, MatchStatus, Participant, Programme, Role
from groeipad.mobility.models import Application, Consent, RotationOffer
from groeipad.people.models import Employee
from groeipad.plans.models import Action, ActionStatus, CheckIn, DevelopmentPlan, Goal

pytestmark = pytest.mark.django_db

_serial = itertools.count()


def _n() -> int:
    return next(_serial)


def _day(value) -> str:
    return formats.date_format(value, "j F" if value.year == timezone.localdate().year else "j F Y")


# --- Building blocks -------------------------------------------------------------------


def add_plan(employee, *, today, draft=True):
    plan = DevelopmentPlan.objects.create(
        employee=employee,
        period_start=today - timedelta(days=30),
        period_end=today + timedelta(days=300),
        status="draft" if draft else "active",
    )
    goal = Goal.objects.create(
        plan=plan,
        title="Plannen met het nieuwe systeem",
        owner=employee,
        deadline=today + timedelta(days=200),
        proposed_by="employee",
    )
    return plan, goal


def add_action(goal, due, status=ActionStatus.PLANNED):
    return Action.objects.create(
        goal=goal,
        description=f"Actie {_n()}",
        instrument="on_the_job",
        category="experience",
        owner=goal.owner,
        due_date=due,
        status=status,
    )


def add_enrolment(employee, *, status, cost="500", **extra):
    offer = LearningOffer.objects.create(
        title=f"Training {_n()}", kind="external_course", cost=Decimal(cost)
    )
    return Enrolment.objects.create(
        employee=employee,
        offer=offer,
        status=status,
        department=employee.department,
        cost=Decimal(cost),
        hours=Decimal("8"),
        **extra,
    )


def add_coaching(employee, *, budget="1200", status=TrajectoryStatus.REQUESTED):
    return CoachingTrajectory.objects.create(
        employee=employee,
        coach_kind="external",
        coach_name="Coach",
        goal_text="Leidinggeven",
        planned_sessions=4,
        budget=Decimal(budget),
        department=employee.department,
        status=status,
    )


def add_round(employee, *, closes_on, invited=0, answered=0, status=RoundStatus.OPEN):
    feedback_round = FeedbackRound.objects.create(
        employee=employee, closes_on=closes_on, status=status
    )
    raters = [(RaterGroup.SELF, True)] + [(RaterGroup.PEER, i < answered) for i in range(invited)]
    for group, done in raters:
        n = _n()
        Rater.objects.create(
            round=feedback_round,
            group=group,
            email=f"rater{n}@example.nl",
            token_hash=hashlib.sha256(str(n).encode()).hexdigest(),
            expires_at=timezone.now() + timedelta(days=30),
            answered=done,
        )
    return feedback_round


def add_offer(department, *, today):
    return RotationOffer.objects.create(
        host_department=department,
        kind="rotation",
        title=f"Rotatie {_n()}",
        duration_weeks=8,
        start_date=today + timedelta(days=60),
        places=1,
    )


def add_programme(**fields):
    return Programme.objects.create(name=f"Programma {_n()}", **fields)


def join(programme, employee, role):
    return Participant.objects.create(programme=programme, employee=employee, role=role)


# --- The world -------------------------------------------------------------------------


@dataclass
class World:
    today: object
    carol_plan: DevelopmentPlan
    first_soon: object
    carol_checkin: CheckIn
    alice_checkin: CheckIn
    carol_round: FeedbackRound
    dave_round: FeedbackRound
    proposed_pair: Match
    ended_pair: Match
    waiting_programme: Programme
    carol_coaching: CoachingTrajectory
    dave_coaching: CoachingTrajectory


@pytest.fixture
def world(personas) -> World:
    """bob manages alice manages carol; dave (Finance) is the outsider; hanna is HR.

    carol: a draft plan with 2 overdue actions, 1 due within two weeks, 1 later, 1 done;
    her next check-in in a week; an open 360 round (1 of 4 answered, closes in 3 days);
    learning: 1 request waiting, 1 approved, 1 declined last week, 1 completed 70 days ago
    with only the reaction given; a coaching request; a rotation application awaiting
    alice's consent; a proposed mentoring pair with bob as mentor.
    alice: an overdue check-in with bob; end feedback to give on an ended pair (hanna mentor).
    dave: a draft 360 round, a 3000 euro learning request and coaching request (HR), a
    consented application to a Planning rotation (alice and bob host), a mentee in a
    programme never matched.
    """
    p = personas
    today = timezone.localdate()
    plan, goal = add_plan(p.carol, today=today)
    add_action(goal, today - timedelta(days=3))
    add_action(goal, today - timedelta(days=10))
    add_action(goal, today - timedelta(days=20), status=ActionStatus.DONE)
    first_soon = today + timedelta(days=5)
    add_action(goal, first_soon)
    add_action(goal, today + timedelta(days=60))
    carol_checkin = CheckIn.objects.create(
        employee=p.carol, manager=p.alice, scheduled_for=today + timedelta(days=7)
    )
    alice_checkin = CheckIn.objects.create(
        employee=p.alice, manager=p.bob, scheduled_for=today - timedelta(days=2)
    )
    carol_round = add_round(p.carol, closes_on=today + timedelta(days=3), invited=4, answered=1)
    dave_round = add_round(p.dave, closes_on=today + timedelta(days=20), status=RoundStatus.DRAFT)

    add_enrolment(p.carol, status=EnrolmentStatus.REQUESTED)
    add_enrolment(p.carol, status=EnrolmentStatus.APPROVED, cost="900")
    add_enrolment(
        p.carol,
        status=EnrolmentStatus.DECLINED,
        decided_at=timezone.now() - timedelta(days=7),
    )
    add_enrolment(
        p.carol,
        status=EnrolmentStatus.DECLINED,  # long ago: no longer news
        decided_at=timezone.now() - timedelta(days=90),
    )
    completed = add_enrolment(
        p.carol,
        status=EnrolmentStatus.COMPLETED,
        cost="50",
        completed_on=today - timedelta(days=70),
    )
    Evaluation.objects.create(enrolment=completed, level=EvaluationLevel.REACTION, rating=4)
    add_enrolment(p.dave, status=EnrolmentStatus.REQUESTED, cost="3000")
    Budget.objects.create(department=p.operations, year=today.year, amount=Decimal("1000"))

    carol_coaching = add_coaching(p.carol)
    dave_coaching = add_coaching(p.dave, budget="3000")

    Application.objects.create(offer=add_offer(p.planning, today=today), employee=p.carol)
    Application.objects.create(
        offer=add_offer(p.planning, today=today), employee=p.dave, consent=Consent.GIVEN
    )
    add_offer(p.operations, today=today)  # nobody applied

    running = add_programme(matched_at=timezone.now())
    proposed_pair = Match.objects.create(
        programme=running,
        mentor=join(running, p.bob, Role.MENTOR),
        mentee=join(running, p.carol, Role.MENTEE),
    )
    ended = add_programme(closed_at=timezone.now())
    ended_pair = Match.objects.create(
        programme=ended,
        mentor=join(ended, p.hanna, Role.MENTOR),
        mentee=join(ended, p.alice, Role.MENTEE),
        status=MatchStatus.CONFIRMED,
        mentor_confirmed=True,
        mentee_confirmed=True,
    )
    waiting = add_programme()
    join(waiting, p.dave, Role.MENTEE)
    return World(
        today,
        plan,
        first_soon,
        carol_checkin,
        alice_checkin,
        carol_round,
        dave_round,
        proposed_pair,
        ended_pair,
        waiting,
        carol_coaching,
        dave_coaching,
    )


def overview(login, personas, name) -> tuple[dict[str, list[tuple[str, str]]], str]:
    client = login(personas.user(name))
    client.cookies["django_language"] = "en"
    response = client.get(reverse("web:home"))
    assert response.status_code == 200
    todo = response.context["todo"]
    sections = {
        key: [(item.text, item.url) for item in (getattr(todo, key) or [])]
        for key in ("mine", "decisions", "attention")
    }
    sections["decisions_shown"] = todo.decisions is not None
    sections["attention_shown"] = todo.attention is not None
    return sections, response.content.decode()


# --- Per persona -----------------------------------------------------------------------


def test_carol_sees_her_own_follow_up_with_counts_and_links(login, personas, world):
    todo, page = overview(login, personas, "carol")
    w = world
    assert todo["mine"] == [
        ("2 actions in your development plan are past their due date", reverse("plans:mine")),
        (
            f"1 action is due within two weeks (first on {_day(w.first_soon)})",
            reverse("plans:mine"),
        ),
        (
            f"Your next check-in is on {_day(w.carol_checkin.scheduled_for)}",
            reverse("plans:checkin", args=[w.carol_checkin.pk]),
        ),
        (
            "Your development plan is still a draft: it waits for your manager's signature",
            reverse("plans:plan", args=[w.carol_plan.pk]),
        ),
        (
            f"1 of 4 raters answered your 360-degree feedback round "
            f"(closes on {_day(w.carol_round.closes_on)})",
            reverse("feedback:round", args=[w.carol_round.pk]),
        ),
        ("1 completed training still asks for your evaluation", reverse("learning:mine")),
        ("1 learning request of yours waits for a decision", reverse("learning:mine")),
        (
            "1 learning request has been approved and is still to be followed",
            reverse("learning:mine"),
        ),
        ("1 learning request was declined in the past month", reverse("learning:mine")),
        (
            "Confirm the mentoring pair with your mentor Bob de Vries "
            f"({w.proposed_pair.programme.name})",
            reverse("mentoring:pair", args=[w.proposed_pair.pk]),
        ),
        (
            "Your coaching request waits for a decision",
            reverse("coaching:detail", args=[w.carol_coaching.pk]),
        ),
        ("1 rotation application waits for your manager's consent", reverse("mobility:mine")),
    ]
    assert not todo["decisions_shown"] and not todo["attention_shown"]
    assert "Dave" not in page and "Waiting for your decision" not in page
    # Each line links to the page where she acts.
    assert f'href="{reverse("plans:plan", args=[w.carol_plan.pk])}"' in page


def test_a_draft_plan_without_goals_asks_for_goals_not_for_the_signature(login, personas):
    plan = DevelopmentPlan.objects.create(
        employee=personas.carol,
        period_start=timezone.localdate(),
        period_end=timezone.localdate() + timedelta(days=365),
    )
    todo, _page = overview(login, personas, "carol")
    assert todo["mine"] == [
        (
            "Your development plan is still a draft without goals: add them, then your manager "
            "co-signs",
            reverse("plans:plan", args=[plan.pk]),
        )
    ]
    # Nothing to co-sign yet for alice.
    todo, _page = overview(login, personas, "alice")
    assert not any("co-signature" in text for text, _url in todo["decisions"])


def test_alice_sees_her_own_items_and_the_decisions_about_carol(login, personas, world):
    todo, page = overview(login, personas, "alice")
    w = world
    assert todo["mine"] == [
        (
            f"Your check-in planned for {_day(w.alice_checkin.scheduled_for)} has not been held yet",
            reverse("plans:checkin", args=[w.alice_checkin.pk]),
        ),
        (
            "Give your end feedback on the mentoring pair with Hanna Smit",
            reverse("mentoring:pair", args=[w.ended_pair.pk]),
        ),
    ]
    assert todo["decisions"] == [
        ("1 learning request waits for your approval", reverse("learning:queue")),
        ("1 coaching request waits for your decision", reverse("coaching:list")),
        ("1 rotation application waits for your consent", reverse("mobility:consents")),
        (
            "1 candidate for a rotation in your department waits for your choice",
            reverse("mobility:host_queue"),
        ),
        (
            "1 development plan waits for your co-signature",
            reverse("plans:plan", args=[w.carol_plan.pk]),
        ),
        (
            "1 completed training asks how it is applied now (60-90 days after)",
            reverse("learning:queue"),
        ),
    ]
    assert not todo["attention_shown"]
    assert "3,000" not in page and "3.000" not in page  # dave's request is HR's, not hers


def test_bob_decides_for_his_line_and_confirms_as_mentor(login, personas, world):
    todo, _page = overview(login, personas, "bob")
    w = world
    assert todo["mine"] == []
    assert todo["decisions"] == [
        ("1 learning request waits for your approval", reverse("learning:queue")),
        ("1 coaching request waits for your decision", reverse("coaching:list")),
        (
            "1 candidate for a rotation in your department waits for your choice",
            reverse("mobility:host_queue"),
        ),
        (
            "1 development plan waits for your co-signature",
            reverse("plans:plan", args=[w.carol_plan.pk]),
        ),
        ("1 check-in with your team is past its planned date", reverse("plans:team")),
        (
            "1 completed training asks how it is applied now (60-90 days after)",
            reverse("learning:queue"),
        ),
        (
            "Confirm the mentoring pair with your mentee Carol Bakker "
            f"({w.proposed_pair.programme.name})",
            reverse("mentoring:pair", args=[w.proposed_pair.pk]),
        ),
    ]
    # carol's consent is alice's (her direct manager), not bob's.
    assert all("consent" not in text for text, _url in todo["decisions"])


def test_a_direct_report_without_a_planned_check_in_is_due_one(login, personas, world):
    CheckIn.objects.filter(pk=world.alice_checkin.pk).update(
        status="held", held_on=world.today - timedelta(days=50)
    )
    todo, _page = overview(login, personas, "bob")
    assert (
        "1 direct report is due a check-in (your rhythm: every 6 weeks)",
        reverse("plans:team"),
    ) in todo["decisions"]
    assert not any("past its planned date" in text for text, _url in todo["decisions"])


def test_dave_the_outsider_sees_only_his_own(login, personas, world):
    todo, page = overview(login, personas, "dave")
    w = world
    assert todo["mine"] == [
        (
            "Your 360-degree feedback round is ready: invite raters and open it",
            reverse("feedback:round", args=[w.dave_round.pk]),
        ),
        ("1 learning request of yours waits for a decision", reverse("learning:mine")),
        (
            "Your coaching request waits for a decision",
            reverse("coaching:detail", args=[w.dave_coaching.pk]),
        ),
        ("1 rotation application waits for the host department's choice", reverse("mobility:mine")),
    ]
    assert not todo["decisions_shown"] and not todo["attention_shown"]
    for other in ("Carol", "Alice", "Bob", "Hanna"):
        assert other not in re.sub(r"<nav.*?</nav>", "", page, flags=re.S)


def test_hanna_sees_what_needs_hr_attention(login, personas, world):
    todo, _page = overview(login, personas, "hanna")
    w = world
    assert todo["mine"] == [
        (
            "Give your end feedback on the mentoring pair with Alice Jansen",
            reverse("mentoring:pair", args=[w.ended_pair.pk]),
        ),
    ]
    assert not todo["decisions_shown"]
    # Budget of Operations: 900 approved + 50 spent of 1000 = 95 %, 50 left.
    assert todo["attention"] == [
        ("1 learning request of € 2,500 or more waits for a decision", reverse("learning:queue")),
        ("1 coaching request of € 2,500 or more waits for a decision", reverse("coaching:list")),
        ("The learning budget of Operations is 95% used (€ 50 left)", reverse("learning:budgets")),
        (
            "1 360-degree feedback round closes within a week with fewer than half of the raters "
            "answered",
            reverse("feedback:hr"),
        ),
        (
            f"Mentoring programme {w.waiting_programme.name} has 1 mentee waiting to be matched",
            reverse("mentoring:programme", args=[w.waiting_programme.pk]),
        ),
        ("1 open rotation has no applicants yet", reverse("mobility:offers")),
    ]


def test_an_overspent_budget_is_urgent(login, personas, world):
    Budget.objects.filter(department=personas.operations).update(amount=Decimal("800"))
    todo, _page = overview(login, personas, "hanna")
    assert (
        "The learning budget of Operations is over its limit by € 150",
        reverse("learning:budgets"),
    ) in todo["attention"]


def test_nothing_waiting_says_so_and_my_details_stay(login, personas):
    todo, page = overview(login, personas, "dave")
    assert todo["mine"] == []
    assert "Nothing is waiting for you." in page
    assert "My details" in page and "View my page" in page


def test_the_overview_shows_its_groups_and_marks_what_is_urgent(login, personas, world):
    _todo, page = overview(login, personas, "alice")
    assert "For you" in page and "Waiting for your decision" in page
    assert "Attention for HR" not in page
    # Her overdue check-in; learning, coaching and consent decisions (choosing is not urgent).
    assert page.count("action needed") == 4


# --- A fixed number of queries ---------------------------------------------------------


def add_items(personas, n: int, today) -> None:
    """``n`` more of every kind of item, for carol (seen by alice and bob) and dave (HR)."""
    p = personas
    goal = Goal.objects.filter(plan__employee=p.carol).first()
    if goal is None:
        _plan, goal = add_plan(p.carol, today=today)
    reports = []
    for i in range(n):
        add_action(goal, today - timedelta(days=1 + i))
        add_action(goal, today + timedelta(days=1 + i % 10))
        for status in (EnrolmentStatus.REQUESTED, EnrolmentStatus.APPROVED):
            add_enrolment(p.carol, status=status)
        add_enrolment(
            p.carol, status=EnrolmentStatus.COMPLETED, completed_on=today - timedelta(days=65)
        )
        add_enrolment(p.dave, status=EnrolmentStatus.REQUESTED, cost="2600")
        add_coaching(p.carol)
        add_coaching(p.dave, budget="2600")
        add_round(p.carol, closes_on=today + timedelta(days=2), invited=3)
        Application.objects.create(offer=add_offer(p.planning, today=today), employee=p.carol)
        Application.objects.create(
            offer=add_offer(p.planning, today=today), employee=p.dave, consent=Consent.GIVEN
        )
        add_offer(p.finance, today=today)
        join(add_programme(), p.dave, Role.MENTEE)
        n_ = _n()
        reports.append(
            Employee(
                employee_number=f"9{n_:05d}",
                first_name=f"Extra{n_}",
                last_name="Medewerker",
                email=f"extra{n_}@example.nl",
                department=p.planning,
                manager=p.bob,
                hire_date=today - timedelta(days=400),
            )
        )
    Employee.objects.bulk_create(reports)
    numbers = [r.employee_number for r in reports]
    for employee in Employee.objects.filter(employee_number__in=numbers):
        CheckIn.objects.create(
            employee=employee, manager=p.bob, scheduled_for=today - timedelta(days=1)
        )
        add_plan(employee, today=today)


def queries_for(client) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(reverse("web:home"))
    assert response.status_code == 200
    return len(captured)


@pytest.mark.parametrize(
    ("viewer", "most"), [("carol", 16), ("alice", 29), ("bob", 29), ("dave", 15), ("hanna", 30)]
)
def test_home_query_count_is_the_same_with_5_and_50_items(login, personas, viewer, most):
    # One department budget: the budget lines read all budgeted departments at once
    # (learning's budget_statuses), so HR's count does not grow with departments either
    # (learning/tests/test_budget_queries.py pins it with 5 and 50 departments).
    today = timezone.localdate()
    Budget.objects.create(department=personas.operations, year=today.year, amount=Decimal("900"))
    client = login(personas.user(viewer))
    add_items(personas, 5, today)
    five = queries_for(client)
    add_items(personas, 45, today)
    fifty = queries_for(client)
    assert five == fifty <= most
