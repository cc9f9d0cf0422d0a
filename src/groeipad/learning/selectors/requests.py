"""Reads of learning requests: who sees which, the queues, and what they draw on the
budgets (registered with ``budgets.registry`` in the app's ready())."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta
from decimal import Decimal
from typing import TYPE_CHECKING

from django.db.models import Q, QuerySet, Sum
from django.utils import timezone

from groeipad.budgets.models import Funding
from groeipad.learning.models import Enrolment, EnrolmentStatus, EvaluationLevel
from groeipad.learning.selectors.common import in_year, setting
from groeipad.people import scope
from groeipad.people.scope import Viewer

if TYPE_CHECKING:
    from groeipad.people.scope import UserLike

ZERO = Decimal("0")


def budget_draws(department_ids: list[int], year: int) -> dict[int, tuple[Decimal, ...]]:
    """Per department: what department-funded requests hold on (committed: approved),
    took (spent: completed) and the hours of completed learning in a budget year; one
    query. Personal-funded requests count on the personal budget, never on both."""
    return {
        row["department_id"]: (
            row["committed"] or ZERO,
            row["spent"] or ZERO,
            row["hours"] or ZERO,
        )
        for row in Enrolment.objects.filter(
            in_year(year), department_id__in=department_ids, funding=Funding.DEPARTMENT
        )
        .order_by()
        .values("department_id")
        .annotate(
            committed=Sum("cost", filter=Q(status=EnrolmentStatus.APPROVED)),
            spent=Sum("cost", filter=Q(status=EnrolmentStatus.COMPLETED)),
            hours=Sum("hours", filter=Q(status=EnrolmentStatus.COMPLETED)),
        )
    }


def budget_draw(department_ids: list[int], year: int) -> tuple[Decimal, ...]:
    """The sum of ``budget_draws``: the single and the grouped answer cannot disagree."""
    rows = budget_draws(department_ids, year).values()
    return (
        sum((r[0] for r in rows), ZERO),
        sum((r[1] for r in rows), ZERO),
        sum((r[2] for r in rows), ZERO),
    )


def personal_draws(employee_ids: Sequence[int], year: int) -> dict[int, tuple[Decimal, ...]]:
    """Per employee: what personal-funded requests hold on and took in a budget year."""
    rows = (
        Enrolment.objects.filter(
            in_year(year), employee_id__in=list(employee_ids), funding=Funding.PERSONAL
        )
        .values("employee_id")
        .annotate(
            committed=Sum("cost", filter=Q(status=EnrolmentStatus.APPROVED)),
            spent=Sum("cost", filter=Q(status=EnrolmentStatus.COMPLETED)),
        )
    )
    return {row["employee_id"]: (row["committed"] or ZERO, row["spent"] or ZERO) for row in rows}


def enrolments_for_viewer(viewer: Viewer | UserLike, *, status: str = "") -> QuerySet[Enrolment]:
    """The requests of the people the viewer sees (HR: everyone's); ``status``: only those."""
    rows = Enrolment.objects.filter(employee__in=scope.visible_employees(viewer)).select_related(
        "employee", "offer", "session", "department"
    )
    return rows.filter(status=status) if status else rows


def own_enrolments(viewer: Viewer | UserLike) -> QuerySet[Enrolment]:
    """The viewer's own requests, with what My learning shows of each."""
    v = scope.as_viewer(viewer)
    if v.employee_id is None:
        return Enrolment.objects.none()
    return (
        Enrolment.objects.filter(employee_id=v.employee_id)
        .select_related("offer", "session")
        .prefetch_related("offer__competencies__competency")
    )


def _not_own(queue: QuerySet[Enrolment], viewer: Viewer) -> QuerySet[Enrolment]:
    if viewer.employee_id:
        return queue.exclude(employee_id=viewer.employee_id)
    return queue


def approval_queue(viewer: Viewer | UserLike) -> QuerySet[Enrolment]:
    """Open requests of the viewer's line (HR: everyone's), the viewer's own left out."""
    v = scope.as_viewer(viewer)
    queue = enrolments_for_viewer(v).filter(
        status__in=[EnrolmentStatus.REQUESTED, EnrolmentStatus.WAITLISTED]
    )
    return _not_own(queue, v).select_related("goal").order_by("requested_at", "id")


def approved_for_viewer(viewer: Viewer | UserLike) -> QuerySet[Enrolment]:
    """Approved learning of the viewer's line (HR: everyone's), to complete."""
    v = scope.as_viewer(viewer)
    return _not_own(enrolments_for_viewer(v).filter(status=EnrolmentStatus.APPROVED), v)


def hr_attention(viewer: Viewer | UserLike) -> QuerySet[Enrolment]:
    """Open requests above the cost threshold: HR sees these whoever decides."""
    if not scope.is_hr(viewer):
        return Enrolment.objects.none()
    return approval_queue(viewer).filter(cost__gte=setting("LEARNING_HR_COST_THRESHOLD"))


def behaviour_due(viewer: Viewer | UserLike, today: date | None = None) -> QuerySet[Enrolment]:
    """Completed learning of the viewer's line now 60-90 days old without a behaviour rating."""
    v = scope.as_viewer(viewer)
    today = today or timezone.localdate()
    low, high = setting("LEARNING_BEHAVIOUR_DAYS")
    queue = (
        enrolments_for_viewer(v)
        .filter(
            status=EnrolmentStatus.COMPLETED,
            completed_on__lte=today - timedelta(days=low),
            completed_on__gte=today - timedelta(days=high),
        )
        .exclude(evaluations__level=EvaluationLevel.BEHAVIOUR)
    )
    return _not_own(queue, v)


def enrolments_of_year(viewer: Viewer | UserLike, year: int) -> QuerySet[Enrolment]:
    """The requests of a budget year the viewer may see, oldest first (the export)."""
    return enrolments_for_viewer(viewer).filter(in_year(year)).order_by("requested_at", "id")


def competency_ids_to_rate(enrolment: Enrolment) -> list[int]:
    """The competencies the request's offer develops: one self-assessment row each."""
    return list(enrolment.offer.competencies.values_list("competency_id", flat=True))


def behaviour_rating(enrolment: Enrolment):
    """The behaviour evaluation of a request, if given."""
    return enrolment.evaluations.filter(level=EvaluationLevel.BEHAVIOUR).first()
