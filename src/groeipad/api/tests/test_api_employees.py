import pytest
from django.core.management import call_command

from groeipad.people.services import api_token_create


@pytest.fixture
def bearer(personas):
    def _bearer(name):
        user = personas.admin.user if name == "admin" else personas.user(name)
        _token, key = api_token_create(actor=None, user=user)
        return {"HTTP_AUTHORIZATION": f"Bearer {key}"}

    return _bearer


def numbers(response):
    return {item["employee_number"] for item in response.json()["items"]}


def test_openapi_document_lists_employee_endpoints(client):
    document = client.get("/api/v1/openapi.json").json()
    assert "/api/v1/employees" in document["paths"]
    assert "/api/v1/employees/{employee_number}" in document["paths"]


def test_without_token_the_api_answers_401(client, personas):
    assert client.get("/api/v1/employees").status_code == 401
    assert client.get("/api/v1/employees", HTTP_AUTHORIZATION="Bearer gp_wrong").status_code == 401


@pytest.mark.parametrize(
    ("persona", "expected"),
    [
        ("carol", {"1003"}),
        ("alice", {"1002", "1003"}),
        ("bob", {"1001", "1002", "1003"}),
        ("dave", {"1004"}),
        ("hanna", {"1001", "1002", "1003", "1004", "1005"}),
        ("admin", {"1001", "1002", "1003", "1004", "1005"}),
    ],
)
def test_employee_list_follows_visibility(client, bearer, persona, expected):
    response = client.get("/api/v1/employees", **bearer(persona))
    assert response.status_code == 200
    assert numbers(response) == expected
    assert response.json()["count"] == len(expected)


def test_manager_reads_report_detail_with_department_path(client, bearer):
    response = client.get("/api/v1/employees/1003", **bearer("bob"))
    assert response.status_code == 200
    body = response.json()
    assert body["department"] == "Operations/Planning"
    assert body["manager_number"] == "1002"
    assert body["annual_salary"] == "48000.00"


@pytest.mark.parametrize(
    ("persona", "number"), [("dave", "1001"), ("carol", "1002"), ("alice", "1001")]
)
def test_outsider_gets_404_for_someone_they_may_not_see(client, bearer, persona, number):
    response = client.get(f"/api/v1/employees/{number}", **bearer(persona))
    assert response.status_code == 404
    assert "Bob" not in response.content.decode() and "Alice" not in response.content.decode()


def test_unknown_employee_is_404_like_a_hidden_one(client, bearer):
    assert client.get("/api/v1/employees/9999", **bearer("hanna")).status_code == 404


def test_search_and_department_filter_include_sub_departments(client, bearer):
    response = client.get("/api/v1/employees?department=Operations", **bearer("hanna"))
    assert numbers(response) == {"1001", "1002", "1003"}
    response = client.get("/api/v1/employees?search=jansen", **bearer("hanna"))
    assert numbers(response) == {"1002"}


def test_unknown_department_filter_is_400_with_a_reason(client, bearer):
    response = client.get("/api/v1/employees?department=Nergens", **bearer("hanna"))
    assert response.status_code == 400
    assert "Nergens" in response.json()["detail"]


def test_token_command_prints_a_working_token(client, personas, capsys):
    call_command("token", "create", "--email", "Carol@example.nl")
    key = capsys.readouterr().out.strip()
    assert key.startswith("gp_")
    response = client.get("/api/v1/employees", HTTP_AUTHORIZATION=f"Bearer {key}")
    assert numbers(response) == {"1003"}


def test_token_of_deactivated_user_stops_working(client, personas, bearer):
    headers = bearer("carol")
    user = personas.user("carol")
    user.is_active = False
    user.save()
    assert client.get("/api/v1/employees", **headers).status_code == 401


def test_employee_list_queries_do_not_grow_with_rows(
    client, bearer, personas, django_assert_max_num_queries
):
    from datetime import date

    from groeipad.people.models import Employee

    headers = bearer("hanna")
    Employee.objects.bulk_create(
        Employee(
            employee_number=f"X{i}",
            first_name="Test",
            last_name=f"P{i}",
            email=f"x{i}@example.nl",
            department=personas.finance,
            manager=personas.dave,
            hire_date=date(2021, 1, 1),
        )
        for i in range(80)
    )
    with django_assert_max_num_queries(6):
        response = client.get("/api/v1/employees?limit=100", **headers)
    assert response.json()["count"] == 85
