"""The same data in every dialect a file may come in ends as the same database."""

from datetime import datetime

import pytest
from django.utils import translation

from groeipad.learning.imports import import_learning
from groeipad.learning.models import LearningActivity
from groeipad.people.imports import import_employees, import_movements
from groeipad.people.models import Department, Employee, JobProfile, Movement
from groeipad.people.selectors import department_paths
from groeipad.people.tests.importhelpers import write_csv, write_xlsx
from groeipad.surveys.imports import import_enps
from groeipad.surveys.models import Survey, SurveyAnswer

ENGLISH = [
    "employee_number",
    "first_name",
    "last_name",
    "email",
    "department",
    "job_title",
    "manager_number",
    "hire_date",
    "leave_date",
    "leave_reason",
    "annual_salary",
    "fte",
]
DUTCH = [
    "Personeelsnummer",
    " Voornaam ",
    "ACHTERNAAM",
    "E-mail",
    "Afdeling",
    "Functie",
    "Leidinggevende",
    "Datum in dienst",
    "datum_uit_dienst",
    "Reden uit dienst",
    "Jaarsalaris",
    "FTE",
]
# Text as an HR system writes it; the XLSX variant uses typed cells where it can.
PEOPLE = [
    [
        "E003",
        "Zoë",
        "van der Berg",
        "zoe@example.com",
        "Operations/Planning",
        "Planner",
        "E001",
        "01-02-2021",
        "",
        "",
        "52000,50",
        "0,8",
    ],
    [
        "E001",
        "René",
        "Jansen",
        "rene@example.com",
        "Operations",
        "Directeur",
        "",
        "2019-05-01",
        "",
        "",
        "90000",
        "1",
    ],
    [
        "E002",
        "Ada",
        "Smit",
        "ada@example.com",
        "Financiën",
        "",
        "E001",
        "15/03/2020",
        "31-12-2023",
        "Vrijwillig",
        "48000.00",
        "1,2",
    ],
]
XLSX_CELLS = {
    7: lambda text: datetime.strptime(text, "%d-%m-%Y") if "-" in text[:3] else text,
    10: lambda text: float(text.replace(",", ".")) if text else None,
    11: lambda text: float(text.replace(",", ".")) if text else None,
}
MOVES = (
    ["employee_number", "date", "kind", "department", "job_title"],
    ["personeelsnummer", "datum", "soort", "afdeling", "functie"],
    [
        ["E003", "2022-06-01", "promotion", "Operations/Planning", "Senior planner"],
        ["E002", "01-01-2021", "Overplaatsing", "Financiën", ""],
    ],
)
LEARNING = (
    ["employee_number", "date", "title", "kind", "hours", "cost"],
    ["personeelsnummer", "datum", "titel", "soort", "uren", "kosten"],
    [
        ["E003", "2022-09-01", "Excel voor planners", "externe opleiding", "16", "895,00"],
        ["E001", "2023-01-10", "Coaching leiderschap", "coaching", "6,5", ""],
    ],
)
ENPS = (
    ["survey", "date", "score", "department"],
    ["Enquete", "Datum", "Score", "Afdeling"],
    [
        ["Voorjaar 2024", "2024-04-30", "9", "Operations"],
        ["Voorjaar 2024", "30-04-2024", "6", ""],
        ["Voorjaar 2024", "2024-04-30", "9", "Operations"],
    ],
)


def dump() -> dict:
    paths = department_paths()
    jobs = dict(JobProfile.objects.values_list("id", "name"))
    numbers = dict(Employee.objects.values_list("id", "employee_number"))
    return {
        "departments": sorted(paths.values()),
        "jobs": sorted(jobs.values()),
        "employees": sorted(
            (
                e.employee_number,
                e.first_name,
                e.last_name,
                e.email,
                paths[e.department_id],
                jobs.get(e.job_profile_id),
                numbers.get(e.manager_id),
                e.hire_date,
                e.leave_date,
                e.leave_reason,
                e.annual_salary,
                e.fte,
                e.version,
            )
            for e in Employee.objects.all()
        ),
        "moves": sorted(
            (
                numbers[m.employee_id],
                m.date,
                m.kind,
                paths.get(m.department_id),
                jobs.get(m.job_profile_id),
            )
            for m in Movement.objects.all()
        ),
        "learning": sorted(
            (numbers[a.employee_id], a.date, a.title, a.kind, a.category, a.hours, a.cost)
            for a in LearningActivity.objects.all()
        ),
        "surveys": sorted(Survey.objects.values_list("name", "closing_date")),
        "answers": sorted(
            (a.survey.name, a.score, paths.get(a.department_id))
            for a in SurveyAnswer.objects.select_related("survey")
        ),
    }


def clear():
    for model in (SurveyAnswer, Survey, LearningActivity, Movement):
        model.objects.all().delete()
    Employee.objects.update(manager=None)
    for model in (Employee, JobProfile):
        model.objects.all().delete()
    while Department.objects.exists():
        Department.objects.filter(children__isnull=True).delete()


def write(tmp_path, name, header, rows, variant):
    if variant == "xlsx":
        typed = [
            [
                XLSX_CELLS.get(i, lambda t: t)(cell) if name == "people" else cell
                for i, cell in enumerate(row)
            ]
            for row in rows
        ]
        return write_xlsx(tmp_path / f"{name}.xlsx", [header, *typed])
    options = {
        "csv": {},
        "semicolon-bom": {"separator": ";", "bom": True},
        "cp1252": {"separator": ";", "encoding": "cp1252"},
    }[variant]
    return write_csv(tmp_path / f"{name}.csv", [header, *rows], **options)


def import_all(tmp_path, variant, dutch):
    pick = 1 if dutch else 0
    files = [
        (import_employees, write(tmp_path, "people", (ENGLISH, DUTCH)[pick], PEOPLE, variant)),
        (import_movements, write(tmp_path, "moves", MOVES[pick], MOVES[2], variant)),
        (import_learning, write(tmp_path, "learning", LEARNING[pick], LEARNING[2], variant)),
        (import_enps, write(tmp_path, "enps", ENPS[pick], ENPS[2], variant)),
    ]
    for service, path in files:
        result = service(path_or_file=path, actor=None)
        assert result.errors == [], [str(e) for e in result.errors]


@pytest.mark.django_db
def test_every_file_variant_and_a_second_import_give_the_same_database(tmp_path):
    with translation.override("en"):
        dumps = {}
        for variant, dutch in [
            ("csv", False),
            ("semicolon-bom", True),
            ("cp1252", True),
            ("xlsx", False),
            ("xlsx", True),
        ]:
            folder = tmp_path / f"{variant}-{dutch}"
            folder.mkdir()
            clear()
            import_all(folder, variant, dutch)
            dumps[(variant, dutch)] = dump()
            if variant == "csv":
                import_all(folder, variant, dutch)
                dumps["csv twice"] = dump()
        reference = dumps.pop(("csv", False))
        assert reference["employees"][0][:3] == ("E001", "René", "Jansen")
        assert len(reference["answers"]) == 3
        for key, other in dumps.items():
            assert other == reference, key
