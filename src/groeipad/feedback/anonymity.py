"""THE anonymity rule of 360-degree feedback. Page, API and export all read through it.

``report_for(round)`` turns a round's responses into a report that names no anonymous
rater: no rater, response or answer ids, no timestamps, and open answers in an order
derived from their text with a secret key (never from submission order or ids).
Responses carry no link to the invitation (models: ``Response``), so this module could
not name a rater if it tried.

The rule, with k = ``round_k(round)``: the round's frozen ``min_group_size``, never
below ``privacy.anonymity.threshold(Instrument.FEEDBACK)`` (3 by default, never < 3):

1. Self and the manager are named, not anonymous: the self score and the manager's own
   rating (the requester's manager, invited in the group "manager") are shown as theirs
   and never count towards an anonymous group or the "all others" average.
2. Peers, direct reports and others are anonymous. A group is shown as its own when at
   least k of its raters answered, and only with distinct, approved raters: a group
   with more responses than approved raters is withheld as a whole.
3. Anonymous groups under k are merged into one "others (combined)" group, shown when
   the merged group reaches k, else withheld. Which groups were merged or withheld is
   said by the groups invited, never by who answered.
4. Ratings and open answers of a group are shown or withheld together.
5. Within a shown group, a competency's average needs at least k ratings ("cannot
   judge" leaves a rating out); fewer and that cell is suppressed with the reason
   (``privacy.anonymity.reason``), as decided by ``privacy.anonymity.suppress_parts``.
6. Complementary suppression: the "all others" average per competency is computed only
   from the cells that are shown (the total has no part outside its shown parts), so
   nothing withheld can be recovered by subtracting. When anything was withheld it is
   labelled ``shown_groups_only``.
7. Only after the round has closed (closed, or past its closing date): a report read
   before and after one more rater submitted would give that rater's answers away by
   subtraction, so there is no "before".

Response counts per group (``group_counts``) follow the spec's "Who answered": an
anonymous group's count is shown only when at least k raters of it were invited (with
complementary suppression over the groups), else only the total over all anonymous
groups, once at least k were invited in all.

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
from django.db.models import Count
from django.utils import timezone
from django.utils.translation import ngettext

from groeipad.feedback.models import (
    COUNTING,
    Answer,
    FeedbackRound,
    Question,
    Rater,
    RaterGroup,
    Response,
    RoundStatus,
)
from groeipad.privacy import anonymity
from groeipad.privacy.anonymity import Instrument

SIGNAL_THRESHOLD = Decimal("1.0")
OTHERS = "others"
# The anonymous rater groups, and the order buckets appear in ("others": merged).
ANONYMOUS = [RaterGroup.PEER, RaterGroup.DIRECT_REPORT, RaterGroup.OTHER]
BUCKET_ORDER = [RaterGroup.PEER, RaterGroup.DIRECT_REPORT, OTHERS]
NAMED = [RaterGroup.SELF, RaterGroup.MANAGER]
BLIND_SPOT = "blind_spot"
HIDDEN_STRENGTH = "hidden_strength"
TOTAL = "anonymous_total"


def _round2(value: Decimal) -> Decimal:
    return value.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def round_k(feedback_round: FeedbackRound) -> int:
    """k of a round: its frozen N, never below the organisation's floor for 360."""
    return max(feedback_round.min_group_size, anonymity.threshold(Instrument.FEEDBACK))


def invited_reason(k: int) -> str:
    return ngettext("fewer than %(k)d rater invited", "fewer than %(k)d raters invited", k) % {
        "k": k
    }


# --- Who answered: counts --------------------------------------------------------------


@dataclass(frozen=True)
class GroupCount:
    """Invited and answered in one group (or ``TOTAL``: all anonymous groups together).
    ``submitted`` is None when it may not be shown; ``hidden_reason`` says why."""

    group: str
    invited: int
    submitted: int | None
    hidden_reason: str = ""

    @property
    def suppressed(self) -> bool:
        return bool(self.hidden_reason)


