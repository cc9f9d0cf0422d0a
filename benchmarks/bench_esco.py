"""How long a full-size ESCO skills import takes: English and Dutch, 14,000 skills each.

    .venv/bin/python benchmarks/bench_esco.py [--rows 14000] [--repeat 3]

Generates files in the shape of ESCO's skills CSV download (every field quoted,
``altLabels`` one per line inside the quotes, descriptions of a few hundred characters
with commas and quotes; the Dutch file in another order and missing a few skills), then
for each repeat, in a fresh database: imports both files (all created), imports them
again (all unchanged), and imports them as a new ESCO release (every skill updated).
Prints the medians. SQLite in a temporary data folder; with DATABASE_URL set, a fresh
PostgreSQL database ``groeipad_bench_esco`` on the same server as well. Nothing is
downloaded: the words are made up here.
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
import uuid
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

HEADER = [
    "conceptType",
    "conceptUri",
    "skillType",
    "reuseLevel",
    "preferredLabel",
    "altLabels",
    "hiddenLabels",
    "status",
    "modifiedDate",
    "scopeNote",
    "definition",
    "inScheme",
    "description",
]
REUSE = ["sector-specific", "occupation-specific", "cross-sector", "transversal"]
WORDS = {
    "en": {
        "verbs": [
            "manage",
            "operate",
            "maintain",
            "plan",
            "inspect",
            "design",
            "advise on",
            "monitor",
            "repair",
            "coordinate",
            "assess",
            "develop",
            "apply",
            "teach",
        ],
        "objects": [
            "timber frames",
            "customer accounts",
            "hydraulic systems",
            "public transport",
            "veterinary records",
            "wind turbines",
            "food safety",
            "music equipment",
            "budgets",
            "software tests",
            "greenhouse climate",
            "legal documents",
            "railway signals",
            "patient care",
            "marketing campaigns",
            "data pipelines",
        ],
        "filler": [
            "in line with regulations",
            "using the appropriate tools",
            "to ensure quality, safety, and efficiency",
            'according to the "best practice"',
            "in cooperation with colleagues",
            "taking costs, time, and risks into account",
        ],
        "knowledge": "principles of",
    },
    "nl": {
        "verbs": [
            "beheren",
            "bedienen",
            "onderhouden",
            "plannen",
            "inspecteren",
            "ontwerpen",
            "adviseren over",
            "bewaken",
            "repareren",
            "coördineren",
            "beoordelen",
            "ontwikkelen",
            "toepassen",
            "onderwijzen",
        ],
        "objects": [
            "houtskeletten",
            "klantrekeningen",
            "hydraulische systemen",
            "openbaar vervoer",
            "veterinaire dossiers",
            "windturbines",
            "voedselveiligheid",
            "muziekapparatuur",
            "begrotingen",
            "softwaretests",
            "kasklimaat",
            "juridische documenten",
            "spoorwegseinen",
            "patiëntenzorg",
            "marketingcampagnes",
            "datapijplijnen",
        ],
        "filler": [
            "volgens de regelgeving",
            "met het juiste gereedschap",
            "om kwaliteit, veiligheid en efficiëntie te waarborgen",
            'volgens de "beste praktijk"',
            "in samenwerking met collega's",
            "rekening houdend met kosten, tijd en risico's",
        ],
        "knowledge": "beginselen van",
    },
}


def _skill(rng: random.Random, words: dict, knowledge: bool, n: int) -> tuple[str, str, str]:
    verb, obj = rng.choice(words["verbs"]), rng.choice(words["objects"])
    label = f"{words['knowledge']} {obj} {n}" if knowledge else f"{verb} {obj} {n}"
    alt = [f"{rng.choice(words['verbs'])} {obj} {n}-{k}" for k in range(rng.randrange(0, 6))]
    sentences = []
    while sum(len(s) for s in sentences) < rng.randrange(150, 450):
        sentences.append(
            f"{rng.choice(words['verbs']).capitalize()} {rng.choice(words['objects'])}, "
            f"{rng.choice(words['filler'])}."
        )
    return label, "\n".join(alt), " ".join(sentences)


def generate(folder: Path, rows: int, seed: int = 7) -> tuple[Path, Path]:
    """Write skills_en.csv and skills_nl.csv; the Dutch one shuffled and 1% short."""
    rng = random.Random(seed)
    skills = []
    for n in range(rows):
        knowledge = rng.random() < 0.25
        concept = (
            f"http://data.europa.eu/esco/skill/{uuid.UUID(int=rng.getrandbits(128), version=4)}"
        )
        skills.append((n, concept, knowledge, rng.choice(REUSE)))
    paths = []
    for language in ("en", "nl"):
        chosen = list(skills)
        if language == "nl":
            rng.shuffle(chosen)
            chosen = chosen[: int(len(chosen) * 0.99)]
        path = folder / f"skills_{language}.csv"
        with path.open("w", newline="", encoding="utf-8") as file:
            writer = csv.writer(file, quoting=csv.QUOTE_ALL, lineterminator="\n")
            writer.writerow(HEADER)
            for n, concept, knowledge, reuse in chosen:
                label, alt, description = _skill(
                    random.Random(f"{seed}-{language}-{n}"), WORDS[language], knowledge, n
                )
                writer.writerow(
                    [
                        "KnowledgeSkillCompetence",
                        concept,
                        "knowledge" if knowledge else "skill/competence",
                        reuse,
                        label,
                        alt,
                        "",
                        "released",
                        "2023-09-21T10:15:00.000Z",
                        "",
                        "",
                        "http://data.europa.eu/esco/concept-scheme/skills",
                        description,
                    ]
                )
        paths.append(path)
    return paths[0], paths[1]


def worker(english: str, dutch: str) -> None:
    """One fresh database: migrate, then time the first run, a re-run and a new release."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "groeipad.settings")
    import django
    from django.core.management import call_command

    django.setup()
    from groeipad.skills.imports import import_esco

    call_command("migrate", verbosity=0)
    timings = {}
    for run, version in (("first", "v1.2.0"), ("again", "v1.2.0"), ("release", "v1.2.1")):
        start = time.perf_counter()
        result = import_esco(path_or_file=english, nl=dutch, esco_version=version, actor=None)
        timings[run] = time.perf_counter() - start
        assert not result.errors, result.errors[:5]
        timings[f"{run}_counts"] = [result.created, result.updated, result.unchanged]
    print(json.dumps(timings))


