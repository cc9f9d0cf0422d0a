"""Optimal mentor-mentee matching as a min-cost maximum flow (OR-Tools).

Hard rules (a pair that breaks one is never made):

- a mentor gets at most ``capacity`` mentees;
- nobody is matched with themself;
- a mentor is never the mentee's manager, nor anyone above the mentee in the line;
- a forbidden pair is never made; a locked pair is always made (a lock that breaks one
  of the rules above, or that gives a mentor more mentees than their capacity, raises
  ``MatchingError`` naming the pair).

Within those rules the solver first matches as many mentees as possible and then, among
all assignments with that many pairs, maximises the total quality score. The network is
source -> mentee (capacity 1) -> mentor (capacity 1, cost ``SCORE_CEILING - score``) ->
sink (capacity = what the mentor has left after locked pairs).
``solve_max_flow_with_min_cost`` finds the maximum flow and, among maximum flows, the
cheapest; since every unit of flow crosses exactly one mentee -> mentor arc, the
constant ``SCORE_CEILING`` per unit shifts every maximum flow's cost equally, so the
cheapest is the one with the highest total score.

Quality score of a pair (integers, so the solver's optimum is exact):

- ``COMPETENCY_POINTS`` (10) per competency the mentor offers and the mentee wants to
  develop: the main reason for a pair, so one shared competency outweighs all the
  smaller preferences together (3 + 2 + 1 < 10);
- ``DEPARTMENT_POINTS`` (3) when they work in different departments (a fresh view);
- ``SENIORITY_POINTS`` (2) when the mentor was hired before the mentee (Groeipad has
  no job levels; the hire date is the seniority it knows);
- ``LANGUAGE_POINTS`` (1) when they share a language.

Large programmes: every allowed pair would be an arc; 5,000 mentees and 2,000 mentors
make 10 million arcs, too many to solve in seconds. ``top_k`` keeps, per mentee, the K
allowed mentors with the highest score (ties broken by a seeded random draw, so that
equally good mentors are spread over mentees instead of every mentee keeping the same
ones), plus ``RANDOM_EXTRA`` random allowed mentors so that mentors who are nobody's
favourite still get arcs and their places can be filled. With K at least the number of mentors nothing is dropped and the result is
exactly optimal (a test proves it on small cases). With a smaller K the score may in
theory be a little below the optimum: a mentee is never given a mentor outside its K
best, even when that would free a better mentor for someone else. The number of
matched mentees is checked: when the pruned graph does not provably reach the maximum
(every mentee with an allowed mentor matched, or every mentor place filled), the
matching is solved again on the full graph, so pruning never costs a mentee a mentor.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

import numpy as np
from django.utils.translation import gettext as _
from ortools.graph.python import min_cost_flow

COMPETENCY_POINTS = 10
DEPARTMENT_POINTS = 3
SENIORITY_POINTS = 2
LANGUAGE_POINTS = 1
DEFAULT_TOP_K = 50
# Random allowed mentors kept per mentee beside the top K (see _candidate_arcs).
RANDOM_EXTRA = 10
# Mentee rows scored at once: bounds the memory of the score matrix.
CHUNK = 512


class MatchingError(Exception):
    """A request the hard rules do not allow, such as a lock on a mentee's manager."""


@dataclass(frozen=True)
class Person:
    """One participant as the matcher sees it; ``key`` identifies it in pairs and locks."""

    key: int
    number: str
    employee_id: int
    department_id: int | None = None
    hire_date: date | None = None
    offers: frozenset = frozenset()
    wants: frozenset = frozenset()
    languages: frozenset = frozenset()
    capacity: int = 1
    # The employee ids of the mentee's manager and everyone above them.
    line: frozenset = frozenset()


@dataclass
class Pair:
    mentor: Person
    mentee: Person
    score: int
    reasons: dict
    locked: bool = False


@dataclass
class Unmatched:
    mentee: Person
    reason: str
    code: str


@dataclass
class Result:
    pairs: list[Pair] = field(default_factory=list)
    unmatched: list[Unmatched] = field(default_factory=list)
    pruned: bool = False

    @property
    def total_score(self) -> int:
        return sum(pair.score for pair in self.pairs)

    def as_json(self) -> dict:
        return {
            "pairs": [
                {
                    "mentor": p.mentor.number,
                    "mentee": p.mentee.number,
                    "score": p.score,
                    "locked": p.locked,
                    "reasons": p.reasons,
                }
                for p in self.pairs
            ],
            "unmatched": [
                {"mentee": u.mentee.number, "reason": u.reason, "code": u.code}
                for u in self.unmatched
            ],
        }


