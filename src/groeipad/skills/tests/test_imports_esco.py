import io

import pytest
from django.core.management import CommandError, call_command
from django.utils import translation

from groeipad.privacy.models import AuditEvent
from groeipad.skills.imports import import_esco
from groeipad.skills.models import EscoSkill
from groeipad.skills.tests.escofiles import HEADER, SKILLS, rows, skill_row, uri, write_esco

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


@pytest.fixture
def files(tmp_path):
    """The English file in order 1, 2, 3; the Dutch one in another order, without 3."""
    english = write_esco(tmp_path / "skills_en.csv", rows("en"))
    dutch = write_esco(tmp_path / "skills_nl.csv", rows("nl", [2, 1]))
    return english, dutch


def run(english, dutch=None, version="v1.2.0", **options):
    return import_esco(path_or_file=english, nl=dutch, esco_version=version, actor=None, **options)


def snapshot():
    return sorted(
        EscoSkill.objects.values_list(
            "concept_uri",
            "esco_version",
            "skill_type",
            "reuse_level",
            "name_en",
            "name_nl",
            "alt_labels_en",
            "alt_labels_nl",
            "description_en",
            "description_nl",
        )
    )


def errors(result):
    return [str(problem) for problem in result.errors]


def test_dutch_labels_land_on_the_skills_with_the_same_concept_uri(files):
    result = run(*files)
    assert result.ok, errors(result)
    assert (result.created, result.updated, result.unchanged) == (3, 0, 0)
    for n, (skill_type, reuse, english, dutch) in SKILLS.items():
        skill = EscoSkill.objects.get(concept_uri=uri(n))
        assert (skill.skill_type, skill.reuse_level, skill.esco_version) == (
            skill_type,
            reuse,
            "v1.2.0",
        )
        assert (skill.name_en, skill.alt_labels_en.split("\n"), skill.description_en) == (
            english[0],
            english[1] or [""],
            english[2],
        )
        nl_texts = ("", [""], "") if dutch is None else (dutch[0], dutch[1], dutch[2])
        assert (skill.name_nl, skill.alt_labels_nl.split("\n"), skill.description_nl) == nl_texts


def test_multi_line_alt_labels_commas_and_quotes_survive_the_round_trip(files):
    run(*files)
    skill = EscoSkill.objects.get(concept_uri=uri(1))
    assert skill.alt_labels_en == "collaborate in teams\nteamwork\nwork as part of a team"
    assert skill.description_en == (
        'Work together with others, "as one", sharing tasks, information and credit.'
    )


def test_a_second_run_changes_nothing_and_is_audited_once_per_run(files):
    run(*files)
    before = snapshot()
    result = run(*files)
    assert (result.created, result.updated, result.unchanged) == (0, 0, 3)
    assert snapshot() == before
    events = AuditEvent.objects.filter(action="import", object_type="esco")
    assert events.count() == 2
    assert events.first().changes["esco_version"] == "v1.2.0"
    assert events.first().changes["file_nl"].endswith("skills_nl.csv")


def test_a_dry_run_counts_but_writes_nothing(files):
    result = run(*files, dry_run=True)
    assert result.ok and result.dry_run
    assert (result.created, result.updated, result.unchanged) == (3, 0, 0)
    assert not EscoSkill.objects.exists()
    assert not AuditEvent.objects.exists()


def test_a_new_release_updates_the_version_and_only_what_changed(files, tmp_path):
    run(*files)
    changed = rows("en")
    changed[2][4] = "plan timetables for public transport"
    english = write_esco(tmp_path / "skills_en_v121.csv", changed)
    result = run(english, files[1], version="v1.2.1")
    assert (result.created, result.updated, result.unchanged) == (0, 3, 0)
    assert set(EscoSkill.objects.values_list("esco_version", flat=True)) == {"v1.2.1"}
    assert EscoSkill.objects.get(concept_uri=uri(3)).name_en == changed[2][4]
    assert EscoSkill.objects.get(concept_uri=uri(1)).name_nl == "in teamverband werken"


def test_an_english_only_run_keeps_the_dutch_labels(files):
    run(*files)
    result = run(files[0])
    assert (result.created, result.updated, result.unchanged) == (0, 0, 3)
    assert EscoSkill.objects.get(concept_uri=uri(2)).name_nl == "projectmanagement"


def test_a_dutch_row_unknown_in_english_is_a_warning_not_an_error(files, tmp_path):
    dutch = write_esco(
        tmp_path / "skills_nl.csv",
        [*rows("nl"), skill_row(99, "iets wat niet in het Engels staat")],
    )
    result = run(files[0], dutch)
    assert result.ok and result.created == 3
    # Line 1 header, skill 1 spans lines 2-3 (two Dutch alt labels), skill 2 line 4.
    assert [str(w) for w in result.warnings] == [
        f'{dutch}:5:2: conceptUri "{uri(99)}" is not in the English file; ignored'
    ]
    assert not EscoSkill.objects.filter(concept_uri=uri(99)).exists()


def test_columns_in_another_order_and_extra_columns_are_read(tmp_path):
    order = [5, 4, 1, 12, 2, 3, 0]  # a subset, shuffled
    header = [HEADER[i] for i in order] + ["source"]
    data = [[row[i] for i in order] + ["test"] for row in rows("en")]
    english = write_esco(tmp_path / "skills_en.csv", data, header=header)
    result = run(english)
    assert result.ok, errors(result)
    assert [str(w) for w in result.warnings] == [
        f'{english}:1:8: column "source" is not known and is ignored (known columns: '
        "conceptUri, preferredLabel, conceptType, skillType, reuseLevel, altLabels, "
        "description, definition, hiddenLabels, status, modifiedDate, scopeNote, inScheme)"
    ]
    skill = EscoSkill.objects.get(concept_uri=uri(1))
    assert skill.alt_labels_en == "collaborate in teams\nteamwork\nwork as part of a team"


