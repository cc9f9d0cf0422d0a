"""The demo's 360 feedback: closed rounds with a real report, an open round, drafts."""

from collections import Counter
from datetime import date

from django.core import mail
from django.core.management import call_command

from groeipad.feedback.anonymity import BLIND_SPOT, HIDDEN_STRENGTH, report_for
from groeipad.feedback.models import (
    Answer,
    FeedbackRound,
    Rater,
    RaterGroup,
    Response,
    RoundStatus,
)
from groeipad.people.models import User

AS_OF = date(2026, 6, 1)
ARGS = ["demo_data", "--employees", "150", "--seed", "3", "--as-of", AS_OF.isoformat()]


def _snapshot():
    return (
        Counter(FeedbackRound.objects.values_list("employee__employee_number", "status")),
        Counter(Rater.objects.values_list("round__employee__employee_number", "group")),
        Counter(Answer.objects.values_list("rating", flat=True)),
    )


def test_demo_gives_reports_an_open_round_and_drafts_and_replace_removes_them(db):
    call_command(*ARGS)
    assert mail.outbox == []  # nothing mailed while generating
    employee = User.objects.get(email="medewerker@demo.groeipad.nl")
    manager = User.objects.get(email="manager@demo.groeipad.nl")
    hr = User.objects.get(email="hr@demo.groeipad.nl")
    # The demo employee's closed round: shared, signals both ways, a withheld group.
    closed = FeedbackRound.objects.get(employee=employee.employee, status=RoundStatus.CLOSED)
    assert closed.share_with_manager
    report = report_for(closed)
    assert RaterGroup.PEER in report.shown
    assert report.withheld == [RaterGroup.OTHER]  # the one "other" is fewer than N
    assert report.manager_name  # the manager's own rating: named
    assert {row.signal for row in report.rows} >= {BLIND_SPOT, HIDDEN_STRENGTH}
    assert report.open_answers
    # Tokens are hashes (64 hex characters), unique, never a readable link.
    hashes = list(Rater.objects.values_list("token_hash", flat=True))
    assert len(set(hashes)) == len(hashes) and all(len(h) == 64 for h in hashes)
    # The demo manager: a closed round with their team shown, and one open, half answered.
    mine = FeedbackRound.objects.filter(employee=manager.employee)
    assert RaterGroup.DIRECT_REPORT in report_for(mine.get(status=RoundStatus.CLOSED)).shown
    open_round = mine.get(status=RoundStatus.OPEN)
    raters = Rater.objects.filter(round=open_round)
    # Open rounds know who answered (for reminders); closed ones no longer do.
    assert raters.filter(answered=True, round__status="open").exists()
    assert raters.filter(answered=False, round__status="open").exists()
    assert not Rater.objects.filter(round__status="closed", answered__isnull=False).exists()
    assert Response.objects.exists()
    assert open_round.closes_on > AS_OF
    # HR's group start: drafts, the demo employee's among them, no rater invited yet.
    drafts = FeedbackRound.objects.filter(status=RoundStatus.DRAFT)
    assert drafts.filter(employee=employee.employee, started_by=hr).exists()
    assert not Rater.objects.filter(round__in=drafts).exists()
    # At most one round in progress per employee, as round_start demands.
    busy = Counter(
        FeedbackRound.objects.exclude(status=RoundStatus.CLOSED).values_list(
            "employee_id", flat=True
        )
    )
    assert max(busy.values()) == 1
    first = _snapshot()
    call_command(*ARGS, "--replace")
    assert _snapshot() == first
