import json
from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import translation

from groeipad.mentoring import services
from groeipad.mentoring.models import Match, MatchStatus, Meeting, PairRule, RuleKind


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


@pytest.fixture
def programme(personas, competency):
    """Mentors bob (capacity 2) and alice; mentees carol (reports to alice, alice to bob),
    dave (Finance) and hanna (HR)."""
    hr = personas.user("hanna")
    programme = services.programme_create(actor=hr, name="Buddy", goals="Grow")
    lead, talk = competency("Leadership"), competency("Communication")
    join = services.participant_join
    people = {
        "bob": join(
            actor=hr,
            programme=programme,
            employee=personas.bob,
            role="mentor",
            capacity=2,
            offers=[lead],
        ),
        "alice": join(
            actor=hr, programme=programme, employee=personas.alice, role="mentor", offers=[talk]
        ),
        "carol": join(
            actor=hr,
            programme=programme,
            employee=personas.carol,
            role="mentee",
            wants=[lead, talk],
        ),
        "dave": join(
            actor=hr, programme=programme, employee=personas.dave, role="mentee", wants=[talk]
        ),
        "hanna": join(
            actor=hr, programme=programme, employee=personas.hanna, role="mentee", wants=[lead]
        ),
    }
    return programme, people


def pairs(programme):
    return {
        (m.mentor.employee.employee_number, m.mentee.employee.employee_number)
        for m in Match.objects.filter(programme=programme).select_related(
            "mentor__employee", "mentee__employee"
        )
    }


@pytest.mark.django_db
def test_matching_never_gives_a_mentee_someone_from_their_management_line(personas, programme):
    programme, _people = programme
    result = services.programme_match(actor=personas.user("hanna"), programme=programme)
    # carol may have neither alice (her manager) nor bob (above alice): unmatched.
    assert [(u.mentee.number, u.code) for u in result.unmatched] == [("1003", "no_allowed_mentor")]
    # dave wants communication (alice, 10 + other department 3 + language 0) against bob
    # (other department 3): alice. hanna wants leadership: bob (10 + 3).
    assert pairs(programme) == {("1002", "1004"), ("1001", "1005")}
    assert result.total_score == 13 + 13


@pytest.mark.django_db
def test_a_lock_on_the_mentees_manager_is_refused_and_a_forbid_is_respected(personas, programme):
    programme, people = programme
    hr = personas.user("hanna")
    with pytest.raises(ValidationError, match="manager or above them"):
        services.pair_rule_set(
            actor=hr,
            programme=programme,
            mentor=people["alice"],
            mentee=people["carol"],
            kind=RuleKind.LOCK,
        )
    assert not PairRule.objects.exists()
    services.pair_rule_set(
        actor=hr,
        programme=programme,
        mentor=people["alice"],
        mentee=people["dave"],
        kind=RuleKind.FORBID,
    )
    services.programme_match(actor=hr, programme=programme)
    assert pairs(programme) == {("1001", "1004"), ("1001", "1005")}


@pytest.mark.django_db
def test_rematch_keeps_locked_and_confirmed_pairs(personas, programme):
    programme, people = programme
    hr = personas.user("hanna")
    services.pair_rule_set(
        actor=hr,
        programme=programme,
        mentor=people["alice"],
        mentee=people["hanna"],
        kind=RuleKind.LOCK,
    )
    services.programme_match(actor=hr, programme=programme)
    assert pairs(programme) == {("1002", "1005"), ("1001", "1004")}
    assert Match.objects.get(mentee=people["hanna"]).locked
    match = Match.objects.get(mentee=people["dave"])
    services.match_confirm(actor=personas.user("dave"), match=match)
    services.match_confirm(actor=personas.user("bob"), match=match)
    match.refresh_from_db()
    assert match.status == MatchStatus.CONFIRMED
    services.programme_match(actor=hr, programme=programme)
    assert pairs(programme) == {("1002", "1005"), ("1001", "1004")}
    assert Match.objects.get(pk=match.pk).status == MatchStatus.CONFIRMED


@pytest.mark.django_db
def test_only_hr_matches_and_only_the_pair_logs_meetings(personas, programme):
    programme, _people = programme
    with pytest.raises(PermissionDenied):
        services.programme_match(actor=personas.user("bob"), programme=programme)
    services.programme_match(actor=personas.user("hanna"), programme=programme)
    match = Match.objects.get(mentee__employee=personas.dave)
    with pytest.raises(ValidationError, match="both have confirmed"):
        services.meeting_log(actor=personas.user("dave"), match=match, on=date(2026, 3, 1))
    services.match_confirm(actor=personas.user("dave"), match=match)
    services.match_confirm(actor=personas.user("alice"), match=match)
    with pytest.raises(PermissionDenied):
        services.meeting_log(actor=personas.user("carol"), match=match, on=date(2026, 3, 1))
    services.meeting_log(
        actor=personas.user("dave"), match=match, on=date(2026, 3, 1), notes="Kick-off"
    )
    assert list(Meeting.objects.values_list("notes", flat=True)) == ["Kick-off"]


@pytest.mark.django_db
def test_match_command_prints_pairs_as_json(personas, programme, capsys):
    programme, _people = programme
    call_command("mentoring", "match", "--programme", "Buddy", "--json")
    data = json.loads(capsys.readouterr().out)
    assert [(p["mentor"], p["mentee"], p["score"]) for p in data["pairs"]] == [
        ("1001", "1005", 13),
        ("1002", "1004", 13),
    ]
    assert [u["mentee"] for u in data["unmatched"]] == ["1003"]
    with pytest.raises(CommandError, match="no mentoring programme"):
        call_command("mentoring", "match", "--programme", "Nope")
