"""The demo's mentoring: a running programme matched for real, and an ended one."""

from collections import Counter
from datetime import date

from django.core.management import call_command

from groeipad.mentoring.models import (
    Match,
    MatchStatus,
    Meeting,
    PairFeedback,
    Participant,
    Programme,
    Role,
)
from groeipad.mentoring.selectors import feedback_summary, manager_lines
from groeipad.people.models import User

AS_OF = date(2026, 6, 1)
ARGS = ["demo_data", "--employees", "150", "--seed", "3", "--as-of", AS_OF.isoformat()]


def _snapshot():
    return (
        Counter(Participant.objects.values_list("programme__name", "role")),
        sorted(
            Match.objects.values_list(
                "mentor__employee__employee_number", "mentee__employee__employee_number", "status"
            )
        ),
        Meeting.objects.count(),
    )


def test_demo_runs_and_ends_a_programme_and_replace_removes_them(db):
    call_command(*ARGS)
    employee = User.objects.get(email="medewerker@demo.groeipad.nl").employee
    manager = User.objects.get(email="manager@demo.groeipad.nl").employee
    running = Programme.objects.get(closed_at__isnull=True)
    ended = Programme.objects.get(closed_at__isnull=False)
    assert running.participants.filter(role=Role.MENTOR).count() == 10
    assert running.participants.filter(role=Role.MENTEE).count() == 20
    assert running.matched_at is not None
    matches = Match.objects.filter(programme=running).select_related("mentor", "mentee")
    # The matcher's hard rule: no mentor in the mentee's management line.
    lines = manager_lines([m.mentee.employee_id for m in matches])
    assert all(m.mentor.employee_id not in lines[m.mentee.employee_id] for m in matches)
    assert {m.status for m in matches} == {MatchStatus.PROPOSED, MatchStatus.CONFIRMED}
    # The demo employee: a confirmed pair with meetings and a shared goal of their plan.
    own = matches.get(mentee__employee=employee)
    assert own.status == MatchStatus.CONFIRMED
    assert own.goal is not None and own.goal.plan.employee_id == employee.pk and own.share_goal
    assert own.meetings.exists()
    # The demo manager mentors: one pair confirmed, one waiting for their confirmation.
    theirs = matches.filter(mentor__employee=manager)
    assert theirs.filter(status=MatchStatus.CONFIRMED).exists()
    assert theirs.filter(
        status=MatchStatus.PROPOSED, mentee_confirmed=True, mentor_confirmed=False
    ).exists()
    # Meetings only for confirmed pairs, never in the future.
    assert not Meeting.objects.exclude(match__status=MatchStatus.CONFIRMED).exists()
    assert not Meeting.objects.filter(date__gt=AS_OF).exists()
    # The ended programme: every pair confirmed, end feedback HR sees aggregated.
    assert ended.has_ended(AS_OF)
    assert not Match.objects.filter(programme=ended).exclude(status=MatchStatus.CONFIRMED)
    assert PairFeedback.objects.filter(programme=ended, role=Role.MENTEE).count() >= 3
    assert any(row.average is not None for row in feedback_summary(ended))
    first = _snapshot()
    call_command(*ARGS, "--replace")
    assert _snapshot() == first
