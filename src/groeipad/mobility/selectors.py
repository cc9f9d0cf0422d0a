"""Reads about rotations and applications, scoped to the viewer and preloaded."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from django.db.models import Count, Exists, F, OuterRef, Prefetch, Q, QuerySet, Value
from django.db.models.functions import Greatest

from groeipad.mobility import rules
from groeipad.mobility.models import (
    Application,
    Consent,
    Decision,
    OfferCompetency,
    OfferStatus,
    RotationOffer,
    TransferStatus,
)
from groeipad.people import scope
from groeipad.people.models import Department, Employee
from groeipad.people.scope import Viewer
from groeipad.people.selectors import department_subtree_ids
from groeipad.skills.models import Competency

if TYPE_CHECKING:
    from groeipad.people.scope import UserLike

_APPLICATION_RELATED = (
    "offer__host_department",
    "employee__department",
    "employee__manager",
    "consent_by",
    "decided_by",
    "new_manager",
)


def _offers() -> QuerySet[RotationOffer]:
    return (
        RotationOffer.objects.select_related("host_department")
        .prefetch_related(
            Prefetch(
                "offer_competencies",
                queryset=OfferCompetency.objects.select_related("competency"),
            )
        )
        .annotate(
            chosen_count=Count("applications", filter=Q(applications__decision=Decision.CHOSEN)),
            candidate_count=Count(
                "applications",
                filter=Q(
                    applications__consent=Consent.GIVEN,
                    applications__withdrawn_at__isnull=True,
                    applications__decision=Decision.PENDING,
                ),
            ),
        )
        .annotate(places_left=Greatest(F("places") - F("chosen_count"), Value(0)))
    )


def places_left(offer: RotationOffer) -> int:
    """Places not yet filled (read from the annotation when the offer has it)."""
    left = getattr(offer, "places_left", None)
    if left is None:
        left = max(offer.places - chosen_count(offer), 0)
    return int(left)


def offers_for_viewer(
    viewer: Viewer | UserLike, *, status: str | None = None
) -> QuerySet[RotationOffer]:
    """Everyone sees open offers; hosts and HR also closed ones of theirs; applicants theirs."""
    viewer = scope.as_viewer(viewer)
    offers = _offers()
    host_ids = rules.host_department_ids(viewer)
    if host_ids is not None:
        seen = Q(status=OfferStatus.OPEN) | Q(host_department_id__in=host_ids)
        if viewer.employee_id:
            seen |= Q(
                pk__in=Application.objects.filter(employee_id=viewer.employee_id).values("offer_id")
            )
        offers = offers.filter(seen)
    if status:
        offers = offers.filter(status=status)
    return offers


def offer_by_id(viewer: Viewer | UserLike, offer_id: int) -> RotationOffer | None:
    viewer = scope.as_viewer(viewer)
    return offers_for_viewer(viewer).filter(pk=offer_id).first()


def applications_for_viewer(viewer: Viewer | UserLike) -> QuerySet[Application]:
    """Own applications; a manager's line; consented ones for hosted departments; HR all."""
    viewer = scope.as_viewer(viewer)
    applications = Application.objects.select_related(*_APPLICATION_RELATED)
    if scope.is_hr(viewer):
        return applications
    if not viewer.employee_id:
        return applications.none()
    host_ids = rules.host_department_ids(viewer) or set()
    return applications.filter(
        Q(employee_id=viewer.employee_id)
        | Q(employee_id__in=scope.line_ids(viewer))
        | Q(offer__host_department_id__in=host_ids, consent=Consent.GIVEN)
    )


def application_by_id(viewer: Viewer | UserLike, application_id: int) -> Application | None:
    viewer = scope.as_viewer(viewer)
    return applications_for_viewer(viewer).filter(pk=application_id).first()


def my_applications(viewer: Viewer | UserLike) -> QuerySet[Application]:
    viewer = scope.as_viewer(viewer)
    if not viewer.employee_id:
        return Application.objects.none()
    return (
        Application.objects.select_related(*_APPLICATION_RELATED)
        .filter(employee_id=viewer.employee_id)
        .order_by("-created_at", "-pk")
    )


def my_application_for(viewer: Viewer | UserLike, offer: RotationOffer) -> Application | None:
    """The viewer's own application for ``offer``, if any."""
    viewer = scope.as_viewer(viewer)
    if not viewer.employee_id:
        return None
    return Application.objects.filter(offer=offer, employee_id=viewer.employee_id).first()


