"""The demo catalogue: twelve offers that develop the starter framework's competencies,
and their sessions (two past, for completions, and two ahead)."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

from groeipad.learning.models import LearningOffer, OfferCompetency, OfferKind, Session

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


# Each offer's demo row, by title (capacity, how well it works).
SPEC = {spec[0]: spec for spec in OFFERS}


def offers_create(competencies: dict) -> tuple[list[LearningOffer], dict[int, list[int]]]:
    """The offers, and the competency ids each develops (by offer id)."""
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
        for name, level in spec[7].items():
            if name in competencies:
                links.append(
                    OfferCompetency(offer=offer, competency=competencies[name], level=level)
                )
    OfferCompetency.objects.bulk_create(links)
    linked: dict[int, list[int]] = {}
    for link in links:
        linked.setdefault(link.offer_id, []).append(link.competency_id)
    return offers, linked


def sessions_create(rng, offers, today) -> dict[int, list[Session]]:
    """Two past sessions (for completions) and two ahead for each offer with a capacity."""
    planned = []
    for offer in offers:
        capacity = SPEC[offer.title][8]
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
