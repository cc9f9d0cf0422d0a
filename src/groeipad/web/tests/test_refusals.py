"""One refusal behaviour: the product's own Dutch 403/404 pages, and the same status with a
message in the caller's language from the API."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied
from django.test import override_settings
from django.urls import include, path


def _denied(request):
    raise PermissionDenied


urlpatterns = [path("verboden/", _denied), path("", include("groeipad.urls"))]


def test_unknown_page_is_the_products_dutch_404(personas, login):
    response = login(personas.user("carol")).get("/medewerkers/9999/")
    assert response.status_code == 404
    body = response.content.decode()
    assert "Niet gevonden" in body and "Terug naar de startpagina" in body
    assert "Groeipad" in body  # the product's own layout, not Django's bare page


def test_someone_elses_record_is_the_same_404_as_a_missing_one(personas, login):
    client = login(personas.user("carol"))
    hidden = client.get(f"/medewerkers/{personas.dave.employee_number}/")
    missing = client.get("/medewerkers/no-such-number/")
    assert hidden.status_code == missing.status_code == 404
    assert "Dave" not in hidden.content.decode()


@override_settings(ROOT_URLCONF=__name__, DEBUG=False)
def test_refusal_is_the_products_dutch_403(personas, client):
    response = client.get("/verboden/")
    assert response.status_code == 403
    assert "Geen toegang" in response.content.decode()


def test_api_404_is_dutch_by_default_and_english_on_request(personas, login):
    client = login(personas.user("carol"))
    url = f"/api/v1/employees/{personas.dave.employee_number}"
    dutch = client.get(url)
    english = client.get(url, headers={"accept-language": "en-GB,en;q=0.9"})
    assert dutch.status_code == english.status_code == 404
    assert dutch.json() == {"detail": "Niet gevonden."}
    assert english.json() == {"detail": "Not found."}


def test_api_without_credentials_says_how_to_authenticate(db, client):
    response = client.get("/api/v1/employees", headers={"accept-language": "en"})
    assert response.status_code == 401
    assert "Bearer" in response.json()["detail"]


@pytest.mark.parametrize("header", ["", "de-DE,fr;q=0.5"])
def test_api_speaks_dutch_when_the_caller_asks_for_nothing_we_speak(personas, login, header):
    client = login(personas.user("carol"))
    headers = {"accept-language": header} if header else {}
    response = client.get("/api/v1/employees/0000", headers=headers)
    assert response.json() == {"detail": "Niet gevonden."}


def test_pages_ignore_the_browsers_language(personas, login):
    response = login(personas.user("carol")).get(
        "/medewerkers/9999/", headers={"accept-language": "en"}
    )
    assert "Niet gevonden" in response.content.decode()
