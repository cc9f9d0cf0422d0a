"""Erasure and pseudonymisation (art. 17): a leaver's personal data goes, last year's
KPIs stay exactly as they were; refused while employed; twice or as a dry run changes
nothing."""

from __future__ import annotations

import json
from datetime import date, timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from groeipad.people.tests.privacy_world import build_subject

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english():
    """The refusals are asserted in English (the Dutch is the translators' part)."""
    from django.utils import translation

    with translation.override("en"):
        yield


def _kpis(personas, year: int) -> dict:
    from groeipad.insights.kpis import Scope, compute_kpis, monthly_series
    from groeipad.people.scope import kpi_line

    start, end = date(year, 1, 1), date(year, 12, 31)
    line = Scope(
        employee_ids=kpi_line(personas.alice.pk, start, end).values("pk"),
        enps_department_id=personas.planning.pk,
    )
    return {
        "organisation": compute_kpis(start=start, end=end),
        "department": compute_kpis(start=start, end=end, department=personas.planning),
        "line": compute_kpis(start=start, end=end, scope=line),
        "months": monthly_series(start, end, department=personas.planning),
    }


def _snapshot() -> dict:
    """Every table the categories touch, row by row (to prove a run changed nothing)."""
    from django.apps import apps
    from django.core import serializers

    labels = [
        "people.Employee",
        "people.User",
        "people.Movement",
        "people.ApiToken",
        "plans.DevelopmentPlan",
        "plans.Goal",
        "plans.Action",
        "plans.CheckIn",
        "skills.Assessment",
        "skills.CurrentLevel",
        "skills.TalentProfile",
        "skills.PotentialObservation",
        "feedback.FeedbackRound",
        "feedback.Rater",
        "feedback.Answer",
        "learning.LearningActivity",
        "learning.Enrolment",
        "learning.Evaluation",
        "mentoring.Participant",
        "mentoring.Match",
        "mentoring.Meeting",
        "mentoring.PairFeedback",
        "coaching.CoachingTrajectory",
        "coaching.CoachingSession",
        "mobility.Application",
        "notifications.Reminder",
        "notifications.OutgoingEmail",
        "privacy.AuditEvent",
        "people.DataErasure",
    ]
    return {
        label: json.loads(
            serializers.serialize("json", apps.get_model(label).objects.order_by("pk"))
        )
        for label in labels
    }


@pytest.fixture
def leaver(personas):
    # Left last year, so last year's KPIs count her as a leaver, with her learning,
    # her move and her salary.
    last_year = timezone.localdate().year - 1
    subject = build_subject(personas, leave_date=date(last_year, 10, 31))
    from groeipad.surveys.models import Survey, SurveyAnswer

    survey = Survey.objects.create(name="eNPS", closing_date=date(last_year, 11, 30))
    for score in (9, 10, 7, 3, 9):
        SurveyAnswer.objects.create(survey=survey, score=score, department=personas.planning)
    return subject


def test_erasure_keeps_last_years_kpis_identical(leaver, personas):
    from groeipad.people.rights import employee_erase

    before = _kpis(personas, leaver.last_year)
    assert before["department"]["leavers"] == 1  # she is in them, independently checked
    assert before["organisation"]["internal_moves"] == 1
    result = employee_erase(personas.user("hanna"), leaver.employee, dry_run=False)
    assert result.changed and result.total > 0
    after = _kpis(personas, leaver.last_year)
    assert after == before


