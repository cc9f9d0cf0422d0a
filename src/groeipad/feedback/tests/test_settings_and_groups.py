"""N and the manager group are the organisation's (set by HR), copied when a round opens;
HR starts draft rounds for a group, the employee adds raters and opens their own."""

from __future__ import annotations

import json
import re
from datetime import timedelta
from io import StringIO

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command
from django.utils import timezone, translation

from groeipad.feedback import selectors, services
from groeipad.feedback.anonymity import report_for
from groeipad.feedback.models import FeedbackRound, FeedbackSettings, Rater, RoundStatus
from groeipad.feedback.tests.helpers import invite_approved
from groeipad.privacy.models import AuditEvent

CLOSES = timezone.localdate() + timedelta(days=30)


def _token(mail) -> str:
    return re.search(r"/feedback/([A-Za-z0-9_-]+)/", mail.body).group(1)


# --- Settings ---------------------------------------------------------------------------


def test_defaults_are_three_until_hr_changes_them(world):
    current = FeedbackSettings.current()
    assert current.min_group_size == 3
    assert not FeedbackSettings.objects.exists()  # reading saves nothing


def test_only_hr_changes_the_settings_and_it_is_audited(world, set_settings):
    with pytest.raises(PermissionDenied):
        services.settings_update(actor=world.user("bob"), min_group_size=4)
    set_settings(5)
    assert FeedbackSettings.objects.count() == 1
    set_settings(4)  # still one row
    assert FeedbackSettings.objects.count() == 1
    assert FeedbackSettings.current().min_group_size == 4
    assert AuditEvent.objects.filter(object_type="feedback_settings").count() == 2


@pytest.mark.parametrize("n", [0, 1, 2])
def test_n_below_three_is_refused_by_service_model_and_database(world, set_settings, n):
    from django.db import IntegrityError, transaction

    set_settings(4)
    with translation.override("en"), pytest.raises(ValidationError, match="at least 3"):
        set_settings(n)
    row = FeedbackSettings.current()
    row.min_group_size = n
    with pytest.raises(ValidationError):
        row.full_clean()
    with pytest.raises(IntegrityError), transaction.atomic():
        FeedbackSettings.objects.filter(pk=1).update(min_group_size=n)
    assert FeedbackSettings.current().min_group_size == 4


def test_a_configured_k_below_three_still_gives_three(world, settings, set_settings):
    settings.GROEIPAD_ANONYMITY_K = {"feedback": 2}
    with pytest.raises(ValidationError):
        set_settings(2)
    settings.GROEIPAD_ANONYMITY_K = {"feedback": 4}
    with pytest.raises(ValidationError):
        set_settings(3)  # below the configured k for 360
    set_settings(4)


def test_settings_page_is_hr_only_and_linked_from_the_hr_page(login, world):
    alice = login(world.user("alice"))
    assert alice.get("/feedback/hr/instellingen/").status_code == 403
    assert alice.post("/feedback/hr/instellingen/", {"min_group_size": 2}).status_code == 403
    assert FeedbackSettings.current().min_group_size == 3
    client = login(world.user("hanna"))
    client.cookies["django_language"] = "en"
    assert "/feedback/hr/instellingen/" in client.get("/feedback/hr/").content.decode()
    page = client.get("/feedback/hr/instellingen/").content.decode()
    assert 'name="min_group_size"' in page and 'value="3"' in page
    assert 'min="3"' in page
    response = client.post("/feedback/hr/instellingen/", {"min_group_size": 4})
    assert response.status_code == 302
    assert FeedbackSettings.current().min_group_size == 4
    # Below 3 is refused with what and why, and changes nothing.
    refused = client.post("/feedback/hr/instellingen/", {"min_group_size": 2}, follow=True)
    assert "Minimum raters per group" in refused.content.decode()
    assert "3" in refused.content.decode()
    assert FeedbackSettings.current().min_group_size == 4


def test_settings_api_everyone_reads_only_hr_writes(login, world):
    client = login(world.user("carol"))
    assert client.get("/api/v1/feedback/settings").json() == {"min_group_size": 3}
    body = {"min_group_size": 4}
    put = client.put("/api/v1/feedback/settings", body, content_type="application/json")
    assert put.status_code == 403
    client = login(world.user("hanna"))
    put = client.put("/api/v1/feedback/settings", body, content_type="application/json")
    assert put.status_code == 200 and put.json() == body
    for n in (1, 2):
        bad = client.put(
            "/api/v1/feedback/settings", {"min_group_size": n}, content_type="application/json"
        )
        assert bad.status_code == 422 and "3" in bad.json()["detail"]
    gone = client.put(
        "/api/v1/feedback/settings",
        {"min_group_size": 4, "show_manager_separately": True},
        content_type="application/json",
    )
    assert gone.status_code == 422  # the manager is always named: no such choice
    assert client.get("/api/v1/feedback/settings").json() == body


