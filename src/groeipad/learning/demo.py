"""The learning catalogue of the demo organisation: offers, sessions, budgets, requests.

Runs after the people, competency and plan demos. Twelve offers (internal training,
external course, e-learning) that develop the starter framework's competencies; sessions
with capacity, some full with a waiting list; a budget per top-level department for this
year and last; personal budgets where "the collective agreement" gives them, spent on
cheap e-learning and small courses the employee pays from their own budget (some unused,
most 20-80 % used, none overspent); requests in every state; completed learning with the three evaluations, so the catalogue, offer,
budget and request pages look lived in. Deterministic for a seed and written in bulk:
the number of requests is capped, so a 50,000-person demo adds well under a second.
"""

from __future__ import annotations

import random
from datetime import date, datetime, time, timedelta
from decimal import ROUND_CEILING, Decimal

from django.db.models import Q, Sum
from django.utils import timezone

from groeipad.learning.models import (
    Budget,
    Enrolment,
    EnrolmentStatus,
    Evaluation,
    EvaluationLevel,
    Funding,
    LearningActivity,
    LearningOffer,
    LearningScore,
    OfferCompetency,
    OfferKind,
    PersonalBudget,
    Session,
)
from groeipad.people.models import Department, Employee, User
from groeipad.skills.models import Competency

INT, EXT, ONL = OfferKind.INTERNAL_TRAINING, OfferKind.EXTERNAL_COURSE, OfferKind.E_LEARNING

# title, kind, provider, format, hours, cost, mandatory, {competency: level}, capacity,
# (reaction mean, learning gain, behaviour mean): how well it works in the demo.
OFFERS = [
    (
        "Feedback geven dat landt",
        INT,
        "Groeipad Academie",
        "klassikaal, 2 dagdelen",
        8,
        350,
        False,
        {"Feedback geven en ontvangen": 3, "Communiceren": 3},
        12,
        (4.3, 1.3, 3.9),
    ),
    (
        "Presenteren met impact",
        INT,
        "Groeipad Academie",
        "klassikaal, 1 dag",
        8,
        425,
        False,
        {"Communiceren": 4},
        10,
        (4.1, 1.1, 3.5),
    ),
    (
        "Coachend leidinggeven",
        EXT,
        "Hogeschool Utrecht",
        "leergang, 6 dagen",
        48,
        2950,
        False,
        {"Coachen": 4, "Leiderschap": 3},
        14,
        (4.5, 1.5, 4.1),
    ),
    (
        "Lean Green Belt",
        EXT,
        "Lean Six Sigma Groep",
        "opleiding met praktijkopdracht",
        40,
        2450,
        False,
        {"Resultaatgerichtheid": 4, "Initiatief": 3},
        12,
        (4.0, 1.2, 3.8),
    ),
    (
        "Projectmatig werken (Prince2 Foundation)",
        EXT,
        "Capgemini Academy",
        "3 dagen + examen",
        24,
        1650,
        False,
        {"Resultaatgerichtheid": 3, "Samenwerken": 3},
        16,
        (3.6, 0.9, 2.9),
    ),
    (
        "Excel voor gevorderden",
        ONL,
        "GoodHabitz",
        "e-learning, in eigen tempo",
        6,
        95,
        False,
        {"Digitale vaardigheden": 3},
        None,
        (3.9, 1.0, 3.4),
    ),
    (
        "Informatiebeveiliging en AVG",
        ONL,
        "Groeipad Academie",
        "e-learning, 45 minuten",
        1,
        0,
        True,
        {"Digitale vaardigheden": 2},
        None,
        (2.2, 0.3, 2.6),
    ),
    (
        "BHV-herhalingstraining",
        INT,
        "Veiligheidsinstituut NIBHV",
        "praktijkdag",
        8,
        185,
        True,
        {"Vakmanschap": 2},
        6,
        (3.8, 0.6, 3.3),
    ),
    (
        "Klantgericht communiceren",
        INT,
        "Groeipad Academie",
        "klassikaal, 2 dagdelen",
        7,
        300,
        False,
        {"Klantgerichtheid": 4, "Communiceren": 3},
        12,
        (4.2, 1.2, 3.7),
    ),
    (
        "Omgaan met agressie",
        INT,
        "Trainingsbureau De Brug",
        "training met acteur",
        6,
        275,
        True,
        {"Klantgerichtheid": 3},
        8,
        (3.4, 0.8, 3.2),
    ),
    (
        "Scrum Master (PSM I)",
        EXT,
        "Xebia Academy",
        "2 dagen + examen",
        16,
        1395,
        False,
        {"Samenwerken": 4, "Lerend vermogen": 3},
        10,
        (4.4, 1.4, 3.2),
    ),
    (
        "Timemanagement en focus",
        ONL,
        "GoodHabitz",
        "e-learning, in eigen tempo",
        3,
        45,
        False,
        {"Resultaatgerichtheid": 2, "Lerend vermogen": 2},
        None,
        (3.3, 0.5, 2.7),
    ),
]
DESCRIPTIONS = {
    INT: "Interne training door eigen trainers of een vaste partner, op locatie.",
    EXT: "Externe opleiding met certificaat; vraag op tijd aan, de plaatsen zijn beperkt.",
    ONL: "Online, in je eigen tempo en op je eigen moment.",
}
PLACES = ("Utrecht", "Zwolle", "Eindhoven", "Amersfoort", "Online (Teams)")
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
PERSONAL_BUDGET_SHARE = 0.35  # of the current staff, under "the collective agreement"
MAX_PERSONAL_BUDGETS = 120  # whatever the demo's size: the budget page stays readable
# What employees pay from their personal budget in the demo: e-learning and small courses.
PERSONAL_COST_CAP = Decimal("450")
PERSONAL_UNUSED_SHARE = 0.12  # budget holders who use nothing of it (yet)
PERSONAL_TARGET = (0.35, 0.9)  # the share of the budget the others aim to use