def test_erasure_removes_the_personal_data_and_pseudonymises(leaver, personas):
    from groeipad.coaching.models import CoachingTrajectory
    from groeipad.feedback.models import FeedbackRound, Rater
    from groeipad.learning.models import Enrolment, Evaluation, LearningActivity
    from groeipad.mentoring.models import Meeting, PairFeedback, Participant
    from groeipad.notifications.models import OutgoingEmail, Reminder
    from groeipad.people.models import DataErasure, Employee, User
    from groeipad.people.rights import employee_erase, subject_access_export
    from groeipad.plans.models import CheckIn, DevelopmentPlan
    from groeipad.privacy.models import AuditEvent
    from groeipad.skills.models import Assessment, PotentialObservation, TalentProfile

    carol = leaver.employee
    # Once she was someone's manager: her private notes of that check-in are hers.
    theirs = CheckIn.objects.create(
        employee=personas.dave,
        manager=carol,
        scheduled_for=date(leaver.last_year, 2, 2),
        shared_notes="Dave's gedeelde notitie",
        manager_private_notes="Carol's notitie over Dave",
    )
    employee_erase(personas.user("hanna"), carol, dry_run=False)
    theirs.refresh_from_db()
    assert (theirs.shared_notes, theirs.manager_private_notes) == ("Dave's gedeelde notitie", "")
    record = Employee.objects.get(pk=carol.pk)
    assert record.employee_number.startswith("verwijderd-") and len(record.employee_number) == 21
    assert "Carol" not in record.full_name and "Bakker" not in record.full_name
    assert record.email.endswith("@verwijderd.invalid")
    # What KPIs count stays.
    assert (record.department_id, record.hire_date, record.leave_date, record.annual_salary) == (
        personas.planning.pk,
        personas.carol.hire_date,
        carol.leave_date,
        personas.carol.annual_salary,
    )
    account = User.objects.get(pk=leaver.user.pk)
    assert not account.is_active and not account.has_usable_password()
    assert account.email == record.email
    for model in (DevelopmentPlan, CheckIn, Assessment, TalentProfile, PotentialObservation):
        assert not model.objects.filter(employee=carol).exists(), model
    assert not FeedbackRound.objects.filter(employee=carol).exists()
    assert not Reminder.objects.filter(user=account).exists()
    assert not OutgoingEmail.objects.filter(to__iexact="carol@example.nl").exists()
    # Her invitation to rate Dave no longer points at her.
    assert not Rater.objects.filter(email__iexact="carol@example.nl").exists()
    assert not Rater.objects.filter(user=account).exists()
    # Rows that aggregates count stay, without their texts.
    enrolment = Enrolment.objects.get(employee=carol)
    assert (enrolment.reason, enrolment.decision_reason, enrolment.cost) == ("", "", 100)
    evaluation = Evaluation.objects.get(enrolment=enrolment)
    assert (evaluation.rating, evaluation.comment, evaluation.rater_id) == (4, "", None)
    activity = LearningActivity.objects.get(employee=carol)
    assert activity.title.startswith("verwijderd-") and activity.cost == 650
    assert Participant.objects.get(employee=carol).languages == ""
    assert list(Meeting.objects.values_list("notes", flat=True)) == [""]
    # Anonymous end feedback is linked to nobody: erasing Carol leaves it as it was.
    assert sorted(PairFeedback.objects.values_list("role", "rating", "brought")) == [
        ("mentee", 5, "Veel zelfvertrouwen"),
        ("mentor", 4, "Mila's geheim"),
    ]
    trajectory = CoachingTrajectory.objects.get(employee=carol)
    assert (trajectory.goal_text, trajectory.coach_email, trajectory.budget) == ("", "", 900)
    assert set(DataErasure.objects.filter(employee=carol).values_list("rule", flat=True)) == {
        "development",
        "employment",
    }
    # The audit entry counts what went, and keeps neither her name nor her number.
    entry = AuditEvent.objects.get(action="delete", object_type="employee")
    assert entry.object_id == str(carol.pk)
    assert "Carol" not in json.dumps(entry.changes) + entry.summary
    assert "1003" not in json.dumps(entry.changes) + entry.summary
    # What is left to export names nobody: HR's export of the pseudonym.
    content = subject_access_export(personas.user("hanna"), record)
    assert b"Carol" not in content and b"carol@example.nl" not in content