def rule_broken(mentor: Person, mentee: Person) -> str | None:
    """Why this pair breaks a hard rule, or None when it may be made (capacity aside)."""
    if mentor.employee_id == mentee.employee_id:
        return _("nobody can be their own mentor")
    if mentor.employee_id in mentee.line:
        return _("the mentor is the mentee's manager or above them in the management line")
    return None


def score_pair(mentor: Person, mentee: Person) -> tuple[int, dict]:
    """The quality score of a pair and the reasons that make it up."""
    shared = sorted(mentor.offers & mentee.wants)
    other_department = (
        mentor.department_id is not None and mentor.department_id != mentee.department_id
    )
    senior = (
        mentor.hire_date is not None
        and mentee.hire_date is not None
        and mentor.hire_date < mentee.hire_date
    )
    languages = sorted(mentor.languages & mentee.languages)
    score = (
        COMPETENCY_POINTS * len(shared)
        + DEPARTMENT_POINTS * other_department
        + SENIORITY_POINTS * senior
        + LANGUAGE_POINTS * bool(languages)
    )
    reasons = {
        "competencies": shared,
        "other_department": other_department,
        "more_senior": senior,
        "languages": languages,
    }
    return score, reasons


def solve(
    mentors: list[Person],
    mentees: list[Person],
    *,
    locks: Iterable[tuple[int, int]] = (),
    forbids: Iterable[tuple[int, int]] = (),
    top_k: int | None = DEFAULT_TOP_K,
    seed: int = 0,
) -> Result:
    """Match ``mentees`` to ``mentors``; ``locks`` and ``forbids`` are (mentor key, mentee key)."""
    mentor_by_key = {m.key: m for m in mentors}
    mentee_by_key = {m.key: m for m in mentees}
    forbidden = set(forbids)
    result = Result()
    left = {m.key: m.capacity for m in mentors}
    locked_mentees: set[int] = set()
    for mentor_key, mentee_key in sorted(set(locks)):
        mentor, mentee = mentor_by_key.get(mentor_key), mentee_by_key.get(mentee_key)
        if mentor is None or mentee is None:
            raise MatchingError(_("a locked pair names someone who is not a participant"))
        names = {"mentor": mentor.number, "mentee": mentee.number}
        if (reason := rule_broken(mentor, mentee)) or (mentor_key, mentee_key) in forbidden:
            reason = reason or _("the pair is also forbidden")
            raise MatchingError(
                _("the lock of mentor %(mentor)s with mentee %(mentee)s is not possible: ") % names
                + reason
            )
        if mentee_key in locked_mentees:
            raise MatchingError(
                _("mentee %(mentee)s is locked to more than one mentor") % {"mentee": mentee.number}
            )
        if left[mentor_key] <= 0:
            raise MatchingError(
                _(
                    "the locks give mentor %(mentor)s more mentees than their capacity "
                    "of %(capacity)d"
                )
                % {"mentor": mentor.number, "capacity": mentor.capacity}
            )
        left[mentor_key] -= 1
        locked_mentees.add(mentee_key)
        score, reasons = score_pair(mentor, mentee)
        result.pairs.append(Pair(mentor, mentee, score, reasons, locked=True))

    free_mentees = [m for m in mentees if m.key not in locked_mentees]
    open_mentors = [m for m in mentors if left[m.key] > 0]
    if free_mentees and open_mentors:
        arcs = _candidate_arcs(open_mentors, free_mentees, forbidden, top_k, seed)
        flow_pairs = _max_flow_min_cost(open_mentors, free_mentees, left, arcs)
        pruned = top_k is not None and top_k < len(open_mentors)
        if pruned and not _certainly_maximum(
            len(flow_pairs), arcs, free_mentees, open_mentors, left
        ):
            arcs = _candidate_arcs(open_mentors, free_mentees, forbidden, None, seed)
            flow_pairs = _max_flow_min_cost(open_mentors, free_mentees, left, arcs)
            pruned = False
        result.pruned = pruned
        for mentor_index, mentee_index in flow_pairs:
            mentor, mentee = open_mentors[mentor_index], free_mentees[mentee_index]
            score, reasons = score_pair(mentor, mentee)
            result.pairs.append(Pair(mentor, mentee, score, reasons))
    _explain_unmatched(result, mentors, mentees, forbidden, left)
    result.pairs.sort(key=lambda p: (p.mentor.number, p.mentee.number))
    return result


