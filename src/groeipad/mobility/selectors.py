"""Reads about rotations and applications, scoped to the viewer and preloaded."""

from __future__ import annotations

from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet

from groeipad.lib.trees import subtree_ids_sql
from groeipad.mobility import rules
from groeipad.mobility.models import (
    Application,
    Consent,
    Decision,
    OfferCompetency,
    OfferStatus,
    RotationOffer,
)
from groeipad.people.models import Department, Employee
from groeipad.people.visibility import is_hr, management_line_ids

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
    )


def offers_for_viewer(user, *, status: str | None = None) -> QuerySet[RotationOffer]:
    """Everyone sees open offers; hosts and HR also closed ones of theirs; applicants theirs."""
    offers = _offers()
    host_ids = rules.host_department_ids(user)
    if host_ids is not None:
        seen = Q(status=OfferStatus.OPEN) | Q(host_department_id__in=host_ids)
        if user.employee_id:
            seen |= Q(
                pk__in=Application.objects.filter(employee_id=user.employee_id).values("offer_id")
            )
        offers = offers.filter(seen)
    if status:
        offers = offers.filter(status=status)
    return offers


def offer_by_id(user, offer_id: int) -> RotationOffer | None:
    return offers_for_viewer(user).filter(pk=offer_id).first()


def applications_for_viewer(user) -> QuerySet[Application]:
    """Own applications; a manager's line; consented ones for hosted departments; HR all."""
    applications = Application.objects.select_related(*_APPLICATION_RELATED)
    if is_hr(user):
        return applications
    employee_id = getattr(user, "employee_id", None)
    if not employee_id:
        return applications.none()
    host_ids = rules.host_department_ids(user) or set()
    return applications.filter(
        Q(employee_id=employee_id)
        | Q(employee_id__in=management_line_ids(employee_id))
        | Q(offer__host_department_id__in=host_ids, consent=Consent.GIVEN)
    )


def my_applications(user) -> QuerySet[Application]:
    if not getattr(user, "employee_id", None):
        return Application.objects.none()
    return (
        Application.objects.select_related(*_APPLICATION_RELATED)
        .filter(employee_id=user.employee_id)
        .order_by("-created_at", "-pk")
    )


def consent_queue(user) -> QuerySet[Application]:
    """Applications waiting for this user's consent (as direct manager, or HR for those without)."""
    pending = Application.objects.select_related(*_APPLICATION_RELATED).filter(
        consent=Consent.PENDING, withdrawn_at__isnull=True
    )
    who = Q(pk__in=[])
    if getattr(user, "employee_id", None):
        who |= Q(employee__manager_id=user.employee_id)
    if is_hr(user):
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
    department_ids = subtree_ids_sql(
        Department._meta.db_table, "parent_id", offer.host_department_id, include_root=True
    )
    return (
        Employee.objects.filter(department_id__in=department_ids)
        .filter(Q(leave_date__isnull=True) | Q(leave_date__gte=offer.start_date))
        .select_related("department")
        .order_by("last_name", "first_name", "pk")
    )


def host_queue(user) -> QuerySet[Application]:
    """Consented applications awaiting a choice, for the offers this user decides on."""
    queue = Application.objects.select_related(*_APPLICATION_RELATED).filter(
        consent=Consent.GIVEN, decision=Decision.PENDING, withdrawn_at__isnull=True
    )
    host_ids = rules.host_department_ids(user)
    if host_ids is not None:
        queue = queue.filter(offer__host_department_id__in=host_ids)
    return queue


def open_offers_without_applicants(user) -> QuerySet[RotationOffer]:
    """Open offers the viewer hosts (HR: all) that nobody has applied for (withdrawn ones
    do not count)."""
    host_ids = rules.host_department_ids(user)
    offers = RotationOffer.objects.filter(status=OfferStatus.OPEN)
    if host_ids is not None:
        offers = offers.filter(host_department_id__in=host_ids)
    return offers.exclude(
        Exists(Application.objects.filter(offer=OuterRef("pk"), withdrawn_at__isnull=True))
    ).order_by("start_date", "pk")
