import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from groeipad.people.models import Employee

CSV = (
    b"personeelsnummer;voornaam;achternaam;e-mail;afdeling;datum in dienst\r\n"
    b"2001;Nina;Mulder;nina@example.nl;Sales;01-02-2024\r\n"
)


def upload(client, data=CSV, *, dry_run=False, name="medewerkers.csv"):
    form = {"kind": "employees", "file": SimpleUploadedFile(name, data)}
    if dry_run:
        form["dry_run"] = "on"
    client.cookies["django_language"] = "en"  # the NL/EN switch's cookie
    return client.post(reverse("web:import"), form)


@pytest.mark.django_db
@pytest.mark.parametrize("name", ["alice", "bob", "dave"])
def test_import_page_is_for_hr_only(personas, login, name):
    client = login(personas.user(name))
    assert client.get(reverse("web:import")).status_code == 403
    assert upload(client).status_code == 403
    assert not Employee.objects.filter(employee_number="2001").exists()


@pytest.mark.django_db
def test_hr_dry_run_shows_counts_and_writes_nothing(personas, login):
    client = login(personas.hanna.user)
    assert client.get(reverse("web:import")).status_code == 200
    response = upload(client, dry_run=True)
    assert response.status_code == 200
    assert response.context["result"].created == 1
    assert not Employee.objects.filter(employee_number="2001").exists()


@pytest.mark.django_db
def test_hr_import_applies_the_file(personas, login):
    response = upload(login(personas.hanna.user))
    assert response.context["result"].created == 1
    assert Employee.objects.get(employee_number="2001").department.name == "Sales"


@pytest.mark.django_db
def test_import_page_shows_every_error_with_its_place(personas, login):
    bad = CSV + b"2002;Olaf;Mulder;NINA@example.nl;Sales;31-02-2024\r\n"
    response = upload(login(personas.admin.user), bad)
    assert response.status_code == 400
    page = response.content.decode()
    assert "medewerkers.csv:3:4: e-mail &quot;NINA@example.nl&quot; is also on line 2" in page
    assert "medewerkers.csv:3:6: datum in dienst &quot;31-02-2024&quot; is not a date" in page
    assert not Employee.objects.filter(employee_number="2001").exists()
