"""THE anonymity rule of 360-degree feedback. Page, API and export all read through it.

``report_for(round)`` turns a round's submitted answers into a report that names no
rater: no rater or answer ids, no timestamps, and open answers in an order derived from
their text with a secret key (never from submission order or ids).

The rule, with N the round's ``min_group_size`` (fixed when the round starts):

1. Self is not anonymous: the self score is always in the report (which only its owner,
   or whom the owner shares it with, may read).
2. Peers and direct reports (and the manager, when the organisation chose to show the
   manager separately) are shown as their own group when at least N of them submitted.
   The N rule holds for the manager too: a lone manager is never shown on their own.
3. Every other submitted rater (the group "others", any group under N, and the manager
   when not shown separately) is merged into one "others" group, shown when the merged
   group reaches N, else withheld.
4. Ratings and open answers of a group are shown or withheld together.
5. Within a shown group, a competency's average needs at least N ratings ("cannot judge"
   leaves a rating out); fewer and that cell is withheld, as if the group were.
6. Complementary suppression: the "all others" average per competency is computed only
   from the cells that are shown, so nothing withheld can be recovered by subtracting.
   When anything was withheld it is labelled ``shown_groups_only``.

7. Only after the round has closed (closed, or past its closing date): a report read
   before and after one more rater submitted would give that rater's answers away by
   subtraction, so there is no "before".

Blind spot: the others' average is at least ``SIGNAL_THRESHOLD`` (one level of the
scale) below the self score; hidden strength: at least that much above it.
"""

from __future__ import annotations

import hashlib
import hmac
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.conf import settings
from django.utils import timezone

from groeipad.feedback.models import (
    Answer,
    FeedbackRound,
    Question,
    Rater,
    RaterGroup,
    RoundStatus,
)

SIGNAL_THRESHOLD = Decimal("1.0")
OTHERS = "others"
# The order groups appear in; "others" is the merged group.
BUCKET_ORDER = [RaterGroup.MANAGER, RaterGroup.PEER, RaterGroup.DIRECT_REPORT, OTHERS]
BLIND_SPOT = "blind_spot"
HIDDEN_STRENGTH = "hidden_strength"


def _round2(value: Decimal) -> Decimal:
    return value.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class GroupCount:
    group: str
    invited: int
    submitted: int


@dataclass
class Cell:
    bucket: str
    average: Decimal | None  # None: withheld (fewer than N ratings)
    ratings: int  # 0 when withheld, so a count never gives it away either


@dataclass
class CompetencyRow:
    competency_id: int
    name: str
    scale_min: int
    scale_max: int
    self_score: int | None
    cells: list[Cell]
    others_average: Decimal | None
    signal: str | None


@dataclass
class OpenBlock:
    kind: str
    question: str
    answers: list[str]


@dataclass
class Report:
    min_group_size: int
    show_manager_separately: bool
    shown: list[str]  # buckets shown, in BUCKET_ORDER
    merged: list[str]  # rater groups counted into "others"
    withheld: list[str]  # buckets or groups whose answers are not in the report at all
    others_scope: str  # "all" or "shown_groups_only"
    rows: list[CompetencyRow] = field(default_factory=list)
    open_answers: list[OpenBlock] = field(default_factory=list)

    @property
    def anything_withheld(self) -> bool:
        return bool(self.withheld)


def report_ready(feedback_round: FeedbackRound) -> bool:
    """Rule 7: no report while answers can still come in."""
    return (
        feedback_round.status == RoundStatus.CLOSED
        or feedback_round.closes_on < timezone.localdate()
    )


def group_counts(feedback_round: FeedbackRound) -> list[GroupCount]:
    """Invited and submitted per group: the only thing the requester and HR see of raters."""
    invited: dict[str, int] = defaultdict(int)
    submitted: dict[str, int] = defaultdict(int)
    for group, done in Rater.objects.filter(round=feedback_round).values_list(
        "group", "submitted_at"
    ):
        invited[group] += 1
        submitted[group] += done is not None
    return [GroupCount(g, invited[g], submitted[g]) for g in RaterGroup.values]


