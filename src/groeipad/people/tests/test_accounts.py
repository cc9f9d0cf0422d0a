from datetime import date

import pytest

from groeipad.conftest import PASSWORD
from groeipad.people.models import Employee
from groeipad.people.services import StaleEdit, employee_update
from groeipad.privacy.models import AuditEvent


def test_login_by_email_and_password(client, personas):
    response = client.post("/login/", {"username": "Carol@example.nl", "password": PASSWORD})
    assert response.status_code == 302
    assert client.get("/").status_code == 200


def test_account_is_locked_after_repeated_failures(client, personas, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post("/login/", {"username": "Carol@Example.nl", "password": "wrong"})
    # Even the right password is refused while the lock holds.
    response = client.post("/login/", {"username": "carol@example.nl", "password": PASSWORD})
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session
    # Another account is not affected by carol's lock.
    other = client.post("/login/", {"username": "dave@example.nl", "password": PASSWORD})
    assert other.status_code == 302


def test_employee_update_bumps_version_and_audits(personas):
    employee = personas.carol
    employee_update(
        actor=personas.user("hanna"),
        employee=employee,
        version=employee.version,
        last_name="Bakker-de Wit",
    )
    stored = Employee.objects.get(pk=employee.pk)
    assert stored.last_name == "Bakker-de Wit"
    assert stored.version == 2
    event = AuditEvent.objects.get(object_type="employee", object_id="1003")
    assert event.changes == {"last_name": ["Bakker", "Bakker-de Wit"]}


def test_second_of_two_concurrent_edits_is_refused_and_loses_nothing(personas):
    first = Employee.objects.get(pk=personas.carol.pk)
    second = Employee.objects.get(pk=personas.carol.pk)
    employee_update(actor=None, employee=first, version=first.version, last_name="Eerste")
    with pytest.raises(StaleEdit):
        employee_update(actor=None, employee=second, version=second.version, fte="0.8")
    stored = Employee.objects.get(pk=personas.carol.pk)
    assert stored.last_name == "Eerste"
    assert str(stored.fte) == "1.00"


def test_employee_update_validates_before_writing(personas):
    from django.core.exceptions import ValidationError

    employee = Employee.objects.get(pk=personas.carol.pk)
    with pytest.raises(ValidationError):
        employee_update(
            actor=None,
            employee=employee,
            version=employee.version,
            leave_date=date(2019, 1, 1),
            leave_reason="voluntary",
        )
    assert Employee.objects.get(pk=personas.carol.pk).leave_date is None


def test_admin_refuses_a_stale_employee_edit(client, personas):
    client.force_login(personas.user("hanna"))
    url = f"/admin/people/employee/{personas.carol.pk}/change/"
    form = client.get(url).context["adminform"].form
    data = {k: ("" if v is None else v) for k, v in form.initial.items()}
    data.update(
        {
            "department": personas.planning.pk,
            "manager": personas.alice.pk,
            "job_profile": "",
            "annual_salary": "48000.00",
            "fte": "1.00",
        }
    )
    Employee.objects.filter(pk=personas.carol.pk).update(version=5)  # someone else saved
    client.cookies["django_language"] = "en"
    response = client.post(url, data)
    assert response.status_code == 200
    assert "Someone else changed this employee" in response.content.decode()
