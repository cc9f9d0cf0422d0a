"""A chosen transfer moves the employee on the offer's start date, not on the day of choice.

Choosing with the start date still ahead plans the transfer; ``transfers_apply`` (the
worker's scan, or ``groeipad rotations apply-transfers``) carries it out on the day, once,
with the movement dated the start date, and skips (and reports) one that no longer holds.
"""

import json
import threading
from datetime import date, timedelta
from io import StringIO

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import CommandError, call_command
from django.db import connection, connections
from django.utils import timezone, translation
from django_tasks_db.models import DBTaskResult

from groeipad.cli.main import usage
from groeipad.insights.kpis import compute_kpis
from groeipad.mobility import services
from groeipad.mobility.models import Application, RotationOffer, TransferStatus
from groeipad.people.models import Employee, Movement, MovementKind
from groeipad.people.services import api_token_create
from groeipad.privacy.models import AuditEvent

from .conftest import START

MARCH = {"start": date(2027, 3, 1), "end": date(2027, 3, 31)}
CHOICE_DAY = date(2026, 11, 27)  # months before START (1 March 2027)


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


@pytest.fixture
def planned(personas, consented):
    """Dave (Finance) chosen on CHOICE_DAY for a Planning transfer starting on START."""

    def _make(new_manager=None, **offer_fields):
        application = consented(is_transfer=True, **offer_fields)
        return services.application_decide(
            actor=personas.alice.user,
            application=application,
            choose=True,
            today=CHOICE_DAY,
            new_manager=new_manager,
        )

    return _make


def _dave(personas) -> Employee:
    return Employee.objects.select_related("department").get(pk=personas.dave.pk)


def test_a_future_transfer_is_planned_not_carried_out_at_the_choice(personas, planned):
    version = personas.dave.version
    application = planned()
    application.refresh_from_db()
    assert application.transfer_status == TransferStatus.PENDING
    assert application.transfer_from == personas.finance
    assert application.movement_id is None and application.transfer_applied_at is None
    assert application.plan_action_id  # the rotation is in the plan straight away
    dave = _dave(personas)
    assert (dave.department, dave.version) == (personas.finance, version)
    assert not Movement.objects.exists()
    assert compute_kpis(**MARCH)["internal_moves"] == 0
    assert application.get_transfer_display() == "transfer on 1 Mar 2027 (planned)"
    # Not due the day before the start.
    run = services.transfers_apply(today=START - timedelta(days=1))
    assert (run.applied, run.skipped) == ([], [])
    assert _dave(personas).department == personas.finance


def test_the_scan_carries_it_out_on_the_start_date(personas, planned):
    version = personas.dave.version
    application = planned()
    run = services.transfers_apply(today=START)
    assert [a["employee_number"] for a in run.applied] == ["1004"] and run.skipped == []
    assert run.applied[0]["date"] == "2027-03-01"
    dave = _dave(personas)
    assert (dave.department, dave.version) == (personas.planning, version + 1)
    movement = Movement.objects.get(employee=dave)
    assert (movement.kind, movement.date, movement.department) == (
        MovementKind.TRANSFER,
        START,
        personas.planning,
    )
    application.refresh_from_db()
    assert application.transfer_status == TransferStatus.APPLIED
    assert application.movement == movement and application.transfer_applied_at is not None
    assert application.get_transfer_display() == "transferred on 1 Mar 2027"
    # The internal mobility KPI counts it in March 2027, and not in February.
    assert compute_kpis(**MARCH)["internal_moves"] == 1
    feb = compute_kpis(start=date(2027, 2, 1), end=date(2027, 2, 28))
    assert feb["internal_moves"] == 0
    # Audited: the move of the employee and the settled application, by the system.
    events = set(
        AuditEvent.objects.filter(summary__contains="2027-03-01").values_list(
            "object_type", "actor_label"
        )
    )
    assert {("employee", "system"), ("rotation_application", "system")} <= events


