"""A transfer moves the management line too: the host names the new manager at the choice,
and the transfer sets it together with the department (now or on the start date).

Visibility follows the management line, so after the transfer the old manager no longer
sees the employee (404) and the new one does (200).
"""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation

from groeipad.mobility import services
from groeipad.mobility.models import Application, TransferStatus
from groeipad.people.models import Employee
from groeipad.people.services import api_token_create
from groeipad.privacy.models import AuditEvent

from .conftest import START

CHOICE_DAY = date(2026, 11, 27)


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


@pytest.fixture
def carol_to_finance(personas, make_offer):
    """Carol (Planning, managed by Alice) applied to a Finance transfer; Alice consented."""

    def _make(**offer_fields):
        fields = {"host_department": personas.finance, "is_transfer": True, "title": "Finance"}
        offer = make_offer(**{**fields, **offer_fields})
        application = services.application_create(actor=personas.carol.user, offer=offer)
        return services.application_consent(
            actor=personas.alice.user, application=application, give=True
        )

    return _make


def _employee(pk) -> Employee:
    return Employee.objects.get(pk=pk)


def _page_status(client, user, number) -> int:
    client.force_login(user)
    return client.get(reverse("web:employee_detail", args=[number])).status_code


def test_immediate_transfer_sets_the_new_manager_and_moves_visibility(
    personas, carol_to_finance, client
):
    application = carol_to_finance(start_date=CHOICE_DAY)
    assert _page_status(client, personas.alice.user, "1003") == 200
    assert _page_status(client, personas.dave.user, "1003") == 404
    services.application_decide(
        actor=personas.hanna.user,
        application=application,
        choose=True,
        today=CHOICE_DAY,
        new_manager=personas.dave,
    )
    carol = _employee(personas.carol.pk)
    assert (carol.department, carol.manager) == (personas.finance, personas.dave)
    assert application.transfer_status == TransferStatus.APPLIED
    assert Application.objects.get(pk=application.pk).new_manager == personas.dave
    event = AuditEvent.objects.filter(object_type="employee", object_id="1003").get()
    assert event.changes["manager"] == ["1002", "1004"]
    assert event.changes["department"] == ["Planning", "Finance"]
    assert _page_status(client, personas.alice.user, "1003") == 404
    assert _page_status(client, personas.bob.user, "1003") == 404
    assert _page_status(client, personas.dave.user, "1003") == 200


def test_scheduled_transfer_sets_the_new_manager_on_the_start_date(
    personas, carol_to_finance, client
):
    application = carol_to_finance()  # starts on START, months after the choice
    services.application_decide(
        actor=personas.hanna.user,
        application=application,
        choose=True,
        today=CHOICE_DAY,
        new_manager=personas.dave,
    )
    # Planned only: the line stays as it is until the start date.
    carol = _employee(personas.carol.pk)
    assert (carol.department, carol.manager) == (personas.planning, personas.alice)
    assert _page_status(client, personas.alice.user, "1003") == 200
    run = services.transfers_apply(today=START)
    assert [a["employee_number"] for a in run.applied] == ["1003"]
    carol = _employee(personas.carol.pk)
    assert (carol.department, carol.manager) == (personas.finance, personas.dave)
    assert _page_status(client, personas.alice.user, "1003") == 404
    assert _page_status(client, personas.dave.user, "1003") == 200


def test_the_deciding_host_manager_is_the_default(personas, consented):
    application = consented(is_transfer=True, start_date=CHOICE_DAY)
    services.application_decide(
        actor=personas.alice.user, application=application, choose=True, today=CHOICE_DAY
    )
    dave = _employee(personas.dave.pk)
    assert (dave.department, dave.manager) == (personas.planning, personas.alice)
    assert application.new_manager == personas.alice


def test_hr_must_name_the_new_manager(personas, consented):
    application = consented(is_transfer=True)
    with pytest.raises(ValidationError, match="New manager: name who manages Dave Visser"):
        services.application_decide(
            actor=personas.hanna.user, application=application, choose=True, today=CHOICE_DAY
        )
    # Bob hosts Planning (Alice reports to him) but works in Operations, above it.
    with pytest.raises(ValidationError, match="New manager"):
        services.application_decide(
            actor=personas.bob.user, application=application, choose=True, today=CHOICE_DAY
        )
    application.refresh_from_db()
    assert application.decision == "pending" and application.new_manager_id is None


