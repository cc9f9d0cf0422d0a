import pytest
from django.db import DatabaseError, connection, transaction

from groeipad.privacy.models import AppendOnlyError, AuditEvent
from groeipad.privacy.services import audit_record


@pytest.fixture
def event(db):
    return audit_record(
        actor=None, action="create", object_type="employee", object_id=1, summary="created"
    )


def test_entries_cannot_be_changed_through_the_orm(event):
    event.summary = "rewritten"
    with pytest.raises(AppendOnlyError):
        event.save()
    with pytest.raises(AppendOnlyError):
        AuditEvent.objects.filter(pk=event.pk).update(summary="rewritten")
    with pytest.raises(AppendOnlyError):
        AuditEvent.objects.all().delete()
    with pytest.raises(AppendOnlyError):
        event.delete()


def test_entries_cannot_be_changed_in_sql_either(event):
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("UPDATE privacy_auditevent SET summary = 'x' WHERE id = %s", [event.pk])
    assert AuditEvent.objects.get(pk=event.pk).summary == "created"


def test_entries_cannot_be_deleted_in_sql_either(event):
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("DELETE FROM privacy_auditevent WHERE id = %s", [event.pk])


def test_admin_shows_the_log_read_only(client, personas):
    client.force_login(personas.user("hanna"))
    audit_record(actor=personas.user("hanna"), action="export", object_type="kpi", summary="x")
    response = client.get("/admin/privacy/auditevent/")
    assert response.status_code == 200
    entry = AuditEvent.objects.first()
    page = client.get(f"/admin/privacy/auditevent/{entry.pk}/change/")
    assert page.status_code == 200
    assert b'name="_save"' not in page.content
    assert (
        client.post(f"/admin/privacy/auditevent/{entry.pk}/delete/", {"post": "yes"}).status_code
        == 403
    )


def test_employee_cannot_open_the_audit_log(client, personas):
    client.force_login(personas.user("carol"))
    assert client.get("/admin/privacy/auditevent/").status_code == 302
