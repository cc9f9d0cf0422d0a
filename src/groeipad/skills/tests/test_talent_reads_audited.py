"""Reading someone else's talent page, assessments, gaps or potential is audited."""

from __future__ import annotations

import pytest

from groeipad.privacy.models import AuditAction, AuditEvent, ObjectType

READS = (
    ("/competenties/medewerkers/{n}/", ObjectType.TALENT_PROFILE),
    ("/api/v1/employees/{n}/talent-profile", ObjectType.TALENT_PROFILE),
    ("/api/v1/employees/{n}/assessments", ObjectType.ASSESSMENT),
    ("/api/v1/employees/{n}/gaps", ObjectType.ASSESSMENT),
    ("/api/v1/employees/{n}/potential", ObjectType.POTENTIAL_OBSERVATION),
)


def _reads():
    return AuditEvent.objects.filter(action=AuditAction.READ)


@pytest.mark.parametrize(("url", "kind"), READS)
def test_a_manager_reading_a_reports_talent_writes_one_entry(login, personas, url, kind):
    client = login(personas.user("bob"))
    for _ in range(2):
        assert client.get(url.format(n="1002")).status_code == 200
    [entry] = _reads()
    assert (entry.actor_id, entry.object_type, entry.object_id) == (
        personas.user("bob").pk,
        kind,
        "1002",
    )
    assert entry.changes == {"employee_id": personas.alice.pk, "employee_number": "1002"}


@pytest.mark.parametrize(("url", "kind"), READS)
def test_the_employee_reading_their_own_talent_writes_none(login, personas, url, kind):
    assert login(personas.user("alice")).get(url.format(n="1002")).status_code == 200
    assert not _reads().exists()


def test_an_outsider_gets_404_and_nothing_is_recorded(login, personas):
    assert login(personas.user("dave")).get("/competenties/medewerkers/1002/").status_code == 404
    assert not _reads().exists()