@pytest.mark.parametrize(
    ("who", "message"),
    [
        ("bob", "New manager: choose someone who works in Planning or one of its"),
        ("hanna", "New manager: choose someone who works in Planning or one of its"),
        ("dave", "New manager: Dave Visser cannot be their own manager."),
    ],
)
def test_refused_outside_the_host_department_or_the_employee(personas, consented, who, message):
    application = consented(is_transfer=True, start_date=CHOICE_DAY)
    with pytest.raises(ValidationError, match=message):
        services.application_decide(
            actor=personas.hanna.user,
            application=application,
            choose=True,
            today=CHOICE_DAY,
            new_manager=getattr(personas, who),
        )
    dave = _employee(personas.dave.pk)
    assert (dave.department, dave.manager) == (personas.finance, None)
    application.refresh_from_db()
    assert application.decision == "pending"


def test_a_temporary_rotation_never_changes_the_manager(personas, carol_to_finance):
    application = carol_to_finance(is_transfer=False, start_date=CHOICE_DAY)
    services.application_decide(
        actor=personas.hanna.user,
        application=application,
        choose=True,
        today=CHOICE_DAY,
        new_manager=personas.dave,
    )
    assert application.new_manager_id is None
    assert services.transfers_apply(today=START).applied == []
    carol = _employee(personas.carol.pk)
    assert (carol.department, carol.manager) == (personas.planning, personas.alice)


def test_the_scan_skips_when_the_named_manager_left(personas, carol_to_finance):
    application = carol_to_finance()
    services.application_decide(
        actor=personas.hanna.user,
        application=application,
        choose=True,
        today=CHOICE_DAY,
        new_manager=personas.dave,
    )
    Employee.objects.filter(pk=personas.dave.pk).update(leave_date=date(2027, 1, 31))
    run = services.transfers_apply(today=START)
    assert run.applied == []
    assert run.skipped[0]["reason"].startswith(
        "The new manager named for Carol Bakker no longer works in Finance"
    )
    carol = _employee(personas.carol.pk)
    assert (carol.department, carol.manager) == (personas.planning, personas.alice)


def test_a_report_of_the_employee_cannot_become_their_manager(personas, make_offer):
    # Alice (manages Carol) moves within reach of Carol: Operations hosts, Carol's
    # Planning is below it. Carol reporting to Alice cannot also manage her.
    offer = make_offer(host_department=personas.operations, is_transfer=True, start_date=CHOICE_DAY)
    application = services.application_create(actor=personas.alice.user, offer=offer)
    services.application_consent(actor=personas.bob.user, application=application, give=True)
    with pytest.raises(ValidationError, match="Carol Bakker reports to Alice Jansen"):
        services.application_decide(
            actor=personas.hanna.user,
            application=application,
            choose=True,
            today=CHOICE_DAY,
            new_manager=personas.carol,
        )
    assert _employee(personas.alice.pk).department == personas.planning


def test_the_page_offers_the_host_employees_for_transfers_only(
    personas, consented, make_offer, login
):
    client = login(personas.alice.user)
    client.cookies["django_language"] = "en"
    rotation = consented(is_transfer=False, title="Temporary")
    body = client.get(f"/mobiliteit/{rotation.offer_id}/").content.decode()
    assert 'name="new_manager"' not in body
    Application.objects.filter(pk=rotation.pk).delete()
    application = consented(is_transfer=True, start_date=CHOICE_DAY, title="Transfer")
    body = client.get(f"/mobiliteit/{application.offer_id}/").content.decode()
    assert 'name="new_manager"' in body
    assert f'<option value="{personas.alice.pk}" selected>Alice Jansen (Planning)' in body
    assert f'<option value="{personas.carol.pk}">Carol Bakker (Planning)' in body
    assert "Bob de Vries" not in body  # Operations, above Planning
    # A manager outside Planning is refused with the field named; nothing changes.
    url = f"/mobiliteit/aanmelding/{application.pk}/besluit/"
    response = client.post(url, {"decision": "yes", "new_manager": personas.bob.pk}, follow=True)
    assert "New manager: choose someone who works in Planning" in response.content.decode()
    assert _employee(personas.dave.pk).department == personas.finance
    response = client.post(url, {"decision": "yes", "new_manager": "x"}, follow=True)
    assert "New manager: choose someone" in response.content.decode()
    client.post(url, {"decision": "yes", "new_manager": personas.carol.pk})
    dave = _employee(personas.dave.pk)
    assert (dave.department, dave.manager) == (personas.planning, personas.carol)


