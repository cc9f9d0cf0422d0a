"""The raw material for the demo organisation: Dutch names, departments, jobs, courses.

Kept apart from the generator in ``demo.py`` so that one reads as the algorithm and
this one as data. Everything here is fictional; the e-mail domains end in ``.example``
(RFC 2606) so that a demo installation can never mail a real person.
"""

from __future__ import annotations

from dataclasses import dataclass, field

# The names live in demo_names; they are read as catalogue.FIRST_NAMES and .SURNAMES.
from groeipad.people.demo_names import FIRST_NAMES as FIRST_NAMES
from groeipad.people.demo_names import SURNAMES as SURNAMES

JOBS = {
    # Leadership, in every organisation.
    "Directeur": (115_000, 165_000),
    "Afdelingsmanager": (72_000, 98_000),
    "Teammanager": (58_000, 78_000),
    "Teamleider": (46_000, 62_000),
    "Bestuurssecretaris": (56_000, 76_000),
    "Managementassistent": (36_000, 48_000),
    # Support departments.
    "Planner": (34_000, 46_000),
    "Senior planner": (44_000, 58_000),
    "HR-adviseur": (46_000, 62_000),
    "Senior HR-adviseur": (56_000, 72_000),
    "HR-medewerker": (34_000, 44_000),
    "Recruiter": (40_000, 55_000),
    "Opleidingsadviseur": (44_000, 60_000),
    "Financieel medewerker": (34_000, 46_000),
    "Financieel adviseur": (48_000, 66_000),
    "Controller": (58_000, 80_000),
    "Salarisadministrateur": (38_000, 50_000),
    "Medewerker klantenservice": (29_000, 38_000),
    "Senior medewerker klantenservice": (36_000, 45_000),
    "Servicedeskmedewerker": (32_000, 44_000),
    "Developer": (45_000, 62_000),
    "Senior developer": (58_000, 78_000),
    "Systeembeheerder": (42_000, 58_000),
    "Communicatieadviseur": (44_000, 60_000),
    "Kwaliteitsadviseur": (46_000, 62_000),
    "Medewerker facilitair": (28_000, 36_000),
    "Inkoper": (42_000, 58_000),
    # Care.
    "Verpleegkundige": (38_000, 52_000),
    "Wijkverpleegkundige": (44_000, 58_000),
    "Verzorgende IG": (31_000, 41_000),
    "Helpende": (27_000, 33_000),
    "Persoonlijk begeleider": (33_000, 44_000),
    "Activiteitenbegeleider": (30_000, 39_000),
    "Fysiotherapeut": (40_000, 54_000),
    "Psycholoog": (48_000, 64_000),
    "Zorgbemiddelaar": (34_000, 45_000),
    # Logistics.
    "Orderpicker": (27_000, 33_000),
    "Heftruckchauffeur": (29_000, 36_000),
    "Chauffeur": (31_000, 40_000),
    "Transportplanner": (36_000, 48_000),
    "Douanedeclarant": (36_000, 48_000),
    "Accountmanager": (48_000, 68_000),
    "Binnendienstmedewerker": (32_000, 42_000),
}

# A step up from another job: only these can be the target of a promotion.
PROMOTION_TARGETS = frozenset(
    {
        "Senior planner",
        "Senior HR-adviseur",
        "Financieel adviseur",
        "Controller",
        "Senior medewerker klantenservice",
        "Senior developer",
        "Wijkverpleegkundige",
        "Verzorgende IG",
        "Teamleider",
        "Teammanager",
        "Afdelingsmanager",
    }
)

DIRECTOR, DEPARTMENT_HEAD, UNIT_HEAD, TEAM_LEADER = (
    "Directeur",
    "Afdelingsmanager",
    "Teammanager",
    "Teamleider",
)
BOARD_STAFF = ("Bestuurssecretaris", "Managementassistent")