def test_changing_the_settings_never_changes_open_or_closed_rounds(
    world, start_round, add_rater, set_settings
):
    closed = start_round(n=3)
    for rating in (2, 3, 4):
        add_rater(closed, "peer", {world.listen: rating})
    services.round_close(actor=world.user("alice"), feedback_round=closed)
    opened = start_round(n=3)  # alice's next round, open
    for rating in (2, 3, 4):
        add_rater(opened, "peer", {world.listen: rating})
    before = report_for(closed)

    set_settings(5)

    for feedback_round in (closed, opened):
        stored = FeedbackRound.objects.get(pk=feedback_round.pk)
        assert stored.min_group_size == 3
    # Three peers are still enough: the report reads the round's frozen N, not the new 5.
    assert report_for(FeedbackRound.objects.get(pk=closed.pk)) == before
    assert before.shown == ["peer"]
    # And nothing may change it afterwards.
    stored = FeedbackRound.objects.get(pk=opened.pk)
    stored.min_group_size = 5
    with pytest.raises(ValidationError):
        stored.save()


def test_the_round_page_and_the_start_form_show_the_organisations_n(login, world, set_settings):
    set_settings(4)
    client = login(world.user("alice"))
    client.cookies["django_language"] = "en"
    page = client.get("/feedback/").content.decode()
    assert "at least 4 of its raters" in page
    assert 'name="min_group_size"' not in page  # not a round's choice any more
    # A date input takes ISO dates only: in Dutch the default would be 27-12-2026 (empty).
    client.cookies["django_language"] = "nl"
    page = client.get("/feedback/").content.decode()
    assert re.search(r'type="date" name="closes_on" value="\d{4}-\d{2}-\d{2}"', page)


# --- Group rounds -----------------------------------------------------------------------


def test_hr_starts_drafts_for_a_department_with_its_sub_departments(
    world, start_round, mailoutbox, django_capture_on_commit_callbacks
):
    busy = start_round()  # alice already has an open round
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True), translation.override("en"):
        result = services.rounds_start_for_group(
            actor=world.user("hanna"),
            employees=selectors.employees_of_department(world.operations),
            closes_on=CLOSES,
        )
    # Operations: bob; its sub-department Planning: alice and carol. Not dave (Finance).
    assert sorted(r.employee.employee_number for r in result.started) == ["1001", "1003"]
    with translation.override("en"):
        assert [(e.employee_number, str(reason)) for e, reason in result.skipped] == [
            ("1002", "already has a feedback round in progress")
        ]
    for feedback_round in result.started:
        assert feedback_round.status == RoundStatus.DRAFT
        assert feedback_round.started_by == world.user("hanna")
    assert FeedbackRound.objects.get(pk=busy.pk).status == RoundStatus.OPEN
    # Each employee is told; no rater is invited yet.
    assert sorted(m.to[0] for m in mailoutbox) == ["bob@example.nl", "carol@example.nl"]
    assert not Rater.objects.filter(round__in=result.started).exists()
    # A second run skips them all: they have a draft now.
    again = services.rounds_start_for_group(
        actor=world.user("hanna"),
        employees=selectors.employees_of_department(world.operations),
        closes_on=CLOSES,
    )
    assert again.started == [] and len(again.skipped) == 3


def test_only_hr_starts_rounds_for_a_group(world):
    with pytest.raises(PermissionDenied):
        services.rounds_start_for_group(
            actor=world.user("bob"), employees=[world.carol], closes_on=CLOSES
        )
    assert not FeedbackRound.objects.exists()