def counts_from(invited: dict[str, int], answered: dict[str, int], k: int) -> list[GroupCount]:
    """The counts a requester (or HR) may see: named groups as they are; anonymous ones
    only from k invited, with complementary suppression against the total."""
    out = [GroupCount(g, invited.get(g, 0), answered.get(g, 0)) for g in NAMED]
    parts = {g: invited.get(g, 0) for g in ANONYMOUS if invited.get(g, 0)}
    hidden, total_hidden = anonymity.suppress_parts(parts, k)
    for group in ANONYMOUS:
        n = invited.get(group, 0)
        if group in hidden:
            out.append(GroupCount(group, n, None, invited_reason(k)))
        else:
            out.append(GroupCount(group, n, answered.get(group, 0)))
    total_invited = sum(parts.values())
    total_answered = sum(answered.get(g, 0) for g in ANONYMOUS)
    # The report shows how many ratings its shown groups hold: the total answered minus
    # those must not leave 1 to k-1 answers of a hidden group (all minus one).
    _assignment, shown, _merged, _withheld = buckets_of(answered, invited, k)
    in_report = sum(answered.get(g, 0) for g, bucket in _assignment.items() if bucket in shown)
    if 0 < total_answered - in_report < k:
        total_hidden = True
    if total_hidden or not total_invited:
        out.append(GroupCount(TOTAL, total_invited, None, invited_reason(k)))
    else:
        out.append(GroupCount(TOTAL, total_invited, total_answered))
    return out