@dataclass(frozen=True)
class Unit:
    """A department in the catalogue: its share of the staff, its jobs and sub-units."""

    name: str
    weight: float
    jobs: tuple[tuple[str, int], ...] = ()
    subs: tuple[Unit, ...] = field(default=())


def _u(name, weight, jobs=(), subs=()):
    return Unit(name, weight, tuple(jobs), tuple(subs))


# Support departments every demo organisation has; the first job of each unit is
# the one its first staff member gets (so HR always has an HR adviser).
SUPPORT = (
    _u(
        "HR",
        3,
        [("HR-adviseur", 4), ("Senior HR-adviseur", 1), ("HR-medewerker", 2)],
        [
            _u("Recruitment", 1, [("Recruiter", 1)]),
            _u("Opleiding & Ontwikkeling", 1, [("Opleidingsadviseur", 1)]),
        ],
    ),
    _u(
        "Finance",
        4,
        [("Financieel medewerker", 3), ("Financieel adviseur", 1)],
        [
            _u("Administratie", 2, [("Financieel medewerker", 4), ("Financieel adviseur", 1)]),
            _u("Control", 1, [("Financieel adviseur", 2), ("Controller", 1)]),
            _u("Salarisadministratie", 1, [("Salarisadministrateur", 1)]),
        ],
    ),
    _u(
        "ICT",
        4,
        [("Servicedeskmedewerker", 2), ("Systeembeheerder", 1), ("Developer", 1)],
        [
            _u("Servicedesk", 2, [("Servicedeskmedewerker", 1)]),
            _u("Ontwikkeling", 2, [("Developer", 3), ("Senior developer", 1)]),
            _u("Infrastructuur", 1, [("Systeembeheerder", 1)]),
        ],
    ),
    _u("Communicatie", 1, [("Communicatieadviseur", 1)]),
    _u("Kwaliteit", 1, [("Kwaliteitsadviseur", 1)]),
)

CARE = (
    _u(
        "Zorg",
        52,
        [("Verzorgende IG", 3), ("Verpleegkundige", 2), ("Helpende", 1)],
        [
            _u(
                "Wijkverpleging",
                4,
                [("Wijkverpleegkundige", 2), ("Verpleegkundige", 3), ("Verzorgende IG", 3)],
            ),
            _u(
                "Verpleeghuiszorg",
                5,
                [("Verzorgende IG", 5), ("Verpleegkundige", 2), ("Helpende", 2)],
            ),
            _u("Thuisbegeleiding", 2, [("Persoonlijk begeleider", 1)]),
            _u("Dagbesteding", 1, [("Activiteitenbegeleider", 1)]),
        ],
    ),
    _u(
        "Operations",
        8,
        [("Planner", 3), ("Medewerker facilitair", 3)],
        [
            _u("Planning", 2, [("Planner", 4), ("Senior planner", 1)]),
            _u("Facilitair", 3, [("Medewerker facilitair", 3), ("Inkoper", 1)]),
        ],
    ),
    _u(
        "Behandeling",
        7,
        [("Fysiotherapeut", 2), ("Psycholoog", 1)],
        [
            _u("Fysiotherapie", 2, [("Fysiotherapeut", 1)]),
            _u("Psychologie", 1, [("Psycholoog", 1)]),
        ],
    ),
    _u(
        "Klantenservice",
        6,
        [
            ("Medewerker klantenservice", 4),
            ("Zorgbemiddelaar", 2),
            ("Senior medewerker klantenservice", 1),
        ],
        [
            _u("Zorgbemiddeling", 1, [("Zorgbemiddelaar", 1)]),
            _u(
                "Cliëntenservice",
                2,
                [("Medewerker klantenservice", 4), ("Senior medewerker klantenservice", 1)],
            ),
        ],
    ),
)

