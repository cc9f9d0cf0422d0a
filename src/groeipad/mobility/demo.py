"""Job rotations and internships for the demo organisation, with applications in each state.

Runs after the people, competency and plan demos. The offers, the managers' consent
and the host departments' decisions go through ``mobility.services`` (HR, or the demo
manager for their own team), so a chosen candidate gets the on-the-job action in their
development plan exactly as in real use. Only the application itself is written through
the model: the service wants the applicant logged in, and the demo gives only three
people an account.

- The demo employee applied for a rotation: waiting for the demo manager's consent.
- A colleague in the demo manager's team: consented by the manager, waiting for the host.
- Chosen candidates (the action lands in their plan), one not chosen with a reason and
  one whose manager did not consent, with a reason.
- One offer is a permanent move (transfer), still choosing among its candidates.
"""

from __future__ import annotations

import random
from datetime import date, datetime, time, timedelta

from django.db.models import Q
from django.utils import timezone

from groeipad.mobility import services
from groeipad.mobility.models import Application, OfferKind, RotationOffer
from groeipad.people.demo import PERSONAS
from groeipad.people.models import Department, Employee, User
from groeipad.plans.models import DevelopmentPlan, PlanStatus
from groeipad.skills.models import Competency

# title ({department}: the host), kind, weeks, start in days from today, places, transfer,
# description, competencies. The hosts differ by seed (the sector), so titles name them.
OFFERS = [
    (
        "Meedraaien met de planning bij {department}",
        OfferKind.ROTATION,
        8,
        35,
        2,
        False,
        "Acht weken meewerken aan de planning van {department}: puzzelen met diensten, "
        "overleggen met de teamleiders en het verlofoverzicht bijhouden.",
        [("Resultaatgerichtheid", 3), ("Samenwerken", 3)],
    ),
    (
        "Stage bij {department}: werving en selectie",
        OfferKind.INTERNSHIP,
        12,
        21,
        1,
        False,
        "Drie maanden meelopen met de recruiters: vacatureteksten, selectiegesprekken en de "
        "onboarding van nieuwe collega's.",
        [("Communiceren", 3), ("Klantgerichtheid", 3)],
    ),
    (
        "Kijkje in de keuken bij {department}",
        OfferKind.ROTATION,
        6,
        -14,
        1,
        False,
        "Zes weken meedraaien in het dagelijkse werk van {department}, met een vaste "
        "collega als aanspreekpunt.",
        [("Samenwerken", 3), ("Lerend vermogen", 3)],
    ),
    (
        "Projectondersteuning nieuw planningssysteem",
        OfferKind.ROTATION,
        16,
        10,
        2,
        False,
        "Helpen bij de invoering van het nieuwe systeem: testen, instructies schrijven en "
        "collega's op weg helpen.",
        [("Digitale vaardigheden", 4), ("Initiatief", 3)],
    ),
    (
        "Vaste plek in het team van {department}",
        OfferKind.ROTATION,
        4,
        60,
        1,
        True,
        "Een overstap voor vast: na vier weken inwerken werk je blijvend bij {department}.",
        [("Vakmanschap", 4), ("Lerend vermogen", 3)],
    ),
]
MOTIVATIONS = (
    "Ik wil zien hoe het bij een andere afdeling werkt; dat helpt me in mijn eigen werk.",
    "Past bij het doel in mijn ontwikkelplan.",
    "Ik denk al langer na over een overstap en wil het eerst ervaren.",
    "Mijn leidinggevende raadde het aan in de laatste check-in.",
)
REFUSE_REASON = (
    "Niet in de drukke maanden: dan is de bezetting in het team te krap. In het najaar graag."
)
NOT_CHOSEN_REASON = "Een andere kandidaat had meer ervaring met de maandafsluiting."


def mobility_demo_remove() -> None:
    """Offers point at host departments with PROTECT: remove them before the people."""
    RotationOffer.objects.all().delete()


def _at(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(11, 0)))


