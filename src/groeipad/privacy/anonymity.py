"""THE anonymity rule (specs/anonymity.md): may a figure made from people's answers be shown?

Every aggregate of answers on a form that promises anonymity goes through this module,
whatever shows it (page, chart data, API, CSV/XLSX, e-mail, CLI) and whoever asks (HR
included):

- ``threshold(instrument)``: the minimum number k of answers, by distinct people, for one
  instrument. Configurable (setting ``GROEIPAD_ANONYMITY_K``), never below ``MIN_K``.
- ``may_show(n, k)``: a cell of n answers is shown only when n >= k. A cell of 0 answers
  has nothing to hide but nothing to show either: it says "no answers", never "0".
- ``suppress_tree(...)``: complementary suppression for a total and its parts (a
  department and its sub-departments, the organisation and its departments, all rater
  groups and one of them). Whatever lies in a shown total but in no shown part must be 0
  or at least k answers; otherwise parts are hidden, smallest first, or the total.
- ``stepped(n, k, closed)``: figures that grow answer by answer (training evaluations,
  mentoring feedback) move only in steps of k answers until the offer or programme
  closes, so that a figure read before and after one answer does not give it away.
- ``reason(k)``: the words a hidden cell shows instead ("minder dan 5 antwoorden").

Nothing here reads the database: callers count, this module decides. That keeps the rule
one function that every app can use (it sits in the privacy layer, under all of them).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Hashable, Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Any, TypeVar

from django.utils.translation import gettext_lazy, ngettext

# The floor of every threshold: fewer than 3 answers is never anonymous.
MIN_K = 3


class Instrument(StrEnum):
    """The forms whose answers are promised anonymity (specs/anonymity.md)."""

    FEEDBACK = "feedback"  # 360 rater groups (self and the manager are named, not counted)
    SURVEY = "survey"  # eNPS and pulse surveys, in-app or imported
    LEARNING_EVALUATION = "learning_evaluation"  # training evaluations
    MENTORING = "mentoring"  # mentoring end feedback
    COACHING = "coaching"  # coaching end feedback


DEFAULT_K: dict[Instrument, int] = {
    Instrument.FEEDBACK: 3,
    Instrument.SURVEY: 5,
    Instrument.LEARNING_EVALUATION: 3,
    Instrument.MENTORING: 3,
    Instrument.COACHING: 3,
}

INSTRUMENT_LABELS = {
    Instrument.FEEDBACK: gettext_lazy("360-degree feedback (per rater group)"),
    Instrument.SURVEY: gettext_lazy("eNPS and pulse surveys"),
    Instrument.LEARNING_EVALUATION: gettext_lazy("training evaluations"),
    Instrument.MENTORING: gettext_lazy("mentoring feedback"),
    Instrument.COACHING: gettext_lazy("coaching feedback"),
}


def threshold(instrument: Instrument | str) -> int:
    """k for ``instrument``: the setting ``GROEIPAD_ANONYMITY_K[instrument]``, else the
    default; never below ``MIN_K`` whatever is configured."""
    from django.conf import settings

    instrument = Instrument(instrument)
    configured = getattr(settings, "GROEIPAD_ANONYMITY_K", {}) or {}
    value = configured.get(instrument.value, DEFAULT_K[instrument])
    try:
        value = int(value)
    except (TypeError, ValueError):
        value = DEFAULT_K[instrument]
    return max(MIN_K, value)


def thresholds() -> dict[Instrument, int]:
    """Every instrument's k, for the transparency page and the docs."""
    return {instrument: threshold(instrument) for instrument in Instrument}


def may_show(n: int, k: int) -> bool:
    """A cell of ``n`` answers (by distinct people) may be shown: n >= k."""
    return n >= max(k, MIN_K)


def reason(k: int) -> str:
    """Why a cell is hidden, in the viewer's language: "minder dan 5 antwoorden"."""
    return ngettext("fewer than %(k)d answer", "fewer than %(k)d answers", k) % {"k": k}


@dataclass(frozen=True)
class Cell:
    """One figure as it may be shown: its value and count, or neither and the reason.

    ``n`` is the number of answers behind the value, None when hidden (a count of a
    hidden cell would give it away as well). ``hidden_reason`` is "" when shown.
    """

    value: Any
    n: int | None
    hidden_reason: str = ""

    @property
    def suppressed(self) -> bool:
        return bool(self.hidden_reason)

    def as_dict(self) -> dict[str, Any]:
        """The API's and exports' shape of a cell."""
        return {
            "value": self.value,
            "n": self.n,
            "suppressed": self.suppressed,
            "suppressed_reason": self.hidden_reason or None,
        }


