import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import translation

from groeipad.mentoring.imports import import_mentoring
from groeipad.mentoring.models import Participant, Programme
from groeipad.people.tests.importhelpers import write_csv, write_xlsx

HEADER = ["employee_number", "role", "capacity", "offers", "wants", "languages"]


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


def run(path, programme="Buddy 2026", dry_run=False):
    return import_mentoring(
        path_or_file=path, name=path.name, programme=programme, actor=None, dry_run=dry_run
    )


def profiles():
    return {
        p.employee.employee_number: (
            p.role,
            p.capacity,
            sorted(c.name_en for c in p.offers.all()),
            sorted(c.name_en for c in p.wants.all()),
            p.languages,
        )
        for p in Participant.objects.select_related("employee")
    }


@pytest.mark.django_db
def test_import_creates_the_programme_and_its_participants_matching_names_in_either_language(
    competency, tmp_path
):
    path = write_xlsx(
        tmp_path / "buddy.xlsx",
        [
            HEADER,
            ["1001", "Mentor", 2, "Leiderschap; coaching", "", "nl; EN"],
            ["1004", "mentor", "", "COMMUNICATION", None, "en"],
            ["1003", "mentee", "", "", "leadership;Communiceren", ""],
        ],
    )
    result = run(path)
    assert result.errors == []
    assert (result.created, result.updated, result.unchanged) == (3, 0, 0)
    assert Programme.objects.get().name == "Buddy 2026"
    assert profiles() == {
        "1001": ("mentor", 2, ["Coaching", "Leadership"], [], "en, nl"),
        "1004": ("mentor", 1, ["Communication"], [], "en"),
        "1003": ("mentee", 1, [], ["Communication", "Leadership"], ""),
    }
    again = run(path)
    assert (again.created, again.updated, again.unchanged) == (0, 0, 3)
    assert Programme.objects.count() == 1


@pytest.mark.django_db
def test_import_updates_a_changed_profile(competency, tmp_path):
    path = write_csv(tmp_path / "a.csv", [HEADER, ["1001", "mentor", "1", "Coaching", "", ""]])
    run(path)
    write_csv(path, [HEADER, ["1001", "mentor", "3", "Initiative", "", "fr"]])
    result = run(path)
    assert (result.created, result.updated, result.unchanged) == (0, 1, 0)
    assert profiles() == {"1001": ("mentor", 3, ["Initiative"], [], "fr")}


@pytest.mark.django_db
def test_import_refuses_whole_file_on_bad_rows_and_changes_nothing(competency, tmp_path):
    path = write_csv(
        tmp_path / "bad.csv",
        [
            HEADER,
            ["1001", "mentor", "2", "Coaching", "", ""],
            ["9999", "mentee", "", "", "Coaching", ""],
            ["1003", "buddy", "", "", "", ""],
            ["1004", "mentor", "0", "Juggling", "", ""],
            ["1002", "mentee", "2", "", "Coaching;Nonsense", ""],
            ["1001", "mentee", "", "", "", ""],
        ],
    )
    result = run(path)
    assert [str(e) for e in result.errors] == [
        'bad.csv:3:1: employee_number "9999" is not an employee in Groeipad (import employees '
        "first)",
        'bad.csv:4:2: role "buddy" is not one of: mentor, mentee, mentoree',
        'bad.csv:5:3: capacity "0" is below 1',
        'bad.csv:5:4: offers "Juggling" is not a known competency (Dutch or English name)',
        'bad.csv:6:3: capacity "2" is for mentors; a mentee has one mentor',
        'bad.csv:6:5: wants "Nonsense" is not a known competency (Dutch or English name)',
        'bad.csv:7:1: employee_number "1001" is also on line 2',
    ]
    assert not Programme.objects.exists()
    assert not Participant.objects.exists()


@pytest.mark.django_db
def test_dry_run_reports_the_new_programme_and_writes_nothing(competency, tmp_path):
    path = write_csv(tmp_path / "a.csv", [HEADER, ["1001", "mentor", "1", "Coaching", "", ""]])
    result = run(path, dry_run=True)
    assert result.created == 1
    assert result.notes == ['programme "Buddy 2026" is new and will be created']
    assert not Programme.objects.exists()


@pytest.mark.django_db
def test_import_command_needs_the_programme(competency, tmp_path):
    path = write_csv(tmp_path / "a.csv", [HEADER, ["1001", "mentor", "1", "", "", ""]])
    with pytest.raises(CommandError, match="needs --programme"):
        call_command("import_data", "mentoring", str(path))
    call_command("import_data", "mentoring", str(path), "--programme", "Buddy")
    assert Participant.objects.get().programme.name == "Buddy"


@pytest.mark.django_db
def test_import_into_a_closed_programme_is_refused(competency, tmp_path):
    from django.utils import timezone

    Programme.objects.create(name="Buddy 2026", closed_at=timezone.now())
    path = write_csv(tmp_path / "a.csv", [HEADER, ["1001", "mentor", "1", "", "", ""]])
    result = run(path)
    assert any("is closed" in str(error) for error in result.errors)
    assert not Participant.objects.exists()
