"""The demo requests: every state, full sessions with a waiting list, and what the
holders of a personal budget pay from it."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.utils import timezone

from groeipad.learning.models import Enrolment, EnrolmentStatus, Funding, LearningActivity

DECLINE_REASONS = (
    "Past dit jaar niet in het budget; volgend jaar opnieuw bekijken.",
    "Eerst de interne training volgen, daarna deze opleiding.",
    "Sluit niet aan bij de doelen in je ontwikkelplan.",
)
REQUEST_REASONS = (
    "Past bij mijn doel in het ontwikkelplan.",
    "Ik wil hierin groeien voor mijn volgende stap.",
    "Nodig voor het nieuwe systeem dat we gaan gebruiken.",
    "Mijn leidinggevende raadde het aan in de check-in.",
    "",
)
DEMO_EMPLOYEE = "medewerker@demo.groeipad.nl"  # people.demo.PERSONAS["employee"]
MAX_REQUESTS = 260  # per demo, whatever its size: the pages stay readable and fast
# What employees pay from their personal budget in the demo: e-learning and small courses.
PERSONAL_COST_CAP = Decimal("450")
PERSONAL_UNUSED_SHARE = 0.12  # budget holders who use nothing of it (yet)
PERSONAL_TARGET = (0.35, 0.9)  # the share of the budget the others aim to use


def _at(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(9, 30)))


def requests_create(
    rng, offers, sessions, staff, users, today, persona=None, personal_budgets=None
) -> tuple[list[Enrolment], set[int]]:
    """Requests in every state; the small trainings' next session fills up, with a queue.

    The department pays for these, except the personal-funded requests of the employees
    with a personal budget (see ``_personal_requests``).
    """
    personal_budgets = personal_budgets or {}
    picked = rng.sample(staff, min(len(staff), MAX_REQUESTS))
    taken: dict[int, int] = {}
    wanted: dict[int, set[int]] = {}
    rows: list[Enrolment] = []
    persona_rows: list[Enrolment] = []  # the demo employee's: left for them to evaluate

    def add(person, offer, status, session, asked, **extra):
        employee_id, department_id, manager_id = person
        wanted.setdefault(employee_id, set()).add(offer.pk)
        if session is not None and status in (EnrolmentStatus.APPROVED, "completed"):
            taken[session.pk] = taken.get(session.pk, 0) + 1
        decided = status not in (EnrolmentStatus.REQUESTED, EnrolmentStatus.CANCELLED)
        rows.append(
            Enrolment(
                employee_id=employee_id,
                offer=offer,
                department_id=department_id,
                cost=offer.cost,
                hours=offer.duration_hours,
                reason=rng.choice(REQUEST_REASONS),
                session=session,
                status=status,
                requested_at=_at(asked),
                decided_at=_at(asked + timedelta(days=rng.randint(1, 5))) if decided else None,
                decided_by_id=users.get(manager_id) if decided else None,
                **extra,
            )
        )

    def ahead(offer):
        return [s for s in sessions.get(offer.pk, []) if s.starts_on >= today]

    def open_place(session):
        return session is None or taken.get(session.pk, 0) < session.capacity

    # The demo employee: learning completed ~70 days ago (their reaction and learning
    # still to give, the manager's behaviour rating due) and a request to decide.
    if persona is not None:
        first, second = offers[0], offers[1]
        recent = [s for s in sessions.get(first.pk, []) if s.starts_on < today][-1:]
        session = recent[0] if recent else None
        done = session.ends_on if session else today - timedelta(days=70)
        add(
            persona,
            first,
            EnrolmentStatus.COMPLETED,
            session,
            done - timedelta(days=30),
            completed_on=done,
        )
        persona_rows.append(rows[-1])
        # ... asked for from their personal budget, so the manager sees who pays.
        session = (ahead(second) or [None])[0]
        pays = (
            Funding.PERSONAL
            if persona in personal_budgets
            and (session is None or session.starts_on.year == today.year)
            else Funding.DEPARTMENT
        )
        add(
            persona,
            second,
            EnrolmentStatus.REQUESTED,
            session,
            today - timedelta(days=2),
            funding=pays,
        )
    for index, person in enumerate(picked):
        offer = offers[index % len(offers)] if index < 2 * len(offers) else rng.choice(offers)
        if offer.pk in wanted.get(person[0], set()):
            continue
        roll = rng.random()
        past = [s for s in sessions.get(offer.pk, []) if s.starts_on < today]
        room = [s for s in past if open_place(s)]
        if roll < 0.45 and (room or not sessions.get(offer.pk)):
            session = rng.choice(room) if room else None
            done = session.ends_on if session else today - timedelta(days=rng.randint(20, 200))
            asked = (session.starts_on if session else done) - timedelta(days=rng.randint(20, 60))
            add(person, offer, EnrolmentStatus.COMPLETED, session, asked, completed_on=done)
            continue
        asked = today - timedelta(days=rng.randint(1, 40))
        session = (ahead(offer) or [None])[0]
        if roll < 0.70:
            status = EnrolmentStatus.APPROVED if open_place(session) else "waitlisted"
            add(person, offer, status, session, asked, decision_reason="Goed plan, succes!")
        elif roll < 0.80:
            add(
                person,
                offer,
                EnrolmentStatus.DECLINED,
                session,
                asked,
                decision_reason=rng.choice(DECLINE_REASONS),
            )
        elif roll < 0.84:
            add(person, offer, EnrolmentStatus.CANCELLED, session, asked)
        else:
            add(
                person,
                offer,
                EnrolmentStatus.REQUESTED,
                session,
                today - timedelta(days=rng.randint(0, 10)),
            )
    # The small trainings' next session: full, and two more on the waiting list.
    for offer in offers:
        nearly = [s for s in ahead(offer) if s.capacity == 3][:1]
        if not nearly:
            continue
        free = [p for p in staff if offer.pk not in wanted.get(p[0], set())]
        for person in rng.sample(free, min(len(free), 5)):
            status = EnrolmentStatus.APPROVED if open_place(nearly[0]) else "waitlisted"
            add(person, offer, status, nearly[0], today - timedelta(days=rng.randint(3, 20)))
    # Mandatory e-learning: everyone does it, so it has enough ratings to judge.
    for offer in offers:
        if offer.mandatory and not sessions.get(offer.pk):
            free = [p for p in staff if offer.pk not in wanted.get(p[0], set())]
            for person in rng.sample(free, min(len(free), 4)):
                done = today - timedelta(days=rng.randint(15, 120))
                add(
                    person,
                    offer,
                    EnrolmentStatus.COMPLETED,
                    None,
                    done - timedelta(days=14),
                    completed_on=done,
                )
    # Every state shows, whatever the seed: one open request is withdrawn if none was.
    if not any(r.status == EnrolmentStatus.CANCELLED for r in rows):
        withdrawn = [
            r
            for r in rows
            if r.status == EnrolmentStatus.REQUESTED
            and (persona is None or r.employee_id != persona[0])
        ]
        if withdrawn:
            withdrawn[-1].status = EnrolmentStatus.CANCELLED
    _personal_requests(
        rng, offers, sessions, today, persona, personal_budgets, add, wanted, open_place
    )
    # Completed learning counts in the KPIs like any learning: one activity each.
    done = [e for e in rows if e.status == EnrolmentStatus.COMPLETED]
    activities = LearningActivity.objects.bulk_create(
        [
            LearningActivity(
                employee_id=e.employee_id,
                date=e.completed_on,
                title=e.offer.title,
                kind=e.offer.activity_kind,
                category=_category(e.offer),
                hours=e.hours,
                cost=e.cost,
                offer=e.offer,
            )
            for e in done
        ]
    )
    for enrolment, activity in zip(done, activities, strict=True):
        enrolment.activity = activity
    created = Enrolment.objects.bulk_create(rows)
    return created, {e.pk for e in persona_rows}


def _personal_requests(
    rng, offers, sessions, today, persona, personal_budgets, add, wanted, open_place
) -> None:
    """Cheap e-learning and small courses paid from the employee's personal budget.

    Some budget holders use nothing; the others aim at 35-90 % of their budget and stop
    before an offer would take them past it, so none is overspent. Only learning of this
    year (the personal budgets are this year's): sessions starting this year, requests
    asked this year.
    """
    cheap = sorted(
        (o for o in offers if Decimal("0") < o.cost <= PERSONAL_COST_CAP),
        key=lambda o: (o.cost, o.pk),
    )
    new_year = date(today.year, 1, 1)
    room_before = (today - new_year).days
    for person, amount in sorted(personal_budgets.items()):
        if persona is not None and person[0] == persona[0]:
            continue
        if rng.random() < PERSONAL_UNUSED_SHARE:
            continue
        target = amount * Decimal(str(round(rng.uniform(*PERSONAL_TARGET), 2)))
        used = Decimal("0")
        for offer in rng.sample(cheap, len(cheap)):
            if offer.pk in wanted.get(person[0], set()) or used + offer.cost > target:
                continue
            planned = sessions.get(offer.pk, [])
            this_year = [s for s in planned if s.starts_on.year == today.year]
            past = [s for s in this_year if s.starts_on < today and open_place(s)]
            coming = [s for s in this_year if s.starts_on >= today and open_place(s)]
            roll = rng.random()
            if planned and not this_year:
                continue
            if roll < 0.06 and (coming or not planned):
                # Still to decide: the manager's queue shows who pays.
                session = coming[0] if coming else None
                add(
                    person,
                    offer,
                    EnrolmentStatus.REQUESTED,
                    session,
                    today - timedelta(days=rng.randint(0, 10)),
                    funding=Funding.PERSONAL,
                )
            elif roll < 0.65 and (past or (not planned and room_before >= 30)):
                if past:
                    session = rng.choice(past)
                    done = session.ends_on
                    asked = max(new_year, session.starts_on - timedelta(days=rng.randint(10, 40)))
                else:
                    session = None
                    asked = new_year + timedelta(days=rng.randint(0, room_before - 30))
                    done = asked + timedelta(days=rng.randint(5, 25))
                add(
                    person,
                    offer,
                    EnrolmentStatus.COMPLETED,
                    session,
                    asked,
                    completed_on=done,
                    funding=Funding.PERSONAL,
                    decision_reason="Goed plan, succes!",
                )
            elif coming or not planned:
                session = coming[0] if coming else None
                add(
                    person,
                    offer,
                    EnrolmentStatus.APPROVED,
                    session,
                    today - timedelta(days=rng.randint(1, 30)),
                    funding=Funding.PERSONAL,
                    decision_reason="Goed plan, succes!",
                )
            else:
                continue
            used += offer.cost


def _category(offer) -> str:
    from groeipad.learning.models import CATEGORY_OF_KIND, ActivityKind

    return CATEGORY_OF_KIND[ActivityKind(offer.activity_kind)].value
