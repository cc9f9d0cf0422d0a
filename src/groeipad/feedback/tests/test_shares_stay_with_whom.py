"""A report shared with a manager or a mentor stays with that person.

Whoever becomes the employee's manager later (a correction through the service, a
transfer, HR in the Django admin) gets nothing; the manager it was shared with keeps
reading it while the share stands, and the employee may withdraw it or share it anew.
"""

from __future__ import annotations

import importlib
from datetime import date, timedelta

import pytest
from django.apps import apps
from django.utils import timezone

from groeipad.feedback import services
from groeipad.feedback.models import FeedbackRound
from groeipad.people.models import Employee


@pytest.fixture
def shared(world, start_round, add_rater):
    """Alice's closed round, shared with her manager Bob (peers 3, so a report)."""
    feedback_round = start_round(n=3)
    add_rater(feedback_round, "self", {world.listen: 4})
    for rating in (2, 3, 4):
        add_rater(feedback_round, "peer", {world.listen: rating})
    services.round_close(actor=world.user("alice"), feedback_round=feedback_round)
    services.round_share(
        actor=world.user("alice"), feedback_round=feedback_round, with_manager=True
    )
    return feedback_round


def _reads(login, user, feedback_round) -> tuple[int, int]:
    """(page status, API status) of the report for ``user``."""
    client = login(user)
    page = client.get(f"/feedback/rondes/{feedback_round.pk}/rapport/").status_code
    api = client.get(f"/api/v1/feedback/rounds/{feedback_round.pk}/report").status_code
    return page, api


def _set_manager(employee: Employee, manager: Employee | None) -> None:
    from groeipad.people.services import employee_update

    fresh = Employee.objects.get(pk=employee.pk)
    employee_update(actor=None, employee=fresh, version=fresh.version, manager=manager)


def test_sharing_records_the_manager_of_that_moment(world, shared):
    shared.refresh_from_db()
    assert shared.share_with_manager
    assert shared.shared_with_manager_employee_id == world.bob.pk


def test_a_new_manager_by_a_correction_does_not_get_the_report_the_old_one_keeps_it(
    login, world, shared
):
    _set_manager(world.alice, world.dave)
    assert _reads(login, world.user("dave"), shared) == (404, 404)
    assert _reads(login, world.user("bob"), shared) == (200, 200)


def test_a_transfer_with_a_new_manager_does_not_hand_the_report_on(login, world, shared):
    from groeipad.people.services import employee_transfer

    employee_transfer(
        actor=None,
        employee=Employee.objects.get(pk=world.alice.pk),
        department=world.finance,
        date=date(2026, 1, 1),
        manager=world.dave,
    )
    assert Employee.objects.get(pk=world.alice.pk).manager_id == world.dave.pk
    assert _reads(login, world.user("dave"), shared) == (404, 404)
    assert _reads(login, world.user("bob"), shared) == (200, 200)


def _admin_set_manager(client, employee: Employee, manager: Employee) -> None:
    url = f"/admin/people/employee/{employee.pk}/change/"
    form = client.get(url).context["adminform"].form
    data = {k: ("" if v is None else v) for k, v in form.initial.items()}
    data.update(
        {
            "department": employee.department_id,
            "manager": manager.pk,
            "job_profile": employee.job_profile_id or "",
            "annual_salary": "48000.00",
            "fte": "1.00",
        }
    )
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]


def test_hr_making_themselves_the_manager_in_the_admin_gets_no_report(login, world, shared):
    hanna = login(world.user("hanna"))
    _admin_set_manager(hanna, world.alice, world.hanna)
    assert Employee.objects.get(pk=world.alice.pk).manager_id == world.hanna.pk
    assert _reads(login, world.user("hanna"), shared) == (404, 404)
    assert _reads(login, world.user("bob"), shared) == (200, 200)


def test_hr_as_new_manager_of_an_unshared_report_gets_nothing_either(
    login, world, start_round, add_rater
):
    feedback_round = start_round(n=3)
    for rating in (2, 3, 4):
        add_rater(feedback_round, "peer", {world.listen: rating})
    services.round_close(actor=world.user("alice"), feedback_round=feedback_round)
    _set_manager(world.alice, world.hanna)
    assert _reads(login, world.user("hanna"), feedback_round) == (404, 404)
    assert _reads(login, world.user("bob"), feedback_round) == (404, 404)


def test_saving_the_form_again_keeps_the_share_with_the_same_manager(login, world, shared):
    _set_manager(world.alice, world.dave)
    alice = login(world.user("alice"))
    alice.post(f"/feedback/rondes/{shared.pk}/delen/", {"with_manager": "on", "mentor_email": ""})
    shared.refresh_from_db()
    assert shared.shared_with_manager_employee_id == world.bob.pk
    assert _reads(login, world.user("dave"), shared) == (404, 404)
    assert _reads(login, world.user("bob"), shared) == (200, 200)