def _clamp(value: float) -> int:
    return max(1, min(5, round(value)))


def learning_demo_remove() -> None:
    """Requests point at departments with PROTECT: remove the catalogue data first."""
    Evaluation.objects.all().delete()
    Enrolment.objects.all().delete()
    Session.objects.all().delete()
    OfferCompetency.objects.all().delete()
    LearningActivity.objects.filter(offer__isnull=False).delete()
    LearningOffer.objects.all().delete()
    Budget.objects.all().delete()
    PersonalBudget.objects.all().delete()


def learning_demo_generate(*, seed: int, today: date | None = None) -> dict[str, int]:
    today = today or timezone.localdate()
    rng = random.Random(seed * 15485863 + 11)
    competencies = {c.name_nl: c for c in Competency.objects.all()}
    offers = _offers(competencies)
    sessions = _sessions(rng, offers, today)
    staff = list(
        Employee.objects.filter(manager__isnull=False, hire_date__lte=today - timedelta(days=90))
        .filter(Q(leave_date__isnull=True) | Q(leave_date__gte=today))
        .order_by("pk")
        .values_list("pk", "department_id", "manager_id")
    )
    users = dict(User.objects.filter(employee__isnull=False).values_list("employee_id", "id"))
    persona = (
        Employee.objects.filter(user__email=DEMO_EMPLOYEE, manager__isnull=False)
        .values_list("pk", "department_id", "manager_id")
        .first()
    )
    personal_budgets = _personal_budgets(rng, staff, today, persona)
    enrolments = _requests(rng, offers, sessions, staff, users, today, persona, personal_budgets)
    evaluations, scores = _evaluations(rng, enrolments, offers, users, today)
    budgets = _budgets(rng, today)
    personal = len(personal_budgets)
    return {
        "offers": len(offers),
        "sessions": sum(len(s) for s in sessions.values()),
        "requests": len(enrolments),
        "evaluations": evaluations,
        "scores": scores,
        "budgets": budgets,
        "personal_budgets": personal,
    }


