"""The one anonymity rule (privacy.anonymity), checked against the spec's wording."""

from __future__ import annotations

import random

import pytest
from django.test import override_settings
from django.utils import translation

from groeipad.privacy import anonymity
from groeipad.privacy.anonymity import Instrument


def test_defaults_follow_the_spec():
    with override_settings(GROEIPAD_ANONYMITY_K={}):
        assert anonymity.threshold(Instrument.FEEDBACK) == 3
        assert anonymity.threshold(Instrument.SURVEY) == 5
        assert anonymity.threshold(Instrument.LEARNING_EVALUATION) == 3
        assert anonymity.threshold(Instrument.MENTORING) == 3
        assert anonymity.threshold(Instrument.COACHING) == 3


@pytest.mark.parametrize("configured, expected", [(1, 3), (2, 3), (3, 3), (7, 7), ("x", 5)])
def test_k_is_configurable_but_never_below_three(configured, expected):
    with override_settings(GROEIPAD_ANONYMITY_K={"survey": configured}):
        assert anonymity.threshold("survey") == expected


@pytest.mark.parametrize("n, shown", [(0, False), (2, False), (3, True), (4, True)])
def test_a_cell_needs_k_answers(n, shown):
    cell = anonymity.cell(4.5, n, 3)
    assert cell.suppressed is not shown
    assert (cell.value, cell.n) == ((4.5, n) if shown else (None, None))


def test_reason_is_dutch_first():
    with translation.override("nl"):
        assert anonymity.reason(5) == "minder dan 5 antwoorden"
    with translation.override("en"):
        assert anonymity.reason(5) == "fewer than 5 answers"


def test_parent_minus_children_is_closed():
    # Parent P with A=5, B=2 (k=5): B is hidden, so A must go too (P - A = B).
    parent = {"P": "org", "A": "P", "B": "P"}
    hidden = anonymity.suppress_tree({"A": 5, "B": 2}, parent, 5, root="org")
    assert hidden == {"A", "B"}


def test_direct_answers_on_the_total_count_as_a_part():
    # The organisation's own answers (no department) are a part of their own.
    parent = {"A": "org", "B": "org"}
    hidden = anonymity.suppress_tree({"A": 6, "B": 7, "org": 1}, parent, 5, root="org")
    assert hidden == {"A"}  # smallest first: then org - B = 7 answers


def test_a_lone_small_total_is_hidden_itself():
    hidden = anonymity.suppress_tree({"A": 2}, {"A": "org"}, 3, root="org")
    assert hidden == {"A", "org"}


def test_zero_rests_need_no_suppression():
    parent = {"A": "org", "B": "org"}
    assert anonymity.suppress_tree({"A": 5, "B": 5}, parent, 5, root="org") == set()


def test_parts_of_one_total():
    hidden_parts, total_hidden = anonymity.suppress_parts({"peer": 4, "report": 2}, 3)
    assert hidden_parts == {"peer", "report"} and not total_hidden
    hidden_parts, total_hidden = anonymity.suppress_parts({"peer": 4, "report": 3}, 3)
    assert hidden_parts == set() and not total_hidden


def _check(direct, parent, root, k, hidden):
    totals = anonymity.subtree_totals(direct, parent)
    nodes = set(parent) | {root}
    children: dict = {}
    for node, up in parent.items():
        children.setdefault(up, []).append(node)
    for node in nodes:
        total = totals.get(node, 0)
        if node in hidden or total == 0:
            continue
        assert total >= k
        parts, stack = [], list(children.get(node, []))
        while stack:
            current = stack.pop()
            if current in hidden or totals.get(current, 0) == 0:
                stack.extend(children.get(current, []))
            else:
                parts.append(current)
        rest = total - sum(totals[p] for p in parts)
        assert rest == 0 or rest >= k, (node, rest)


@pytest.mark.parametrize("seed", range(300))
def test_random_trees_leave_no_small_difference(seed):
    rng = random.Random(seed)
    k = rng.choice([3, 5])
    parent: dict = {}
    for index in range(1, rng.randint(2, 25)):
        parent[index] = rng.choice([0, *range(1, index)])
    direct = {node: rng.choice([0, 0, 1, 2, 3, 4, 5, 8]) for node in [0, *parent]}
    hidden = anonymity.suppress_tree(direct, parent, k, root=0)
    _check(direct, parent, 0, k, hidden)
    # Hiding is minimal enough to be useful: a cell of k or more with nothing hidden
    # below it and no small rest stays shown.
    assert all(anonymity.subtree_totals(direct, parent).get(n, 0) > 0 for n in hidden)


@pytest.mark.parametrize(
    "n, k, closed, used",
    [
        (2, 3, False, 0),
        (3, 3, False, 3),
        (5, 3, False, 3),
        (6, 3, False, 6),
        (5, 3, True, 5),
        (4, 1, False, 3),
    ],
)
def test_growing_figures_move_in_steps_of_k(n, k, closed, used):
    assert anonymity.stepped(n, k, closed=closed) == used