def fresh_postgres(url: str) -> str:
    import psycopg

    parts = urlsplit(url)
    bench_url = urlunsplit(parts._replace(path="/groeipad_bench_esco"))
    admin_url = urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(admin_url, autocommit=True) as connection:
        connection.execute("DROP DATABASE IF EXISTS groeipad_bench_esco")
        connection.execute("CREATE DATABASE groeipad_bench_esco")
    return bench_url


def measure(english: Path, dutch: Path, repeat: int, database_url: str | None) -> list[dict]:
    runs = []
    for _ in range(repeat):
        with tempfile.TemporaryDirectory() as home:
            env = {**os.environ, "GROEIPAD_HOME": home, "GROEIPAD_SECRET_KEY": "bench-only"}
            env.pop("DATABASE_URL", None)
            if database_url:
                env["DATABASE_URL"] = fresh_postgres(database_url)
            output = subprocess.run(
                [sys.executable, __file__, "--worker", str(english), str(dutch)],
                env=env,
                check=True,
                capture_output=True,
                text=True,
            ).stdout
            runs.append(json.loads(output.strip().splitlines()[-1]))
    return runs


def report(label: str, runs: list[dict]) -> None:
    parts = []
    for run, text in (
        ("first", "first import (all created)"),
        ("again", "re-import (all unchanged)"),
        ("release", "new release (all updated)"),
    ):
        median = statistics.median(r[run] for r in runs)
        parts.append(f"{text} median {median:.2f} s {runs[0][run + '_counts']}")
    print(f"{label} over {len(runs)} runs: " + "; ".join(parts))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=14_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--worker", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        worker(*args.worker)
        return
    with tempfile.TemporaryDirectory() as folder:
        english, dutch = generate(Path(folder), args.rows)
        sizes = ", ".join(f"{p.name} {p.stat().st_size / 1e6:.1f} MB" for p in (english, dutch))
        print(f"{args.rows} ESCO skills: {sizes}")
        report("SQLite", measure(english, dutch, args.repeat, None))
        if url := os.environ.get("DATABASE_URL"):
            report("PostgreSQL", measure(english, dutch, args.repeat, url))


if __name__ == "__main__":
    main()
