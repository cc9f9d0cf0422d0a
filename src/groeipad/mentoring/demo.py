"""Mentoring for the demo organisation: a running programme and one that has ended.

Runs after the people, competency and plan demos. The programmes, the participants
(what mentors offer, what mentees want to develop), HR's pair rules and the matching go
through ``mentoring.services`` with the command line as actor, so the real OR-Tools
matching makes the pairs. What the pairs did afterwards (confirming, meetings, a linked
goal, end feedback) is written through the models: the services want the mentor or
mentee logged in, and the demo gives only three people an account.

- Running: ~10 mentors (the demo manager among them) and ~20 mentees (the demo employee
  among them, locked by HR to a mentor outside their line). Most pairs are confirmed,
  with meetings; the demo employee's pair works on a goal of their plan, shared with the
  mentor; one of the demo manager's pairs still waits for the manager's confirmation.
- Ended: last year's programme, closed by HR, with both sides' end feedback.
"""

from __future__ import annotations

import random
from datetime import date, datetime, time, timedelta

from django.db.models import Q
from django.utils import timezone

from groeipad.mentoring import services
from groeipad.mentoring.models import (
    Match,
    MatchStatus,
    Meeting,
    MeetingForm,
    PairFeedback,
    Participant,
    Programme,
    Role,
    RuleKind,
)
from groeipad.people.demo import PERSONAS
from groeipad.people.models import Employee, User
from groeipad.plans.models import Goal, PlanStatus
from groeipad.skills.models import Competency

ACTOR = "groeipad demo-data"  # the command line: mentoring.rules.is_command_line
MENTOR_OFFERS = [
    "Leiderschap",
    "Coachen",
    "Communiceren",
    "Samenwerken",
    "Klantgerichtheid",
    "Resultaatgerichtheid",
    "Feedback geven en ontvangen",
    "Initiatief",
    "Vakmanschap",
    "Digitale vaardigheden",
]
MEETING_NOTES = (
    "Kennismaking; doelen voor het traject besproken.",
    "Besproken hoe ik het teamoverleg voorbereid; oefenopdracht afgesproken.",
    "Lastig gesprek met een collega nabesproken.",
    "Terugblik op de presentatie; twee tips meegekregen.",
    "Meegekeken naar mijn planning; prioriteiten gesteld.",
    "Over loopbaanstappen gepraat; volgende keer het ontwikkelplan erbij.",
)
FEEDBACK_TEXTS = {
    Role.MENTOR: (
        "Mooi om te zien hoe mijn mentee zekerder werd in overleggen.",
        "Ik leerde zelf ook veel over een andere afdeling.",
        "We hadden te weinig tijd; de gesprekken waren wel waardevol.",
    ),
    Role.MENTEE: (
        "Ik durf nu veel makkelijker feedback te vragen.",
        "Eindelijk iemand buiten mijn team om mee te sparren.",
        "Concrete tips voor presenteren, die ik meteen gebruik.",
        "Goede gesprekken, al hadden we er meer moeten plannen.",
    ),
}


def mentoring_demo_remove() -> None:
    Programme.objects.all().delete()


def _persona_employee_ids() -> dict[str, int | None]:
    users = dict(
        User.objects.filter(email__in=[e for e, _r in PERSONAS.values()]).values_list(
            "email", "employee_id"
        )
    )
    return {key: users.get(email) for key, (email, _role) in PERSONAS.items()}


def _at(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(10, 0)))