def test_a_draft_invites_nobody_until_the_employee_opens_it_with_the_n_of_that_moment(
    client, world, set_settings, mailoutbox
):
    set_settings(3)
    (draft,) = services.rounds_start_for_group(
        actor=world.user("hanna"), employees=[world.alice], closes_on=CLOSES
    ).started
    mailoutbox.clear()
    alice = world.user("alice")
    for email in ("p1@elders.example", "p2@elders.example"):
        invite_approved(actor=alice, feedback_round=draft, email=email, group="peer")
    assert mailoutbox == []  # a draft mails nobody
    assert not Rater.objects.filter(invited_at__isnull=False).exists()
    set_settings(4)  # HR changes N while the round is still a draft
    assert services.round_open(actor=alice, feedback_round=draft) == 3  # two peers + self
    draft.refresh_from_db()
    assert (draft.status, draft.min_group_size) == (RoundStatus.OPEN, 4)
    assert sorted(m.to[0] for m in mailoutbox) == [
        "alice@example.nl",
        "p1@elders.example",
        "p2@elders.example",
    ]
    peer_mail = next(m for m in mailoutbox if m.to == ["p1@elders.example"])
    assert re.search(r"(at least|minstens|ten minste)\s+4\s", peer_mail.body)
    # The rater sees N before answering, through the link.
    client.cookies["django_language"] = "en"
    page = client.get(f"/feedback/{_token(peer_mail)}/").content.decode()
    assert "at least 4 raters of your group" in page
    # Fixed from now on; opening twice is refused.
    set_settings(3)
    draft.refresh_from_db()
    assert draft.min_group_size == 4
    with pytest.raises(ValidationError):
        services.round_open(actor=alice, feedback_round=draft)


def test_group_start_page_and_round_page_for_the_employee(login, world, mailoutbox):
    client = login(world.user("hanna"))
    client.cookies["django_language"] = "en"
    hr_page = client.get("/feedback/hr/").content.decode()
    assert "/feedback/hr/groep-starten/" in hr_page
    page = client.get("/feedback/hr/groep-starten/").content.decode()
    assert "Operations/Planning" in page
    done = client.post(
        "/feedback/hr/groep-starten/",
        {"department": world.planning.pk, "closes_on": CLOSES.isoformat()},
        follow=True,
    )
    text = done.content.decode()
    assert "Draft rounds started: 2" in text and "Carol Bakker" in text
    neither = client.post(
        "/feedback/hr/groep-starten/", {"closes_on": CLOSES.isoformat()}, follow=True
    )
    assert "Choose a department or give employee numbers" in neither.content.decode()
    listed = client.post(
        "/feedback/hr/groep-starten/",
        {"employee_numbers": "1004, 1003", "closes_on": CLOSES.isoformat()},
        follow=True,
    ).content.decode()
    assert "Draft rounds started: 1" in listed and "Skipped" in listed
    # The employee's round page: a draft with an add form and the open button.
    carol_round = FeedbackRound.objects.get(employee=world.carol)
    carol = login(world.user("carol"))
    carol.cookies["django_language"] = "en"
    page = carol.get(f"/feedback/rondes/{carol_round.pk}/").content.decode()
    assert "Open the round and send the invitations" in page and "Add a rater" in page
    added = carol.post(
        f"/feedback/rondes/{carol_round.pk}/uitnodigen/",
        {"email": "x@elders.example", "group": "peer"},
        follow=True,
    ).content.decode()
    assert "x@elders.example is not a colleague: an external rater" in added
    mailoutbox.clear()
    carol.post(f"/feedback/rondes/{carol_round.pk}/openen/")
    carol_round.refresh_from_db()
    assert carol_round.status == RoundStatus.OPEN
    # The external waits for approval: only carol's own self-assessment goes out.
    assert sorted(m.to[0] for m in mailoutbox) == ["carol@example.nl"]
    # Her manager (alice) approves from her queue; then the invitation goes out.
    alice = login(world.user("alice"))
    alice.cookies["django_language"] = "en"
    queue = alice.get("/feedback/goedkeuren/").content.decode()
    assert "x@elders.example" in queue and "Carol Bakker" in queue
    external = Rater.objects.get(round=carol_round, email="x@elders.example")
    alice.post(f"/feedback/beoordelaars/{external.pk}/goedkeuren/")
    assert sorted(m.to[0] for m in mailoutbox) == ["carol@example.nl", "x@elders.example"]
    # Someone else cannot open it (not theirs, not the HR user who started it).
    other = login(world.user("dave"))
    assert other.post(f"/feedback/rondes/{carol_round.pk}/openen/").status_code == 404