def test_erasing_twice_changes_nothing_and_says_so(leaver, personas, client):
    from groeipad.people.rights import employee_erase

    hr = personas.user("hanna")
    client.force_login(hr)
    employee_erase(hr, leaver.employee, dry_run=False)
    before = _snapshot()
    again = employee_erase(hr, leaver.employee, dry_run=False)
    assert (again.changed, again.total) == (False, 0)
    assert _snapshot() == before
    number = leaver.employee.employee_number
    answer = client.post(
        f"/api/v1/privacy/erase/{number}", {"dry_run": False}, content_type="application/json"
    )
    assert answer.status_code == 200
    assert answer.json()["changed"] is False and answer.json()["total"] == 0
    assert _snapshot() == before


def test_a_dry_run_counts_and_changes_nothing(leaver, personas, client):
    from groeipad.people.rights import employee_erase

    client.force_login(personas.user("hanna"))
    before = _snapshot()
    result = employee_erase(personas.user("hanna"), leaver.employee, dry_run=True)
    # Counted here from the world: 1 plan + 1 goal + 1 action; 3 assessments.
    assert result.counts["plans"] == 3
    assert result.counts["assessments"] == 3
    assert result.counts["feedback_rounds"] == 1
    assert result.counts["feedback_invitations"] == 1
    assert result.counts["employee_record"] == 1
    assert _snapshot() == before
    # The API's default is a dry run; the page shows one and erases only when confirmed.
    answer = client.post("/api/v1/privacy/erase/1003", {}, content_type="application/json")
    assert answer.status_code == 200 and answer.json()["dry_run"] is True
    assert answer.json()["total"] == result.total
    page = client.get("/privacy/medewerkers/1003/")
    assert page.status_code == 200 and "erase-confirm" in page.content.decode()
    assert client.post("/privacy/medewerkers/1003/wissen/", {"confirm": "nee"}).status_code == 302
    assert _snapshot() == before
    done = client.post("/privacy/medewerkers/1003/wissen/", {"confirm": "1003"})
    assert done.status_code == 302
    assert _snapshot() != before


def test_erasure_is_refused_while_employed(personas, client):
    from groeipad.people.models import Employee
    from groeipad.people.rights import employee_erase

    subject = build_subject(personas)  # Carol is still employed
    before = _snapshot()
    with pytest.raises(ValidationError, match=r"still employed|nog in dienst"):
        employee_erase(personas.user("hanna"), subject.employee, dry_run=False)
    tomorrow = timezone.localdate() + timedelta(days=1)
    Employee.objects.filter(pk=subject.employee.pk).update(leave_date=tomorrow)
    subject.employee.refresh_from_db()
    client.force_login(personas.user("hanna"))
    before = _snapshot()
    with pytest.raises(ValidationError, match=f"(until|tot) {tomorrow.isoformat()}"):
        employee_erase(personas.user("hanna"), subject.employee, dry_run=True)
    answer = client.post(
        "/api/v1/privacy/erase/1003", {"dry_run": False}, content_type="application/json"
    )
    assert answer.status_code == 422 and ("nog in dienst" in answer.json()["detail"])
    assert _snapshot() == before


def test_only_hr_erases(leaver, personas, client):
    from django.core.management import call_command
    from django.core.management.base import CommandError

    from groeipad.people.rights import employee_erase

    for who in ("carol", "alice", "bob", "dave"):
        with pytest.raises(PermissionDenied):
            employee_erase(personas.user(who), leaver.employee, dry_run=True)
        client.force_login(personas.user(who))
        answer = client.post("/api/v1/privacy/erase/1003", {}, content_type="application/json")
        assert answer.status_code in (401, 403), who
    # The command: a dry run, then the erasure, then nothing left.
    before = _snapshot()
    call_command("privacy", "erase", "1003", "--dry-run")
    assert _snapshot() == before
    call_command("privacy", "erase", "1003")
    with pytest.raises(CommandError, match="No employee with number '1003'"):
        call_command("privacy", "erase", "1003")
    with pytest.raises(CommandError, match=r"still employed|nog in dienst"):
        call_command("privacy", "erase", "1002")
