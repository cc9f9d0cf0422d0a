"""Benchmark: the skills heat map over a 50,000-employee organisation with ratings.

    .venv/bin/python benchmarks/bench_heatmap.py [--employees 50000] [--runs 7]

Uses the same data set as bench_kpi.py (SQLite in var/, or the PostgreSQL database of
DATABASE_URL) and adds the demo's competency data (requirements and self and manager
ratings) when it has none. Prints the median of the heat map selector and of the whole
page (``/competenties/heatmap/`` as an HR adviser, template included) and the number of
SQL queries the page runs. Target: under 2 seconds.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from datetime import date

from bench_kpi import _setup

TARGET_SECONDS = 2.0


def _median(function, runs: int) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        function()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--employees", type=int, default=50_000)
    parser.add_argument("--years", type=int, default=5)
    parser.add_argument("--runs", type=int, default=7)
    options = parser.parse_args()
    # The test settings serve static files without collectstatic and accept the test
    # client's host name; everything that is measured is the same code.
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "groeipad.settings_test")
    _setup(options.employees, options.years)

    from django.db import connection
    from django.test import Client

    from groeipad.people.models import Employee, User
    from groeipad.skills.demo import skills_demo_generate
    from groeipad.skills.models import Assessment, CurrentLevel
    from groeipad.skills.selectors import heat_map

    if not Assessment.objects.exists():
        started = time.perf_counter()
        skills_demo_generate(seed=42, today=date(2025, 12, 31))
        print(f"added competency data in {time.perf_counter() - started:.0f} s", flush=True)
    hr = User.objects.get(email="hr@demo.groeipad.nl")
    print(
        f"{connection.vendor}: {Employee.objects.count()} employees, "
        f"{Assessment.objects.count()} ratings, {CurrentLevel.objects.count()} current levels"
    )
    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(hr)

    def page():
        response = client.get("/competenties/heatmap/")
        assert response.status_code == 200, response.status_code

    queries = []

    def count(execute, sql, params, many, context):
        queries.append(sql)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(count):
        page()
    results = {
        "heat_map selector": _median(lambda: heat_map(viewer=hr), options.runs),
        "heat map page, HR, whole organisation": _median(page, options.runs),
    }
    width = max(map(len, results))
    for name, seconds in results.items():
        verdict = "ok" if seconds < TARGET_SECONDS else "SLOW"
        print(f"  {name:<{width}}  median {seconds * 1000:8.1f} ms  {verdict}")
    print(f"  {'SQL queries of the page':<{width}}  {len(queries)}")
    sys.exit(0 if all(s < TARGET_SECONDS for s in results.values()) else 1)


if __name__ == "__main__":
    main()
