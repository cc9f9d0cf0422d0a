"""The matcher against a brute force over every assignment, on small seeded random cases."""

from __future__ import annotations

import random
from datetime import date, timedelta

import pytest
from django.utils import translation

from groeipad.mentoring.matching import MatchingError, Person, solve

CASES = 120


def random_case(seed: int):
    rng = random.Random(seed)
    n_mentors, n_mentees = rng.randint(1, 4), rng.randint(1, 6)
    employees = list(range(1, n_mentors + n_mentees + 1))
    # A random manager forest over all employees: each one's manager has a lower id.
    manager = {
        e: (rng.choice(employees[: e - 1]) if e > 1 and rng.random() < 0.7 else None)
        for e in employees
    }

    def line(e):
        above, m = set(), manager[e]
        while m is not None:
            above.add(m)
            m = manager[m]
        return frozenset(above)

    def person(key, role):
        return Person(
            key=key,
            number=f"{role}{key}",
            employee_id=key,
            department_id=rng.choice([1, 2, 3, None]),
            hire_date=date(2010, 1, 1) + timedelta(days=rng.randint(0, 3000)),
            offers=frozenset(rng.sample(range(6), rng.randint(0, 3)))
            if role == "M"
            else frozenset(),
            wants=frozenset(rng.sample(range(6), rng.randint(0, 3)))
            if role == "E"
            else frozenset(),
            languages=frozenset(rng.sample(["nl", "en", "fr"], rng.randint(0, 2))),
            capacity=rng.randint(1, 2) if role == "M" else 1,
            line=line(key),
        )

    mentors = [person(e, "M") for e in employees[:n_mentors]]
    mentees = [person(e, "E") for e in employees[n_mentors:]]
    pairs = [(m.key, e.key) for m in mentors for e in mentees]
    forbids = {p for p in pairs if rng.random() < 0.15}
    locks = {p for p in pairs if rng.random() < 0.08}
    return mentors, mentees, locks, forbids


def independent_score(mentor: Person, mentee: Person) -> int:
    """The documented quality score, written out again for the test."""
    total = 10 * len(set(mentor.offers).intersection(mentee.wants))
    if mentor.department_id is not None and mentor.department_id != mentee.department_id:
        total += 3
    if mentor.hire_date < mentee.hire_date:
        total += 2
    if set(mentor.languages).intersection(mentee.languages):
        total += 1
    return total


def allowed(mentor, mentee, forbids) -> bool:
    return (
        mentor.employee_id != mentee.employee_id
        and mentor.employee_id not in mentee.line
        and (mentor.key, mentee.key) not in forbids
    )


def brute_force(mentors, mentees, locks, forbids):
    """Best (matched mentees, total score) over every assignment; None when locks are impossible."""
    left = {m.key: m.capacity for m in mentors}
    by_key = {m.key: m for m in mentors}
    fixed = {}
    for mentor_key, mentee_key in locks:
        mentee = next(e for e in mentees if e.key == mentee_key)
        if mentee_key in fixed or not allowed(by_key[mentor_key], mentee, forbids):
            return None
        fixed[mentee_key] = mentor_key
        left[mentor_key] -= 1
        if left[mentor_key] < 0:
            return None
    base = sum(independent_score(by_key[fixed[e.key]], e) for e in mentees if e.key in fixed)
    free = [e for e in mentees if e.key not in fixed]
    best = (0, 0)

    def walk(i, count, score):
        nonlocal best
        if i == len(free):
            best = max(best, (count, score))
            return
        walk(i + 1, count, score)
        for mentor in mentors:
            if left[mentor.key] > 0 and allowed(mentor, free[i], forbids):
                left[mentor.key] -= 1
                walk(i + 1, count + 1, score + independent_score(mentor, free[i]))
                left[mentor.key] += 1

    walk(0, 0, 0)
    return best[0] + len(fixed), best[1] + base


def assert_hard_rules(result, mentors, locks, forbids):
    taken = {}
    mentees_seen = set()
    for pair in result.pairs:
        assert allowed(pair.mentor, pair.mentee, forbids)
        assert pair.mentee.key not in mentees_seen
        mentees_seen.add(pair.mentee.key)
        taken[pair.mentor.key] = taken.get(pair.mentor.key, 0) + 1
        assert pair.score == independent_score(pair.mentor, pair.mentee)
    for mentor in mentors:
        assert taken.get(mentor.key, 0) <= mentor.capacity
    made = {(p.mentor.key, p.mentee.key) for p in result.pairs}
    assert set(locks) <= made