def cell(value: Any, n: int, k: int, *, hidden: bool = False) -> Cell:
    """A shown cell, or a hidden one when n < k (or ``hidden``, e.g. by suppress_tree)."""
    if hidden or not may_show(n, k):
        return Cell(None, None, reason(k))
    return Cell(value, n)


Node = TypeVar("Node", bound=Hashable)


def subtree_totals(
    direct: Mapping[Node, int], parent: Mapping[Node, Node | None]
) -> dict[Node, int]:
    """Answers per node counting its whole subtree (``direct``: answers on the node itself)."""
    totals: dict[Node, int] = defaultdict(int)
    for node in set(direct) | set(parent):
        count = direct.get(node, 0)
        if not count:
            continue
        seen = set()
        current: Node | None = node
        while current is not None and current not in seen:
            seen.add(current)
            totals[current] += count
            current = parent.get(current)
    return dict(totals)


def suppress_tree(
    direct: Mapping[Node, int],
    parent: Mapping[Node, Node | None],
    k: int,
    *,
    root: Node,
) -> set[Node]:
    """The nodes whose (subtree) cell must be hidden, so that no shown cell is under k and
    no shown total minus its shown parts leaves 1 to k-1 answers.

    ``direct`` counts the answers that sit on a node itself (for the organisation, given
    as ``root``: the answers that carry no department). ``parent`` maps every node except
    ``root`` to its parent (a top-level department to ``root``). A node's cell is its
    subtree's answers. Every node a viewer could ask for must be in ``parent``: the rule
    holds over the whole set of cells one breakdown can show (specs/anonymity.md).

    A hidden node's shown descendants still count as parts of the shown total above it:
    the check for a shown node T subtracts its *nearest* shown descendants, the cells a
    curious reader would subtract.
    """
    k = max(k, MIN_K)
    nodes = set(parent) | set(direct) | {root}
    totals = subtree_totals(direct, parent)
    children: dict[Node, list[Node]] = defaultdict(list)
    for node, up in parent.items():
        if up is not None and node != root:
            children[up].append(node)
    hidden = {node for node in nodes if 0 < totals.get(node, 0) < k}

    def nearest_shown(node: Node) -> list[Node]:
        found, stack = [], list(children.get(node, ()))
        while stack:
            current = stack.pop()
            if totals.get(current, 0) == 0:
                continue  # no answers below: nothing to subtract, nothing to reveal
            if current in hidden:
                stack.extend(children.get(current, ()))
            else:
                found.append(current)
        return found

    changed = True
    while changed:
        changed = False
        for node in sorted(nodes, key=lambda n: (-totals.get(n, 0), str(n))):
            if node in hidden or totals.get(node, 0) == 0:
                continue
            parts = nearest_shown(node)
            rest = totals[node] - sum(totals[p] for p in parts)
            if 0 < rest < k:
                if parts:
                    smallest = min(parts, key=lambda p: (totals[p], str(p)))
                    hidden.add(smallest)
                else:  # cannot happen while node's own total >= k, kept for safety
                    hidden.add(node)
                changed = True
    return hidden


def suppress_parts(parts: Mapping[Node, int], k: int, *, rest: int = 0) -> tuple[set[Node], bool]:
    """One total and its parts (all rater groups and each group, all levels and one):
    (hidden parts, whether the total is hidden). ``rest`` counts answers of the total that
    belong to no part shown as its own."""
    root: Any = object()
    parent: dict[Any, Any] = dict.fromkeys(parts, root)
    direct: dict[Any, int] = {**parts, root: rest}
    hidden = suppress_tree(direct, parent, k, root=root)
    return {key for key in parts if key in hidden}, root in hidden


def stepped(n: int, k: int, *, closed: bool = False) -> int:
    """How many of ``n`` answers (in arrival order) a growing figure may use: all once
    the offer or programme has closed, else the largest multiple of k up to n, so the
    figure moves only when k new answers have come in."""
    k = max(k, MIN_K)
    if closed:
        return n
    return (n // k) * k


def first_answers(answers: Iterable[Any], n: int) -> list[Any]:
    """The first ``n`` answers of an arrival-ordered iterable (see ``stepped``)."""
    out = []
    for index, answer in enumerate(answers):
        if index >= n:
            break
        out.append(answer)
    return out
