import pytest
from django.utils import translation

from groeipad.people.tests.importhelpers import write_csv, write_xlsx
from groeipad.privacy.models import AuditEvent
from groeipad.skills.imports import import_competencies, import_esco
from groeipad.skills.models import BehaviouralIndicator, Cluster, Competency, Framework
from groeipad.skills.services import framework_install_starter
from groeipad.skills.tests.escofiles import rows, uri, write_esco

pytestmark = pytest.mark.django_db

HEADER = [
    "framework",
    "cluster",
    "cluster_en",
    "name",
    "name_en",
    "description",
    "description_en",
    "kind",
    "esco_uri",
    "level_1",
    "level_1_en",
    "level_3",
    "level_3_en",
]
PLANNING = [
    "Planning NL",
    "Plannen",
    "Planning",
    "Dienstregeling maken",
    "Timetabling",
    "Maakt dienstregelingen, ook bij storingen.",
    'Builds timetables, also "when things break".',
    "technisch",
    uri(3),
    "Volgt een bestaande regeling",
    "Follows an existing timetable",
    "Maakt zelf een regeling",
    "Builds a timetable alone",
]
TEAMWORK = [
    "Planning NL",
    "Samenwerken",
    "",
    "Samenwerken in de keten",
    "Chain collaboration",
    "",
    "",
    "",
    "",
    "Stemt af met collega's",
    "",
    "",
    "",
]


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


@pytest.fixture
def esco(tmp_path):
    english = write_esco(tmp_path / "skills_en.csv", rows("en"))
    assert import_esco(path_or_file=english, esco_version="v1.2.0", actor=None).ok


def run(path, **options):
    return import_competencies(path_or_file=path, actor=None, **options)


def errors(result):
    return [str(problem) for problem in result.errors]


def snapshot():
    """Everything the import writes, by names rather than ids."""
    return {
        "frameworks": sorted(Framework.objects.values_list("name", "source")),
        "clusters": sorted(
            Cluster.objects.values_list("framework__name", "name_nl", "name_en", "position")
        ),
        "competencies": sorted(
            Competency.objects.values_list(
                "framework__name",
                "cluster__name_en",
                "name_nl",
                "name_en",
                "description_nl",
                "description_en",
                "kind",
                "esco_skill__concept_uri",
                "scale__name",
            )
        ),
        "indicators": sorted(
            BehaviouralIndicator.objects.values_list(
                "competency__name_en", "level", "text_nl", "text_en"
            )
        ),
    }


def test_a_file_creates_framework_clusters_competencies_and_indicators(esco, tmp_path):
    path = write_csv(tmp_path / "raamwerk.csv", [HEADER, PLANNING, TEAMWORK], separator=";")
    result = run(path)
    assert result.ok, errors(result)
    assert (result.created, result.updated, result.unchanged) == (2, 0, 0)
    assert result.notes == [
        "new frameworks: Planning NL",
        "new clusters: Planning, Samenwerken",
    ]
    assert snapshot() == {
        "frameworks": [("Planning NL", "raamwerk.csv")],
        "clusters": [
            ("Planning NL", "Plannen", "Planning", 0),
            # No English cluster name: the Dutch one serves as both.
            ("Planning NL", "Samenwerken", "Samenwerken", 1),
        ],
        "competencies": [
            (
                "Planning NL",
                "Planning",
                "Dienstregeling maken",
                "Timetabling",
                "Maakt dienstregelingen, ook bij storingen.",
                'Builds timetables, also "when things break".',
                "technical",
                uri(3),
                "Groeipad 1-5",
            ),
            (
                "Planning NL",
                "Samenwerken",
                "Samenwerken in de keten",
                "Chain collaboration",
                "",
                "",
                "generic",
                None,
                "Groeipad 1-5",
            ),
        ],
        "indicators": [
            ("Chain collaboration", 1, "Stemt af met collega's", ""),
            ("Timetabling", 1, "Volgt een bestaande regeling", "Follows an existing timetable"),
            ("Timetabling", 3, "Maakt zelf een regeling", "Builds a timetable alone"),
        ],
    }
    assert AuditEvent.objects.filter(action="import", object_type="competencies").count() == 1


