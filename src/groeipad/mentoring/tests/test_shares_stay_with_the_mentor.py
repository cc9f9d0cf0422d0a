"""What a mentee shares stays with the mentor of the pair, and only with them.

The mentor is a participant fixed on the pair: a change of the mentee's manager (through
the service, or HR naming themselves in the Django admin) hands nothing of the pair to
the new manager, and the mentor keeps seeing what the mentee shares until the mentee
withdraws it.
"""

from __future__ import annotations

import pytest

from groeipad.mentoring import services
from groeipad.mentoring.tests.test_pages import SECRET_GOAL, SECRET_STRENGTH, pair  # noqa: F401
from groeipad.people.models import Employee


def _sees(client, match) -> dict[str, str]:
    """What a client gets of the pair: page and API bodies by name ("" when refused)."""
    out = {}
    for name, url in [
        ("page", f"/mentoring/koppels/{match.pk}/"),
        ("api", f"/api/v1/mentoring/pairs/{match.pk}"),
    ]:
        response = client.get(url)
        out[name] = response.content.decode() if response.status_code == 200 else ""
        out[f"{name}_status"] = str(response.status_code)
    return out


def _share_everything(personas, match) -> None:
    services.match_sharing_set(
        actor=personas.user("carol"), match=match, share_goal=True, share_plan=True
    )


def _set_manager(employee: Employee, manager: Employee | None) -> None:
    from groeipad.people.services import employee_update

    fresh = Employee.objects.get(pk=employee.pk)
    employee_update(actor=None, employee=fresh, version=fresh.version, manager=manager)


@pytest.mark.django_db
def test_a_new_manager_of_the_mentee_gets_nothing_the_mentor_keeps_the_share(
    personas,
    pair,  # noqa: F811
    login,
):
    match, _plan, _goal = pair
    _share_everything(personas, match)
    _set_manager(personas.carol, personas.bob)  # carol's manager was alice
    bob = _sees(login(personas.user("bob")), match)
    assert (bob["page_status"], bob["api_status"]) == ("404", "404")
    alice = _sees(login(personas.user("alice")), match)
    assert (alice["page_status"], alice["api_status"]) == ("404", "404")
    dave = _sees(login(personas.user("dave")), match)
    assert SECRET_GOAL in dave["page"] and SECRET_STRENGTH in dave["page"]
    assert SECRET_GOAL in dave["api"] and SECRET_STRENGTH in dave["api"]


@pytest.mark.django_db
def test_hr_making_themselves_the_mentees_manager_in_the_admin_gets_nothing(
    personas,
    pair,  # noqa: F811
    login,
):
    match, _plan, _goal = pair
    _share_everything(personas, match)
    client = login(personas.user("hanna"))
    url = f"/admin/people/employee/{personas.carol.pk}/change/"
    form = client.get(url).context["adminform"].form
    data = {k: ("" if v is None else v) for k, v in form.initial.items()}
    data.update(
        {
            "department": personas.planning.pk,
            "manager": personas.hanna.pk,
            "job_profile": "",
            "annual_salary": "48000.00",
            "fte": "1.00",
        }
    )
    assert client.post(url, data).status_code == 302
    assert Employee.objects.get(pk=personas.carol.pk).manager_id == personas.hanna.pk
    hanna = _sees(login(personas.user("hanna")), match)
    assert (hanna["page_status"], hanna["api_status"]) == ("404", "404")
    dave = _sees(login(personas.user("dave")), match)
    assert SECRET_GOAL in dave["page"] and SECRET_GOAL in dave["api"]


@pytest.mark.django_db
def test_the_mentee_withdraws_and_the_mentor_sees_nothing_more(
    personas,
    pair,  # noqa: F811
    login,
):
    match, _plan, _goal = pair
    _share_everything(personas, match)
    _set_manager(personas.carol, personas.bob)
    services.match_sharing_set(
        actor=personas.user("carol"), match=match, share_goal=False, share_plan=False
    )
    dave = _sees(login(personas.user("dave")), match)
    assert dave["page_status"] == dave["api_status"] == "200"
    assert SECRET_GOAL not in dave["page"] and SECRET_STRENGTH not in dave["page"]
    assert SECRET_GOAL not in dave["api"] and SECRET_STRENGTH not in dave["api"]