def test_the_employee_withdraws_and_shares_anew_with_the_new_manager(login, world, shared):
    _set_manager(world.alice, world.dave)
    alice = login(world.user("alice"))
    alice.cookies["django_language"] = "en"
    page = alice.get(f"/feedback/rondes/{shared.pk}/").content.decode()
    assert "Shared with Bob de Vries." in page and "your new manager does not" in page
    alice.post(f"/feedback/rondes/{shared.pk}/delen/", {"mentor_email": ""})  # withdrawn
    assert _reads(login, world.user("bob"), shared) == (404, 404)
    alice = login(world.user("alice"))
    alice.post(f"/feedback/rondes/{shared.pk}/delen/", {"with_manager": "on", "mentor_email": ""})
    shared.refresh_from_db()
    assert shared.shared_with_manager_employee_id == world.dave.pk
    assert _reads(login, world.user("dave"), shared) == (200, 200)
    assert _reads(login, world.user("bob"), shared) == (404, 404)


def test_sharing_with_no_manager_on_record_is_refused(world, start_round):
    from django.core.exceptions import ValidationError

    feedback_round = start_round()
    _set_manager(world.alice, None)
    feedback_round.refresh_from_db()
    with pytest.raises(ValidationError):
        services.round_share(
            actor=world.user("alice"), feedback_round=feedback_round, with_manager=True
        )
    feedback_round.refresh_from_db()
    assert not feedback_round.share_with_manager
    assert feedback_round.shared_with_manager_employee_id is None


def test_a_report_shared_with_a_mentor_stays_with_that_mentor_when_the_pair_changes(
    login, world, shared
):
    from groeipad.mentoring.models import Match, MatchStatus, Participant, Programme

    programme = Programme.objects.create(name="Mentoring 2026")
    dave = Participant.objects.create(programme=programme, employee=world.dave, role="mentor")
    alice = Participant.objects.create(programme=programme, employee=world.alice, role="mentee")
    match = Match.objects.create(
        programme=programme, mentor=dave, mentee=alice, status=MatchStatus.CONFIRMED
    )
    services.round_share(
        actor=world.user("alice"),
        feedback_round=shared,
        with_manager=False,
        mentor_employee_id=world.dave.pk,
    )
    assert _reads(login, world.user("dave"), shared) == (200, 200)
    # The pair changes: carol becomes alice's mentor. The report stays with dave.
    carol = Participant.objects.create(programme=programme, employee=world.carol, role="mentor")
    match.mentor = carol
    match.save()
    assert _reads(login, world.user("dave"), shared) == (200, 200)
    assert _reads(login, world.user("carol"), shared) == (404, 404)
    # And a manager change hands nothing to the mentor's side or the new manager.
    _set_manager(world.alice, world.hanna)
    assert _reads(login, world.user("hanna"), shared) == (404, 404)


def test_the_data_migration_records_the_current_manager_for_existing_shares(world, start_round):
    migration = importlib.import_module(
        "groeipad.feedback.migrations.0003_shared_with_manager_employee"
    )
    with_manager = start_round()
    FeedbackRound.objects.filter(pk=with_manager.pk).update(
        share_with_manager=True, shared_with_manager_employee=None
    )
    without = FeedbackRound.objects.create(
        employee=world.bob, closes_on=with_manager.closes_on, share_with_manager=True
    )
    migration.record_the_manager_shared_with(apps, None)
    with_manager.refresh_from_db()
    without.refresh_from_db()
    assert with_manager.shared_with_manager_employee_id == world.bob.pk
    # Bob has no manager: nobody could read it before, and nobody can now.
    assert not without.share_with_manager and without.shared_with_manager_employee_id is None


def test_hr_who_started_and_closed_the_round_still_never_reads_the_report(
    login, world, set_settings, add_rater
):
    set_settings(3)
    (feedback_round,) = services.rounds_start_for_group(
        actor=world.user("hanna"),
        employees=[world.alice],
        closes_on=timezone.localdate() + timedelta(days=30),
    ).started
    services.round_open(actor=world.user("alice"), feedback_round=feedback_round)
    for rating in (2, 3, 4):
        add_rater(feedback_round, "peer", {world.listen: rating})
    services.round_close(actor=world.user("hanna"), feedback_round=feedback_round)  # HR may
    assert _reads(login, world.user("hanna"), feedback_round) == (404, 404)
    assert _reads(login, world.user("alice"), feedback_round) == (200, 200)
