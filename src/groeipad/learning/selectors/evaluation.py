"""Evaluation summaries of an offer: the three levels, learning per competency, flags.

Every figure here is made from training evaluations, answers on a form that promises
anonymity (specs/anonymity.md), so it goes through ``privacy.anonymity``:

- k = ``threshold(Instrument.LEARNING_EVALUATION)``: a level or a competency row shows
  an average only from k answers by distinct people; otherwise a hidden ``Cell`` with
  the reason, never 0 and never left out.
- Reaction and learning answers are stored unlinked (``EvaluationAnswer``): each is one
  person (the service takes one per person, level and offer). Behaviour ratings are the
  managers' (``Evaluation``), counted by distinct rating manager.
- The figures grow answer by answer, so each uses the first ``stepped(n, k)`` answers in
  arrival order (by id): it moves only when k new answers have come in. The count shown
  is that number, not the number of answers so far.
- A level is **closed** when no answer of it can arrive any more: the offer is out of
  the catalogue (``active`` off, so nobody can request it), no request of it is still
  requested, approved or on the waiting list, and every completed request has that
  level evaluated. Then the figure uses all answers. (HR putting the offer back in the
  catalogue opens it again: the figure falls back to the steps.)
- Learning per competency is a subset of the learning level: each row uses only answers
  inside the level's figure, stepped on its own, so the overall figure minus a row
  always leaves 0 or at least k answers; when closed (all answers, no steps) a row that
  would leave 1 to k-1 answers is hidden as well.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.db.models import (
    Avg,
    Case,
    Count,
    Exists,
    F,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Value,
    When,
    Window,
)
from django.db.models.functions import RowNumber

from groeipad.learning.models import (
    ANONYMOUS_LEVELS,
    ANSWERED_FLAG,
    Enrolment,
    EnrolmentStatus,
    Evaluation,
    EvaluationAnswer,
    EvaluationLevel,
    LearningActivity,
    LearningOffer,
    LearningScore,
    OfferCompetency,
)
from groeipad.learning.selectors.common import setting
from groeipad.privacy import anonymity
from groeipad.privacy.anonymity import Cell, Instrument

if TYPE_CHECKING:
    from groeipad.skills.models import Competency

OPEN = (EnrolmentStatus.REQUESTED, EnrolmentStatus.APPROVED, EnrolmentStatus.WAITLISTED)
# Who gave an answer, for "distinct people": the rating manager for behaviour (one
# manager rating three reports is one). Reaction and learning answers are linked to
# nobody (None): each is one person.
PEOPLE: dict[str, str | None] = {
    EvaluationLevel.REACTION: None,
    EvaluationLevel.LEARNING: None,
    EvaluationLevel.BEHAVIOUR: "rater_id",
}


def _answers(level: str) -> tuple[QuerySet[Any], str]:
    """The answers of ``level`` and the path from them to their offer's id."""
    if level in ANONYMOUS_LEVELS:
        return EvaluationAnswer.objects.filter(level=level), "offer_id"
    return Evaluation.objects.filter(level=level), "enrolment__offer_id"


def _people(people: str | None) -> dict[str, Any]:
    """Aggregates counting the distinct people behind answers (see ``_distinct``)."""
    if people is None:
        return {"people_": Count("pk")}
    return {
        "people_": Count(people, distinct=True),
        # An answer whose author is no longer linked (an account removed) still came
        # from someone: it counts as one person.
        "unknown_": Count("pk", filter=Q(**{f"{people}__isnull": True})),
    }


def threshold() -> int:
    return anonymity.threshold(Instrument.LEARNING_EVALUATION)


@dataclass(frozen=True)
class Figure:
    """A stepped figure: its cell and the last answer (id) it uses, None when none."""

    cell: Cell
    last_id: int | None


