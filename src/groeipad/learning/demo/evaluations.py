"""The demo evaluations: reaction and learning from participants, behaviour from managers."""

from __future__ import annotations

from datetime import timedelta

from groeipad.learning.demo.catalogue import SPEC
from groeipad.learning.models import (
    Enrolment,
    EnrolmentStatus,
    Evaluation,
    EvaluationAnswer,
    EvaluationLevel,
    LearningScore,
)


def _clamp(value: float) -> int:
    return max(1, min(5, round(value)))


def evaluations_create(
    rng, enrolments, linked: dict[int, list[int]], users, today, persona_ids: set[int]
) -> tuple[int, int]:
    """Reaction and learning from most participants; behaviour from managers 60+ days on.

    Reaction and learning are anonymous answers, linked to nobody (``EvaluationAnswer``):
    one per person, level and offer, the request marked answered. They are written in a
    shuffled order, so that their ids follow no order of the requests.
    """
    low = 60
    evaluations, answers, pending_scores = [], [], []
    answered: dict[str, set[int]] = {"reaction": set(), "learning": set()}
    seen: set[tuple[int, int, str]] = set()

    def first(e, level: str) -> bool:
        key = (e.employee_id, e.offer_id, level)
        if key in seen:
            return False
        seen.add(key)
        answered[level].add(e.pk)
        return True

    for e in enrolments:
        if e.status != EnrolmentStatus.COMPLETED:
            continue
        if e.pk in persona_ids:
            continue  # the demo employee and their manager still have it to do
        reaction, gain, behaviour = SPEC[e.offer.title][9]
        if rng.random() < 0.85 and first(e, EvaluationLevel.REACTION):
            answers.append(
                EvaluationAnswer(
                    offer_id=e.offer_id,
                    level=EvaluationLevel.REACTION,
                    # Low-rated offers are rated low consistently: the flag shows.
                    rating=_clamp(rng.gauss(reaction, 0.7 if reaction >= 3 else 0.4)),
                )
            )
        if rng.random() < 0.75 and first(e, EvaluationLevel.LEARNING):
            rows = []
            overall: list[int | None] = [None]  # an offer without competencies: one row
            for competency_id in linked.get(e.offer.pk) or overall:
                before = _clamp(rng.gauss(2.4, 0.8))
                after = max(before, _clamp(before + rng.gauss(gain, 0.6)))
                rows.append((competency_id, before, after))
            answer = EvaluationAnswer(
                offer_id=e.offer_id,
                level=EvaluationLevel.LEARNING,
                before=_clamp(sum(r[1] for r in rows) / len(rows)),
                rating=_clamp(sum(r[2] for r in rows) / len(rows)),
            )
            answers.append(answer)
            pending_scores.append((answer, rows))
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
    rng.shuffle(answers)
    EvaluationAnswer.objects.bulk_create(answers)
    for level, pks in answered.items():
        Enrolment.objects.filter(pk__in=pks).update(**{f"{level}_answered": True})
    scores = [
        LearningScore(answer=answer, competency_id=c, before=b, after=a)
        for answer, rows in pending_scores
        for c, b, a in rows
    ]
    LearningScore.objects.bulk_create(scores)
    return len(evaluations) + len(answers), len(scores)
