"""The product's own 400/403/404/500 pages, Dutch and English, and JSON under /api/."""

from __future__ import annotations

import json

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db

# A phrase from each page, per language (the .po files translate later: the English
# text stands until then, so the Dutch check is on the page's language and its code).
ENGLISH = {
    400: "Request not understood",
    403: "No access",
    404: "Not found",
    500: "Something went wrong",
}


@pytest.fixture
def production(settings):
    settings.DEBUG = False
    settings.ROOT_URLCONF = "tests.security.urls"
    return settings


def _client(language: str | None) -> Client:
    client = Client(raise_request_exception=False)
    if language:
        client.cookies["django_language"] = language
    return client


def _trigger(client: Client, code: int, login=None):
    if code == 400:
        padding = "x" * (2 * 1024 * 1024 + 600 * 1024)
        return client.post("/login/", {"username": "a", "password": "b", "padding": padding})
    if code == 403:
        return client.get("/import/")  # an employee on HR's import page
    if code == 404:
        return client.get("/dit-bestaat-niet/")
    return client.get("/kapot/")


@pytest.mark.parametrize("code", [400, 403, 404, 500])
@pytest.mark.parametrize("language", ["nl", "en"])
def test_error_page(production, personas, code, language):
    client = _client(language)
    if code == 403:
        client.force_login(personas.user("carol"))
    response = _trigger(client, code)
    assert response.status_code == code
    body = response.content.decode()
    assert f'<html lang="{language}">' in body
    assert "groeipad/groeipad.css" in body  # the product's page, not Django's bare one
    if language == "en":
        assert ENGLISH[code] in body
    assert "Traceback" not in body
    assert "Django" not in body


def test_500_page_renders_without_a_request_or_database(production, django_assert_num_queries):
    from django.views.defaults import server_error

    from groeipad.web.errors import server_error as ours

    client = _client("en")
    with django_assert_num_queries(0):
        response = client.get("/kapot/")
    assert response.status_code == 500
    assert server_error is not ours  # ours only adds the JSON answer for /api/
    assert "Something went wrong" in response.content.decode()


@pytest.mark.parametrize(
    ("path", "code"),
    [
        ("/api/v1/bestaat-niet", 404),
        ("/api/v1-test/kapot/", 500),
    ],
)
def test_api_errors_are_json(production, path, code):
    response = _client(None).get(path)
    assert response.status_code == code
    assert response["Content-Type"] == "application/json"
    assert json.loads(response.content)["detail"]
    assert response["Cache-Control"] == "no-store"


def test_an_api_body_over_the_field_limit_is_a_json_400(production):
    response = _client(None).generic(
        "POST",
        "/api/v1/plans",
        b"{" + b" " * (3 * 1024 * 1024) + b"}",
        content_type="application/json",
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert response.status_code in (400, 401), response.content  # refused, never a 500
    assert response["Content-Type"].startswith("application/json")


def test_a_form_without_csrf_token_gets_our_403_page(production, personas):
    client = Client(enforce_csrf_checks=True, raise_request_exception=False)
    client.cookies["django_language"] = "en"
    response = client.post("/login/", {"username": "carol@example.nl", "password": "x"})
    assert response.status_code == 403
    body = response.content.decode()
    assert "This form has expired" in body
    assert "groeipad/groeipad.css" in body
