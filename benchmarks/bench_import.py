"""How long a 50,000-employee import takes, first into an empty database and then again.

    .venv/bin/python benchmarks/bench_import.py [--rows 50000] [--repeat 3]

Generates a believable HR export (a department tree three levels deep, a management line
from the director down, Dutch names, decimal commas, leavers), then for each repeat
imports it into a fresh database and imports it a second time (nothing changes). Prints
the median seconds of both. Uses SQLite in a temporary data folder; with DATABASE_URL
set, a fresh PostgreSQL database ``groeipad_bench_import`` on the same server as well.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
import unicodedata
from datetime import date, timedelta
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

FIRST = [
    "Anna",
    "Bram",
    "Daan",
    "Emma",
    "Fleur",
    "Jan",
    "Julia",
    "Lars",
    "Lotte",
    "Milan",
    "Noah",
    "Sanne",
    "Sem",
    "Sophie",
    "Thijs",
    "Tess",
    "Zoë",
    "René",
    "Inge",
    "Kees",
]
LAST = [
    "de Jong",
    "Jansen",
    "de Vries",
    "van den Berg",
    "van Dijk",
    "Bakker",
    "Janssen",
    "Visser",
    "Smit",
    "Meijer",
    "de Boer",
    "Mulder",
    "de Groot",
    "Bos",
    "Vos",
    "Peters",
]
DIVISIONS = [
    "Operations",
    "Financiën",
    "Verkoop",
    "ICT",
    "Logistiek",
    "Klantenservice",
    "Productie",
    "Inkoop",
]
HEADER = [
    "personeelsnummer",
    "voornaam",
    "achternaam",
    "e-mail",
    "afdeling",
    "functie",
    "leidinggevende",
    "datum in dienst",
    "datum uit dienst",
    "reden uit dienst",
    "jaarsalaris",
    "fte",
]


def _ascii(text: str) -> str:
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()


def generate(path: Path, rows: int, seed: int = 42) -> None:
    rng = random.Random(seed)
    people: list[list[str]] = []

    def add(department: str, job: str, manager: str | None, salary: int) -> str:
        number = f"E{len(people) + 1:06d}"
        first, last = rng.choice(FIRST), rng.choice(LAST)
        hired = date(2005, 1, 1) + timedelta(days=rng.randrange(19 * 365))
        leave, reason = "", ""
        if rng.random() < 0.08:
            leave = (hired + timedelta(days=rng.randrange(30, 2000))).strftime("%d-%m-%Y")
            reason = rng.choice(["vrijwillig", "onvrijwillig"])
        people.append(
            [
                number,
                first,
                last,
                _ascii(f"{first}.{last}.{number}".lower().replace(" ", "")) + "@example.nl",
                department,
                job,
                manager or "",
                hired.strftime("%d-%m-%Y"),
                leave,
                reason,
                f"{salary + rng.randrange(-4000, 4000)},{rng.randrange(100):02d}",
                rng.choice(["1", "1", "1", "0,8", "0,6", "0,9"]),
            ]
        )
        return number

    director = add("Directie", "Directeur", None, 150000)
    teams_per_department, departments_per_division = 4, 6
    teams = len(DIVISIONS) * departments_per_division * teams_per_department
    per_team = max(1, (rows - len(DIVISIONS) * (1 + departments_per_division) - teams - 1) // teams)
    for division in DIVISIONS:
        head = add(division, "Divisiedirecteur", director, 110000)
        for d in range(1, departments_per_division + 1):
            department = f"{division}/Afdeling {d}"
            manager = add(department, "Afdelingsmanager", head, 80000)
            for t in range(1, teams_per_department + 1):
                team = f"{department}/Team {t}"
                lead = add(team, "Teamleider", manager, 60000)
                for _ in range(per_team):
                    if len(people) >= rows:
                        break
                    add(team, rng.choice(["Medewerker", "Specialist", "Adviseur"]), lead, 42000)
    while len(people) < rows:
        add("Directie", "Adviseur", director, 60000)
    rng.shuffle(people)  # managers come after some of their reports, as in real exports
    with path.open("w", newline="", encoding="utf-8") as file:
        writer = csv.writer(file, delimiter=";")
        writer.writerow(HEADER)
        writer.writerows(people)


def worker(csv_path: str) -> None:
    """One fresh database: migrate, then time the first and the second import."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "groeipad.settings")
    import django
    from django.core.management import call_command

    django.setup()
    from groeipad.people.imports import import_employees

    call_command("migrate", verbosity=0)
    timings = {}
    for run in ("first", "second"):
        start = time.perf_counter()
        result = import_employees(path_or_file=csv_path, actor=None)
        timings[run] = time.perf_counter() - start
        assert not result.errors, result.errors[:5]
        timings[f"{run}_counts"] = [result.created, result.updated, result.unchanged]
    print(json.dumps(timings))


def fresh_postgres(url: str) -> str:
    import psycopg

    parts = urlsplit(url)
    bench_url = urlunsplit(parts._replace(path="/groeipad_bench_import"))
    admin_url = urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(admin_url, autocommit=True) as connection:
        connection.execute("DROP DATABASE IF EXISTS groeipad_bench_import")
        connection.execute("CREATE DATABASE groeipad_bench_import")
    return bench_url


def measure(csv_path: Path, repeat: int, database_url: str | None) -> list[dict]:
    runs = []
    for _ in range(repeat):
        with tempfile.TemporaryDirectory() as home:
            env = {**os.environ, "GROEIPAD_HOME": home, "GROEIPAD_SECRET_KEY": "bench-only"}
            env.pop("DATABASE_URL", None)
            if database_url:
                env["DATABASE_URL"] = fresh_postgres(database_url)
            output = subprocess.run(
                [sys.executable, __file__, "--worker", str(csv_path)],
                env=env,
                check=True,
                capture_output=True,
                text=True,
            ).stdout
            runs.append(json.loads(output.strip().splitlines()[-1]))
    return runs


def report(label: str, runs: list[dict]) -> None:
    first = statistics.median(run["first"] for run in runs)
    second = statistics.median(run["second"] for run in runs)
    print(
        f"{label}: first import (all created) median {first:.2f} s, "
        f"second import (all unchanged) median {second:.2f} s "
        f"over {len(runs)} runs; counts {runs[0]['first_counts']} then {runs[0]['second_counts']}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=50_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--worker", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        worker(args.worker)
        return
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "medewerkers.csv"
        generate(path, args.rows)
        print(f"{args.rows} employees, {path.stat().st_size / 1e6:.1f} MB CSV")
        report("SQLite", measure(path, args.repeat, None))
        if url := os.environ.get("DATABASE_URL"):
            report("PostgreSQL", measure(path, args.repeat, url))


if __name__ == "__main__":
    main()
