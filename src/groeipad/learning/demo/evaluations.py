"""The demo evaluations: reaction and learning from participants, behaviour from managers."""

from __future__ import annotations

from datetime import timedelta

from groeipad.learning.demo.catalogue import SPEC
from groeipad.learning.models import EnrolmentStatus, Evaluation, EvaluationLevel, LearningScore


def _clamp(value: float) -> int:
    return max(1, min(5, round(value)))


def evaluations_create(
    rng, enrolments, linked: dict[int, list[int]], users, today, persona_ids: set[int]
) -> tuple[int, int]:
    """Reaction and learning from most participants; behaviour from managers 60+ days on."""
    low = 60
    evaluations, pending_scores = [], []
    for e in enrolments:
        if e.status != EnrolmentStatus.COMPLETED:
            continue
        if e.pk in persona_ids:
            continue  # the demo employee and their manager still have it to do
        reaction, gain, behaviour = SPEC[e.offer.title][9]
        own = users.get(e.employee_id)
        if rng.random() < 0.85:
            evaluations.append(
                Evaluation(
                    enrolment=e,
                    level=EvaluationLevel.REACTION,
                    # Low-rated offers are rated low consistently: the flag shows.
                    rating=_clamp(rng.gauss(reaction, 0.7 if reaction >= 3 else 0.4)),
                    rater_id=own,
                    rated_on=e.completed_on,
                )
            )
        if rng.random() < 0.75:
            rows = []
            overall: list[int | None] = [None]  # an offer without competencies: one row
            for competency_id in linked.get(e.offer.pk) or overall:
                before = _clamp(rng.gauss(2.4, 0.8))
                after = max(before, _clamp(before + rng.gauss(gain, 0.6)))
                rows.append((competency_id, before, after))
            evaluation = Evaluation(
                enrolment=e,
                level=EvaluationLevel.LEARNING,
                before=_clamp(sum(r[1] for r in rows) / len(rows)),
                rating=_clamp(sum(r[2] for r in rows) / len(rows)),
                rater_id=own,
                rated_on=e.completed_on + timedelta(days=1),
            )
            evaluations.append(evaluation)
            pending_scores.append((evaluation, rows))
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
    scores = [
        LearningScore(evaluation=evaluation, competency_id=c, before=b, after=a)
        for evaluation, rows in pending_scores
        for c, b, a in rows
    ]
    LearningScore.objects.bulk_create(scores)
    return len(evaluations), len(scores)
