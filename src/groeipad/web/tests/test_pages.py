from datetime import date, timedelta

from django.urls import reverse
from django.utils import timezone

from groeipad.people.models import Department, Employee, Movement, MovementKind
from groeipad.privacy.services import audit_record


def test_anonymous_home_redirects_to_login(client):
    response = client.get("/")
    assert response.status_code == 302
    assert response.url.startswith(reverse("web:login"))


def test_login_form_logs_in_and_goes_home(client, personas):
    response = client.post(
        reverse("web:login"),
        {"username": "carol@example.nl", "password": "correct horse battery staple"},
    )
    assert response.status_code == 302
    assert response.url == reverse("web:home")


def test_wrong_password_shows_error_and_stays_logged_out(client, personas):
    response = client.post(reverse("web:login"), {"username": "carol@example.nl", "password": "x"})
    assert response.status_code == 200
    assert b'class="error"' in response.content
    assert client.get("/").status_code == 302


def test_repeated_failures_show_locked_out_page(client, personas, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post(reverse("web:login"), {"username": "carol@example.nl", "password": "x"})
    response = client.post(
        reverse("web:login"),
        {"username": "carol@example.nl", "password": "correct horse battery staple"},
    )
    assert response.status_code == 429
    assert "web/locked_out.html" in [t.name for t in response.templates]
    assert client.get("/").status_code == 302


def test_employee_home_shows_own_record(login, personas):
    page = login(personas.user("carol")).get("/").content.decode()
    assert "Operations/Planning" in page
    assert "Alice Jansen" in page  # her manager, by name
    assert reverse("web:employee_detail", args=["1003"]) in page
    # An employee has no team and no organisation figures.
    assert reverse("web:import") not in page
    assert f'href="{reverse("web:employee_list")}"' not in page


def test_manager_home_counts_direct_and_indirect_reports(login, personas):
    response = login(personas.user("bob")).get("/")
    team = response.context["team"]
    expected_direct = {e.pk for e in Employee.objects.filter(manager=personas.bob)}
    expected_indirect = {e.pk for e in Employee.objects.filter(manager__in=expected_direct)}
    assert team.direct_count == len(expected_direct) == 1
    assert team.indirect_count == len(expected_indirect) == 1
    assert "Alice Jansen" in response.content.decode()


def test_manager_home_leaves_out_former_reports(login, personas):
    personas.carol.leave_date = date(2021, 6, 30)
    personas.carol.save()
    team = login(personas.user("bob")).get("/").context["team"]
    assert (team.direct_count, team.indirect_count) == (1, 0)


def test_hr_home_shows_headcount_departments_and_recent_imports(login, personas):
    personas.dave.leave_date = timezone.localdate() - timedelta(days=1)
    personas.dave.save()
    audit_record(
        actor=personas.user("hanna"),
        action="import",
        object_type="employees",
        summary="Imported 12 employees from medewerkers.xlsx",
    )
    response = login(personas.user("hanna")).get("/")
    organisation = response.context["organisation"]
    today = timezone.localdate()
    expected = sum(
        1
        for e in Employee.objects.all()
        if e.hire_date <= today and (e.leave_date is None or e.leave_date >= today)
    )
    assert organisation.headcount == expected == 4
    assert organisation.departments == Department.objects.count() == 4
    page = response.content.decode()
    assert "Imported 12 employees from medewerkers.xlsx" in page
    assert reverse("web:import") in page


def test_hr_home_without_imports_says_so(login, personas):
    response = login(personas.user("hanna")).get("/")
    assert response.context["organisation"].recent_imports == []


def test_employee_may_not_open_the_list(login, personas):
    assert login(personas.user("carol")).get(reverse("web:employee_list")).status_code == 403


def test_list_search_by_name_number_and_email(login, personas):
    client = login(personas.user("hanna"))

    def names(query):
        response = client.get(reverse("web:employee_list"), {"q": query, "filter": "1"})
        return {e.employee_number for e in response.context["rows"]}

    assert names("jansen") == {"1002"}
    assert names("1004") == {"1004"}
    assert names("carol@example") == {"1003"}


def test_list_department_filter_includes_sub_departments(login, personas):
    client = login(personas.user("hanna"))
    response = client.get(
        reverse("web:employee_list"), {"afdeling": personas.operations.pk, "filter": "1"}
    )
    assert {e.employee_number for e in response.context["rows"]} == {"1001", "1002", "1003"}
    option = f'<option value="{personas.planning.pk}">Operations/Planning</option>'
    assert option in response.content.decode()


def test_list_unknown_department_shows_error_and_keeps_search(login, personas):
    client = login(personas.user("hanna"))
    response = client.get(
        reverse("web:employee_list"), {"afdeling": "999999", "q": "Bob", "filter": "1"}
    )
    assert response.status_code == 200
    assert {e.employee_number for e in response.context["rows"]} == {"1001"}
    assert response.context["form"].errors["afdeling"]


def test_list_shows_only_current_employees_by_default(login, personas):
    personas.dave.leave_date = date(2022, 3, 31)
    personas.dave.save()
    client = login(personas.user("hanna"))
    first_visit = client.get(reverse("web:employee_list"))
    assert "1004" not in {e.employee_number for e in first_visit.context["rows"]}
    everyone = client.get(reverse("web:employee_list"), {"filter": "1"})
    rows = {e.employee_number: e for e in everyone.context["rows"]}
    assert rows["1004"].status.key == "left"
    assert "31 maart 2022" in everyone.content.decode()


def test_list_is_scoped_to_managers_line(login, personas):
    response = login(personas.user("alice")).get(reverse("web:employee_list"))
    assert {e.employee_number for e in response.context["rows"]} == {"1002", "1003"}
    page = response.content.decode()
    assert "Dave Visser" not in page
    # Bob is Alice's own manager: named, but not linked, since she may not open his page.
    assert "Bob de Vries" in page
    assert reverse("web:employee_detail", args=["1001"]) not in page


def test_list_paginates_by_fifty(login, personas):
    Employee.objects.bulk_create(
        Employee(
            employee_number=f"9{i:04d}",
            first_name="Test",
            last_name=f"Persoon {i:04d}",
            email=f"t{i}@example.nl",
            department=personas.finance,
            hire_date=date(2021, 1, 1),
        )
        for i in range(60)
    )
    client = login(personas.user("hanna"))
    first = client.get(reverse("web:employee_list"))
    assert len(first.context["rows"]) == 50
    second = client.get(reverse("web:employee_list"), {"pagina": 2})
    assert len(second.context["rows"]) == 65 - 50
    assert 'rel="next"' in first.content.decode()


def test_list_says_when_nothing_matches(login, personas):
    response = login(personas.user("hanna")).get(
        reverse("web:employee_list"), {"q": "zzzz", "filter": "1"}
    )
    assert "empty" in response.content.decode()
    assert response.context["rows"] == []


def test_employee_page_shows_history_as_timeline(login, personas):
    Movement.objects.create(
        employee=personas.alice,
        date=date(2022, 5, 1),
        kind=MovementKind.PROMOTION,
        department=personas.planning,
    )
    personas.alice.leave_date = date(2030, 1, 31)
    personas.alice.save()
    response = login(personas.user("hanna")).get(reverse("web:employee_detail", args=["1002"]))
    timeline = response.context["page"].timeline
    assert [entry.date for entry in timeline] == [
        date(2020, 1, 1),
        date(2022, 5, 1),
        date(2030, 1, 31),
    ]
    assert "Operations/Planning" in timeline[1].detail


def test_employee_page_lists_direct_reports(login, personas):
    response = login(personas.user("bob")).get(reverse("web:employee_detail", args=["1002"]))
    assert [e.employee_number for e in response.context["page"].direct_reports] == ["1003"]


def test_employee_page_links_manager_only_when_visible(login, personas):
    alice_url = reverse("web:employee_detail", args=["1002"])
    own = login(personas.user("carol")).get(reverse("web:employee_detail", args=["1003"]))
    assert "Alice Jansen" in own.content.decode()
    assert alice_url not in own.content.decode()
    by_bob = login(personas.user("bob")).get(reverse("web:employee_detail", args=["1003"]))
    assert alice_url in by_bob.content.decode()


def test_outsider_gets_404_for_someone_else(login, personas):
    response = login(personas.user("dave")).get(reverse("web:employee_detail", args=["1003"]))
    assert response.status_code == 404
    assert "Carol" not in response.content.decode()


def test_language_switch_to_english(login, personas):
    client = login(personas.user("hanna"))
    response = client.post(reverse("set_language"), {"language": "en", "next": "/"}, follow=True)
    assert 'lang="en"' in response.content.decode()
    assert "Employees" in response.content.decode()