def test_group_start_api_by_department_path_and_list(login, world, start_round):
    start_round()  # alice busy
    client = login(world.user("hanna"))
    created = client.post(
        "/api/v1/feedback/rounds/group",
        {"department": "Operations/Planning", "closes_on": CLOSES.isoformat()},
        content_type="application/json",
    )
    assert created.status_code == 201
    data = created.json()
    assert [s["employee_number"] for s in data["started"]] == ["1003"]
    assert data["skipped"][0]["employee_number"] == "1002"
    assert set(data["skipped"][0]) == {"employee_number", "reason"}
    round_id = data["started"][0]["id"]
    assert client.get(f"/api/v1/feedback/rounds/{round_id}").json()["status"] == "draft"
    unknown = client.post(
        "/api/v1/feedback/rounds/group",
        {"employee_numbers": ["1004", "9999"], "closes_on": CLOSES.isoformat()},
        content_type="application/json",
    )
    assert unknown.status_code == 422 and "9999" in unknown.json()["detail"]
    assert not FeedbackRound.objects.filter(employee=world.dave).exists()
    # Not for managers or employees.
    bob = login(world.user("bob"))
    refused = bob.post(
        "/api/v1/feedback/rounds/group",
        {"employee_numbers": ["1004"], "closes_on": CLOSES.isoformat()},
        content_type="application/json",
    )
    assert refused.status_code == 403
    # The employee opens their draft through the API.
    carol = login(world.user("carol"))
    opened = carol.post(f"/api/v1/feedback/rounds/{round_id}/open")
    assert opened.status_code == 200
    assert opened.json()["invited"] == 1 and opened.json()["round"]["status"] == "open"
    assert carol.post(f"/api/v1/feedback/rounds/{round_id}/open").status_code == 422


def test_the_feedback_command_starts_drafts_for_a_department(world, start_round, mailoutbox):
    start_round()  # alice busy
    out = StringIO()
    call_command(
        "feedback",
        "start",
        "--department",
        "Operations",
        "--closes-on",
        CLOSES.isoformat(),
        "--json",
        stdout=out,
    )
    data = json.loads(out.getvalue())
    assert sorted(s["employee_number"] for s in data["started"]) == ["1001", "1003"]
    assert [s["employee_number"] for s in data["skipped"]] == ["1002"]
    assert FeedbackRound.objects.filter(status=RoundStatus.DRAFT).count() == 2
    labels = set(
        AuditEvent.objects.filter(object_type="feedback_round", actor__isnull=True).values_list(
            "actor_label", flat=True
        )
    )
    assert len(labels) == 1 and re.match(r"(command line|opdrachtregel)", labels.pop())
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="no department"):
        call_command("feedback", "start", "--department", "Nowhere", stdout=StringIO())
    text = StringIO()
    with translation.override("en"):
        call_command("feedback", "start", "--employees", "1004", stdout=text)
    assert "1 draft rounds started, 0 skipped" in text.getvalue()


def test_hr_list_and_api_list_take_the_same_queries_for_two_or_five_rounds(
    login, world, django_assert_max_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def start(people):
        result = services.rounds_start_for_group(
            actor=world.user("hanna"), employees=people, closes_on=CLOSES
        )
        for feedback_round in result.started:
            colleague = world.bob if feedback_round.employee != world.bob else world.alice
            services.rater_invite(
                actor=world.user("hanna"),
                feedback_round=feedback_round,
                employee=colleague,
                group="peer",
            )

    def queries(client, url):
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        return len(captured)

    client = login(world.user("hanna"))
    start([world.alice, world.bob])
    few = (queries(client, "/feedback/hr/"), queries(client, "/api/v1/feedback/rounds"))
    start([world.carol, world.dave, world.hanna])
    many = (queries(client, "/feedback/hr/"), queries(client, "/api/v1/feedback/rounds"))
    assert few == many
    with django_assert_max_num_queries(12):
        page = client.get("/feedback/hr/").content.decode()
    # One peer invited: fewer than k, so the count says why instead of "0/1".
    assert "fewer than 3 raters invited" in page or "minder dan 3" in page
    assert "0/1" not in page


def test_own_round_opens_directly_hr_for_someone_else_makes_a_draft(
    login, world, mailoutbox, django_capture_on_commit_callbacks
):
    client = login(world.user("carol"))
    client.post("/feedback/starten/", {"employee_number": "", "closes_on": CLOSES.isoformat()})
    own = FeedbackRound.objects.get(employee=world.carol)
    assert own.status == RoundStatus.OPEN
    assert [m.to for m in mailoutbox] == [["carol@example.nl"]]  # the self-assessment
    mailoutbox.clear()
    hr = login(world.user("hanna"))
    with django_capture_on_commit_callbacks(execute=True):
        response = hr.post(
            "/feedback/starten/", {"employee_number": "1002", "closes_on": CLOSES.isoformat()}
        )
    draft = FeedbackRound.objects.get(employee=world.alice)
    assert response["Location"] == f"/feedback/rondes/{draft.pk}/"
    assert draft.status == RoundStatus.DRAFT
    assert [m.to for m in mailoutbox] == [["alice@example.nl"]]  # told, nobody invited
    assert not Rater.objects.filter(round=draft).exists()