def mobility_demo_generate(*, seed: int, today: date | None = None) -> dict[str, int]:
    today = today or timezone.localdate()
    rng = random.Random(seed * 4909 + 23)
    users = {u.email: u for u in User.objects.filter(email__in=[e for e, _r in PERSONAS.values()])}
    hr = users.get(PERSONAS["hr"][0])
    manager_user = users.get(PERSONAS["manager"][0])
    employee_user = users.get(PERSONAS["employee"][0])
    if hr is None:
        return {"offers": 0, "applications": 0}
    competencies = {c.name_nl: c for c in Competency.objects.select_related("scale")}
    current = list(
        Employee.objects.filter(Q(leave_date__isnull=True) | Q(leave_date__gte=today))
        .filter(hire_date__lte=today - timedelta(days=180), manager__isnull=False)
        .select_related("manager", "manager__user", "department")
        .order_by("employee_number")
    )
    demo_employee_id = getattr(employee_user, "employee_id", None)
    demo_manager_id = getattr(manager_user, "employee_id", None)
    personas = {demo_employee_id, demo_manager_id, hr.employee_id}
    demo_employee = next((e for e in current if e.pk == demo_employee_id), None)
    home = demo_employee.department_id if demo_employee else None
    # Host departments: with people in them, other than the demo team's, different each.
    staffed: dict[int, int] = {}
    for person in current:
        staffed[person.department_id] = staffed.get(person.department_id, 0) + 1
    hosts = [
        d
        for d in Department.objects.filter(pk__in=staffed).order_by("name")
        if d.pk != home and staffed[d.pk] >= 3
    ]
    offers = []
    free = list(hosts)
    rng.shuffle(free)
    # The internship in recruitment goes to HR when HR hosts (it does in every sector).
    hr_host = next((d for d in free if d.name == "HR"), None)
    if hr_host is not None:
        free.remove(hr_host)
        free.insert(1, hr_host)
    for index, (title, kind, weeks, start, places, is_transfer, text, wanted) in enumerate(OFFERS):
        host = free[index] if index < len(free) else hosts[index % len(hosts)]
        title, text = title.format(department=host.name), text.format(department=host.name)
        offer = services.offer_create(
            actor=hr,
            host_department=host,
            kind=kind,
            title=title,
            duration_weeks=weeks,
            start_date=today + timedelta(days=start),
            places=places,
            description=text,
            is_transfer=is_transfer,
            competencies=[(competencies[n], lvl) for n, lvl in wanted if n in competencies],
        )
        RotationOffer.objects.filter(pk=offer.pk).update(
            created_at=_at(today - timedelta(days=rng.randint(20, 45)))
        )
        offers.append(offer)

    used: dict[int, set[int]] = {offer.pk: set() for offer in offers}

    def apply(offer, person, days_ago):
        used[offer.pk].add(person.pk)
        return Application.objects.create(
            offer=offer,
            employee=person,
            motivation=rng.choice(MOTIVATIONS),
            created_at=_at(today - timedelta(days=days_ago)),
        )

    # Those chosen have a plan in progress already: the rotation lands in it as an action.
    planned = set(
        DevelopmentPlan.objects.filter(status=PlanStatus.ACTIVE).values_list(
            "employee_id", flat=True
        )
    )

    def candidates(offer, *, team_of=None, with_plan=False):
        return [
            p
            for p in current
            if p.department_id != offer.host_department_id
            and (not with_plan or p.pk in planned)
            and p.pk not in used[offer.pk]
            and p.pk not in personas
            and (team_of is None or p.manager_id == team_of)
            and (team_of is not None or p.manager_id != demo_manager_id)
        ]

    def consent(application, give=True, reason=""):
        # The employee's own manager when they can log in (the demo manager), else HR.
        manager = application.employee.manager
        actor = manager_user if manager and manager.pk == demo_manager_id else hr
        services.application_consent(actor=actor, application=application, give=give, reason=reason)

    rotation, internship, finance, project, transfer = offers
    # The demo employee: waiting for the demo manager's consent.
    if demo_employee is not None and rotation.host_department_id != home:
        apply(rotation, demo_employee, 2)
    # Someone in the demo manager's team: consented by the manager, waiting for the host.
    team = candidates(internship, team_of=demo_manager_id)
    if team:
        consent(apply(internship, team[0], 9))
    # Others waiting for the host, and one whose manager (HR) did not consent.
    for person in rng.sample(candidates(rotation), 2):
        consent(apply(rotation, person, rng.randint(4, 12)))
    refused = rng.choice(candidates(internship))
    consent(apply(internship, refused, 15), give=False, reason=REFUSE_REASON)
    # Finance's rotation started two weeks ago: one chosen, one not chosen.
    chosen = rng.choice(candidates(finance, with_plan=True))
    passed = rng.choice([p for p in candidates(finance) if p != chosen])
    for person in (chosen, passed):
        consent(apply(finance, person, rng.randint(30, 40)))
    applications = list(Application.objects.filter(offer=finance).order_by("pk"))
    services.application_decide(actor=hr, application=applications[0], choose=True)
    services.application_decide(
        actor=hr, application=applications[1], choose=False, reason=NOT_CHOSEN_REASON
    )
    services.offer_close(actor=hr, offer=finance)
    # The project: one of two places filled, one candidate still waiting.
    first = rng.choice(candidates(project, with_plan=True))
    second = rng.choice([p for p in candidates(project) if p != first])
    chosen_app = apply(project, first, 20)
    consent(chosen_app)
    services.application_decide(actor=hr, application=chosen_app, choose=True)
    consent(apply(project, second, 6))
    # The transfer: two consented candidates, the host still choosing; one still asks.
    for person in rng.sample(candidates(transfer), 2):
        consent(apply(transfer, person, rng.randint(3, 10)))
    apply(transfer, rng.choice(candidates(transfer)), 1)
    return {
        "offers": len(offers),
        "applications": Application.objects.count(),
        "chosen": Application.objects.filter(decision="chosen").count(),
    }
