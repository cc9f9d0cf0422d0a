import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from groeipad.skills.models import Competency, EscoSkill
from groeipad.skills.tests.escofiles import rows, uri, write_esco

pytestmark = pytest.mark.django_db


def post(client, **form):
    client.cookies["django_language"] = "en"
    return client.post(reverse("web:import"), form)


def upload(path):
    return SimpleUploadedFile(path.name, path.read_bytes())


def test_hr_imports_esco_with_both_languages_and_the_version(personas, login, tmp_path):
    english = write_esco(tmp_path / "skills_en.csv", rows("en"))
    dutch = write_esco(tmp_path / "skills_nl.csv", rows("nl"))
    client = login(personas.hanna.user)
    client.cookies["django_language"] = "en"
    assert "ESCO skills" in client.get(reverse("web:import")).content.decode()
    response = post(
        client, kind="esco", file=upload(english), file_nl=upload(dutch), esco_version="v1.2.0"
    )
    assert response.status_code == 200
    assert response.context["result"].created == 3
    skill = EscoSkill.objects.get(concept_uri=uri(2))
    assert (skill.name_nl, skill.esco_version) == ("projectmanagement", "v1.2.0")


def test_esco_without_a_version_is_asked_for_it_and_nothing_is_written(personas, login, tmp_path):
    english = write_esco(tmp_path / "skills_en.csv", rows("en"))
    response = post(login(personas.hanna.user), kind="esco", file=upload(english))
    assert response.context["result"] is None
    assert "Say which ESCO version the files come from." in response.content.decode()
    assert not EscoSkill.objects.exists()


def test_esco_options_with_another_kind_are_refused(personas, login, tmp_path):
    path = tmp_path / "raamwerk.csv"
    path.write_text("framework,name,name_en\nEigen,Plannen,Planning\n")
    response = post(
        login(personas.hanna.user), kind="competencies", file=upload(path), esco_version="v1"
    )
    assert response.context["result"] is None
    assert not Competency.objects.exists()


def test_hr_imports_a_competency_framework_and_errors_show_their_place(personas, login, tmp_path):
    client = login(personas.hanna.user)
    good = tmp_path / "raamwerk.csv"
    good.write_text("framework,name,name_en\nEigen,Plannen,Planning\n")
    assert post(client, kind="competencies", file=upload(good)).context["result"].created == 1
    bad = tmp_path / "fout.csv"
    bad.write_text("framework,name,name_en,kind\nEigen,Plannen,Planning,soms\n")
    response = post(client, kind="competencies", file=upload(bad))
    assert response.status_code == 400
    assert "fout.csv:2:4: kind &quot;soms&quot; is not one of" in response.content.decode()


@pytest.mark.parametrize("name", ["alice", "dave"])
def test_the_new_kinds_are_for_hr_only(personas, login, tmp_path, name):
    english = write_esco(tmp_path / "skills_en.csv", rows("en"))
    response = post(
        login(personas.user(name)), kind="esco", file=upload(english), esco_version="v1"
    )
    assert response.status_code == 403
    assert not EscoSkill.objects.exists()
