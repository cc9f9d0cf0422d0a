"""Coaching trajectories for the demo organisation, one in every state of the flow.

Runs after the learning demo, which sets the department budgets: every trajectory that
holds or spends money is only placed in a department whose development budget still
has room for it, checked with ``budgets.selectors.budget_status`` (which counts
coaching alongside learning requests), just as ``coaching.services.approve`` does. So
the budget page and the approval checks agree with what the demo shows.

Written through the models with dates around the demo's as-of day (the services stamp
the real clock): a completed trajectory gets its learning activity (kind coaching, its
budget as cost), as ``services.complete`` records it.

- Requested by the demo employee, waiting for the demo manager's decision.
- Approved by the demo manager for someone in their team (external coach).
- In progress with sessions logged: one external, one with the demo manager as
  internal coach for a colleague in another department.
- Completed with the employee's and the manager's evaluation (this year and last).
- Declined with a reason, and a large request above HR's threshold.
"""

from __future__ import annotations

import random
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.db.models import Q
from django.utils import timezone

from groeipad.budgets import selectors as budget_selectors
from groeipad.coaching.models import (
    CoachingAnswer,
    CoachingEvaluation,
    CoachingSession,
    CoachingTrajectory,
    CoachKind,
    Perspective,
    TrajectoryStatus,
)
from groeipad.learning.models import CATEGORY_OF_KIND, ActivityKind, LearningActivity
from groeipad.people.demo import PERSONAS
from groeipad.people.models import Employee, User

EXTERNAL_COACHES = (
    ("Annemiek de Graaf", "Loopbaanbureau Koers", "annemiek@koers-loopbaan.nl"),
    ("Peter Smit", "Smit Coaching & Training", "peter@smitcoaching.nl"),
    ("Hanneke Bos", "Praktijk voor Coaching Utrecht", "info@coachingutrecht.nl"),
)
GOALS = (
    "Meer rust en overzicht in drukke weken, zonder dat het werk blijft liggen.",
    "Steviger in gesprekken met cliënten en familie, ook als het lastig wordt.",
    "Groeien naar een rol als teamleider: leren delegeren en feedback geven.",
    "Grip krijgen op mijn werkdruk en duidelijker grenzen aangeven.",
    "Overtuigender presenteren voor grotere groepen.",
    "Een goede start in mijn nieuwe rol als coördinator.",
    "Na een lastig jaar weer plezier en richting vinden in mijn werk.",
)
SESSION_NOTES = (
    "Intake: doel scherp gemaakt en afspraken over vertrouwelijkheid.",
    "Oefenen met nee zeggen; opdracht voor de komende weken.",
    "Terugblik op de opdracht; nieuwe situaties besproken.",
    "Rollenspel met een lastig gesprek.",
    "Wat werkt al? Successen op een rij gezet.",
    "Afronding en plan voor daarna.",
)
DECLINE_REASON = (
    "Eerst de interne training Feedback geven dat landt volgen; daarna bekijken we "
    "of coaching nog nodig is."
)


def coaching_demo_remove() -> None:
    """Trajectories point at departments and coaches with PROTECT: remove them first."""
    activities = list(
        CoachingTrajectory.objects.filter(activity__isnull=False).values_list(
            "activity_id", flat=True
        )
    )
    CoachingTrajectory.objects.all().delete()
    CoachingAnswer.objects.all().delete()
    LearningActivity.objects.filter(pk__in=activities).delete()


def _at(day: date, hour: int = 10) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(hour, 0)))


class _Room:
    """What is left of each development budget, read once and kept up to date here."""

    def __init__(self):
        self.left: dict[tuple[int, int], Decimal | None] = {}

    def _key(self, employee: Employee, year: int):
        budget = budget_selectors.budget_for(employee.department, year)
        if budget is None:
            return None
        key = (budget.pk, year)
        if key not in self.left:
            status = budget_selectors.budget_status(budget.department, budget.year)
            self.left[key] = status.remaining
        return key

    def fits(self, employee: Employee, year: int, cost: Decimal) -> bool:
        """Whether the budget this employee's department draws on still holds ``cost``."""
        if cost <= 0:
            return True
        key = self._key(employee, year)
        if key is None:
            return False
        left = self.left[key]
        return left is not None and left >= cost

    def take(self, employee: Employee, year: int, cost: Decimal) -> None:
        key = self._key(employee, year)
        if key is None:
            return
        left = self.left[key]
        if left is not None:
            self.left[key] = left - cost