def test_running_twice_applies_once(personas, planned):
    planned()
    assert len(services.transfers_apply(today=START).applied) == 1
    again = services.transfers_apply(today=START)
    later = services.transfers_apply(today=START + timedelta(days=10))
    assert again.applied == later.applied == [] and again.skipped == later.skipped == []
    assert Movement.objects.count() == 1
    assert AuditEvent.objects.filter(object_type="employee").count() == 1


def test_a_late_run_still_dates_the_move_on_the_start_date(personas, planned):
    planned()
    services.transfers_apply(today=START + timedelta(days=20))  # the worker was down
    assert Movement.objects.get().date == START
    assert compute_kpis(**MARCH)["internal_moves"] == 1


def test_a_second_worker_that_read_it_as_due_changes_nothing(personas, planned):
    application = planned()
    stale = list(services.transfers_due(START).values_list("pk", flat=True))
    services.transfers_apply(today=START)
    # What the second worker does with its stale list: the locked re-read finds it settled.
    assert [services._transfer_settle(pk, today=START, actor=None) for pk in stale] == [None]
    assert Movement.objects.count() == 1
    application.refresh_from_db()
    assert application.transfer_status == TransferStatus.APPLIED


def test_start_date_today_or_past_is_carried_out_at_once(personas, consented):
    for offset, title in ((0, "Today"), (-30, "Past")):
        start = CHOICE_DAY + timedelta(days=offset)
        application = consented(is_transfer=True, title=title, start_date=start)
        services.application_decide(
            actor=personas.hanna.user,
            application=application,
            choose=True,
            today=CHOICE_DAY,
            new_manager=personas.alice,
        )
        assert application.transfer_status == TransferStatus.APPLIED
        assert application.movement.date == start
        assert _dave(personas).manager == personas.alice
        Employee.objects.filter(pk=personas.dave.pk).update(
            department=personas.finance, manager=None
        )
    assert services.transfers_apply(today=CHOICE_DAY).applied == []
    assert Movement.objects.count() == 2


def test_a_temporary_rotation_never_moves(personas, consented):
    application = consented(is_transfer=False)
    services.application_decide(
        actor=personas.hanna.user, application=application, choose=True, today=CHOICE_DAY
    )
    assert application.transfer_status == TransferStatus.NONE
    assert application.get_transfer_display() == ""
    for day in (START, START + timedelta(days=100)):
        assert services.transfers_apply(today=day).applied == []
    assert _dave(personas).department == personas.finance
    assert not Movement.objects.exists()
    assert compute_kpis(**MARCH)["internal_moves"] == 0


def test_an_employee_who_left_before_the_start_is_skipped_and_reported(personas, planned):
    application = planned()
    Employee.objects.filter(pk=personas.dave.pk).update(leave_date=date(2027, 1, 31))
    run = services.transfers_apply(today=START)
    assert run.applied == []
    assert [(s["employee_number"], s["reason"]) for s in run.skipped] == [
        ("1004", "Dave Visser left on 2027-01-31, before the start date.")
    ]
    assert _dave(personas).department == personas.finance
    assert not Movement.objects.exists()
    application.refresh_from_db()
    assert application.transfer_status == TransferStatus.SKIPPED
    assert application.get_transfer_display() == (
        "transfer on 1 Mar 2027 not carried out: "
        "Dave Visser left on 2027-01-31, before the start date."
    )
    assert (
        AuditEvent.objects.filter(
            object_type="rotation_application", summary__contains="not carried out"
        ).count()
        == 1
    )
    # Reported once: the next run does not try it again.
    assert services.transfers_apply(today=START + timedelta(days=1)).skipped == []


def test_leaving_after_the_start_date_does_not_stop_the_move(personas, planned):
    planned()
    Employee.objects.filter(pk=personas.dave.pk).update(leave_date=date(2027, 6, 30))
    assert len(services.transfers_apply(today=START).applied) == 1


