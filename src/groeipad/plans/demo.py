"""Development plans for the demo organisation: plans, goals, actions and check-ins.

Runs after the people and competency demo. About half of the current staff with a
manager gets an active plan from the template of their career stage, with goals
(at least one building on a strength), actions across the 70-20-10 instruments, a
held check-in and the next one planned. Written with bulk_create: a few seconds even
for a 50,000-person demo. The demo employee's plan is always there, so the demo
shows a filled-in plan at once.
"""

from __future__ import annotations

import random
from datetime import date, timedelta
from decimal import Decimal

from django.db.models import Q
from django.utils import timezone

from groeipad.people.models import Employee, User
from groeipad.plans.models import (
    CATEGORY_OF_INSTRUMENT,
    Action,
    ActionStatus,
    CheckIn,
    CheckInStatus,
    DevelopmentPlan,
    Goal,
    GoalBasis,
    Instrument,
    PlanStatus,
    PlanTemplate,
    Proposer,
)
from groeipad.plans.services import templates_install_starter

STRENGTH_GOALS = [
    (
        "Mijn kennis van de planning delen met nieuwe collega's",
        "Twee nieuwe collega's werken na drie maanden zelfstandig met het rooster.",
    ),
    (
        "Rust bewaren en het overzicht houden in drukke weken",
        "In de drukste week van het kwartaal lever ik alles op tijd op; mijn team bevestigt dat.",
    ),
    (
        "Mijn talent voor tekenen inzetten om processen uit te leggen",
        "Drie werkinstructies zijn omgezet in een plaat die collega's gebruiken.",
    ),
]
DEVELOPMENT_GOALS = [
    (
        "Durven presenteren in het teamoverleg",
        "Ik presenteer vier keer in het teamoverleg en vraag na afloop om één tip.",
    ),
    (
        "Feedback geven aan collega's op een opbouwende manier",
        "Elke maand geef ik twee collega's concrete feedback; in de check-in bespreken we hoe.",
    ),
    (
        "Beter werken met data en Excel",
        "Ik maak zelfstandig de maandrapportage, zonder hulp van de controller.",
    ),
]
ACTIONS = [
    ("Stretch-opdracht: het kwartaaloverleg voorbereiden", Instrument.ON_THE_JOB, 16, 0),
    ("Een week meelopen bij een andere afdeling", Instrument.JOB_ROTATION, 32, 0),
    ("Maandelijks gesprek met mijn mentor", Instrument.MENTORING, 6, 0),
    ("Feedback vragen na elke presentatie", Instrument.FEEDBACK, 2, 0),
    ("Interne training Presenteren met impact", Instrument.INTERNAL_TRAINING, 8, 350),
    ("E-learning Excel voor gevorderden", Instrument.SELF_STUDY, 6, 95),
]


def plans_demo_generate(*, seed: int, today: date | None = None, share: float = 0.5) -> dict:
    today = today or timezone.localdate()
    rng = random.Random(seed * 104729 + 7)
    templates_install_starter(actor=None)
    templates = {t.career_stage: t for t in PlanTemplate.objects.all()}
    staff = list(
        Employee.objects.filter(
            Q(leave_date__isnull=True) | Q(leave_date__gte=today),
            hire_date__lte=today,
            manager__isnull=False,
        )
        .order_by("employee_number")
        .values_list("id", "manager_id", "hire_date")
    )
    personas = set(
        User.objects.filter(email="medewerker@demo.groeipad.nl").values_list(
            "employee_id", flat=True
        )
    )
    managers = dict(User.objects.filter(employee__isnull=False).values_list("employee_id", "id"))
    chosen = [row for row in staff if row[0] in personas or rng.random() < share]
    start = today - timedelta(days=rng.randint(60, 120))
    end = start + timedelta(days=365)
    plans = DevelopmentPlan.objects.bulk_create(
        DevelopmentPlan(
            employee_id=employee_id,
            period_start=start,
            period_end=end,
            status=PlanStatus.ACTIVE,
            template=templates.get(_stage(hire, today)),
            strengths="Rustig en precies; goed in plannen en overzicht houden.",
            ambitions="Over twee jaar een team of een project leiden.",
            development_points="Presenteren voor grotere groepen; feedback geven.",
            signed_by_manager_id=managers.get(manager_id),
            signed_at=timezone.now() - timedelta(days=rng.randint(30, 60)),
        )
        for employee_id, manager_id, hire in chosen
    )
    goals, plan_of_goal = [], []
    for plan in plans:
        strength = rng.choice(STRENGTH_GOALS)
        development = rng.choice(DEVELOPMENT_GOALS)
        for (title, criterion), basis in (
            (strength, GoalBasis.STRENGTH),
            (development, GoalBasis.DEVELOPMENT),
        ):
            goals.append(
                Goal(
                    plan=plan,
                    title=title,
                    success_criterion=criterion,
                    why="Past bij mijn ambitie en bij wat de afdeling nodig heeft.",
                    basis=basis,
                    owner_id=plan.employee_id,
                    deadline=end - timedelta(days=rng.randint(0, 90)),
                    proposed_by=rng.choice(
                        [Proposer.EMPLOYEE, Proposer.EMPLOYEE, Proposer.MANAGER]
                    ),
                )
            )
            plan_of_goal.append(plan)
    goals = Goal.objects.bulk_create(goals)
    actions = []
    for goal in goals:
        for description, instrument, hours, cost in rng.sample(ACTIONS, k=rng.randint(1, 3)):
            due = min(goal.deadline, today + timedelta(days=rng.randint(-30, 150)))
            done = due < today and rng.random() < 0.7
            actions.append(
                Action(
                    goal=goal,
                    description=description,
                    instrument=instrument,
                    category=CATEGORY_OF_INSTRUMENT[instrument],
                    owner_id=goal.owner_id,
                    due_date=due,
                    hours=Decimal(hours),
                    cost=Decimal(cost),
                    status=ActionStatus.DONE if done else ActionStatus.PLANNED,
                    done_on=due if done else None,
                )
            )
    Action.objects.bulk_create(actions)
    manager_of = {employee_id: manager_id for employee_id, manager_id, _hire in chosen}
    checkins = []
    for plan in plans:
        held = today - timedelta(days=rng.randint(7, 35))
        common = {
            "employee_id": plan.employee_id,
            "manager_id": manager_of[plan.employee_id],
            "plan": plan,
        }
        checkins.append(
            CheckIn(
                **common,
                scheduled_for=held,
                held_on=held,
                status=CheckInStatus.HELD,
                shared_notes="Voortgang besproken; volgende stap afgesproken.",
            )
        )
        checkins.append(CheckIn(**common, scheduled_for=held + timedelta(weeks=6)))
    CheckIn.objects.bulk_create(checkins)
    return {
        "plans": len(plans),
        "goals": len(goals),
        "actions": len(actions),
        "checkins": len(checkins),
    }


def _stage(hire: date, today: date) -> str:
    years = (today - hire).days / 365
    return "starter" if years < 1 else "experienced" if years < 8 else "senior"


def plans_demo_remove() -> None:
    """Plans point at people with PROTECT (goal and action owners): remove them first."""
    DevelopmentPlan.objects.all().delete()
    CheckIn.objects.all().delete()