def consent_queue(viewer: Viewer | UserLike) -> QuerySet[Application]:
    """Applications waiting for this viewer's consent (as direct manager, or HR for those
    without one who can log in)."""
    viewer = scope.as_viewer(viewer)
    pending = Application.objects.select_related(*_APPLICATION_RELATED).filter(
        consent=Consent.PENDING, withdrawn_at__isnull=True
    )
    who = Q(pk__in=[])
    if viewer.employee_id:
        # The direct manager, while the applicant still works here (a leaver's
        # application leaves the queue the day after the leave date).
        who |= Q(employee__manager_id=viewer.employee_id) & scope.employed_on(
            viewer.today, "employee__"
        )
    if scope.is_hr(viewer):
        no_manager_account = Employee.objects.filter(
            Q(manager__isnull=True)
            | Q(manager__user__isnull=True)
            | Q(manager__user__is_active=False)
        ).values("pk")
        who |= Q(employee_id__in=no_manager_account)
    return pending.filter(who)


def candidates(offer: RotationOffer) -> QuerySet[Application]:
    """What reaches the host: consented applications, not withdrawn."""
    return Application.objects.select_related(*_APPLICATION_RELATED).filter(
        offer=offer, consent=Consent.GIVEN, withdrawn_at__isnull=True
    )


def manager_candidates(offer: RotationOffer) -> QuerySet[Employee]:
    """Who may become the manager of someone transferred by ``offer``: the employees of
    the host department and its sub-departments still employed on the start date."""
    return (
        Employee.objects.filter(department_id__in=department_subtree_ids(offer.host_department_id))
        .filter(Q(leave_date__isnull=True) | Q(leave_date__gte=offer.start_date))
        .select_related("department")
        .order_by("last_name", "first_name", "pk")
    )


def host_queue(viewer: Viewer | UserLike) -> QuerySet[Application]:
    """Consented applications awaiting a choice, for the offers this user decides on."""
    viewer = scope.as_viewer(viewer)
    queue = Application.objects.select_related(*_APPLICATION_RELATED).filter(
        consent=Consent.GIVEN, decision=Decision.PENDING, withdrawn_at__isnull=True
    )
    host_ids = rules.host_department_ids(viewer)
    if host_ids is not None:
        queue = queue.filter(offer__host_department_id__in=host_ids)
    return queue


def open_offers_without_applicants(viewer: Viewer | UserLike) -> QuerySet[RotationOffer]:
    """Open offers the viewer hosts (HR: all) that nobody has applied for (withdrawn ones
    do not count)."""
    viewer = scope.as_viewer(viewer)
    host_ids = rules.host_department_ids(viewer)
    offers = RotationOffer.objects.filter(status=OfferStatus.OPEN)
    if host_ids is not None:
        offers = offers.filter(host_department_id__in=host_ids)
    return offers.exclude(
        Exists(Application.objects.filter(offer=OuterRef("pk"), withdrawn_at__isnull=True))
    ).order_by("start_date", "pk")


def chosen_count(offer: RotationOffer) -> int:
    return Application.objects.filter(offer=offer, decision=Decision.CHOSEN).count()


def host_departments(viewer: Viewer | UserLike) -> QuerySet[Department]:
    """The departments the viewer may offer places in (HR: all)."""
    viewer = scope.as_viewer(viewer)
    ids = rules.host_department_ids(viewer)
    departments = Department.objects.all()
    return departments if ids is None else departments.filter(pk__in=ids)


def department_by_id(department_id: int) -> Department | None:
    return Department.objects.filter(pk=department_id).first()


def competencies_by_id(ids: list[int]) -> dict[int, Competency]:
    return {c.pk: c for c in Competency.objects.select_related("scale").filter(pk__in=ids)}


def first_competency(offer: RotationOffer) -> Competency | None:
    link = offer.offer_competencies.select_related("competency").order_by("pk").first()
    return link.competency if link else None


def transfers_due(today: date) -> QuerySet[Application]:
    """Chosen transfers still planned whose start date is ``today`` or earlier."""
    return Application.objects.filter(
        transfer_status=TransferStatus.PENDING, offer__start_date__lte=today
    ).order_by("offer__start_date", "pk")
