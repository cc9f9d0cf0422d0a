"""Benchmark: the KPIs of one year over a 50,000-employee organisation with 5 years of history.

    .venv/bin/python benchmarks/bench_kpi.py [--employees 50000] [--years 5] [--runs 7]

Runs on SQLite in a scratch data folder (kept in var/bench-kpi so a second run skips
the build), or on PostgreSQL when DATABASE_URL is set (the data set is built once into
that database if it holds no employees). Prints the median of ``compute_kpis`` (whole
organisation and one department), of ``enps_by_survey`` and of ``groeipad kpi --json``
end to end. Target: under one second.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TARGET_SECONDS = 1.0


def _setup(employees: int, years: int) -> None:
    if not os.environ.get("DATABASE_URL"):
        home = ROOT / "var" / f"bench-kpi-{employees}-{years}"
        home.mkdir(parents=True, exist_ok=True)
        os.environ["GROEIPAD_HOME"] = str(home)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "groeipad.settings")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    from groeipad.people.models import Employee

    if Employee.objects.exists():
        return
    started = time.perf_counter()
    from groeipad.people.demo import demo_data_generate

    demo_data_generate(employees=employees, years=years, seed=42, today=date(2025, 12, 31))
    print(f"built the data set in {time.perf_counter() - started:.0f} s", flush=True)


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
    _setup(options.employees, options.years)

    from django.db import connection

    from groeipad.insights.kpis import compute_kpis, enps_by_survey, monthly_series
    from groeipad.people.models import Department, Employee

    start, end = date(2025, 1, 1), date(2025, 12, 31)
    biggest = Department.objects.filter(parent__isnull=True).order_by("name").first()
    print(f"{connection.vendor}: {Employee.objects.count()} employees, period {start}..{end}")
    results = {
        "compute_kpis, whole organisation": _median(
            lambda: compute_kpis(start=start, end=end), options.runs
        ),
        f"compute_kpis, department {biggest.name} with sub-departments": _median(
            lambda: compute_kpis(start=start, end=end, department=biggest), options.runs
        ),
        "monthly_series, whole organisation": _median(
            lambda: monthly_series(start, end), options.runs
        ),
        # eNPS of every survey in the period, with the anonymity rule's decision over
        # the whole department tree per survey.
        "enps_by_survey, whole organisation": _median(
            lambda: enps_by_survey(start, end), options.runs
        ),
        f"enps_by_survey, department {biggest.name}": _median(
            lambda: enps_by_survey(start, end, biggest), options.runs
        ),
    }
    command = [
        str(ROOT / ".venv" / "bin" / "groeipad"),
        "kpi",
        "--from",
        str(start),
        "--to",
        str(end),
        "--json",
    ]
    cli_runs = max(3, options.runs // 2)
    results["groeipad kpi --json (end to end, new process)"] = _median(
        lambda: subprocess.run(command, check=True, capture_output=True, env=os.environ),
        cli_runs,
    )
    # What any command costs before it does anything (Python and Django start-up), so
    # the KPI part of the end-to-end figure can be read off.
    startup = _median(
        lambda: subprocess.run(
            [*command[:2], "--help"], check=True, capture_output=True, env=os.environ
        ),
        cli_runs,
    )
    width = max(map(len, results))
    for name, seconds in results.items():
        verdict = "ok" if seconds < TARGET_SECONDS else "SLOW"
        print(f"  {name:<{width}}  median {seconds * 1000:8.1f} ms  {verdict}")
    print(
        f"  {'(groeipad kpi --help: process start-up alone)':<{width}}  "
        f"median {startup * 1000:8.1f} ms"
    )
    in_process = [s for name, s in results.items() if "new process" not in name]
    sys.exit(0 if all(s < TARGET_SECONDS for s in in_process) else 1)


if __name__ == "__main__":
    main()
