"""Small files in the shape of ESCO's skills CSV download, written for tests.

The download has one file per language with the same columns; every field is quoted,
``altLabels`` holds one label per line inside its quotes, and descriptions hold commas
and quotes. The skills below are written for these tests, in that shape.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

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
SCHEME = "http://data.europa.eu/esco/concept-scheme/skills"


def uri(n: int) -> str:
    return f"http://data.europa.eu/esco/skill/00000000-0000-4000-8000-{n:012d}"


# n -> (skill type, reuse level, English (label, alt labels, description), Dutch (...) or None)
SKILLS = {
    1: (
        "skill/competence",
        "transversal",
        (
            "work in teams",
            ["collaborate in teams", "teamwork", "work as part of a team"],
            'Work together with others, "as one", sharing tasks, information and credit.',
        ),
        (
            "in teamverband werken",
            ["samenwerken in teams", "teamwerk"],
            'Samen met anderen werken, "als één", en taken, informatie en succes delen.',
        ),
    ),
    2: (
        "knowledge",
        "cross-sector",
        (
            "project management",
            ["managing projects", "project planning"],
            "The field of planning, organising and controlling resources, time, and risk.",
        ),
        (
            "projectmanagement",
            ["projecten beheren"],
            "Het plannen, organiseren en bewaken van middelen, tijd en risico's.",
        ),
    ),
    3: (
        "skill/competence",
        "sector-specific",
        (
            "plan public transport timetables",
            [],
            "Draw up timetables for buses and trains, given demand, crews, and vehicles.",
        ),
        None,
    ),
}


def rows(language: str, numbers=None) -> list[list[str]]:
    """Data rows for ``language`` ("en" or "nl"), skills without that language left out."""
    out = []
    for n in numbers or SKILLS:
        skill_type, reuse, english, dutch = SKILLS[n]
        texts = english if language == "en" else dutch
        if texts is None:
            continue
        label, alt, description = texts
        out.append(skill_row(n, label, alt, description, skill_type, reuse))
    return out


def skill_row(
    n: int,
    label: str,
    alt=(),
    description: str = "",
    skill_type: str = "skill/competence",
    reuse: str = "sector-specific",
) -> list[str]:
    return [
        "KnowledgeSkillCompetence",
        uri(n),
        skill_type,
        reuse,
        label,
        "\n".join(alt),
        "",
        "released",
        "2023-09-21T10:15:00.000Z",
        "",
        "",
        SCHEME,
        description,
    ]


def write_esco(
    path: Path,
    data: list[list[str]],
    *,
    header=HEADER,
    encoding: str = "utf-8",
    separator: str = ",",
    bom: bool = False,
) -> Path:
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, delimiter=separator, quoting=csv.QUOTE_ALL, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(data)
    path.write_bytes((b"\xef\xbb\xbf" if bom else b"") + buffer.getvalue().encode(encoding))
    return path
