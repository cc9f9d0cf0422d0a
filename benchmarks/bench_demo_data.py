"""How long ``groeipad demo-data`` takes for a large organisation with years of history.

    .venv/bin/python benchmarks/bench_demo_data.py [--employees 50000] [--years 5] [--runs N]

Each run migrates a fresh database and times ``demo_data_generate`` (everything the
command does except printing: plan, bulk writes, the four accounts, the audit entry).
Prints the median seconds. Uses SQLite in a temporary data folder; with DATABASE_URL
set, a fresh PostgreSQL database ``groeipad_bench_demo`` on the same server as well.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date
from urllib.parse import urlsplit, urlunsplit

AS_OF = date(2026, 1, 31)  # fixed, so every run generates the very same organisation
BENCH_DATABASE = "groeipad_bench_demo"


def worker(employees: int, years: int) -> None:
    """One fresh database: migrate, then time the generation."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "groeipad.settings")
    import django
    from django.core.management import call_command

    django.setup()
    from groeipad.people.demo import demo_data_generate

    call_command("migrate", verbosity=0)
    start = time.perf_counter()
    result = demo_data_generate(employees=employees, years=years, seed=42, today=AS_OF)
    seconds = time.perf_counter() - start
    print(json.dumps({"seconds": seconds, "counts": result.counts}))


def fresh_postgres(url: str) -> str:
    import psycopg

    parts = urlsplit(url)
    admin_url = urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(admin_url, autocommit=True) as connection:
        connection.execute(f"DROP DATABASE IF EXISTS {BENCH_DATABASE}")
        connection.execute(f"CREATE DATABASE {BENCH_DATABASE}")
    return urlunsplit(parts._replace(path=f"/{BENCH_DATABASE}"))


def measure(employees: int, years: int, runs: int, database_url: str | None) -> list[dict]:
    results = []
    for _ in range(runs):
        with tempfile.TemporaryDirectory() as home:
            env = {**os.environ, "GROEIPAD_HOME": home, "GROEIPAD_SECRET_KEY": "bench-only"}
            env.pop("DATABASE_URL", None)
            if database_url:
                env["DATABASE_URL"] = fresh_postgres(database_url)
            output = subprocess.run(
                [
                    sys.executable,
                    __file__,
                    "--worker",
                    "--employees",
                    str(employees),
                    "--years",
                    str(years),
                ],
                env=env,
                check=True,
                capture_output=True,
                text=True,
            ).stdout
            results.append(json.loads(output.strip().splitlines()[-1]))
    return results


def report(label: str, results: list[dict]) -> None:
    seconds = [result["seconds"] for result in results]
    counts = ", ".join(f"{key} {value}" for key, value in results[0]["counts"].items())
    print(
        f"{label}: median {statistics.median(seconds):.1f} s over {len(seconds)} runs "
        f"({', '.join(f'{s:.1f}' for s in seconds)}); {counts}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--employees", type=int, default=50_000)
    parser.add_argument("--years", type=int, default=5)
    parser.add_argument(
        "--runs",
        type=int,
        default=None,
        help="repetitions (default: 3, or 1 from 10,000 employees up)",
    )
    parser.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        worker(args.employees, args.years)
        return
    runs = args.runs or (1 if args.employees >= 10_000 else 3)
    print(f"demo-data: {args.employees} employees, {args.years} years of history")
    report("SQLite", measure(args.employees, args.years, runs, None))
    if url := os.environ.get("DATABASE_URL"):
        report("PostgreSQL", measure(args.employees, args.years, runs, url))


if __name__ == "__main__":
    main()
