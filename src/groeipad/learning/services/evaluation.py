"""Evaluation of completed learning: reaction, learning (self-assessment per
competency) and behaviour (the manager, 60+ days on)."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from groeipad.learning import rules
from groeipad.learning.models import (
    ANONYMOUS_LEVELS,
    ANSWERED_FLAG,
    Enrolment,
    EnrolmentStatus,
    Evaluation,
    EvaluationAnswer,
    EvaluationLevel,
    LearningScore,
    OfferCompetency,
)
from groeipad.learning.selectors.common import setting
from groeipad.lib.actions import Actor, action, actor_user, audit, ensure
from groeipad.people import scope
from groeipad.privacy.models import AuditAction, ObjectType


def _mean(values: list[int]) -> int:
    """The rounded average (half up) of 1-5 self-assessments."""
    return int((Decimal(sum(values)) / len(values)).quantize(Decimal("1"), ROUND_HALF_UP))


def _learning_scores(
    enrolment: Enrolment, scores: Any, before: int | None, rating: int | None
) -> list[tuple]:
    """(competency id or None, before, after) for each competency the offer develops.

    An offer without linked competencies takes one overall row (``before``/``rating``
    are accepted as that row). With competencies, each is rated, and only those.
    """
    linked = {
        link.competency_id: link.competency
        for link in OfferCompetency.objects.filter(offer_id=enrolment.offer_id).select_related(
            "competency"
        )
    }
    if scores is None:
        if linked:
            raise ValidationError(
                _("Rate your level before and after for each competency the offer develops.")
            )
        if before is None or rating is None:
            raise ValidationError(_("Give your level before the learning as well as after."))
        scores = [(None, before, rating)]
    rows = []
    for item in scores:
        competency_id, low, high = (
            (item.get("competency_id"), item.get("before"), item.get("after"))
            if isinstance(item, dict)
            else item
        )
        rows.append((competency_id, low, high))
    ids = [row[0] for row in rows]
    if len(set(ids)) != len(ids):
        raise ValidationError(_("Each competency is rated once."))
    wanted: set[int | None] = {*linked} if linked else {None}
    if set(ids) != wanted:
        missing = wanted - set(ids)
        if missing and linked:
            raise ValidationError(
                _("Rate each competency the offer develops; missing: %(names)s.")
                % {"names": ", ".join(sorted(linked[c].name for c in missing if c is not None))}
            )
        raise ValidationError(_("Rate only the competencies this offer develops."))
    for _competency, low, high in rows:
        for value, label in ((low, _("before")), (high, _("after"))):
            if value is None:
                raise ValidationError(_("Give your level before the learning as well as after."))
            if not 1 <= value <= 5:
                raise ValidationError(
                    _("The %(label)s must be 1 to 5, not %(value)s.")
                    % {"label": label, "value": value}
                )
    return rows


@action
def evaluate(
    *,
    actor: Actor,
    enrolment: Enrolment,
    level: str,
    rating: int | None = None,
    before: int | None = None,
    scores: Any = None,
    comment: str = "",
    today: date | None = None,
) -> Evaluation | EvaluationAnswer:
    """Reaction and learning by the participant; behaviour by the manager, 60+ days on.

    Learning is the participant's self-assessment before and after on each competency
    the offer develops: ``scores`` as (competency id, before, after) tuples or dicts
    with those keys. The answer keeps the participant's rounded averages.

    Reaction and learning are anonymous answers (specs/anonymity.md): stored as an
    ``EvaluationAnswer`` linked to nobody, the request only marked answered. One answer
    per person, level and offer: a second request of the same offer does not answer
    again (with no link, a second answer could not be told from another person's).
    Behaviour stays an ``Evaluation`` of the named employee by the manager who gave it.
    """
    today = today or timezone.localdate()
    # Read it afresh: the caller's copy may predate the completion.
    enrolment = Enrolment.objects.select_related("employee").get(pk=enrolment.pk)
    own = scope.as_viewer(actor).employee_id == enrolment.employee_id
    if level not in EvaluationLevel.values:
        raise ValidationError(_("Unknown evaluation level: %(level)s.") % {"level": level})
    if level in (EvaluationLevel.REACTION, EvaluationLevel.LEARNING) and not own:
        ensure(False, _("Only the participant rates their reaction and learning."))
    if level == EvaluationLevel.BEHAVIOUR:
        ensure(
            rules.may_decide(actor, enrolment.employee),
            _("Only a manager in the employee's line rates behaviour."),
        )
    if enrolment.status != EnrolmentStatus.COMPLETED:
        raise ValidationError(_("Evaluate learning after it is completed."))
    for value, label in ((rating, _("rating")), (before, _("before"))):
        if value is not None and not 1 <= value <= 5:
            raise ValidationError(
                _("The %(label)s must be 1 to 5, not %(value)s.") % {"label": label, "value": value}
            )
    rows = []
    if level == EvaluationLevel.LEARNING:
        rows = _learning_scores(enrolment, scores, before, rating)
        before = _mean([row[1] for row in rows])
        rating = _mean([row[2] for row in rows])
    else:
        before = None
        if rating is None:
            raise ValidationError(_("Give a rating from 1 to 5."))
    if level == EvaluationLevel.BEHAVIOUR:
        days, _most = setting("LEARNING_BEHAVIOUR_DAYS")
        assert enrolment.completed_on is not None  # completed, so dated
        due = enrolment.completed_on + timedelta(days=days)
        if today < due:
            raise ValidationError(
                _("Behaviour is rated from %(day)s, %(n)s days after completion.")
                % {"day": due, "n": days}
            )
    if level in ANONYMOUS_LEVELS:
        assert rating is not None  # checked above: given, or the learning averages
        return _answer(actor, enrolment, level, rating, before, comment, rows)
    if Evaluation.objects.filter(enrolment=enrolment, level=level).exists():
        raise ValidationError(_("This level has already been evaluated."))
    evaluation = Evaluation.objects.create(
        enrolment=enrolment,
        level=level,
        rating=rating,
        before=before,
        comment=comment.strip(),
        rater=actor_user(actor),
        rated_on=today,
    )
    # That an evaluation arrived, not what it says.
    audit(
        actor=actor,
        verb=AuditAction.CREATE,
        object_type=ObjectType.LEARNING_EVALUATION,
        object_id=evaluation.pk,
        summary=f"{level} evaluation arrived",
    )
    return evaluation


def _answer(
    actor: Actor,
    enrolment: Enrolment,
    level: str,
    rating: int,
    before: int | None,
    comment: str,
    rows: list[tuple],
) -> EvaluationAnswer:
    """The participant's anonymous answer: stored unlinked, the request marked answered."""
    flag = ANSWERED_FLAG[EvaluationLevel(level)]
    # The person's requests of this offer, locked: one answer per person, level and offer,
    # also when two submissions race.
    mine = list(
        Enrolment.objects.select_for_update()
        .filter(employee_id=enrolment.employee_id, offer_id=enrolment.offer_id)
        .order_by("pk")
        .values_list("pk", flag)
    )
    if any(answered for _pk, answered in mine):
        raise ValidationError(
            _(
                "You already answered the %(level)s evaluation of %(offer)s. It is anonymous, "
                "so it is given once per offer and cannot be changed or looked up."
            )
            % {"level": EvaluationLevel(level).label, "offer": enrolment.offer.title}
        )
    Enrolment.objects.filter(pk=enrolment.pk).update(**{flag: True})
    answer = EvaluationAnswer.objects.create(
        offer_id=enrolment.offer_id,
        level=level,
        rating=rating,
        before=before,
        comment=comment.strip(),
    )
    LearningScore.objects.bulk_create(
        [
            LearningScore(answer=answer, competency_id=c, before=low, after=high)
            for c, low, high in rows
        ]
    )
    # That an answer arrived on the offer's form, never who gave it (specs/anonymity.md):
    # no actor, no request, no answer id, nothing of what it says.
    audit(
        actor=None,
        verb=AuditAction.CREATE,
        object_type=ObjectType.LEARNING_EVALUATION,
        object_id=enrolment.offer_id,
        summary=f"anonymous {level} answer arrived on an offer's evaluation form",
    )
    return answer