def stepped_figure(
    answers: QuerySet[Any],
    *,
    k: int,
    closed: bool,
    people: str | None,
    aggregates: dict[str, Any],
    order: str = "id",
) -> Figure:
    """The cell of ``answers`` (averages ``aggregates``) over the first ``stepped(n, k)``
    in arrival order (``order``, an increasing id), hidden under k distinct people
    (``people``: the path to the author; None: unlinked answers, each one person).

    Three queries, whatever the number of answers: the count, the last answer used and
    the aggregates up to it.
    """
    n = answers.count()
    used = anonymity.stepped(n, k, closed=closed)
    if used == 0:
        return Figure(anonymity.cell(None, n, k, hidden=True), None)
    last_id = answers.order_by(order).values_list(order, flat=True)[used - 1]
    row = answers.filter(**{f"{order}__lte": last_id}).aggregate(**_people(people), **aggregates)
    distinct = row.pop("people_") + row.pop("unknown_", 0)
    return Figure(anonymity.cell(row, used, k, hidden=distinct < k), last_id)


def level_closed(offer: LearningOffer, level: str) -> bool:
    """No answer of ``level`` can arrive any more (see the module's docstring)."""
    if offer.active:
        return False
    enrolments = Enrolment.objects.filter(offer=offer)
    if enrolments.filter(status__in=OPEN).exists():
        return False
    completed = enrolments.filter(status=EnrolmentStatus.COMPLETED)
    if level in ANONYMOUS_LEVELS:
        # One answer per person: a person's other completed requests of the offer wait
        # for nothing once one of them is answered.
        flag = ANSWERED_FLAG[EvaluationLevel(level)]
        answered = enrolments.filter(**{flag: True}).values("employee_id")
        return not completed.exclude(employee_id__in=answered).exists()
    return not completed.exclude(
        Exists(Evaluation.objects.filter(enrolment=OuterRef("pk"), level=level))
    ).exists()


def _value(cell: Cell, key: str) -> float | None:
    return None if cell.suppressed or cell.value is None else float(cell.value[key])


def _level_cell(offer: LearningOffer, level: str, k: int) -> Cell:
    """The shown cell of one level: the average (learning: (before, after)) or hidden."""
    return level_cells([offer], level, k)[offer.pk]


def level_cells(offers: list[LearningOffer], level: str, k: int | None = None) -> dict[int, Cell]:
    """One level's cell for each of ``offers``, by offer id, in three queries whatever
    the number of offers (plus the closing check of offers out of the catalogue).

    The same rule as ``stepped_figure``: the first ``stepped(n, k)`` answers of each
    offer in arrival order, hidden under k distinct people. Value: the average rating
    (learning: (before, after)).
    """
    k = k or threshold()
    people = PEOPLE[EvaluationLevel(level)]
    answers, path = _answers(level)
    answers = answers.filter(**{f"{path}__in": [o.pk for o in offers]})
    counts = dict(answers.order_by().values(path).annotate(n=Count("id")).values_list(path, "n"))
    used = {
        o.pk: anonymity.stepped(counts.get(o.pk, 0), k, closed=level_closed(o, level))
        for o in offers
    }
    wanted = {pk: n for pk, n in used.items() if n}
    cells = {pk: anonymity.cell(None, 0, k, hidden=True) for pk in used}
    if not wanted:
        return cells
    # The id of each offer's last answer used: its row number within the offer.
    ranked = (
        answers.filter(**{f"{path}__in": list(wanted)})
        .annotate(
            offer_=F(path),
            target_=Case(
                *(When(Q(**{path: pk}), then=Value(n)) for pk, n in wanted.items()),
                default=Value(0),
                output_field=IntegerField(),
            ),
            rank_=Window(RowNumber(), partition_by=F(path), order_by=F("id").asc()),
        )
        .filter(rank_=F("target_"))
    )
    last = dict(ranked.values_list("offer_", "id"))
    inside = Q()
    for pk, last_id in last.items():
        inside |= Q(**{path: pk}, id__lte=last_id)
    rows = (
        answers.filter(inside)
        .order_by()
        .values(path)
        .annotate(
            avg=Avg("rating"),
            before=Avg("before"),
            **_people(people),
        )
    )
    for row in rows:
        pk = row[path]
        value: Any = float(row["avg"])
        if level == EvaluationLevel.LEARNING:
            value = (float(row["before"]), value)
        distinct = row["people_"] + row.get("unknown_", 0)
        cells[pk] = anonymity.cell(value, wanted[pk], k, hidden=distinct < k)
    return cells