def _certainly_maximum(matched, arcs, mentees, mentors, left) -> bool:
    # The full graph cannot match more than the mentees that have any allowed mentor
    # (``arcs`` keeps at least one per such mentee) nor more than the places left.
    mentees_with_arcs = len(np.unique(arcs[1])) if len(arcs[1]) else 0
    places = sum(left[m.key] for m in mentors)
    return matched >= min(mentees_with_arcs, places)


def _bitmasks(sets: list[frozenset], index: dict) -> np.ndarray:
    words = max(1, (len(index) + 63) // 64)
    masks = np.zeros((len(sets), words), dtype=np.uint64)
    for row, values in enumerate(sets):
        for value in values:
            bit = index.get(value)
            if bit is not None:
                masks[row, bit // 64] |= np.uint64(1) << np.uint64(bit % 64)
    return masks


def _candidate_arcs(mentors, mentees, forbidden, top_k, seed):
    """(mentor indices, mentee indices, scores) of the allowed pairs worth an arc.

    Scores are computed in bulk with bitmasks (competencies, languages) and numpy,
    a block of mentees at a time; the disallowed pairs (the mentee's management line,
    themself, forbidden pairs) are struck out with a handful of index operations per
    mentee, never a query.
    """
    competencies = {c: i for i, c in enumerate(sorted(set().union(*(m.offers for m in mentors))))}
    languages = {
        lang: i for i, lang in enumerate(sorted(set().union(*(m.languages for m in mentors))))
    }
    offers = _bitmasks([m.offers for m in mentors], competencies)
    wants = _bitmasks([m.wants for m in mentees], competencies)
    speaks_mentor = _bitmasks([m.languages for m in mentors], languages)
    speaks_mentee = _bitmasks([m.languages for m in mentees], languages)
    no_day = np.iinfo(np.int64).max
    mentor_department = np.array([m.department_id or -1 for m in mentors], dtype=np.int64)
    mentor_hired = np.array(
        [m.hire_date.toordinal() if m.hire_date else no_day for m in mentors], dtype=np.int64
    )
    mentor_column = {m.employee_id: i for i, m in enumerate(mentors)}
    mentor_key_column = {m.key: i for i, m in enumerate(mentors)}
    forbidden_by_mentee: dict[int, list[int]] = {}
    for mentor_key, mentee_key in forbidden:
        if mentor_key in mentor_key_column:
            forbidden_by_mentee.setdefault(mentee_key, []).append(mentor_key_column[mentor_key])
    keep = len(mentors) if top_k is None else min(top_k, len(mentors))
    rng = np.random.default_rng(seed)
    tails, heads, scores = [], [], []
    for start in range(0, len(mentees), CHUNK):
        block = mentees[start : start + CHUNK]
        rows = slice(start, start + len(block))
        shared = np.bitwise_count(wants[rows, None, :] & offers[None, :, :]).sum(axis=2)
        speaks = (speaks_mentee[rows, None, :] & speaks_mentor[None, :, :]).any(axis=2)
        department = np.array([m.department_id or -2 for m in block], dtype=np.int64)
        hired = np.array(
            [m.hire_date.toordinal() if m.hire_date else -1 for m in block], dtype=np.int64
        )
        score = (
            COMPETENCY_POINTS * shared.astype(np.int64)
            + DEPARTMENT_POINTS
            * ((mentor_department[None, :] != department[:, None]) & (mentor_department >= 0))
            + SENIORITY_POINTS * (mentor_hired[None, :] < hired[:, None])
            + LANGUAGE_POINTS * speaks
        )
        allowed = np.ones(score.shape, dtype=bool)
        for row, mentee in enumerate(block):
            barred = [
                mentor_column[e] for e in (mentee.line | {mentee.employee_id}) if e in mentor_column
            ]
            barred += forbidden_by_mentee.get(mentee.key, [])
            if barred:
                allowed[row, barred] = False
        if keep < len(mentors):
            # Rank by score, ties by a random draw below one point; struck-out pairs last.
            rank = np.where(allowed, score + rng.random(score.shape), -1.0)
            columns = np.argpartition(-rank, keep - 1, axis=1)[:, :keep]
            # A few random mentors per mentee beside the best: the popular mentors are in
            # everyone's top K, and these arcs let the solver still fill the places of
            # the others, so the pruned graph reaches the maximum number of pairs.
            extra = rng.integers(0, len(mentors), size=(len(block), RANDOM_EXTRA))
            picked = np.unique(
                np.concatenate([columns, extra], axis=1)
                + np.arange(len(block))[:, None] * len(mentors)
            )
            row_index, column_index = np.divmod(picked, len(mentors))
        else:
            row_index, column_index = np.nonzero(allowed)
        ok = allowed[row_index, column_index]
        row_index, column_index = row_index[ok], column_index[ok]
        tails.append(column_index)
        heads.append(row_index + start)
        scores.append(score[row_index, column_index])
    if not tails:
        empty = np.zeros(0, dtype=np.int64)
        return empty, empty, empty
    return np.concatenate(tails), np.concatenate(heads), np.concatenate(scores)


def _max_flow_min_cost(mentors, mentees, left, arcs) -> list[tuple[int, int]]:
    mentor_index, mentee_index, scores = arcs
    if not len(mentor_index):
        return []
    m, n = len(mentees), len(mentors)
    source, sink = 0, m + n + 1
    ceiling = int(scores.max()) + 1
    flow = min_cost_flow.SimpleMinCostFlow()
    # Source -> mentee arcs, then mentee -> mentor pair arcs, then mentor -> sink arcs.
    flow.add_arcs_with_capacity_and_unit_cost(
        np.zeros(m, dtype=np.int32),
        np.arange(1, m + 1, dtype=np.int32),
        np.ones(m, dtype=np.int64),
        np.zeros(m, dtype=np.int64),
    )
    first_pair_arc = m
    flow.add_arcs_with_capacity_and_unit_cost(
        (mentee_index + 1).astype(np.int32),
        (mentor_index + m + 1).astype(np.int32),
        np.ones(len(mentor_index), dtype=np.int64),
        (ceiling - scores).astype(np.int64),
    )
    flow.add_arcs_with_capacity_and_unit_cost(
        np.arange(m + 1, m + n + 1, dtype=np.int32),
        np.full(n, sink, dtype=np.int32),
        np.array([left[mentor.key] for mentor in mentors], dtype=np.int64),
        np.zeros(n, dtype=np.int64),
    )
    flow.set_node_supply(source, m)
    flow.set_node_supply(sink, -m)
    status = flow.solve_max_flow_with_min_cost()
    if status != flow.OPTIMAL:
        raise MatchingError(
            _("the matching solver failed (status %(status)s)") % {"status": status}
        )
    pair_arcs = np.arange(first_pair_arc, first_pair_arc + len(mentor_index))
    used = flow.flows(pair_arcs) > 0
    return list(zip(mentor_index[used].tolist(), mentee_index[used].tolist(), strict=True))


def _explain_unmatched(result, mentors, mentees, forbidden, left) -> None:
    matched = {pair.mentee.key for pair in result.pairs}
    for mentee in mentees:
        if mentee.key in matched:
            continue
        allowed = [
            m
            for m in mentors
            if rule_broken(m, mentee) is None and (m.key, mentee.key) not in forbidden
        ]
        if not allowed:
            result.unmatched.append(
                Unmatched(
                    mentee,
                    _(
                        "no allowed mentor: every mentor is in their management line "
                        "or forbidden for them"
                    ),
                    "no_allowed_mentor",
                )
            )
        elif not any(left[m.key] > 0 for m in allowed):
            result.unmatched.append(
                Unmatched(
                    mentee,
                    _("every allowed mentor is full with locked pairs"),
                    "full_with_locks",
                )
            )
        else:
            result.unmatched.append(
                Unmatched(
                    mentee,
                    _(
                        "all capacity of the allowed mentors is taken by assignments that "
                        "match more mentees or score better overall"
                    ),
                    "capacity_taken",
                )
            )