LOGISTICS = (
    _u(
        "Operations",
        45,
        [("Orderpicker", 4), ("Heftruckchauffeur", 2), ("Chauffeur", 3)],
        [
            _u("Warehouse", 5, [("Orderpicker", 5), ("Heftruckchauffeur", 2)]),
            _u("Transport", 4, [("Chauffeur", 6), ("Transportplanner", 1)]),
            _u("Planning", 1, [("Planner", 4), ("Senior planner", 1), ("Transportplanner", 2)]),
            _u("Douane", 1, [("Douanedeclarant", 1)]),
        ],
    ),
    _u(
        "Klantenservice",
        10,
        [("Medewerker klantenservice", 4), ("Senior medewerker klantenservice", 1)],
        [
            _u(
                "Zakelijke klanten",
                1,
                [("Medewerker klantenservice", 4), ("Senior medewerker klantenservice", 1)],
            ),
            _u("Retouren", 1, [("Medewerker klantenservice", 1)]),
        ],
    ),
    _u(
        "Sales",
        7,
        [("Accountmanager", 2), ("Binnendienstmedewerker", 3)],
        [
            _u("Accountmanagement", 1, [("Accountmanager", 1)]),
            _u("Binnendienst", 1, [("Binnendienstmedewerker", 1)]),
        ],
    ),
    _u("Inkoop", 2, [("Inkoper", 1)]),
)


@dataclass(frozen=True)
class Sector:
    organisation: str
    domain: str
    core: tuple[Unit, ...]
    # Share of staff working part-time (less than 1 FTE).
    part_time: float


SECTORS = (
    Sector("Zorggroep De Linde", "delinde.example", CARE, part_time=0.65),
    Sector("Van der Meer Logistiek", "vandermeer-logistiek.example", LOGISTICS, part_time=0.3),
)

# Learning activity kind -> (relative frequency, hours range, cost range, titles).
LEARNING = {
    "on_the_job": (
        26,
        (16, 70),
        (0, 0),
        (
            "Stretch-opdracht: procesverbetering",
            "Projectleiding verbeterproject",
            "Nieuwe collega inwerken",
            "Werkoverleg voorzitten",
            "Werkinstructie herschrijven",
            "Pilot nieuwe werkwijze",
            "Kwaliteitsaudit uitvoeren",
        ),
    ),
    "job_rotation": (
        5,
        (40, 120),
        (0, 0),
        (
            "Meeloopweek andere afdeling",
            "Rouleren binnen het team",
            "Detachering bij een ander team",
            "Stage bij Planning",
            "Meeloopdag Klantenservice",
        ),
    ),
    "mentoring": (
        14,
        (8, 30),
        (0, 0),
        (
            "Mentortraject nieuwe medewerker",
            "Reverse mentoring digitale vaardigheden",
            "Mentorprogramma leiderschap",
            "Buddytraject",
        ),
    ),
    "coaching": (
        12,
        (6, 16),
        (400, 1800),
        (
            "Loopbaancoaching",
            "Coachingstraject leidinggeven",
            "Vitaliteitscoaching",
            "Teamcoaching",
            "Intervisie",
        ),
    ),
    "internal_training": (
        28,
        (2, 16),
        (0, 250),
        (
            "BHV-herhaling",
            "Training Privacy en AVG",
            "Cursus Excel gevorderd",
            "Training Feedback geven",
            "E-learning Informatiebeveiliging",
            "Workshop Timemanagement",
            "Training Omgaan met agressie",
            "Introductieprogramma",
            "Workshop Ontwikkelgesprek voeren",
        ),
    ),
    "external_training": (
        15,
        (8, 40),
        (350, 2800),
        (
            "Leergang Leidinggeven",
            "Opleiding Lean Green Belt",
            "Cursus Projectmatig werken",
            "Training Effectief communiceren",
            "Congres Vakdag",
            "Cursus Scrum Master",
            "Opleiding Coachend leidinggeven",
            "Post-hbo Verandermanagement",
        ),
    ),
}