def coaching_demo_generate(*, seed: int, today: date | None = None) -> dict[str, int]:
    today = today or timezone.localdate()
    rng = random.Random(seed * 6053 + 17)
    users = {u.email: u for u in User.objects.filter(email__in=[e for e, _r in PERSONAS.values()])}
    hr = users.get(PERSONAS["hr"][0])
    manager_user = users.get(PERSONAS["manager"][0])
    employee_user = users.get(PERSONAS["employee"][0])
    user_of = dict(User.objects.filter(employee__isnull=False).values_list("employee_id", "pk"))
    current = list(
        Employee.objects.filter(Q(leave_date__isnull=True) | Q(leave_date__gte=today))
        .filter(hire_date__lte=today - timedelta(days=400), manager__isnull=False)
        .select_related("department", "department__parent")
        .order_by("employee_number")
    )
    demo_manager_id = getattr(manager_user, "employee_id", None)
    demo_employee_id = getattr(employee_user, "employee_id", None)
    by_id = {e.pk: e for e in current}
    demo_employee = by_id.get(demo_employee_id) if demo_employee_id is not None else None
    team = [e for e in current if e.manager_id == demo_manager_id and e.pk != demo_employee_id]
    elsewhere = [
        e
        for e in current
        if e.manager_id != demo_manager_id
        and e.pk not in (demo_manager_id, demo_employee_id)
        and (demo_employee is None or e.department_id != demo_employee.department_id)
    ]
    rng.shuffle(team)
    rng.shuffle(elsewhere)
    coaches = [e for e in current if (today - e.hire_date).days > 8 * 365]
    used: set[int] = set()
    made: list[CoachingTrajectory] = []
    sessions: list[CoachingSession] = []
    evaluations: list[CoachingEvaluation] = []
    # The employees' end evaluations are anonymous: linked to nobody, one per person,
    # the trajectory flagged; written shuffled so their ids follow no trajectory order.
    answers: list[CoachingAnswer] = []
    answered: dict[int, int] = {}  # employee id -> trajectory id
    goals = list(GOALS)
    rng.shuffle(goals)

    room = _Room()

    def pick(pool, year, cost):
        for person in pool:
            if person.pk not in used and room.fits(person, year, Decimal(cost)):
                used.add(person.pk)
                if cost:
                    room.take(person, year, Decimal(cost))
                return person
        return None

    def add(
        person,
        *,
        status,
        asked,
        kind,
        cost,
        sessions_planned,
        done=0,
        decided_by=None,
        coach=None,
        completed=None,
        reason="",
        requested_by=None,
        decision_reason="",
        goal=None,
    ):
        if kind == CoachKind.INTERNAL:
            coach = coach or next(
                c
                for c in coaches
                if c.pk not in (person.pk, person.manager_id)
                and c.pk not in used
                and c.department_id != person.department_id
            )
            extra = {"internal_coach": coach}
        else:
            name, organisation, email = rng.choice(EXTERNAL_COACHES)
            extra = {"coach_name": name, "coach_organisation": organisation, "coach_email": email}
        decided = status != TrajectoryStatus.REQUESTED
        trajectory = CoachingTrajectory.objects.create(
            employee=person,
            coach_kind=kind,
            goal_text=goal or goals.pop(),
            planned_sessions=sessions_planned,
            budget=Decimal(cost),
            department_id=person.department_id,
            reason=reason,
            status=status,
            requested_by=requested_by,
            requested_at=_at(asked),
            decided_by=decided_by if decided else None,
            decided_at=_at(asked + timedelta(days=rng.randint(2, 6)), 15) if decided else None,
            decision_reason=decision_reason,
            **extra,
        )
        first = asked + timedelta(days=rng.randint(14, 21))
        for number in range(done):
            day = first + timedelta(days=21 * number)
            sessions.append(
                CoachingSession(
                    trajectory=trajectory,
                    date=day,
                    hours=Decimal("1.5") if number == 0 else Decimal("1"),
                    notes=SESSION_NOTES[number % len(SESSION_NOTES)],
                    logged_by_id=user_of.get(person.pk),
                    logged_at=_at(day, 17),
                )
            )
        if completed is not None:
            hours = Decimal("1.5") + Decimal(done - 1)
            activity = LearningActivity.objects.create(
                employee=person,
                date=completed,
                # As services.complete titles it, without the number: the same each run.
                title=f"Coaching: {trajectory.goal_text[:200]}",
                kind=ActivityKind.COACHING,
                category=CATEGORY_OF_KIND[ActivityKind.COACHING],
                hours=hours,
                cost=trajectory.budget,
            )
            trajectory.activity = activity
            trajectory.completed_on = completed
            trajectory.save(update_fields=["activity", "completed_on"])
            for perspective, reached, change, rater in (
                (
                    Perspective.EMPLOYEE,
                    rng.choice((4, 4, 5)),
                    "Ik plan mijn week nu vooruit en zeg eerder nee.",
                    user_of.get(person.pk),
                ),
                (
                    Perspective.MANAGER,
                    rng.choice((3, 4, 4)),
                    "Neemt meer regie in het overleg en vraagt zelf om feedback.",
                    user_of.get(person.manager_id),
                ),
            ):
                if perspective == Perspective.EMPLOYEE:
                    if person.pk not in answered:
                        answered[person.pk] = trajectory.pk
                        answers.append(
                            CoachingAnswer(goal_reached=reached, behaviour_change=change)
                        )
                    continue
                evaluations.append(
                    CoachingEvaluation(
                        trajectory=trajectory,
                        perspective=perspective,
                        goal_reached=reached,
                        behaviour_change=change,
                        rater_id=rater,
                        rated_on=completed + timedelta(days=rng.randint(3, 14)),
                    )
                )
        made.append(trajectory)
        return trajectory

    year = today.year
    # 1. The demo employee asks; the demo manager decides.
    if demo_employee is not None:
        # External when the budget still holds it (the manager can approve it), else a
        # colleague coaches. Its cost is kept free, so approving it stays possible.
        cost = 1450 if room.fits(demo_employee, year, Decimal(1450)) else 0
        used.add(demo_employee.pk)
        room.take(demo_employee, year, Decimal(cost))  # kept free for the manager's yes
        add(
            demo_employee,
            status=TrajectoryStatus.REQUESTED,
            asked=today - timedelta(days=3),
            kind=CoachKind.EXTERNAL if cost else CoachKind.INTERNAL,
            cost=cost,
            sessions_planned=6,
            requested_by=employee_user,
            goal="Taken durven loslaten en overdragen, ook in drukke weken.",
            reason="Uit mijn 360-feedback: ik houd te veel zelf vast. Daar wil ik aan werken.",
        )
    # 2. Approved by the demo manager for someone in their team, sessions still to come.
    asked = today - timedelta(days=rng.randint(14, 25))
    # External when the team's budget still holds it, else a colleague from elsewhere.
    cost = 1600
    person = pick(team, asked.year, Decimal(cost))
    if person is None:
        cost, person = 0, pick(team, asked.year, Decimal(0))
    if person is not None:
        add(
            person,
            status=TrajectoryStatus.APPROVED,
            asked=asked,
            kind=CoachKind.EXTERNAL if cost else CoachKind.INTERNAL,
            cost=cost,
            sessions_planned=8 if cost else 5,
            decided_by=manager_user,
            requested_by=manager_user,
            decision_reason="Goed plan; past bij de doelen in het ontwikkelplan.",
        )
    # 3. In progress, external coach, half the sessions held.
    asked = today - timedelta(days=rng.randint(70, 90))
    person = pick(elsewhere, asked.year, Decimal(1350))
    if person is not None:
        add(
            person,
            status=TrajectoryStatus.IN_PROGRESS,
            asked=asked,
            kind=CoachKind.EXTERNAL,
            cost=1350,
            sessions_planned=6,
            done=3,
            decided_by=hr,
        )
    # 4. In progress with the demo manager as internal coach (another department).
    demo_manager = Employee.objects.filter(pk=demo_manager_id).first() if demo_manager_id else None
    if demo_manager is not None:
        asked = today - timedelta(days=rng.randint(50, 65))
        pool = [
            e
            for e in elsewhere
            if e.department_id != demo_manager.department_id and e.manager_id != demo_manager.pk
        ]
        person = pick(pool, asked.year, Decimal(0))
        if person is not None:
            add(
                person,
                status=TrajectoryStatus.IN_PROGRESS,
                asked=asked,
                kind=CoachKind.INTERNAL,
                coach=demo_manager,
                cost=0,
                sessions_planned=5,
                done=2,
                decided_by=hr,
            )
    # 5. Completed in the demo manager's team early this year (last year's budget), both
    # evaluations given.
    asked = min(date(year - 1, rng.randint(9, 10), rng.randint(1, 28)), today - timedelta(days=160))
    person = pick(team, asked.year, Decimal(1250))
    if person is not None:
        add(
            person,
            status=TrajectoryStatus.COMPLETED,
            asked=asked,
            kind=CoachKind.EXTERNAL,
            cost=1250,
            sessions_planned=5,
            done=5,
            decided_by=manager_user,
            completed=asked + timedelta(days=21 + 21 * 5),
        )
    # 6. Completed last year elsewhere, internal coach.
    asked = date(year - 1, rng.randint(3, 6), rng.randint(1, 28))
    person = pick(elsewhere, asked.year, Decimal(0))
    if person is not None:
        add(
            person,
            status=TrajectoryStatus.COMPLETED,
            asked=asked,
            kind=CoachKind.INTERNAL,
            cost=0,
            sessions_planned=4,
            done=4,
            decided_by=hr,
            completed=asked + timedelta(days=21 + 21 * 4),
        )
    # 6b. Three more completed last year elsewhere, internal coaches: the end evaluations
    # are anonymous answers, and HR's averages show only from 3 of them on.
    for goal in (
        "Overzicht houden in drukke weken: prioriteren en nee zeggen.",
        "Zelfverzekerder presenteren in het klantoverleg.",
        "Een lastig gesprek met een collega goed voorbereiden en voeren.",
    ):
        asked = date(year - 1, rng.randint(1, 5), rng.randint(1, 28))
        person = pick(elsewhere, asked.year, Decimal(0))
        if person is not None:
            add(
                person,
                status=TrajectoryStatus.COMPLETED,
                asked=asked,
                kind=CoachKind.INTERNAL,
                cost=0,
                sessions_planned=3,
                done=3,
                decided_by=hr,
                completed=asked + timedelta(days=21 + 21 * 3),
                goal=goal,
            )
    # 7. Declined with a reason.
    asked = today - timedelta(days=rng.randint(30, 45))
    person = pick(elsewhere, asked.year, Decimal(0))
    if person is not None:
        add(
            person,
            status=TrajectoryStatus.DECLINED,
            asked=asked,
            kind=CoachKind.EXTERNAL,
            cost=1950,
            sessions_planned=8,
            decided_by=hr,
            decision_reason=DECLINE_REASON,
        )
    # 8. A large request elsewhere, from HR's threshold up: HR's attention list shows it.
    asked = today - timedelta(days=rng.randint(4, 9))
    person = pick(elsewhere, asked.year, Decimal(0))
    if person is not None:
        add(
            person,
            status=TrajectoryStatus.REQUESTED,
            asked=asked,
            kind=CoachKind.EXTERNAL,
            cost=2950,
            sessions_planned=10,
            goal="Groeien naar een leidinggevende rol: "
            "een leiderschapstraject met een externe coach.",
            reason="Besproken in de loopbaancheck-in; past bij mijn ambitie.",
        )
    CoachingSession.objects.bulk_create(sessions)
    CoachingEvaluation.objects.bulk_create(evaluations)
    rng.shuffle(answers)
    CoachingAnswer.objects.bulk_create(answers)
    CoachingTrajectory.objects.filter(pk__in=answered.values()).update(employee_answered=True)
    return {
        "trajectories": len(made),
        "sessions": len(sessions),
        "evaluations": len(evaluations) + len(answers),
    }