def group_counts_for(rounds) -> dict[int, list[GroupCount]]:
    """``group_counts`` for many rounds in two queries (list pages): round id -> counts."""
    rounds = list(rounds)
    ids = [r.pk for r in rounds]
    invited: dict[int, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    answered: dict[int, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for row in (
        Rater.objects.filter(round_id__in=ids, approval__in=COUNTING)
        .values("round_id", "group")
        .annotate(n=Count("pk"))
    ):
        invited[row["round_id"]][row["group"]] = row["n"]
    for row in (
        Response.objects.filter(round_id__in=ids)
        .values("round_id", "group")
        .annotate(n=Count("pk"))
    ):
        answered[row["round_id"]][row["group"]] = row["n"]
    return {r.pk: counts_from(invited[r.pk], answered[r.pk], round_k(r)) for r in rounds}


def group_counts(feedback_round: FeedbackRound) -> list[GroupCount]:
    """Invited and answered per group: the only thing the requester and HR see of raters."""
    return group_counts_for([feedback_round])[feedback_round.pk]


# --- The report ------------------------------------------------------------------------


@dataclass
class Cell:
    bucket: str
    average: Decimal | None  # None: suppressed (fewer than k ratings)
    ratings: int | None  # None when suppressed, so a count never gives it away either
    hidden_reason: str = ""

    @property
    def suppressed(self) -> bool:
        return bool(self.hidden_reason)


@dataclass
class CompetencyRow:
    competency_id: int
    name: str
    scale_min: int
    scale_max: int
    self_score: int | None
    manager_score: int | None
    cells: list[Cell]
    others_average: Decimal | None
    others_reason: str
    signal: str | None


@dataclass
class OpenBlock:
    kind: str
    question: str
    answers: list[str]
    manager_answer: str = ""


@dataclass
class Report:
    min_group_size: int
    manager_name: str  # "" when no manager's answer is in the report
    shown: list[str]  # anonymous buckets shown, in BUCKET_ORDER
    merged: list[str]  # rater groups combined into "others"
    withheld: list[str]  # groups whose answers are not in the report at all
    others_scope: str  # "all" or "shown_groups_only"
    reason: str  # why a suppressed cell is empty: "fewer than 3 answers"
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


def buckets_of(
    responses: dict[str, int], invited: dict[str, int], k: int
) -> tuple[dict[str, str], list[str], list[str], list[str]]:
    """Which bucket each anonymous group lands in: (group -> bucket, shown, merged,
    withheld). ``invited``: approved raters per group (rule 2: never fewer than the
    responses); merged and withheld name groups by who was invited, not who answered."""
    assignment: dict[str, str] = {}
    merged: list[str] = []
    withheld: list[str] = []
    for group in ANONYMOUS:
        n, approved = responses.get(group, 0), invited.get(group, 0)
        if n > approved:
            withheld.append(group)  # more answers than distinct approved raters
            continue
        if not approved:
            continue
        if n >= k and group != RaterGroup.OTHER:
            assignment[group] = group
        else:
            assignment[group] = OTHERS
            merged.append(group)
    pool = sum(responses.get(g, 0) for g in merged)
    sizes = {
        b: sum(responses.get(g, 0) for g, x in assignment.items() if x == b) for b in BUCKET_ORDER
    }
    hidden, _total = anonymity.suppress_parts({b: n for b, n in sizes.items() if n}, k)
    if merged and (pool < k or OTHERS in hidden):
        withheld += merged
        for left_out in merged:
            del assignment[left_out]
        merged = []
    shown = [b for b in BUCKET_ORDER if b in set(assignment.values())]
    return assignment, shown, merged, [g for g in ANONYMOUS if g in withheld]


def _order_key(feedback_round: FeedbackRound, kind: str, text: str) -> str:
    # Keyed on the text, not on ids or time: the order says nothing about who wrote what
    # or when, and stays the same on every reload, so reloads reveal nothing either.
    message = f"{feedback_round.pk}:{kind}:{text}".encode()
    return hmac.new(settings.SECRET_KEY.encode(), message, hashlib.sha256).hexdigest()


def _manager(feedback_round: FeedbackRound, responses: dict[str, int]) -> tuple[bool, str]:
    """Whether the manager's answers are in the report (one manager, who answered), and
    their name: the invitation of the group "manager" names them."""
    if responses.get(RaterGroup.MANAGER, 0) != 1:
        return False, ""
    managers = list(
        Rater.objects.filter(
            round=feedback_round, group=RaterGroup.MANAGER, approval__in=COUNTING
        ).select_related("employee")
    )
    if len(managers) != 1:
        return False, ""
    rater = managers[0]
    return True, rater.employee.full_name if rater.employee else rater.email


def report_for(feedback_round: FeedbackRound) -> Report:
    k = round_k(feedback_round)
    reason = anonymity.reason(k)
    responses: dict[str, int] = defaultdict(int)
    for row in (
        Response.objects.filter(round=feedback_round).values("group").annotate(n=Count("pk"))
    ):
        responses[row["group"]] = row["n"]
    invited: dict[str, int] = defaultdict(int)
    for row in (
        Rater.objects.filter(round=feedback_round, approval__in=COUNTING)
        .values("group")
        .annotate(n=Count("pk"))
    ):
        invited[row["group"]] = row["n"]
    assignment, shown, merged, withheld = buckets_of(responses, invited, k)
    with_manager, manager_name = _manager(feedback_round, responses)
    questions = list(
        Question.objects.filter(round=feedback_round)
        .select_related("competency__scale")
        .order_by("position")
    )
    ratings: dict[int, dict[str, list[int]]] = defaultdict(lambda: defaultdict(list))
    self_scores: dict[int, int] = {}
    manager_scores: dict[int, int] = {}
    manager_texts: dict[int, str] = {}
    texts: dict[int, list[str]] = defaultdict(list)
    for question_id, group, rating, text in Answer.objects.filter(
        response__round=feedback_round
    ).values_list("question_id", "response__group", "rating", "text"):
        if group == RaterGroup.SELF:
            if rating is not None:
                self_scores[question_id] = rating
            continue
        if group == RaterGroup.MANAGER:
            if with_manager:
                if rating is not None:
                    manager_scores[question_id] = rating
                if text.strip():
                    manager_texts[question_id] = text.strip()
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
            blocks.append(
                OpenBlock(
                    kind,
                    question.get_open_kind_display(),
                    answers,
                    manager_texts.get(question.pk, ""),
                )
            )
            continue
        counts = {b: len(ratings[question.pk].get(b, [])) for b in shown}
        hidden, _total = anonymity.suppress_parts({b: n for b, n in counts.items() if n}, k)
        cells, pooled = [], []
        for bucket in shown:
            values = ratings[question.pk].get(bucket, [])
            shown_cell = anonymity.cell(
                _round2(Decimal(sum(values)) / len(values)) if values else None,
                len(values),
                k,
                hidden=bucket in hidden,
            )
            if shown_cell.suppressed:
                cells.append(Cell(bucket, None, None, shown_cell.hidden_reason))
                if values:
                    all_shown_fully = False
            else:
                cells.append(Cell(bucket, shown_cell.value, shown_cell.n))
                pooled += values
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
                manager_score=manager_scores.get(question.pk),
                cells=cells,
                others_average=others,
                others_reason="" if others is not None else reason,
                signal=signal,
            )
        )
    return Report(
        min_group_size=k,
        manager_name=manager_name,
        shown=shown,
        merged=merged,
        withheld=withheld,
        others_scope="all" if all_shown_fully else "shown_groups_only",
        reason=reason,
        rows=rows,
        open_answers=blocks,
    )