def test_a_second_run_changes_nothing_and_a_dry_run_writes_nothing(esco, tmp_path):
    path = write_csv(tmp_path / "raamwerk.csv", [HEADER, PLANNING, TEAMWORK])
    dry = run(path, dry_run=True)
    assert (dry.created, dry.updated, dry.unchanged) == (2, 0, 0)
    assert not Competency.objects.exists() and not Framework.objects.exists()
    run(path)
    before = snapshot()
    again = run(path)
    assert (again.created, again.updated, again.unchanged) == (0, 0, 2)
    assert again.notes == []
    assert snapshot() == before


def test_csv_and_xlsx_give_the_same_database(esco, tmp_path):
    data = [HEADER, PLANNING, TEAMWORK]
    assert run(write_csv(tmp_path / "raamwerk.csv", data)).ok
    from_csv = snapshot()
    Framework.objects.all().delete()
    Cluster.objects.all().delete()
    assert run(write_xlsx(tmp_path / "raamwerk.xlsx", data)).ok
    from_xlsx = snapshot()
    from_xlsx["frameworks"] = [(name, "raamwerk.csv") for name, _source in from_xlsx["frameworks"]]
    assert from_xlsx == from_csv
    # And the CSV over what the XLSX wrote: nothing to do.
    result = run(write_csv(tmp_path / "raamwerk.csv", data))
    assert (result.created, result.updated, result.unchanged) == (0, 0, 2)


def test_a_changed_row_updates_only_its_competency_and_its_changed_level(esco, tmp_path):
    run(write_csv(tmp_path / "v1.csv", [HEADER, PLANNING, TEAMWORK]))
    changed = list(PLANNING)
    changed[6] = "Builds timetables."
    changed[11] = "Maakt zelf een regeling, ook bij storingen"
    result = run(write_csv(tmp_path / "v2.csv", [HEADER, changed, TEAMWORK]))
    assert (result.created, result.updated, result.unchanged) == (0, 1, 1)
    timetabling = Competency.objects.get(name_en="Timetabling")
    assert timetabling.description_en == "Builds timetables."
    assert list(timetabling.indicators.values_list("level", "text_nl")) == [
        (1, "Volgt een bestaande regeling"),
        (3, "Maakt zelf een regeling, ook bij storingen"),
    ]


def test_columns_the_file_lacks_keep_what_is_stored(esco, tmp_path):
    run(write_csv(tmp_path / "v1.csv", [HEADER, PLANNING]))
    short = [["raamwerk", "naam", "name_en", "omschrijving"]]
    short.append(["planning nl", "Dienstregeling opstellen", "timetabling", "Nieuw."])
    result = run(write_csv(tmp_path / "short.csv", short))
    assert (result.created, result.updated, result.unchanged) == (0, 1, 0), errors(result)
    timetabling = Competency.objects.get()
    assert (timetabling.name_nl, timetabling.name_en, timetabling.description_nl) == (
        "Dienstregeling opstellen",
        "timetabling",  # the key matches regardless of case; the file's spelling is kept
        "Nieuw.",
    )
    assert timetabling.esco_skill.concept_uri == uri(3)
    assert timetabling.cluster.name_en == "Planning"
    assert timetabling.kind == "technical"
    assert timetabling.indicators.count() == 2


def test_an_empty_esco_cell_unlinks_and_an_empty_level_removes_its_indicator(esco, tmp_path):
    run(write_csv(tmp_path / "v1.csv", [HEADER, PLANNING]))
    cleared = list(PLANNING)
    cleared[8] = ""
    cleared[11] = cleared[12] = ""
    result = run(write_csv(tmp_path / "v2.csv", [HEADER, cleared]))
    assert result.updated == 1
    timetabling = Competency.objects.get()
    assert timetabling.esco_skill is None
    assert list(timetabling.indicators.values_list("level", flat=True)) == [1]