@dataclass
class OfferEvaluation:
    """The three levels of an offer. Each is a ``Cell``; the averages are None when hidden.

    ``reaction``: value the average rating; ``learning``: value (before, after);
    ``behaviour``: value the average rating. ``k`` is the threshold they were held to.
    """

    reaction: Cell
    learning: Cell
    behaviour: Cell
    completed: int
    k: int

    @property
    def reaction_avg(self) -> float | None:
        return self.reaction.value

    @property
    def learning_before(self) -> float | None:
        return None if self.learning.value is None else self.learning.value[0]

    @property
    def learning_after(self) -> float | None:
        return None if self.learning.value is None else self.learning.value[1]

    @property
    def behaviour_avg(self) -> float | None:
        return self.behaviour.value


def offer_evaluation(offer: LearningOffer) -> OfferEvaluation:
    return offer_evaluations([offer])[offer.pk]


def offer_evaluations(offers: list[LearningOffer]) -> dict[int, OfferEvaluation]:
    """``offer_evaluation`` for many offers at once (the catalogue in the API), by id, in
    a fixed number of queries."""
    k = threshold()
    levels = {level: level_cells(offers, level, k) for level in EvaluationLevel.values}
    done = completions_of(offers)
    return {
        o.pk: OfferEvaluation(
            reaction=levels[EvaluationLevel.REACTION][o.pk],
            learning=levels[EvaluationLevel.LEARNING][o.pk],
            behaviour=levels[EvaluationLevel.BEHAVIOUR][o.pk],
            completed=done.get(o.pk, 0),
            k=k,
        )
        for o in offers
    }


def completions(offer: LearningOffer) -> int:
    """Completed requests of the offer, plus imported learning linked to it by its title."""
    return completions_of([offer]).get(offer.pk, 0)


def completions_of(offers: list[LearningOffer]) -> dict[int, int]:
    """``completions`` per offer id, in two queries."""
    ids = [o.pk for o in offers]
    counts: dict[int, int] = {}
    requested = (
        Enrolment.objects.filter(offer_id__in=ids, status=EnrolmentStatus.COMPLETED)
        .order_by()
        .values("offer_id")
        .annotate(n=Count("id"))
        .values_list("offer_id", "n")
    )
    imported = (
        LearningActivity.objects.filter(offer_id__in=ids)
        .exclude(pk__in=Enrolment.objects.filter(activity__isnull=False).values("activity_id"))
        .order_by()
        .values("offer_id")
        .annotate(n=Count("id"))
        .values_list("offer_id", "n")
    )
    for offer_id, n in [*requested, *imported]:
        counts[offer_id] = counts.get(offer_id, 0) + n
    return counts


@dataclass
class CompetencyLearning:
    """The learning level of an offer for one competency (None: the overall row).

    ``cell`` holds (before, after) and n, or is hidden with its reason; ``before``,
    ``after``, ``change`` and ``n`` are None when it is hidden.
    """

    competency: Competency | None
    target_level: int | None
    cell: Cell

    @property
    def before(self) -> float | None:
        return None if self.cell.suppressed else self.cell.value[0]

    @property
    def after(self) -> float | None:
        return None if self.cell.suppressed else self.cell.value[1]

    @property
    def n(self) -> int | None:
        return self.cell.n

    @property
    def change(self) -> float | None:
        if self.cell.suppressed:
            return None
        return self.cell.value[1] - self.cell.value[0]