def group_counts_for(rounds) -> dict[int, list[GroupCount]]:
    """``group_counts`` for many rounds in one query (list pages): round id -> counts."""
    ids = [r.pk for r in rounds]
    invited: dict[int, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    submitted: dict[int, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for round_id, group, done in Rater.objects.filter(round_id__in=ids).values_list(
        "round_id", "group", "submitted_at"
    ):
        invited[round_id][group] += 1
        submitted[round_id][group] += done is not None
    return {
        pk: [GroupCount(g, invited[pk][g], submitted[pk][g]) for g in RaterGroup.values]
        for pk in ids
    }


def buckets_of(
    submitted: dict[str, int], n: int, show_manager_separately: bool
) -> tuple[dict[str, str], list[str], list[str], list[str]]:
    """Which bucket each rater group lands in: (group -> bucket, shown, merged, withheld)."""
    own = [RaterGroup.PEER, RaterGroup.DIRECT_REPORT]
    if show_manager_separately:
        own.insert(0, RaterGroup.MANAGER)
    assignment: dict[str, str] = {}
    merged: list[str] = []
    for group in [RaterGroup.MANAGER, RaterGroup.PEER, RaterGroup.DIRECT_REPORT, RaterGroup.OTHER]:
        count = submitted.get(group, 0)
        if not count:
            continue
        if group in own and count >= n:
            assignment[group] = group
        else:
            assignment[group] = OTHERS
            merged.append(group)
    pool = sum(submitted.get(g, 0) for g in merged)
    withheld: list[str] = []
    if merged and pool < n:
        withheld = merged
        for left_out in merged:
            del assignment[left_out]
        merged = []
    shown = [b for b in BUCKET_ORDER if b in set(assignment.values())]
    return assignment, shown, merged, withheld


def _order_key(feedback_round: FeedbackRound, kind: str, text: str) -> str:
    # Keyed on the text, not on ids or time: the order says nothing about who wrote what
    # or when, and stays the same on every reload, so reloads reveal nothing either.
    message = f"{feedback_round.pk}:{kind}:{text}".encode()
    return hmac.new(settings.SECRET_KEY.encode(), message, hashlib.sha256).hexdigest()


def report_for(feedback_round: FeedbackRound) -> Report:
    n = feedback_round.min_group_size
    submitted_raters = Rater.objects.filter(round=feedback_round, submitted_at__isnull=False)
    submitted: dict[str, int] = defaultdict(int)
    for group in submitted_raters.values_list("group", flat=True):
        submitted[group] += 1
    assignment, shown, merged, withheld = buckets_of(
        submitted, n, feedback_round.show_manager_separately
    )
    questions = list(
        Question.objects.filter(round=feedback_round)
        .select_related("competency__scale")
        .order_by("position")
    )
    # Read answers with their rater's group only; the rater id is dropped right here.
    ratings: dict[int, dict[str, list[int]]] = defaultdict(lambda: defaultdict(list))
    self_scores: dict[int, int] = {}
    texts: dict[int, list[str]] = defaultdict(list)
    for question_id, group, rating, text in Answer.objects.filter(
        rater__in=submitted_raters
    ).values_list("question_id", "rater__group", "rating", "text"):
        if group == RaterGroup.SELF:
            if rating is not None:
                self_scores[question_id] = rating
            continue
        bucket = assignment.get(group)
        if bucket is None:
            continue  # withheld: its ratings and open answers alike
        if rating is not None:
            ratings[question_id][bucket].append(rating)
        if text.strip():
            texts[question_id].append(text.strip())

    rows, blocks = [], []
    all_shown_fully = not withheld
    for question in questions:
        if question.is_open:
            kind = question.open_kind
            answers = sorted(
                texts.get(question.pk, []),
                key=lambda text: _order_key(feedback_round, kind, text),
            )
            blocks.append(OpenBlock(question.open_kind, question.get_open_kind_display(), answers))
            continue
        cells, pooled = [], []
        for bucket in shown:
            values = ratings[question.pk].get(bucket, [])
            if len(values) >= n:
                cells.append(Cell(bucket, _round2(Decimal(sum(values)) / len(values)), len(values)))
                pooled += values
            else:
                cells.append(Cell(bucket, None, 0))
                if values:
                    all_shown_fully = False
        others = _round2(Decimal(sum(pooled)) / len(pooled)) if pooled else None
        own = self_scores.get(question.pk)
        signal = None
        if own is not None and others is not None:
            if own - others >= SIGNAL_THRESHOLD:
                signal = BLIND_SPOT
            elif others - own >= SIGNAL_THRESHOLD:
                signal = HIDDEN_STRENGTH
        competency = question.competency
        assert competency is not None  # not an open question: a rating of a competency
        rows.append(
            CompetencyRow(
                competency_id=competency.pk,
                name=competency.name,
                scale_min=competency.scale.min_level,
                scale_max=competency.scale.max_level,
                self_score=own,
                cells=cells,
                others_average=others,
                signal=signal,
            )
        )
    return Report(
        min_group_size=n,
        show_manager_separately=feedback_round.show_manager_separately,
        shown=shown,
        merged=merged,
        withheld=withheld,
        others_scope="all" if all_shown_fully else "shown_groups_only",
        rows=rows,
        open_answers=blocks,
    )