def _offers(competencies) -> list[LearningOffer]:
    offers = LearningOffer.objects.bulk_create(
        [
            LearningOffer(
                title=title,
                kind=kind,
                provider=provider,
                format=fmt,
                description=DESCRIPTIONS[kind],
                duration_hours=Decimal(hours),
                cost=Decimal(cost),
                language="nl",
                mandatory=mandatory,
            )
            for title, kind, provider, fmt, hours, cost, mandatory, *_rest in OFFERS
        ]
    )
    links = []
    for offer, spec in zip(offers, OFFERS, strict=True):
        offer.spec = spec
        for name, level in spec[7].items():
            if name in competencies:
                links.append(
                    OfferCompetency(offer=offer, competency=competencies[name], level=level)
                )
    OfferCompetency.objects.bulk_create(links)
    linked: dict[int, list[int]] = {}
    for link in links:
        linked.setdefault(link.offer_id, []).append(link.competency_id)
    for offer in offers:
        offer.linked = linked.get(offer.pk, [])
    return offers


def _sessions(rng, offers, today) -> dict[int, list[Session]]:
    """Two past sessions (for completions) and two ahead for each offer with a capacity."""
    planned = []
    for offer in offers:
        capacity = offer.spec[8]
        if capacity is None:
            continue
        days = max(1, int(offer.duration_hours // 8))
        # -10 weeks: completions whose behaviour rating is due now (60-90 days).
        for weeks in (-30, -10, 3, 9):
            start = today + timedelta(weeks=weeks, days=rng.randint(0, 4))
            while start.weekday() >= 5:
                start += timedelta(days=1)
            planned.append(
                Session(
                    offer=offer,
                    starts_on=start,
                    ends_on=start + timedelta(days=days - 1),
                    place=rng.choice(PLACES),
                    # The next session of the small trainings is nearly booked: the
                    # demo fills it and puts the rest on the waiting list.
                    capacity=3 if weeks == 3 and capacity <= 8 else capacity,
                )
            )
    by_offer: dict[int, list[Session]] = {}
    for session in Session.objects.bulk_create(planned):
        by_offer.setdefault(session.offer_id, []).append(session)
    return by_offer


def _at(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(9, 30)))


def _requests(
    rng, offers, sessions, staff, users, today, persona=None, personal_budgets=None
) -> list[Enrolment]:
    """Requests in every state; the small trainings' next session fills up, with a queue.

    The department pays for these, except the personal-funded requests of the employees
    with a personal budget (see ``_personal_requests``).
    """
    personal_budgets = personal_budgets or {}
    picked = rng.sample(staff, min(len(staff), MAX_REQUESTS))
    taken: dict[int, int] = {}
    wanted: dict[int, set[int]] = {}
    rows: list[Enrolment] = []

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
        rows[-1].persona = True
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
    for enrolment, row in zip(created, rows, strict=True):
        enrolment.persona = getattr(row, "persona", False)
    return created


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


def _evaluations(rng, enrolments, offers, users, today) -> tuple[int, int]:
    """Reaction and learning from most participants; behaviour from managers 60+ days on."""
    low = 60
    evaluations, pending_scores = [], []
    for e in enrolments:
        if e.status != EnrolmentStatus.COMPLETED:
            continue
        if getattr(e, "persona", False):
            continue  # the demo employee and their manager still have it to do
        reaction, gain, behaviour = e.offer.spec[9]
        own = users.get(e.employee_id)
        if rng.random() < 0.85:
            evaluations.append(
                Evaluation(
                    enrolment=e,
                    level=EvaluationLevel.REACTION,
                    # Low-rated offers are rated low consistently: the flag shows.
                    rating=_clamp(rng.gauss(reaction, 0.7 if reaction >= 3 else 0.4)),
                    rater_id=own,
                    rated_on=e.completed_on,
                )
            )
        if rng.random() < 0.75:
            rows = []
            for competency_id in e.offer.linked or [None]:
                before = _clamp(rng.gauss(2.4, 0.8))
                after = max(before, _clamp(before + rng.gauss(gain, 0.6)))
                rows.append((competency_id, before, after))
            evaluation = Evaluation(
                enrolment=e,
                level=EvaluationLevel.LEARNING,
                before=_clamp(sum(r[1] for r in rows) / len(rows)),
                rating=_clamp(sum(r[2] for r in rows) / len(rows)),
                rater_id=own,
                rated_on=e.completed_on + timedelta(days=1),
            )
            evaluations.append(evaluation)
            pending_scores.append((evaluation, rows))
        if (today - e.completed_on).days >= low and rng.random() < 0.7:
            evaluations.append(
                Evaluation(
                    enrolment=e,
                    level=EvaluationLevel.BEHAVIOUR,
                    rating=_clamp(rng.gauss(behaviour, 0.7)),
                    rater_id=e.decided_by_id,
                    rated_on=e.completed_on + timedelta(days=rng.randint(low, 90)),
                )
            )
    Evaluation.objects.bulk_create(evaluations)
    scores = [
        LearningScore(evaluation=evaluation, competency_id=c, before=b, after=a)
        for evaluation, rows in pending_scores
        for c, b, a in rows
    ]
    LearningScore.objects.bulk_create(scores)
    return len(evaluations), len(scores)


def _budgets(rng, today) -> int:
    """Each top-level department, this year and last: 1-2.5 % of its payroll.

    One department is set close to what it has committed and spent, so the budget page
    shows its warning before overspending.
    """
    from groeipad.learning.selectors import budget_status
    from groeipad.people.selectors import department_subtree_ids

    budgets = []
    tops = list(Department.objects.filter(parent__isnull=True).order_by("name"))
    for department in tops:
        payroll = (
            Employee.objects.filter(department_id__in=department_subtree_ids(department.pk))
            .filter(Q(leave_date__isnull=True) | Q(leave_date__gte=today))
            .aggregate(payroll=Sum("annual_salary"), fte=Sum("fte"))
        )
        if not payroll["payroll"]:
            continue
        for year in (today.year - 1, today.year):
            share = Decimal(str(round(rng.uniform(1.0, 2.5), 2))) / 100
            amount = (payroll["payroll"] * share / 500).quantize(Decimal("1")) * 500
            hours = (payroll["fte"] * 24).quantize(Decimal("1"))
            budgets.append(Budget(department=department, year=year, amount=amount, hours=hours))
    Budget.objects.bulk_create(budgets)
    # The department that uses most of its budget this year: tighten it to ~94 %.
    current = [b for b in budgets if b.year == today.year]
    used = []
    for budget in current:
        status = budget_status(budget.department, budget.year)
        used.append((status.committed + status.spent, budget))
    used = [(amount, budget) for amount, budget in used if amount > 0]
    # No department starts out overspent: a budget the random requests outgrew is raised
    # to leave a fifth free (coaching and new requests still fit, as in real use).
    for amount, budget in used:
        if amount > budget.amount * Decimal("0.8"):
            budget.amount = ((amount / Decimal("0.8")) / 500).quantize(
                Decimal("1"), rounding=ROUND_CEILING
            ) * 500
            budget.save(update_fields=["amount"])
    if used:
        amount, budget = max(used, key=lambda item: item[0] / item[1].amount)
        budget.amount = (amount / Decimal("0.94")).quantize(Decimal("1"))
        budget.save(update_fields=["amount"])
    return len(budgets)


def _personal_budgets(rng, staff, today, persona=None) -> dict[tuple, Decimal]:
    """This year's personal budgets (500, 750 or 1,000 euros) of a share of the staff.

    At most MAX_PERSONAL_BUDGETS, so the budget page stays readable in a large demo; the
    demo employee has one, so their request shows the choice of who pays.
    """
    holders = [person for person in staff if rng.random() < PERSONAL_BUDGET_SHARE]
    if len(holders) > MAX_PERSONAL_BUDGETS:
        holders = sorted(rng.sample(holders, MAX_PERSONAL_BUDGETS))
    if persona is not None and persona not in holders:
        holders.append(persona)
    amounts = {person: Decimal(rng.choice((500, 750, 1000))) for person in holders}
    PersonalBudget.objects.bulk_create(
        [
            PersonalBudget(employee_id=person[0], year=today.year, amount=amount)
            for person, amount in amounts.items()
        ],
        batch_size=2000,
    )
    return amounts
