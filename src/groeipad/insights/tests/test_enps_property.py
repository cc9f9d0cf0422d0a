"""Property: over random department trees and answer counts, no shown eNPS cell minus
its nearest shown parts leaves 1 to k-1 answers, asked cell by cell through the API.

Each seed makes a tree (up to four levels) and, for one survey, a random number of
answers per department (many of them small: 0 to 2k) and without a department. HR asks
the API for the organisation and for every department; ``enps_edges.check_cells``
checks each shown figure against the answers (100 * (promoters - detractors) / n) and
that for every shown total and its nearest shown parts the difference is 0 or >= k.
The same for a threshold of 3 and of 7 (configured), to show the rule follows k.
"""

from __future__ import annotations

import random
from datetime import date

import pytest

from groeipad.insights.tests import enps_edges as edges
from groeipad.insights.tests.enps_edges import ORG
from groeipad.insights.tests.reference import Answer, Emp, World
from groeipad.people.models import Employee, Role, User


def _random_world(seed: int, k: int) -> tuple[dict[str, str | None], dict[str, list[int]]]:
    rng = random.Random(seed)
    tree: dict[str, str | None] = {}
    for i in range(rng.randrange(3, 13)):
        # A parent among the departments made so far (depth at most four), or top level.
        candidates = [n for n in tree if _depth(tree, n) < 3]
        parent = rng.choice(candidates) if candidates and rng.random() < 0.7 else None
        tree[f"D{i}"] = parent
    answers = {}
    for name in [*tree, ORG]:
        count = rng.choice([0, 0, rng.randrange(1, k), k, rng.randrange(k, 3 * k)])
        answers[name] = [rng.randrange(11) for _ in range(count)]
    return tree, answers


def _depth(tree: dict[str, str | None], name: str) -> int:
    depth, up = 0, tree[name]
    while up is not None:
        depth, up = depth + 1, tree[up]
    return depth


@pytest.fixture(autouse=True)
def _english(settings):
    settings.LANGUAGE_CODE = "en"


@pytest.mark.django_db
@pytest.mark.parametrize(("seed", "k"), [(seed, 5) for seed in range(12)] + [(20, 3), (21, 7)])
def test_no_shown_total_minus_its_shown_parts_reveals_a_small_cell(seed, k, settings, client):
    settings.GROEIPAD_ANONYMITY_K = {**settings.GROEIPAD_ANONYMITY_K, "survey": k}
    tree, answers = _random_world(seed, k)
    World(
        departments=tree,
        employees=[Emp("H", next(iter(tree)), date(2020, 1, 1))],
        surveys={"S": date(2025, 6, 1)},
        answers=[
            Answer("S", score, None if name == ORG else name)
            for name, scores in answers.items()
            for score in scores
        ],
    ).save()
    user = User.objects.create_user(
        "h@example.nl", "x" * 20, employee=Employee.objects.get(), role=Role.HR
    )
    client.force_login(user)
    seen = {ORG: edges.api(client)} | {name: edges.api(client, name) for name in tree}
    edges.check_cells(seen, tree, answers, k)
    # Not simply everything hidden: when no cell and no department's own answers (the
    # organisation's: those without a department) number 1 to k-1, all cells show.
    small = [n for n in seen if 0 < len(_scores(tree, answers, n)) < k]
    small += [n for n in answers if 0 < len(answers[n]) < k]
    if not small:
        assert not any(cell.suppressed for cell in seen.values())
    assert not seen[ORG].suppressed or 0 < len(_scores(tree, answers, ORG)) < k


def _scores(tree, answers, node):
    return [s for name in edges.subtree(tree, node) for s in answers.get(name, [])]
