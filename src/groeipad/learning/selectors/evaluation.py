"""Evaluation summaries of an offer: the three levels, learning per competency, flags."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db.models import Avg, Count, Q

from groeipad.learning.models import (
    Enrolment,
    EnrolmentStatus,
    Evaluation,
    EvaluationLevel,
    LearningActivity,
    LearningOffer,
    LearningScore,
    OfferCompetency,
)
from groeipad.learning.selectors.common import setting

if TYPE_CHECKING:
    from groeipad.skills.models import Competency


@dataclass
class OfferEvaluation:
    reaction_avg: float | None
    reaction_n: int
    learning_before: float | None
    learning_after: float | None
    learning_n: int
    behaviour_avg: float | None
    behaviour_n: int
    completed: int


def offer_evaluation(offer: LearningOffer) -> OfferEvaluation:
    rows = {
        row["level"]: row
        for row in Evaluation.objects.filter(enrolment__offer=offer)
        .values("level")
        .annotate(avg=Avg("rating"), before=Avg("before"), n=Count("id"))
    }

    def get(level, key):
        row = rows.get(level)
        return row[key] if row else None

    return OfferEvaluation(
        reaction_avg=get(EvaluationLevel.REACTION, "avg"),
        reaction_n=get(EvaluationLevel.REACTION, "n") or 0,
        learning_before=get(EvaluationLevel.LEARNING, "before"),
        learning_after=get(EvaluationLevel.LEARNING, "avg"),
        learning_n=get(EvaluationLevel.LEARNING, "n") or 0,
        behaviour_avg=get(EvaluationLevel.BEHAVIOUR, "avg"),
        behaviour_n=get(EvaluationLevel.BEHAVIOUR, "n") or 0,
        completed=completions(offer),
    )


def completions(offer: LearningOffer) -> int:
    """Completed requests of the offer, plus imported learning linked to it by its title."""
    requested = offer.enrolments.filter(status=EnrolmentStatus.COMPLETED)
    imported = LearningActivity.objects.filter(offer=offer).exclude(
        pk__in=Enrolment.objects.filter(activity__isnull=False).values("activity_id")
    )
    return requested.count() + imported.count()


@dataclass
class CompetencyLearning:
    """The learning level of an offer for one competency (None: the overall row)."""

    competency: Competency | None
    target_level: int | None
    before: float
    after: float
    n: int

    @property
    def change(self) -> float:
        return self.after - self.before


def offer_learning_by_competency(offer: LearningOffer) -> list[CompetencyLearning]:
    """Per competency the offer develops: average self-assessment before and after, and n.

    Competencies in the offer's order of names, then the overall row of ratings given
    when the offer had no competencies linked (if any).
    """
    rows = {
        row["competency"]: row
        for row in LearningScore.objects.filter(evaluation__enrolment__offer=offer)
        .values("competency")
        .annotate(before=Avg("before"), after=Avg("after"), n=Count("id"))
    }
    links = list(OfferCompetency.objects.filter(offer=offer).select_related("competency"))
    competencies = {link.competency_id: link.competency for link in links}
    levels = {link.competency_id: link.level for link in links}
    missing = [c for c in rows if c is not None and c not in competencies]
    if missing:
        from groeipad.skills.models import Competency

        competencies.update(Competency.objects.in_bulk(missing))
    result = [
        CompetencyLearning(
            competency=competencies[c],
            target_level=levels.get(c),
            before=float(row["before"]),
            after=float(row["after"]),
            n=row["n"],
        )
        for c, row in rows.items()
        if c is not None
    ]
    result.sort(key=lambda r: r.competency.name.casefold() if r.competency else "")
    if None in rows:
        row = rows[None]
        result.append(
            CompetencyLearning(None, None, float(row["before"]), float(row["after"]), row["n"])
        )
    return result


def flagged_offer_ids() -> set[int]:
    """Mandatory offers without support: a low average reaction from enough ratings.

    Low: below ``LEARNING_LOW_REACTION`` (3 of 5); enough: ``LEARNING_LOW_REACTION_MIN_N``
    ratings (3). Both settings, not constants.
    """
    return set(
        LearningOffer.objects.filter(mandatory=True)
        .annotate(
            avg=Avg(
                "enrolments__evaluations__rating",
                filter=Q(enrolments__evaluations__level=EvaluationLevel.REACTION),
            ),
            n=Count(
                "enrolments__evaluations",
                filter=Q(enrolments__evaluations__level=EvaluationLevel.REACTION),
            ),
        )
        .filter(
            n__gte=setting("LEARNING_LOW_REACTION_MIN_N"),
            avg__lt=setting("LEARNING_LOW_REACTION"),
        )
        .values_list("id", flat=True)
    )
