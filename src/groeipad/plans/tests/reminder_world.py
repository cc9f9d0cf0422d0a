"""A small world of plans, actions and check-ins around the personas, at a fixed date.

Built with the models directly (not the services): the reminders must find overdue things
that the services would refuse to create today, such as an action due last week.

On TODAY (Wednesday 12 March 2025, ISO week 11):
- carol's plan (manager alice, not co-signed) has one goal with four actions:
  ``overdue`` (due 3 days ago, planned), ``future`` (due next month), ``done`` and
  ``cancelled`` (both due long ago);
- a check-in carol/alice planned two days ago was not held (``missed``);
- alice's last check-in with bob was held ten weeks ago and none is planned (bob's
  cadence is the default six weeks);
- dave, bob and hanna have no manager.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from groeipad.plans.models import (
    Action,
    ActionStatus,
    CheckIn,
    CheckInStatus,
    DevelopmentPlan,
    Goal,
    PlanStatus,
)

TODAY = date(2025, 3, 12)


@dataclass
class World:
    personas: object
    plan: DevelopmentPlan
    goal: Goal
    overdue: Action
    future: Action
    done: Action
    cancelled: Action
    missed: CheckIn
    held: CheckIn

    def user(self, name):
        return self.personas.user(name)


def make_world(personas) -> World:
    plan = DevelopmentPlan.objects.create(
        employee=personas.carol,
        period_start=date(2025, 1, 1),
        period_end=date(2025, 12, 31),
        status=PlanStatus.ACTIVE,
        strengths="Rustig en precies plannen",
        ambitions="Teamleider planning worden",
        development_points="Presenteren voor grote groepen",
    )
    goal = Goal.objects.create(
        plan=plan,
        title="Zelfstandig de weekplanning voor het magazijn maken",
        why="Minder afhankelijk van de teamleider",
        success_criterion="Vanaf week 20 maakt Carol de planning zonder hulp",
        owner=personas.carol,
        deadline=date(2025, 9, 1),
        proposed_by="employee",
        basis="strength",
    )

    def action(description, due, status, instrument="on_the_job", hours="0"):
        return Action.objects.create(
            goal=goal,
            description=description,
            instrument=instrument,
            owner=personas.carol,
            due_date=due,
            status=status,
            hours=Decimal(hours),
        )

    overdue = action(
        "Planning van week 10 samen met Alice maken",
        TODAY - timedelta(days=3),
        ActionStatus.PLANNED,
        hours="8",
    )
    future = action(
        "Cursus Excel voor planners",
        TODAY + timedelta(days=30),
        ActionStatus.PLANNED,
        instrument="internal_training",
        hours="4",
    )
    done = action(
        "Meelopen met de planner van Inbound",
        TODAY - timedelta(days=40),
        ActionStatus.DONE,
        instrument="feedback",
        hours="2",
    )
    cancelled = action(
        "Boek lezen over planning",
        TODAY - timedelta(days=20),
        ActionStatus.CANCELLED,
        instrument="self_study",
    )
    missed = CheckIn.objects.create(
        employee=personas.carol,
        manager=personas.alice,
        plan=plan,
        scheduled_for=TODAY - timedelta(days=2),
        employee_private_notes="CAROL-PRIVATE-NOTE",
        manager_private_notes="ALICE-PRIVATE-NOTE",
    )
    held = CheckIn.objects.create(
        employee=personas.alice,
        manager=personas.bob,
        scheduled_for=TODAY - timedelta(weeks=10),
        held_on=TODAY - timedelta(weeks=10),
        status=CheckInStatus.HELD,
        shared_notes="Goed gesprek over de nieuwe rol",
        manager_private_notes="BOB-PRIVATE-NOTE",
    )
    return World(personas, plan, goal, overdue, future, done, cancelled, missed, held)