def mentoring_demo_generate(*, seed: int, today: date | None = None) -> dict[str, int]:
    today = today or timezone.localdate()
    rng = random.Random(seed * 7573 + 13)
    competencies = {c.name_nl: c for c in Competency.objects.filter(name_nl__in=MENTOR_OFFERS)}
    offers = [competencies[n] for n in MENTOR_OFFERS if n in competencies]
    if not offers:
        return {"programmes": 0, "participants": 0, "matches": 0, "meetings": 0}
    personas = _persona_employee_ids()
    current = list(
        Employee.objects.filter(Q(leave_date__isnull=True) | Q(leave_date__gte=today))
        .filter(hire_date__lte=today - timedelta(days=180), manager__isnull=False)
        .order_by("employee_number")
    )
    by_id = {e.pk: e for e in current}
    demo_employee = by_id.get(personas["employee"] or 0)
    demo_manager = by_id.get(personas["manager"] or 0)
    seniors = sorted(current, key=lambda e: (e.hire_date, e.employee_number))
    counts = {"programmes": 0, "participants": 0, "matches": 0, "meetings": 0}

    # ------------------------------------------------------------- running programme
    start = today - timedelta(days=75)
    running = services.programme_create(
        actor=ACTOR,
        name=f"Mentorprogramma {start.year}-{start.year + 1}",
        start_date=start,
        end_date=start + timedelta(days=365),
        goals="Kennis en ervaring delen over de afdelingen heen; nieuwe collega's "
        "sneller thuis laten raken; talent zichtbaar maken.",
        eligibility="Iedereen die minstens een half jaar in dienst is. Mentoren hebben "
        "minstens vijf jaar ervaring.",
    )
    mentors = [e for e in seniors[: len(seniors) // 3] if e not in (demo_employee,)]
    mentors = rng.sample([m for m in mentors if m != demo_manager], 9)
    if demo_manager is not None:
        mentors.insert(0, demo_manager)
    taken = {m.pk for m in mentors}
    pool = [e for e in current if e.pk not in taken and e != demo_employee]
    mentees = rng.sample(pool, 19)
    if demo_employee is not None:
        mentees.insert(0, demo_employee)
    mentor_parts = _join(
        rng, running, mentors, Role.MENTOR, offers, first_capacity=2 if demo_manager else None
    )
    mentee_parts = _join(rng, running, mentees, Role.MENTEE, offers)
    # HR locks the demo employee to a mentor outside their line who offers what they want,
    # and gives the demo manager a first mentee; one pair HR forbids (they worked together).
    locked_pairs = []
    if demo_employee is not None:
        wants = set(mentee_parts[0].wants.values_list("pk", flat=True))
        lines = _line(demo_employee, by_id)
        fitting = [
            p
            for p in mentor_parts
            if p.employee_id not in lines
            and p.employee.department_id != demo_employee.department_id
            and set(p.offers.values_list("pk", flat=True)) & wants
        ]
        if fitting:
            locked_pairs.append((fitting[0], mentee_parts[0]))
    if demo_manager is not None:
        # Two mentees asked for the demo manager (capacity 2): one pair confirmed, one
        # still waiting for the manager's yes.
        offered = set(mentor_parts[0].offers.values_list("pk", flat=True))
        fitting = [
            part
            for part in mentee_parts[1:]
            if demo_manager.pk not in _line(part.employee, by_id)
            and part.employee.department_id != demo_manager.department_id
        ]
        # Those who want what the manager offers first: the pair has a reason to exist.
        fitting.sort(key=lambda part: -len(offered & set(part.wants.values_list("pk", flat=True))))
        locked_pairs += [(mentor_parts[0], part) for part in fitting[:2]]
    for mentor, mentee in locked_pairs:
        services.pair_rule_set(
            actor=ACTOR, programme=running, mentor=mentor, mentee=mentee, kind=RuleKind.LOCK
        )
    services.pair_rule_set(
        actor=ACTOR,
        programme=running,
        mentor=mentor_parts[-1],
        mentee=mentee_parts[-1],
        kind=RuleKind.FORBID,
    )
    services.programme_match(actor=ACTOR, programme=running)
    Programme.objects.filter(pk=running.pk).update(matched_at=_at(start + timedelta(days=10)))
    matches = list(
        Match.objects.filter(programme=running)
        .select_related("mentor", "mentee")
        .order_by("mentor__employee__employee_number", "mentee__employee__employee_number")
    )
    manager_matches = [m for m in matches if m.mentor.employee_id == personas["manager"]]
    confirmed = []
    for match in matches:
        is_demo = match.mentee.employee_id == personas["employee"]
        if (
            is_demo
            or (manager_matches and match == manager_matches[0])
            or (match not in manager_matches and rng.random() < 0.7)
        ):
            match.status = MatchStatus.CONFIRMED
            match.mentor_confirmed = match.mentee_confirmed = True
            confirmed.append(match)
        elif match in manager_matches:
            match.mentee_confirmed = True  # waits for the demo manager
        else:
            match.mentor_confirmed = rng.random() < 0.5
        match.created_at = _at(start + timedelta(days=10))
    Match.objects.bulk_update(
        matches, ["status", "mentor_confirmed", "mentee_confirmed", "created_at"]
    )
    _link_goals(rng, confirmed, personas["employee"])
    counts["meetings"] += _meetings(rng, confirmed, start + timedelta(days=14), today)
    counts["programmes"] += 1
    counts["participants"] += len(mentor_parts) + len(mentee_parts)
    counts["matches"] += len(matches)

    # --------------------------------------------------------------- ended programme
    start = today - timedelta(days=480)
    end = start + timedelta(days=365)
    ended = services.programme_create(
        actor=ACTOR,
        name=f"Mentorprogramma {start.year}-{start.year + 1}",
        start_date=start,
        end_date=end,
        goals="Ervaren collega's helpen anderen groeien in hun vak en hun loopbaan.",
        eligibility="Iedereen die minstens een half jaar in dienst is; mentoren werken er "
        "minstens tien jaar.",
    )
    old_mentors = rng.sample(seniors[: len(seniors) // 2], 6)
    # Other mentees than this year's: the demo shows different pairs in each programme.
    left = [e for e in current if e not in old_mentors and e not in mentees and e not in mentors]
    old_mentees = rng.sample(left, 9)
    mentor_parts = _join(rng, ended, old_mentors, Role.MENTOR, offers)
    mentee_parts = _join(rng, ended, old_mentees, Role.MENTEE, offers)
    services.programme_match(actor=ACTOR, programme=ended)
    matches = list(Match.objects.filter(programme=ended).order_by("pk"))
    for match in matches:
        match.status = MatchStatus.CONFIRMED
        match.mentor_confirmed = match.mentee_confirmed = True
        match.created_at = _at(start + timedelta(days=10))
    Match.objects.bulk_update(
        matches, ["status", "mentor_confirmed", "mentee_confirmed", "created_at"]
    )
    counts["meetings"] += _meetings(rng, matches, start + timedelta(days=14), end)
    services.programme_close(actor=ACTOR, programme=ended)
    Programme.objects.filter(pk=ended.pk).update(
        matched_at=_at(start + timedelta(days=10)), closed_at=_at(end + timedelta(days=3))
    )
    # End feedback is anonymous: linked to nobody, one per person and role in the
    # programme (a mentor of two pairs answers once), the pair marked answered; written
    # in a shuffled order, so that the ids follow no order of the pairs.
    feedback, answered, gave = [], [], set()
    for match in matches:
        for role in (Role.MENTOR, Role.MENTEE):
            if rng.random() < 0.85:
                if role == Role.MENTOR and match.mentor_id in gave:
                    continue
                gave.add(match.mentor_id) if role == Role.MENTOR else None
                answered.append((match.pk, role))
                feedback.append(
                    PairFeedback(
                        programme=ended,
                        role=role,
                        rating=rng.choice((3, 4, 4, 4, 5, 5)),
                        brought=rng.choice(FEEDBACK_TEXTS[role]),
                    )
                )
    rng.shuffle(feedback)
    PairFeedback.objects.bulk_create(feedback)
    for role in (Role.MENTOR, Role.MENTEE):
        Match.objects.filter(pk__in=[pk for pk, r in answered if r == role]).update(
            **{f"{role}_answered": True}
        )
    counts["programmes"] += 1
    counts["participants"] += len(mentor_parts) + len(mentee_parts)
    counts["matches"] += len(matches)
    counts["feedback"] = len(feedback)
    return counts


def _line(employee: Employee, by_id: dict[int, Employee]) -> set[int]:
    """The employee's manager and everyone above (the matcher's hard rule)."""
    above, step = set(), employee.manager_id
    while step is not None and step not in above:
        above.add(step)
        step = by_id[step].manager_id if step in by_id else None
    return above


def _join(rng, programme, people, role, offers, first_capacity=None) -> list[Participant]:
    parts = []
    for index, person in enumerate(people):
        capacity = rng.choice((1, 2, 2, 3)) if role == Role.MENTOR else 1
        if index == 0 and first_capacity:
            capacity = first_capacity
        chosen = rng.sample(offers, 3 if role == Role.MENTOR else rng.randint(1, 2))
        parts.append(
            services.participant_join(
                actor=ACTOR,
                programme=programme,
                employee=person,
                role=role,
                capacity=capacity,
                offers=chosen if role == Role.MENTOR else (),
                wants=chosen if role == Role.MENTEE else (),
                languages=rng.choice(("nl", "nl", "nl, en")),
                meeting_form=rng.choice(MeetingForm.values),
            )
        )
    return parts


def _link_goals(rng, confirmed: list[Match], demo_employee_id: int | None) -> None:
    """The demo employee (and some others) link a goal of their plan and share it."""
    mentee_ids = [m.mentee.employee_id for m in confirmed]
    goals: dict[int, Goal] = {}
    for goal in Goal.objects.filter(
        plan__employee_id__in=mentee_ids, plan__status=PlanStatus.ACTIVE
    ).order_by("owner_id", "basis", "pk"):
        goals.setdefault(goal.owner_id, goal)
    linked = []
    for match in confirmed:
        chosen = goals.get(match.mentee.employee_id)
        is_demo = match.mentee.employee_id == demo_employee_id
        if chosen is not None and (is_demo or rng.random() < 0.5):
            match.goal = chosen
            match.share_goal = True
            match.share_plan = is_demo or rng.random() < 0.3
            linked.append(match)
    Match.objects.bulk_update(linked, ["goal", "share_goal", "share_plan"])


def _meetings(rng, matches: list[Match], first: date, last: date) -> int:
    rows = []
    for match in matches:
        day = first + timedelta(days=rng.randint(0, 14))
        notes = list(MEETING_NOTES)
        for number in range(rng.randint(1, 5)):
            if day >= last:
                break
            rows.append(
                Meeting(
                    match=match,
                    date=day,
                    notes=notes[number] if number < len(notes) else "",
                    created_at=_at(day),
                )
            )
            day += timedelta(days=rng.randint(18, 40))
    Meeting.objects.bulk_create(rows)
    return len(rows)