@pytest.mark.parametrize("top_k", [None, 4])
def test_solver_matches_as_many_mentees_as_brute_force_and_then_the_best_total_score(top_k):
    impossible = checked = 0
    for seed in range(CASES):
        mentors, mentees, locks, forbids = random_case(seed)
        expected = brute_force(mentors, mentees, locks, forbids)
        if expected is None:
            with pytest.raises(MatchingError):
                solve(mentors, mentees, locks=locks, forbids=forbids, top_k=top_k)
            impossible += 1
            continue
        result = solve(mentors, mentees, locks=locks, forbids=forbids, top_k=top_k)
        assert_hard_rules(result, mentors, locks, forbids)
        assert (len(result.pairs), result.total_score) == expected, seed
        assert len(result.pairs) + len(result.unmatched) == len(mentees)
        checked += 1
    # The cases cover both outcomes.
    assert checked > CASES / 2 and impossible > 0


def test_pruned_graph_with_k_at_least_the_mentors_equals_the_full_graph():
    for seed in range(CASES):
        mentors, mentees, _locks, forbids = random_case(seed)
        try:
            full = solve(mentors, mentees, forbids=forbids, top_k=None)
        except MatchingError:
            continue
        pruned = solve(mentors, mentees, forbids=forbids, top_k=len(mentors))
        assert (len(pruned.pairs), pruned.total_score) == (len(full.pairs), full.total_score)


def test_small_k_still_matches_the_maximum_number_of_mentees():
    for seed in range(CASES):
        mentors, mentees, _locks, forbids = random_case(seed)
        expected = brute_force(mentors, mentees, set(), forbids)
        result = solve(mentors, mentees, forbids=forbids, top_k=1)
        assert_hard_rules(result, mentors, set(), forbids)
        assert len(result.pairs) == expected[0]


def _people():
    boss = Person(key=1, number="100", employee_id=1, capacity=1)
    lead = Person(key=2, number="200", employee_id=2, capacity=1, line=frozenset({1}))
    other = Person(key=3, number="300", employee_id=3, capacity=1)
    mentee = Person(key=4, number="400", employee_id=4, line=frozenset({1, 2}))
    second = Person(key=5, number="500", employee_id=5)
    return [boss, lead, other], [mentee, second]


def test_a_lock_on_someone_above_the_mentee_is_refused_with_a_clear_error():
    mentors, mentees = _people()
    with translation.override("en"), pytest.raises(MatchingError) as error:
        solve(mentors, mentees, locks={(1, 4)})
    assert str(error.value) == (
        "the lock of mentor 100 with mentee 400 is not possible: the mentor is the "
        "mentee's manager or above them in the management line"
    )


def test_locks_beyond_a_mentors_capacity_are_refused():
    mentors, mentees = _people()
    with translation.override("en"), pytest.raises(MatchingError) as error:
        solve(mentors, mentees, locks={(3, 4), (3, 5)})
    assert "more mentees than their capacity of 1" in str(error.value)


def test_a_forbidden_lock_is_refused():
    mentors, mentees = _people()
    with pytest.raises(MatchingError):
        solve(mentors, mentees, locks={(3, 4)}, forbids={(3, 4)})


def test_unmatched_mentee_without_any_allowed_mentor_says_so():
    mentors, mentees = _people()
    with translation.override("en"):
        result = solve(mentors, mentees, forbids={(3, 4)})
    unmatched = {u.mentee.number: u.code for u in result.unmatched}
    assert unmatched == {"400": "no_allowed_mentor"}
    assert [p.mentee.number for p in result.pairs] == ["500"]


def test_locked_pair_is_kept_and_the_rest_matched_around_it():
    mentors, mentees = _people()
    result = solve(mentors, mentees, locks={(3, 5)})
    pairs = {(p.mentor.number, p.mentee.number, p.locked) for p in result.pairs}
    # 400 may not have 100 or 200 (its line) and 300 is taken by the lock.
    assert pairs == {("300", "500", True)}
    assert [u.code for u in result.unmatched] == ["full_with_locks"]