def offer_learning_by_competency(offer: LearningOffer) -> list[CompetencyLearning]:
    """Per competency the offer develops (or has been rated on): average self-assessment
    before and after, and n, inside the learning level's figure (module docstring).

    Competencies in the offer's order of names, then the overall row of ratings given
    when the offer had no competencies linked (if any). A row with answers too few to
    show stays in the list, hidden with its reason.
    """
    k = threshold()
    closed = level_closed(offer, EvaluationLevel.LEARNING)
    level = stepped_figure(
        EvaluationAnswer.objects.filter(offer=offer, level=EvaluationLevel.LEARNING),
        k=k,
        closed=closed,
        people=None,
        aggregates={},
    )
    scores = LearningScore.objects.filter(answer__offer=offer)
    rated = list(scores.order_by().values_list("competency", flat=True).distinct())
    links = list(OfferCompetency.objects.filter(offer=offer).select_related("competency"))
    competencies = {link.competency_id: link.competency for link in links}
    levels = {link.competency_id: link.level for link in links}
    missing = [c for c in rated if c is not None and c not in competencies]
    if missing:
        from groeipad.skills.models import Competency

        competencies.update(Competency.objects.in_bulk(missing))
    level_n = level.cell.n or 0
    inside = scores.filter(answer_id__lte=level.last_id or 0)
    rows: list[tuple[int | None, Cell]] = []
    for c in rated:
        figure = stepped_figure(
            inside.filter(competency__isnull=True) if c is None else inside.filter(competency=c),
            k=k,
            closed=closed,
            people=None,
            aggregates={"before": Avg("before"), "after": Avg("after")},
            order="answer_id",
        )
        cell = figure.cell
        # The level's figure minus this row: 0 or at least k answers (a subset, not a part
        # of a partition: one person rates several competencies).
        rest = level_n - (cell.n or 0)
        if level.cell.suppressed or (not cell.suppressed and 0 < rest < k):
            cell = anonymity.cell(None, 0, k, hidden=True)
        if not cell.suppressed:
            cell = Cell((float(cell.value["before"]), float(cell.value["after"])), cell.n)
        rows.append((c, cell))
    result = [
        CompetencyLearning(competencies[c], levels.get(c), cell)
        for c, cell in rows
        if c is not None
    ]
    result.sort(key=lambda r: r.competency.name.casefold() if r.competency else "")
    result += [CompetencyLearning(None, None, cell) for c, cell in rows if c is None]
    return result


def flagged(
    offer: LearningOffer, evaluation: OfferEvaluation | None = None, reaction: Cell | None = None
) -> bool:
    """A mandatory offer without support: its shown average reaction is low.

    Low: below ``LEARNING_LOW_REACTION`` (3 of 5), from at least
    ``LEARNING_LOW_REACTION_MIN_N`` ratings (and never from fewer than k: the flag is
    read from the same shown cell as the figure, so it says nothing the figure hides).
    """
    if not offer.mandatory:
        return False
    if evaluation is not None:
        reaction = evaluation.reaction
    elif reaction is None:
        reaction = _level_cell(offer, EvaluationLevel.REACTION, threshold())
    return (
        not reaction.suppressed
        and reaction.value is not None
        and (reaction.n or 0) >= setting("LEARNING_LOW_REACTION_MIN_N")
        and reaction.value < float(setting("LEARNING_LOW_REACTION"))
    )


def flagged_offer_ids(offers: list[LearningOffer] | None = None) -> set[int]:
    """The flagged ones among ``offers`` (default: every mandatory offer), see ``flagged``:
    the reaction cells of the mandatory ones read at once (``level_cells``)."""
    if offers is None:
        offers = list(LearningOffer.objects.filter(mandatory=True))
    mandatory = [o for o in offers if o.mandatory]
    if not mandatory:
        return set()
    cells = level_cells(mandatory, EvaluationLevel.REACTION)
    return {o.pk for o in mandatory if flagged(o, reaction=cells[o.pk])}