def test_a_windows_1252_dutch_file_with_semicolons_and_a_bom_free_header_is_read(tmp_path):
    english = write_esco(tmp_path / "skills_en.csv", rows("en"))
    dutch = write_esco(
        tmp_path / "skills_nl.csv",
        [skill_row(1, "coördineren", ["afstemmen"], "Één ding tegelijk, café-stijl.")],
        encoding="cp1252",
        separator=";",
    )
    result = run(english, dutch)
    assert result.ok, errors(result)
    skill = EscoSkill.objects.get(concept_uri=uri(1))
    assert (skill.name_nl, skill.description_nl) == (
        "coördineren",
        "Één ding tegelijk, café-stijl.",
    )


def test_a_utf8_file_with_a_byte_order_mark_is_read(tmp_path):
    english = write_esco(tmp_path / "skills_en.csv", rows("en"), bom=True)
    result = run(english)
    assert result.ok and result.created == 3


def test_a_missing_concept_uri_column_is_an_error_on_line_1_and_nothing_changes(files, tmp_path):
    run(*files)
    before = snapshot()
    header = [name for name in HEADER if name != "conceptUri"]
    data = [[v for i, v in enumerate(row) if i != 1] for row in rows("en")]
    english = write_esco(tmp_path / "broken_en.csv", data, header=header)
    result = run(english, version="v9")
    assert errors(result) == [f'{english}:1:1: required column "conceptUri" is missing']
    assert snapshot() == before


def test_every_bad_row_is_refused_by_line_and_column_and_nothing_changes(files, tmp_path):
    run(*files)
    before = snapshot()
    data = [
        *rows("en"),  # lines 2-4, 5-6 and 7 (alt labels span lines)
        skill_row(4, ""),  # line 8: no preferredLabel
        skill_row(5, "a skill", ["one", "two"]),  # lines 9-10
        skill_row(1, "work in teams again"),  # line 11: the same conceptUri as line 2
    ]
    data.append(["KnowledgeSkillCompetence", "", "", "", "no uri", "", "", "", "", "", "", "", ""])
    data.append(["Occupation", uri(6), "", "", "planner", "", "", "", "", "", "", "", ""])
    english = write_esco(tmp_path / "bad_en.csv", data)
    dutch = write_esco(tmp_path / "bad_nl.csv", [skill_row(2, "x"), skill_row(2, "y")])
    result = run(english, dutch, version="v9")
    assert errors(result) == [
        f"{english}:8:5: preferredLabel is empty; it is required",
        f'{english}:11:2: conceptUri "{uri(1)}" is also on line 2',
        f"{english}:12:2: conceptUri is empty; it is required",
        f'{english}:13:1: conceptType "Occupation" is not an ESCO skill '
        "(KnowledgeSkillCompetence): is this the skills file?",
        f'{dutch}:3:2: conceptUri "{uri(2)}" is also on line 2',
    ]
    assert snapshot() == before
    assert AuditEvent.objects.filter(action="import").count() == 1


def test_a_bad_dutch_header_is_reported_beside_the_english_row_errors(tmp_path):
    english = write_esco(tmp_path / "en.csv", [skill_row(1, "")])
    dutch = write_esco(tmp_path / "nl.csv", [[uri(1)]], header=["conceptUri"])
    result = run(english, dutch)
    assert errors(result) == [
        f"{english}:2:5: preferredLabel is empty; it is required",
        f'{dutch}:1:1: required column "preferredLabel" is missing',
    ]
    assert not EscoSkill.objects.exists()


def test_a_file_in_no_known_encoding_is_refused_whole(tmp_path):
    english = tmp_path / "skills_en.csv"
    english.write_bytes(b'"conceptUri","preferredLabel"\n"x","\x81\x8d\x90"\n')
    result = run(english)
    assert errors(result) == [
        f"{english}:1:1: the file is not a text file in UTF-8 or Windows-1252"
    ]
    assert not EscoSkill.objects.exists()


def test_the_esco_version_is_required(files):
    with pytest.raises(ValueError, match="ESCO version"):
        run(*files, version=" ")
    with pytest.raises(ValueError, match="ESCO version"):
        run(*files, version="v" * 21)


def groeipad_import(*args):
    out, err = io.StringIO(), io.StringIO()
    call_command("import_data", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_the_command_joins_both_files_and_reports_the_counts(files):
    english, dutch = files
    out, _err = groeipad_import(
        "esco", str(english), "--nl", str(dutch), "--esco-version", "v1.2.0", "--dry-run"
    )
    assert out.splitlines() == [
        "esco: 3 created, 0 updated, 0 unchanged",
        "dry run: nothing written",
    ]
    out, _err = groeipad_import(
        "esco", str(english), "--nl", str(dutch), "--esco-version", "v1.2.0"
    )
    assert out.splitlines() == ["esco: 3 created, 0 updated, 0 unchanged"]
    assert EscoSkill.objects.get(concept_uri=uri(2)).name_nl == "projectmanagement"


def test_the_command_needs_a_version_for_esco_and_refuses_esco_options_elsewhere(files):
    english, dutch = files
    with pytest.raises(CommandError, match="--esco-version"):
        groeipad_import("esco", str(english))
    with pytest.raises(CommandError, match="--nl"):
        groeipad_import("learning", str(english), "--nl", str(dutch))
    assert not EscoSkill.objects.exists()
