"""Raters are distinct people: the requester, their aliases and duplicates are refused
(service, page form and API alike) with the address and the reason; nothing is saved,
nothing is sent, nothing is audited. Colleagues are employees; externals wait."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from groeipad.feedback import services
from groeipad.feedback.models import Approval, Rater, RaterGroup
from groeipad.notifications.models import OutgoingEmail
from groeipad.privacy.models import AuditEvent


def _state():
    return (Rater.objects.count(), OutgoingEmail.objects.count(), AuditEvent.objects.count())


@pytest.fixture
def open_round(world, start_round):
    feedback_round = start_round(n=3)
    services.invite_self(actor=world.user("alice"), feedback_round=feedback_round)
    return feedback_round


def _invite(world, feedback_round, email="", group=RaterGroup.PEER, employee=None):
    return services.rater_invite(
        actor=world.user("alice"),
        feedback_round=feedback_round,
        email=email,
        employee=employee,
        group=group,
    )


@pytest.mark.parametrize(
    ("address", "why"),
    [
        ("alice@example.nl", "the employee's own address"),
        ("Alice@Example.NL", "the employee's own address"),
        ("a.lice@example.nl", "an alias of the employee's own address alice@example.nl"),
        ("alice+360@example.nl", "an alias of the employee's own address alice@example.nl"),
        ("A.l.i.c.e+feedback@EXAMPLE.nl", "an alias of the employee's own address"),
    ],
)
def test_the_requester_and_her_aliases_are_refused(world, open_round, address, why):
    before = _state()
    with translation.override("en"), pytest.raises(ValidationError) as refused:
        _invite(world, open_round, address)
    message = " ".join(refused.value.messages)
    assert address.strip().lower() in message and why in message
    assert _state() == before


def test_the_requester_chosen_as_a_colleague_is_refused_too(world, open_round):
    before = _state()
    with pytest.raises(ValidationError):
        _invite(world, open_round, employee=world.alice)
    assert _state() == before


@pytest.mark.parametrize(
    "second", ["carol@example.nl", "Carol@Example.nl", "c.arol@example.nl", "carol+2@example.nl"]
)
def test_a_colleague_once_by_search_or_by_any_alias(world, open_round, second):
    first = _invite(world, open_round, employee=world.carol)
    assert (first.employee, first.is_external, first.approval) == (
        world.carol,
        False,
        Approval.NOT_NEEDED,
    )
    before = _state()
    with translation.override("en"), pytest.raises(ValidationError) as refused:
        _invite(world, open_round, second, group=RaterGroup.OTHER)
    message = " ".join(refused.value.messages)
    assert second.lower() in message
    assert "already invited" in message or "the same person as carol@example.nl" in message
    assert _state() == before


def test_an_employees_address_is_that_employee_not_an_external(world, open_round):
    rater = _invite(world, open_round, "D.ave+x@example.nl")
    assert rater.employee == world.dave and not rater.is_external
    assert rater.email == "dave@example.nl"  # the colleague's own address, mailed
    assert rater.invited_at is not None


def test_external_duplicates_under_the_organisations_domains(world, open_round, settings):
    settings.GROEIPAD_ORGANISATION_DOMAINS = ["partner.example"]
    _invite(world, open_round, "jo.doe@partner.example")
    with pytest.raises(ValidationError, match=r"jodoe\+x@partner\.example cannot"):
        _invite(world, open_round, "jodoe+x@partner.example")
    # A foreign domain keeps dots and tags: these are other mailboxes, other people.
    _invite(world, open_round, "jo.doe@elders.example")
    _invite(world, open_round, "jodoe@elders.example")
    with pytest.raises(ValidationError, match="already invited"):
        _invite(world, open_round, "JO.DOE@elders.example")
    assert Rater.objects.filter(round=open_round, is_external=True).count() == 3


def test_only_the_manager_on_record_rates_as_manager(world, open_round):
    for kwargs in ({"employee": world.carol}, {"email": "boss@elders.example"}):
        with translation.override("en"), pytest.raises(ValidationError, match="manager"):
            _invite(world, open_round, group=RaterGroup.MANAGER, **kwargs)
    rater = _invite(world, open_round, "Bob@example.nl", group=RaterGroup.MANAGER)
    assert rater.employee == world.bob


def test_a_leaver_cannot_be_chosen(world, open_round):
    from datetime import timedelta

    from django.utils import timezone

    world.dave.leave_date = timezone.localdate() - timedelta(days=1)
    world.dave.save()
    with pytest.raises(ValidationError, match="left"):
        _invite(world, open_round, employee=world.dave)
    with pytest.raises(ValidationError, match="left"):
        _invite(world, open_round, "Dave+oud@example.nl")  # nor by an alias of the address


def test_an_external_waits_for_approval_and_is_not_mailed(world, open_round, mailoutbox):
    mailoutbox.clear()
    rater = _invite(world, open_round, "klant@elders.example", group=RaterGroup.OTHER)
    assert (rater.is_external, rater.approval, rater.invited_at) == (True, "pending", None)
    assert [m.to for m in mailoutbox] == []
    # Without a mailed link nothing can be answered either.
    with pytest.raises(ValidationError):
        services.answer_submit(rater=rater, answers={})


def test_the_form_refuses_an_alias_with_the_address_and_the_reason(login, world, open_round):
    client = login(world.user("alice"))
    client.cookies["django_language"] = "en"
    before = _state()
    page = client.post(
        f"/feedback/rondes/{open_round.pk}/uitnodigen/",
        {"email": "alice+sock@example.nl", "group": "peer"},
        follow=True,
    ).content.decode()
    assert "alice+sock@example.nl cannot be invited" in page
    assert "alias of the employee&#x27;s own address alice@example.nl" in page
    assert _state() == before


def test_the_form_invites_a_colleague_found_by_search(login, world, open_round, mailoutbox):
    client = login(world.user("alice"))
    client.cookies["django_language"] = "en"
    page = client.get(f"/feedback/rondes/{open_round.pk}/?zoek=bakk").content.decode()
    assert "Carol Bakker" in page and f'name="employee" value="{world.carol.pk}"' in page
    assert "Alice Jansen</li>" not in page  # never the requester herself
    assert (
        client.get(f"/feedback/rondes/{open_round.pk}/?zoek=1004")
        .content.decode()
        .count("Dave Visser")
    )
    mailoutbox.clear()
    client.post(
        f"/feedback/rondes/{open_round.pk}/uitnodigen/",
        {"employee": world.carol.pk, "group": "direct_report"},
    )
    assert Rater.objects.get(round=open_round, employee=world.carol).group == "direct_report"
    assert [m.to for m in mailoutbox] == [["carol@example.nl"]]


def test_the_search_is_limited_and_never_a_list_of_everyone(world, open_round):
    from groeipad.feedback.selectors import SEARCH_LIMIT, colleague_search
    from groeipad.people.models import Employee

    Employee.objects.bulk_create(
        Employee(
            employee_number=f"9{i:03d}",
            first_name="Sam",
            last_name=f"Zoekmans {i}",
            email=f"sam{i}@example.nl",
            hire_date=world.alice.hire_date,
            annual_salary=world.alice.annual_salary,
            department=world.planning,
        )
        for i in range(SEARCH_LIMIT + 5)
    )
    assert len(colleague_search(open_round, "zoekmans")) == SEARCH_LIMIT
    assert colleague_search(open_round, "") == [] and colleague_search(open_round, "z") == []


def test_the_api_refuses_with_the_address_and_the_reason(login, world, open_round):
    client = login(world.user("alice"))
    client.cookies["django_language"] = "en"
    url = f"/api/v1/feedback/rounds/{open_round.pk}/raters"
    before = _state()
    for body, expected in [
        ({"email": "Alice+x@example.nl", "group": "peer"}, "alice+x@example.nl cannot be invited"),
        ({"employee_number": "1002", "group": "peer"}, "alice@example.nl cannot be invited"),
        ({"email": "x@elders.example", "group": "boss"}, "Unknown rater group: boss"),
        ({"email": "not an address", "group": "peer"}, "not a valid e-mail address"),
        ({"employee_number": "4040", "group": "peer"}, "employee number 4040"),
        ({"group": "peer"}, "employee number or an e-mail address"),
    ]:
        response = client.post(url, body, content_type="application/json")
        assert response.status_code == 422, body
        assert expected in response.json()["detail"], response.json()
    assert _state() == before
    created = client.post(
        url, {"employee_number": "1003", "group": "peer"}, content_type="application/json"
    )
    assert created.status_code == 201
    assert created.json()["name"] == "Carol Bakker" and not created.json()["is_external"]
    again = client.post(
        url, {"email": "c.arol+2@example.nl", "group": "other"}, content_type="application/json"
    )
    assert again.status_code == 422
    assert "the same person as carol@example.nl" in again.json()["detail"]
    external = client.post(
        url, {"email": "Klant@Elders.example", "group": "other"}, content_type="application/json"
    ).json()
    assert (external["is_external"], external["approval"]) == (True, "pending")
    found = client.get(f"/api/v1/feedback/rounds/{open_round.pk}/colleagues?q=viss").json()
    assert found == [{"employee_number": "1004", "name": "Dave Visser"}]
