"""What the learning app holds about a person: learning done, requests, evaluations.

Learning activities feed the KPIs (hours, cost, the 70-20-10 mix): erasure removes
their titles and keeps date, kind, hours and cost under the person's pseudonym. A
request keeps its offer, status and money (budgets of past years stay right); its free
texts go. Evaluation ratings stay in the offer's aggregates; their comments go.
"""

from __future__ import annotations

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from groeipad.learning.models import Enrolment, Evaluation, LearningActivity
from groeipad.people.models import Employee
from groeipad.privacy.registry import DataCategory, register

ERASED_TITLE = "verwijderd-"


def _activities_export(employee: Employee) -> list[dict]:
    return [
        {
            "date": a.date,
            "title": a.title,
            "kind": a.get_kind_display(),
            "category": a.get_category_display(),
            "hours": a.hours,
            "cost": a.cost,
        }
        for a in LearningActivity.objects.filter(employee=employee).order_by("date", "pk")
    ]


def _activities_erase(employee: Employee, dry_run: bool) -> int:
    named = LearningActivity.objects.filter(employee=employee).exclude(
        title__startswith=ERASED_TITLE
    )
    if dry_run:
        return named.count()
    count = 0
    for activity in named.only("pk"):
        # The title is part of the row's key (employee, date, title): the id keeps it unique.
        LearningActivity.objects.filter(pk=activity.pk).update(title=f"{ERASED_TITLE}{activity.pk}")
        count += 1
    return count


def _evaluations_of(enrolment_ids) -> dict[int, list[dict]]:
    found: dict[int, list[dict]] = {}
    enrolment_field = "enrolment" if hasattr(Evaluation, "enrolment") else None
    if enrolment_field is None:
        return found  # evaluations no longer linked to a person: nothing of theirs
    for e in Evaluation.objects.filter(enrolment_id__in=enrolment_ids).order_by("pk"):
        found.setdefault(e.enrolment_id, []).append(
            {
                "level": e.get_level_display(),
                "rating": e.rating,
                "before": e.before,
                "comment": e.comment,
                "date": e.rated_on,
            }
        )
    return found


def _requests_export(employee: Employee) -> list[dict]:
    requests = list(
        Enrolment.objects.filter(employee=employee)
        .select_related("offer", "session")
        .order_by("requested_at", "pk")
    )
    evaluations = _evaluations_of([r.pk for r in requests])
    return [
        {
            "offer": r.offer.title,
            "session": r.session.starts_on if r.session else None,
            "status": r.get_status_display(),
            "paid_from": r.get_funding_display(),
            "reason": r.reason,
            "reason_for_the_decision": r.decision_reason,
            "requested_at": r.requested_at,
            "decided_at": r.decided_at,
            "cost": r.cost,
            "hours": r.hours,
            "completed_on": r.completed_on,
            "evaluations": evaluations.get(r.pk, []),
        }
        for r in requests
    ]


def _requests_erase(employee: Employee, dry_run: bool) -> int:
    texts = Enrolment.objects.filter(employee=employee).filter(
        ~Q(reason="") | ~Q(decision_reason="")
    )
    count = texts.count()
    evaluations = Evaluation.objects.none()
    linked = hasattr(Evaluation, "rater")
    if hasattr(Evaluation, "enrolment"):
        evaluations = Evaluation.objects.filter(enrolment__employee=employee).filter(
            ~Q(comment="") | Q(rater__isnull=False) if linked else ~Q(comment="")
        )
        count += evaluations.count()
    if not dry_run and count:
        texts.update(reason="", decision_reason="")
        evaluations.update(comment="", **({"rater": None} if linked else {}))
    return count


_DEVELOPMENT = _("legitimate interest: your development (article 6(1)(f) GDPR)")

register(
    DataCategory(
        key="learning_activities",
        app="learning",
        label=_("learning you did: courses, training, on-the-job learning"),
        purpose=_("to keep your learning history and the organisation's learning KPIs"),
        legal_basis=_DEVELOPMENT,
        retention="development",
        seen_by=("own", "line", "hr", "kpi_line"),
        export=_activities_export,
        erase=_activities_erase,
        notes=(
            _(
                "Erasure removes the titles; date, kind, hours and cost stay under the "
                "pseudonym, so the learning KPIs of past years do not change."
            ),
        ),
    )
)
register(
    DataCategory(
        key="learning_requests",
        app="learning",
        label=_("learning requests and enrolments, with your evaluations"),
        purpose=_("to request, approve and pay for learning and to evaluate it"),
        legal_basis=_DEVELOPMENT,
        retention="development",
        seen_by=("own", "line", "hr"),
        export=_requests_export,
        erase=_requests_erase,
        notes=(
            _(
                "Erasure removes the reasons and evaluation comments; offer, status, cost "
                "and ratings stay, so budgets and evaluation figures do not change."
            ),
        ),
    )
)