@pytest.fixture
def choose(personas, client):
    # Groeipad ignores Accept-Language (Dutch first); the language cookie asks for English.
    client.cookies["django_language"] = "en"

    def _choose(who, application, body):
        token = api_token_create(actor=None, user=personas.user(who))[1]
        return client.post(
            f"/api/v1/rotations/applications/{application.pk}/choose",
            body,
            content_type="application/json",
            HTTP_AUTHORIZATION=f"Bearer {token}",
        )

    return _choose


def test_the_api_takes_the_new_manager_by_employee_number(personas, carol_to_finance, choose):
    application = carol_to_finance(start_date=CHOICE_DAY)
    for number, status in (("9999", 422), ("1001", 422), ("1003", 422)):
        assert choose("hanna", application, {"new_manager": number}).status_code == status
    assert "New manager" in str(choose("hanna", application, {}).json())
    # The applicant may not choose, whether the number exists or not: no probing.
    assert choose("carol", application, {"new_manager": "9999"}).status_code == 403
    assert choose("carol", application, {"new_manager": "1004"}).status_code == 403
    body = choose("hanna", application, {"reason": "Fits", "new_manager": "1004"}).json()
    assert (body["transfer_status"], body["new_manager"]) == ("applied", "1004")
    assert _employee(personas.carol.pk).manager == personas.dave


def test_the_api_without_new_manager_takes_the_deciding_host_manager(personas, consented, choose):
    dave_app = consented(is_transfer=True, start_date=CHOICE_DAY, title="Planning")
    body = choose("alice", dave_app, {"reason": ""}).json()
    assert (body["transfer_status"], body["new_manager"]) == ("applied", "1002")


def test_the_migration_names_the_deciding_host_manager_for_planned_transfers(
    personas, consented, carol_to_finance
):
    import importlib

    from django.apps import apps

    fill = importlib.import_module("groeipad.mobility.migrations.0004_fill_new_manager").fill
    by_alice = consented(is_transfer=True)  # Planning, chosen by Alice (Planning)
    services.application_decide(
        actor=personas.alice.user, application=by_alice, choose=True, today=CHOICE_DAY
    )
    by_hr = carol_to_finance()
    services.application_decide(
        actor=personas.hanna.user,
        application=by_hr,
        choose=True,
        today=CHOICE_DAY,
        new_manager=personas.dave,
    )
    Application.objects.update(new_manager=None)  # as before the new manager existed
    fill(apps, None)
    assert Application.objects.get(pk=by_alice.pk).new_manager == personas.alice
    assert Application.objects.get(pk=by_hr.pk).new_manager_id is None  # HR: skipped later
    run = services.transfers_apply(today=START)
    assert [a["employee_number"] for a in run.applied] == ["1004"]
    assert [s["reason"] for s in run.skipped] == [
        "No new manager in Finance is named for Carol Bakker; HR decides whether the "
        "transfer still stands."
    ]


def _line_numbers(user) -> set[str]:
    from groeipad.people import scope

    return set(scope.line(scope.viewer_for(user)).values_list("employee_number", flat=True))


def test_after_an_immediate_transfer_the_reporting_line_closure_follows_the_new_manager(
    personas, carol_to_finance
):
    from groeipad.people import reporting_lines

    application = carol_to_finance(start_date=CHOICE_DAY)
    assert "1003" in _line_numbers(personas.alice.user)
    assert "1003" in _line_numbers(personas.bob.user)
    assert "1003" not in _line_numbers(personas.dave.user)
    services.application_decide(
        actor=personas.hanna.user,
        application=application,
        choose=True,
        today=CHOICE_DAY,
        new_manager=personas.dave,
    )
    assert "1003" not in _line_numbers(personas.alice.user)
    assert "1003" not in _line_numbers(personas.bob.user)
    assert _line_numbers(personas.dave.user) == {"1003"}
    # The closure is what walking the managers on record gives.
    assert reporting_lines.stored_pairs() == reporting_lines.walk_pairs()


def test_a_transfer_carried_out_on_its_start_date_moves_the_reporting_line_too(
    personas, carol_to_finance
):
    from groeipad.people import reporting_lines

    application = carol_to_finance()
    services.application_decide(
        actor=personas.hanna.user,
        application=application,
        choose=True,
        today=CHOICE_DAY,
        new_manager=personas.dave,
    )
    assert "1003" in _line_numbers(personas.alice.user)  # planned, not yet carried out
    run = services.transfers_apply(today=START)
    assert [a["employee_number"] for a in run.applied] == ["1003"]
    assert "1003" not in _line_numbers(personas.alice.user)
    assert _line_numbers(personas.dave.user) == {"1003"}
    assert reporting_lines.stored_pairs() == reporting_lines.walk_pairs()
