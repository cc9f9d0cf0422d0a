import json

import pytest
from django.core.exceptions import PermissionDenied

from groeipad.privacy.models import AuditEvent
from groeipad.skills.imports import import_esco
from groeipad.skills.models import EscoSkill
from groeipad.skills.services import competency_link_esco
from groeipad.skills.tests.escofiles import rows, uri, write_esco

pytestmark = pytest.mark.django_db


@pytest.fixture
def esco(tmp_path):
    english = write_esco(tmp_path / "skills_en.csv", rows("en"))
    dutch = write_esco(tmp_path / "skills_nl.csv", rows("nl"))
    result = import_esco(path_or_file=english, nl=dutch, esco_version="v1.2.0", actor=None)
    assert result.ok


@pytest.fixture
def api(client):
    def call(user, method, path, body=None):
        client.force_login(user)
        client.cookies["django_language"] = "en"
        kwargs = {"content_type": "application/json", "data": json.dumps(body)}
        response = getattr(client, method)(f"/api/v1{path}", **(kwargs if body else {}))
        client.logout()
        return response

    return call


def test_hr_links_and_unlinks_a_competency_with_an_audit_record(esco, personas, competency):
    hanna = personas.user("hanna")
    collaboration = competency("Collaboration")
    skill = EscoSkill.objects.get(concept_uri=uri(1))
    competency_link_esco(actor=hanna, competency=collaboration, esco_skill=skill)
    collaboration.refresh_from_db()
    assert collaboration.esco_skill == skill
    competency_link_esco(actor=hanna, competency=collaboration, esco_skill=None)
    collaboration.refresh_from_db()
    assert collaboration.esco_skill is None
    changes = [
        event.changes["esco_skill"]
        for event in AuditEvent.objects.filter(object_type="competency").order_by("at", "id")
    ]
    assert changes == [[None, uri(1)], [uri(1), None]]


def test_linking_the_same_skill_again_changes_and_audits_nothing(esco, personas, competency):
    hanna = personas.user("hanna")
    skill = EscoSkill.objects.get(concept_uri=uri(1))
    competency_link_esco(actor=hanna, competency=competency("Collaboration"), esco_skill=skill)
    competency_link_esco(actor=hanna, competency=competency("Collaboration"), esco_skill=skill)
    assert AuditEvent.objects.filter(object_type="competency").count() == 1


def test_only_hr_may_link(esco, personas, competency):
    skill = EscoSkill.objects.get(concept_uri=uri(1))
    for name in ("carol", "bob"):
        with pytest.raises(PermissionDenied):
            competency_link_esco(
                actor=personas.user(name), competency=competency("Collaboration"), esco_skill=skill
            )
    assert competency("Collaboration").esco_skill is None


def test_the_api_links_by_concept_uri(esco, personas, competency, api):
    pk = competency("Collaboration").pk
    response = api(
        personas.user("hanna"), "post", f"/competencies/{pk}/esco", {"concept_uri": uri(2)}
    )
    assert response.status_code == 200, response.content
    assert response.json()["esco_uri"] == uri(2)
    response = api(
        personas.user("hanna"), "post", f"/competencies/{pk}/esco", {"concept_uri": None}
    )
    assert response.json()["esco_uri"] is None


def test_the_api_refuses_unknown_skills_competencies_and_non_hr(esco, personas, competency, api):
    pk = competency("Collaboration").pk
    hanna = personas.user("hanna")
    unknown = "http://data.europa.eu/esco/skill/unknown"
    response = api(hanna, "post", f"/competencies/{pk}/esco", {"concept_uri": unknown})
    assert response.status_code == 422
    assert unknown in response.json()["detail"]
    response = api(hanna, "post", "/competencies/999999/esco", {"concept_uri": uri(1)})
    assert response.status_code == 404
    response = api(
        personas.user("bob"), "post", f"/competencies/{pk}/esco", {"concept_uri": uri(1)}
    )
    assert response.status_code == 403
    assert competency("Collaboration").esco_skill is None
    assert not AuditEvent.objects.filter(object_type="competency").exists()


def test_search_finds_skills_by_english_dutch_and_other_names(esco, personas, api):
    carol = personas.user("carol")

    def names(text):
        response = api(carol, "get", f"/esco?search={text}")
        assert response.status_code == 200
        return [skill["name_en"] for skill in response.json()]

    assert names("project") == ["project management"]
    assert names("PROJECTMANAGEMENT") == ["project management"]  # Dutch, any case
    assert names("teamwerk") == ["work in teams"]  # a Dutch other name
    assert names("teams") == ["work in teams"]
    assert names("nothing like this") == []
    [skill] = api(carol, "get", "/esco?search=team").json()
    assert skill["alt_labels_en"] == ["collaborate in teams", "teamwork", "work as part of a team"]
    assert skill["name_nl"] == "in teamverband werken"


def test_search_returns_at_most_20_with_name_matches_first(personas, api):
    EscoSkill.objects.bulk_create(
        [
            EscoSkill(concept_uri=uri(n), esco_version="v1", name_en=f"skill {n:02d}")
            for n in range(30)
        ]
        + [
            EscoSkill(
                concept_uri=uri(100),
                esco_version="v1",
                name_en="a skill by another name",
                alt_labels_en="weld steel",
            ),
            EscoSkill(concept_uri=uri(101), esco_version="v1", name_en="weld steel"),
        ]
    )
    found = api(personas.user("carol"), "get", "/esco?search=skill").json()
    assert [s["name_en"] for s in found] == [
        "a skill by another name",
        *(f"skill {n:02d}" for n in range(19)),
    ]
    found = api(personas.user("carol"), "get", "/esco?search=weld").json()
    assert [s["name_en"] for s in found] == ["weld steel", "a skill by another name"]