def test_the_starter_framework_can_be_extended_and_corrected(tmp_path):
    framework = framework_install_starter(actor=None)
    before = Competency.objects.get(framework=framework, name_en="Collaboration")
    old_levels = dict(before.indicators.values_list("level", "text_en"))
    old_dutch = dict(before.indicators.values_list("level", "text_nl"))
    data = [
        ["framework", "name", "name_en", "level_2_en"],
        [framework.name, before.name_nl, "Collaboration", "Shares plans before being asked"],
        [framework.name, "Python programmeren", "Python programming", ""],
    ]
    result = run(write_csv(tmp_path / "extra.csv", data))
    assert (result.created, result.updated) == (1, 1), errors(result)
    after = dict(before.indicators.values_list("level", "text_en"))
    assert after == {**old_levels, 2: "Shares plans before being asked"}
    # The file has no Dutch level 2 column: the Dutch text stays.
    assert dict(before.indicators.values_list("level", "text_nl")) == old_dutch
    python = Competency.objects.get(name_en="Python programming")
    assert (python.framework, python.cluster, python.kind) == (framework, None, "generic")


def test_every_bad_row_is_refused_by_line_and_column_and_nothing_changes(esco, tmp_path):
    run(write_csv(tmp_path / "v1.csv", [HEADER, PLANNING]))
    before = snapshot()
    unknown = "http://data.europa.eu/esco/skill/ffffffff-ffff-4fff-8fff-ffffffffffff"
    bad = [
        HEADER,
        ["Planning NL", "", "", "", "Empty Dutch name", "", "", "", "", "", "", "", ""],
        ["Planning NL", "", "", "Iets", "Something", "", "", "soms", unknown, "", "", "", ""],
        ["", "", "", "Iets", "No framework", "", "", "", "", "", "", "", ""],
        [*PLANNING[:3], "Dubbel", "timetabling", *PLANNING[5:]],
        [*PLANNING[:3], "Dubbel", "TIMETABLING", *PLANNING[5:]],
        ["Planning NL", "Plannen anders", "Planning", "X", "Y", "", "", "", "", "", "", "", ""],
    ]
    path = write_csv(tmp_path / "bad.csv", bad)
    result = run(path)
    assert errors(result) == [
        f"{path}:2:4: name is empty; it is required",
        f'{path}:3:8: kind "soms" is not one of: generic, generiek, technical, technisch',
        f'{path}:3:9: esco_uri "{unknown}" is not an ESCO skill in Groeipad (import ESCO first)',
        f"{path}:4:1: framework is empty; it is required",
        f'{path}:6:5: name_en "TIMETABLING" in framework "Planning NL" is also on line 5',
        f'{path}:7:2: cluster "Plannen anders" differs from "Plannen" on line 5 for the same '
        "cluster",
    ]
    assert snapshot() == before
    assert AuditEvent.objects.filter(action="import", object_type="competencies").count() == 1


def test_missing_required_columns_are_errors_on_line_1(tmp_path):
    path = write_csv(tmp_path / "bad.csv", [["naam", "cluster"], ["Iets", "X"]])
    result = run(path)
    assert errors(result) == [
        f'{path}:1:1: required column "framework / raamwerk" is missing',
        f'{path}:1:1: required column "name_en / naam_en" is missing',
    ]
    assert not Framework.objects.exists()


def test_an_indicator_above_the_scale_of_an_existing_competency_is_refused(tmp_path):
    from groeipad.skills.models import ProficiencyScale

    framework = Framework.objects.create(name="Eigen")
    scale = ProficiencyScale.objects.create(name="1-3", min_level=1, max_level=3)
    Competency.objects.create(framework=framework, name_nl="A", name_en="A", scale=scale)
    path = write_csv(
        tmp_path / "bad.csv",
        [["framework", "name", "name_en", "level_5", "level_2"], ["Eigen", "A", "A", "Top", "Ok"]],
    )
    result = run(path)
    assert errors(result) == [f'{path}:2:4: level_5 "Top" is for level 5, outside the scale 1-3']
    assert not BehaviouralIndicator.objects.exists()
