"""Every id a skills page or endpoint takes goes through skills.access: unknown is 404."""

from datetime import date

import pytest
from django.urls import reverse

from groeipad.privacy.models import AuditEvent, ObjectType
from groeipad.skills.models import JobProfileParent, StrategicTarget
from groeipad.skills.services import strategic_target_create


@pytest.fixture
def target(personas, profiles, competency):
    return strategic_target_create(
        actor=personas.user("hanna"),
        competency=competency("Collaboration"),
        level=3,
        headcount=2,
        due_date=date(2030, 1, 1),
    )


def test_an_unknown_target_is_404_and_a_manager_may_not_delete_one(login, personas, target):
    hr = login(personas.user("hanna"))
    assert hr.post(reverse("skills:target_delete"), {"target": target.pk + 99}).status_code == 404
    manager = login(personas.user("alice"))
    assert manager.post(reverse("skills:target_delete"), {"target": target.pk}).status_code == 403
    assert StrategicTarget.objects.filter(pk=target.pk).exists()


def test_deleting_a_target_is_audited_with_its_type(login, personas, target):
    login(personas.user("hanna")).post(reverse("skills:target_delete"), {"target": target.pk})
    event = AuditEvent.objects.get(action="delete", object_id=str(target.pk))
    assert event.object_type == ObjectType.STRATEGIC_TARGET


def test_someone_without_a_line_gets_no_targets_page_or_api(login, personas, target, client):
    carol = personas.user("carol")
    assert login(carol).get(reverse("skills:targets")).status_code == 403
    assert client.get("/api/v1/skills/targets").status_code == 403


def test_an_unknown_job_profile_or_competency_changes_nothing(login, personas, profiles):
    hr = login(personas.user("hanna"))
    response = hr.post(
        reverse("skills:profile_parent_set"),
        {"job_profile": profiles["senior"].pk, "parent": 99999},
    )
    assert response.status_code == 302  # the form refuses the unknown id with a message
    assert (
        JobProfileParent.objects.get(job_profile=profiles["senior"]).parent == profiles["planner"]
    )


def test_linking_an_unknown_competency_to_esco_is_404(client, personas):
    client.force_login(personas.user("hanna"))
    response = client.post(
        "/api/v1/competencies/99999/esco", {"concept_uri": None}, content_type="application/json"
    )
    assert response.status_code == 404