def test_an_employee_moved_elsewhere_after_the_choice_is_skipped(personas, planned):
    planned()
    Employee.objects.filter(pk=personas.dave.pk).update(department=personas.hr)
    run = services.transfers_apply(today=START)
    assert run.applied == [] and "moved to HR after being chosen" in run.skipped[0]["reason"]
    assert _dave(personas).department == personas.hr and not Movement.objects.exists()


def test_an_employee_already_in_the_host_department_is_skipped(personas, planned):
    planned()
    Employee.objects.filter(pk=personas.dave.pk).update(department=personas.planning)
    run = services.transfers_apply(today=START)
    assert run.skipped[0]["reason"] == "Dave Visser already works in Planning."
    assert not Movement.objects.exists()


def test_a_withdrawn_application_is_skipped(personas, planned):
    application = planned()
    Application.objects.filter(pk=application.pk).update(withdrawn_at=timezone.now())
    run = services.transfers_apply(today=START)
    assert run.applied == [] and "withdrawn" in run.skipped[0]["reason"]
    assert not Movement.objects.exists()


def test_host_or_hr_calls_off_a_planned_transfer_with_a_reason(personas, planned):
    application = planned()
    with pytest.raises(PermissionDenied):  # the applicant asks the host, not the app
        services.transfer_cancel(actor=personas.dave.user, application=application, reason="x")
    with pytest.raises(ValidationError, match="Give a reason"):
        services.transfer_cancel(actor=personas.alice.user, application=application, reason=" ")
    services.transfer_cancel(
        actor=personas.alice.user, application=application, reason="Reorganisation"
    )
    assert application.transfer_status == TransferStatus.SKIPPED
    assert application.get_transfer_display() == (
        "transfer on 1 Mar 2027 not carried out: called off: Reorganisation"
    )
    assert application.plan_action_id  # the rotation itself stays in the plan
    assert services.transfers_apply(today=START).applied == []
    assert _dave(personas).department == personas.finance and not Movement.objects.exists()
    assert AuditEvent.objects.filter(
        summary__contains="called off: Reorganisation", actor_label="alice@example.nl"
    ).exists()
    with pytest.raises(ValidationError, match="Only a planned transfer"):
        services.transfer_cancel(actor=personas.hanna.user, application=application, reason="x")


def test_a_carried_out_transfer_cannot_be_called_off(personas, planned):
    application = planned()
    services.transfers_apply(today=START)
    with pytest.raises(ValidationError, match="Only a planned transfer"):
        services.transfer_cancel(actor=personas.hanna.user, application=application, reason="x")
    assert Movement.objects.count() == 1


def test_calling_off_on_the_page_and_in_the_api(personas, planned, make_offer, login, client):
    application = planned()
    host = login(personas.alice.user)
    host.cookies["django_language"] = "en"
    page = host.get(f"/mobiliteit/{application.offer_id}/").content.decode()
    assert "Call off the transfer" in page
    url = f"/mobiliteit/aanmelding/{application.pk}/overplaatsing-afblazen/"
    response = host.post(url, {"reason": "Budget frozen"}, follow=True)
    assert "is called off; they stay in their own department" in response.content.decode()
    application.refresh_from_db()
    assert application.transfer_note == "called off: Budget frozen"
    assert (
        "Call off the transfer"
        not in host.get(f"/mobiliteit/{application.offer_id}/").content.decode()
    )
    # API: Alice (Planning) chosen for a Finance transfer; Carol may not see it (404).
    offer = make_offer(host_department=personas.finance, is_transfer=True, title="Finance")
    alice = services.application_create(actor=personas.alice.user, offer=offer)
    services.application_consent(actor=personas.bob.user, application=alice, give=True)
    services.application_decide(
        actor=personas.hanna.user,
        application=alice,
        choose=True,
        today=CHOICE_DAY,
        new_manager=personas.dave,
    )

    def call(who, reason):
        user = personas.admin.user if who == "admin" else personas.user(who)
        token = api_token_create(actor=None, user=user)[1]
        return client.post(
            f"/api/v1/rotations/applications/{alice.pk}/cancel-transfer",
            {"reason": reason},
            content_type="application/json",
            HTTP_AUTHORIZATION=f"Bearer {token}",
        )

    assert call("carol", "No").status_code == 404
    assert call("hanna", "").status_code == 422
    body = call("hanna", "Changed plans").json()
    assert (body["transfer_status"], body["transfer_note"]) == (
        "skipped",
        "called off: Changed plans",
    )
    assert call("hanna", "Again").status_code == 422


