"""How long mentor-mentee matching takes: 5,000 mentees, 2,000 mentors of capacity 1-4.

    .venv/bin/python benchmarks/bench_matching.py [--mentees 5000] [--mentors 2000] [--runs 3]
        [--top-k 50]

Times ``groeipad.mentoring.matching.solve`` (scoring, candidate pairs, the OR-Tools
min-cost max-flow, reasons, unmatched explanations) on a seeded random programme:
random competencies out of 30 offered and wanted, 12 departments, hire dates over 25
years, languages, and a manager tree over all participants. Prints the median seconds;
the target is under 10 seconds.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import time
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))


def programme(mentees: int, mentors: int, seed: int = 7):
    from groeipad.mentoring.matching import Person

    rng = random.Random(seed)
    total = mentees + mentors
    # A manager tree: employee i reports to someone with a smaller id (fan-out ~ 8).
    manager = {0: None}
    for e in range(1, total):
        manager[e] = rng.randrange(max(0, e // 8 - 1), e) if e > 8 else 0
    ids = list(range(total))
    rng.shuffle(ids)  # mentors and mentees anywhere in the tree

    def line(e):
        above, m = set(), manager[e]
        while m is not None:
            above.add(m)
            m = manager[m]
        return frozenset(above)

    def person(e, mentor):
        return Person(
            key=e,
            number=f"E{e:05d}",
            employee_id=e,
            department_id=rng.randrange(12),
            hire_date=date(2000, 1, 1) + timedelta(days=rng.randrange(25 * 365)),
            offers=frozenset(rng.sample(range(30), rng.randint(2, 6))) if mentor else frozenset(),
            wants=frozenset() if mentor else frozenset(rng.sample(range(30), rng.randint(1, 4))),
            languages=frozenset(rng.sample(["nl", "en", "fr", "de"], rng.randint(1, 2))),
            capacity=rng.randint(1, 4) if mentor else 1,
            line=line(e),
        )

    mentor_people = [person(e, True) for e in ids[:mentors]]
    mentee_people = [person(e, False) for e in ids[mentors : mentors + mentees]]
    return mentor_people, mentee_people


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--mentees", type=int, default=5000)
    parser.add_argument("--mentors", type=int, default=2000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--top-k", type=int, default=50)
    args = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "groeipad.settings")
    import django

    django.setup()
    from groeipad.mentoring.matching import solve

    mentors, mentees = programme(args.mentees, args.mentors)
    places = sum(m.capacity for m in mentors)
    times = []
    for _run in range(args.runs):
        start = time.perf_counter()
        result = solve(mentors, mentees, top_k=args.top_k)
        times.append(time.perf_counter() - start)
    median = statistics.median(times)
    print(
        f"matching {args.mentees} mentees with {args.mentors} mentors ({places} places), "
        f"top_k={args.top_k}: {len(result.pairs)} matched, {len(result.unmatched)} unmatched, "
        f"total score {result.total_score}, pruned graph kept: {result.pruned}"
    )
    print(f"median of {args.runs}: {median:.2f} s (runs: {', '.join(f'{t:.2f}' for t in times)})")
    print("target: under 10 s -", "OK" if median < 10 else "TOO SLOW")


if __name__ == "__main__":
    main()
