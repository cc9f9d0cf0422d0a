"""The catalogue: offers to find, their sessions, and recommendations for a person."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from django.db.models import Prefetch, Q, QuerySet

from groeipad.learning.models import EnrolmentStatus, LearningOffer, OfferCompetency, Session
from groeipad.people.models import Employee

if TYPE_CHECKING:
    from groeipad.skills.models import Competency


def catalogue(
    *, q: str = "", kind: str = "", competency_id: int | None = None, mandatory: bool | None = None
) -> QuerySet[LearningOffer]:
    offers = LearningOffer.objects.filter(active=True)
    if q:
        offers = offers.filter(Q(title__icontains=q) | Q(provider__icontains=q))
    if kind:
        offers = offers.filter(kind=kind)
    if competency_id:
        offers = offers.filter(competencies__competency_id=competency_id)
    if mandatory is not None:
        offers = offers.filter(mandatory=mandatory)
    return offers.distinct().order_by("title")


def catalogue_page(
    *,
    q: str = "",
    kind: str = "",
    competency_id: int | None = None,
    mandatory: bool | None = None,
    today: date,
) -> list[LearningOffer]:
    """The catalogue with each offer's competencies and its sessions from ``today`` on
    (``offer.upcoming``), read at once."""
    return list(
        catalogue(
            q=q, kind=kind, competency_id=competency_id, mandatory=mandatory
        ).prefetch_related(
            "competencies__competency",
            Prefetch(
                "sessions",
                queryset=Session.objects.filter(starts_on__gte=today).order_by("starts_on", "id"),
                to_attr="upcoming",
            ),
        )
    )


@dataclass
class Recommendation:
    competency: Competency
    current: int | None
    wanted: int | None
    source: str  # "assessment" or "plan"
    offers: list[LearningOffer]
    # Formal training is one answer of three (70-20-10): learn on the job and from others too.
    alternatives: list[str]


def recommendations_for(employee: Employee) -> list[Recommendation]:
    """Offers for the employee's gaps, with experience-based alternatives beside them.

    Gaps come from the competency assessments against the job profile when there are
    any; otherwise from the competencies of the open goals in their plans.
    """
    from django.utils.translation import gettext as _

    from groeipad.plans.models import Goal
    from groeipad.skills.selectors import employee_gaps

    wanted: list[tuple[Competency, int | None, int | None, str]] = [
        (row.competency, row.current, row.required, "assessment")
        for row in employee_gaps(employee).assessed
        if row.gap
    ]
    if not wanted:
        seen = set()
        for goal in (
            Goal.objects.filter(plan__employee=employee, competency__isnull=False, status="open")
            .select_related("competency")
            .order_by("deadline")
        ):
            if goal.competency is not None and goal.competency_id not in seen:
                seen.add(goal.competency_id)
                wanted.append((goal.competency, None, None, "plan"))
    result = []
    for competency, current, level, source in wanted:
        offers = LearningOffer.objects.filter(active=True, competencies__competency=competency)
        if current is not None:
            # Only offers that lift the employee above where they are now.
            offers = offers.filter(competencies__level__gt=current)
        name = competency.name
        result.append(
            Recommendation(
                competency=competency,
                current=current,
                wanted=level,
                source=source,
                offers=list(offers.distinct().order_by("cost", "title")[:5]),
                alternatives=[
                    _("A stretch assignment in your own work that asks for %(c)s.") % {"c": name},
                    _("A mentor or colleague who is strong in %(c)s.") % {"c": name},
                ],
            )
        )
    return result


def catalogue_competencies() -> list:
    """The competencies some offer develops (the catalogue's filter), by name."""
    from groeipad.skills.models import Competency

    return sorted(
        Competency.objects.filter(learning_offers__isnull=False).distinct(),
        key=lambda c: c.name.casefold(),
    )


def competency_choices() -> list:
    """Every competency with its scale, by name (HR links offers to them)."""
    from groeipad.skills.models import Competency

    return sorted(Competency.objects.select_related("scale"), key=lambda c: c.name.casefold())


def offer_links(offer: LearningOffer) -> QuerySet[OfferCompetency]:
    return offer.competencies.select_related("competency")


@dataclass
class SessionPlaces:
    session: Session
    taken: int
    left: int
    waiting: int
    past: bool


def session_places(offer: LearningOffer, today: date) -> list[SessionPlaces]:
    """Each session of the offer with the places taken, left and the waiting list."""
    rows = []
    for session in offer.sessions.all():
        taken = session.enrolments.filter(
            status__in=[EnrolmentStatus.APPROVED, EnrolmentStatus.COMPLETED]
        ).count()
        waiting = session.enrolments.filter(status=EnrolmentStatus.WAITLISTED).count()
        rows.append(
            SessionPlaces(
                session=session,
                taken=taken,
                left=max(session.capacity - taken, 0),
                waiting=waiting,
                past=session.starts_on < today,
            )
        )
    return rows


def offer_sessions(offer: LearningOffer) -> QuerySet[Session]:
    return offer.sessions.all()


def open_goals_of(employee: Employee) -> list:
    """The employee's plan goals that are not closed, to link a request to."""
    from groeipad.plans.models import Goal

    return list(
        Goal.objects.filter(plan__employee=employee).exclude(status="closed").order_by("deadline")
    )


def goals_of(employee: Employee) -> dict:
    """All the employee's plan goals by id."""
    from groeipad.plans.models import Goal

    return {g.pk: g for g in Goal.objects.filter(plan__employee=employee)}