def test_the_command_applies_and_reports(personas, planned, consented, make_offer):
    planned(new_manager=personas.carol)  # Alice leaves below: Carol manages Dave
    # Alice (Planning) is chosen for a Finance transfer, then leaves before it starts.
    offer = make_offer(host_department=personas.finance, is_transfer=True, title="Finance")
    alice = services.application_create(actor=personas.alice.user, offer=offer)
    services.application_consent(actor=personas.bob.user, application=alice, give=True)
    services.application_decide(
        actor=personas.hanna.user,
        application=alice,
        choose=True,
        today=CHOICE_DAY,
        new_manager=personas.dave,
    )
    Employee.objects.filter(pk=personas.alice.pk).update(leave_date=date(2027, 2, 1))
    out, err = StringIO(), StringIO()
    call_command("rotations", "apply-transfers", "--today", "2027-03-01", stdout=out, stderr=err)
    text = out.getvalue()
    assert "1004 Dave Visser: transferred to Planning on 2027-03-01" in text
    assert "1002 Alice Jansen: transfer to Finance on 2027-03-01 skipped, Alice Jansen left" in text
    assert "Transfers up to 2027-03-01: 1 carried out, 1 skipped" in text
    assert "not tried again" in err.getvalue()
    again = StringIO()
    call_command("rotations", "apply-transfers", "--today", "2027-03-01", "--json", stdout=again)
    assert json.loads(again.getvalue()) == {"day": "2027-03-01", "applied": [], "skipped": []}
    employee_events = AuditEvent.objects.filter(object_type="employee")
    assert employee_events.get().actor_label.startswith("command line")
    with pytest.raises(CommandError, match="not a date"):
        call_command("rotations", "apply-transfers", "--today", "1-3-2027")
    assert "rotations" in usage()


@pytest.mark.django_db(transaction=True)
def test_groeipad_worker_schedules_and_runs_the_transfers(personas, planned):
    application = planned()
    # The start date has come (moved to today, as if the months had passed).
    RotationOffer.objects.filter(pk=application.offer_id).update(start_date=timezone.localdate())
    call_command("worker", batch=True, verbosity=0, scan_every=60)
    call_command("worker", batch=True, verbosity=0, scan_every=60)  # same slot: not again
    runs = DBTaskResult.objects.filter(task_path="groeipad.mobility.tasks.apply_transfers")
    assert runs.count() == 1 and runs.get().status == "SUCCESSFUL"
    assert [a["employee_number"] for a in runs.get().return_value["applied"]] == ["1004"]
    assert _dave(personas).department == personas.planning
    assert Movement.objects.get().date == timezone.localdate()


@pytest.mark.django_db(transaction=True)
def test_two_workers_at_once_apply_the_transfer_once(personas, planned):
    if connection.vendor != "postgresql":
        pytest.skip("two connections writing at once: PostgreSQL")
    planned()
    start = threading.Barrier(2)
    runs = []

    def work():
        try:
            start.wait()
            runs.append(services.transfers_apply(today=START))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=work) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    assert sorted(len(run.applied) for run in runs) == [0, 1]
    assert Movement.objects.count() == 1
    assert AuditEvent.objects.filter(object_type="employee").count() == 1
