"""Anonymous means unlinked: once submitted, answers keep no path to the rater; once the
round closes, the invitations forget even who answered; the audit log records that an
answer arrived, never who gave it; externals go out only after approval, audited."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models
from django.utils import timezone

from groeipad.feedback import services
from groeipad.feedback.models import (
    Answer,
    Approval,
    DraftAnswer,
    FeedbackRound,
    Rater,
    RaterGroup,
    Response,
    RoundStatus,
)
from groeipad.feedback.tasks import remind_raters
from groeipad.privacy.models import AuditEvent


def _related_models(model, seen=None):
    """Every model reachable from ``model`` by following its forward relations."""
    seen = set() if seen is None else seen
    for field in model._meta.get_fields():
        if field.is_relation and field.concrete and field.related_model not in seen:
            seen.add(field.related_model)
            _related_models(field.related_model, seen)
    return seen


def test_no_path_leads_from_an_answer_to_a_rater():
    assert Rater not in _related_models(Answer)
    assert Rater not in _related_models(Response)
    # No time and no order either: a random id, no date or time field.
    for model in (Answer, Response):
        assert not [f.name for f in model._meta.get_fields() if isinstance(f, models.DateField)], (
            model
        )
    assert isinstance(Response._meta.pk, models.UUIDField)
    assert not [f.name for f in Rater._meta.get_fields() if "submitted" in f.name]


def test_after_submitting_only_answered_remains_and_after_closing_not_even_that(
    world, start_round, add_rater
):
    feedback_round = start_round(n=3)
    raters = [add_rater(feedback_round, RaterGroup.PEER, {world.listen: r}) for r in (2, 3, 4)]
    pending = add_rater(feedback_round, RaterGroup.PEER, {world.listen: 1}, submit=False)
    assert sorted(
        Rater.objects.filter(round=feedback_round).values_list("answered", flat=True)
    ) == [
        False,
        True,
        True,
        True,
    ]
    assert DraftAnswer.objects.filter(rater=pending).exists()
    assert not DraftAnswer.objects.filter(rater__in=raters).exists()
    assert Response.objects.filter(round=feedback_round).count() == 3
    # Nothing on a response or answer equals anything on its rater (ids, addresses).
    rater_values = {str(v) for r in Rater.objects.values() for v in r.values() if v}
    for row in list(Response.objects.values()) + list(Answer.objects.values()):
        leaked = {str(v) for k, v in row.items() if k not in ("round_id",)} & rater_values
        assert not leaked - {str(v) for v in (1, 2, 3, 4, 5)} - {"peer"}
    Rater.objects.filter(pk=pending.pk).update(reminded_at=timezone.now())
    services.round_close(actor=world.user("alice"), feedback_round=feedback_round)
    # Neither "answered" nor the reminder (which went to non-answerers only) remains.
    assert set(
        Rater.objects.filter(round=feedback_round).values_list("answered", "reminded_at")
    ) == {(None, None)}
    assert not DraftAnswer.objects.exists()  # the unsubmitted draft went too
    assert Response.objects.filter(round=feedback_round).count() == 3  # the answers stay


def test_a_round_past_its_closing_date_closes_and_forgets_daily(world, start_round, add_rater):
    feedback_round = start_round(n=3)
    add_rater(feedback_round, RaterGroup.PEER, {world.listen: 4})
    add_rater(feedback_round, RaterGroup.PEER, {world.listen: 4}, submit=False)
    FeedbackRound.objects.filter(pk=feedback_round.pk).update(
        closes_on=timezone.localdate() - timedelta(days=1)
    )
    assert remind_raters.call() == 0  # the worker's task: closes first, then reminds
    feedback_round.refresh_from_db()
    assert feedback_round.status == RoundStatus.CLOSED
    assert not Rater.objects.filter(answered__isnull=False).exists()
    assert AuditEvent.objects.filter(summary__contains="its closing date passed").count() == 1
    # A second run changes nothing.
    assert services.rounds_close_past() == 0
    assert AuditEvent.objects.filter(summary__contains="its closing date passed").count() == 1


def test_a_submission_is_audited_without_the_rater(world, start_round, add_rater):
    feedback_round = start_round(n=3)
    before = AuditEvent.objects.count()
    rater = add_rater(feedback_round, RaterGroup.PEER, {world.listen: 4})
    arrived = AuditEvent.objects.filter(summary__startswith="An answer arrived")
    assert arrived.count() == 1
    event = arrived.get()
    assert (event.object_type, event.object_id) == ("feedback_round", str(feedback_round.pk))
    assert event.actor_id is None and "anonymous" in event.actor_label
    text = f"{event.actor_label} {event.object_id} {event.summary} {event.changes}"
    assert rater.email not in text and "elders" not in text and "peer" not in text
    assert not re.search(rf"\b{rater.pk}\b", f"{event.summary} {event.changes}") or (
        rater.pk == feedback_round.pk
    )
    # And no audit line of any kind names the rater's address.
    for line in AuditEvent.objects.all()[before:]:
        assert rater.email not in f"{line.summary} {line.changes} {line.object_id}"


def test_a_colleague_with_an_account_answers_unnamed_in_the_audit(world, start_round):
    feedback_round = start_round(n=3)
    rater = services.rater_invite(
        actor=world.user("alice"),
        feedback_round=feedback_round,
        employee=world.carol,
        group=RaterGroup.PEER,
    )
    services.answer_submit(rater=rater, answers={})
    event = AuditEvent.objects.get(summary__startswith="An answer arrived")
    assert event.actor_id is None  # not carol's account
    assert "carol" not in f"{event.actor_label} {event.summary} {event.changes}".lower()


def test_reminders_reach_only_who_has_not_answered_and_tell_the_requester_no_number(
    login, world, start_round, add_rater, mailoutbox
):
    feedback_round = start_round(n=3)
    done = add_rater(feedback_round, RaterGroup.PEER, {world.listen: 4})
    waiting = add_rater(feedback_round, RaterGroup.PEER, {world.listen: 4}, submit=False)
    Rater.objects.filter(round=feedback_round).update(invited_at=timezone.now() - timedelta(days=4))
    mailoutbox.clear()
    client = login(world.user("alice"))
    client.cookies["django_language"] = "en"
    page = client.post(f"/feedback/rondes/{feedback_round.pk}/herinneren/", follow=True)
    text = page.content.decode()
    assert "Reminders go to those who have not answered yet" in text
    assert not re.search(r"Reminders sent: \d", text)
    assert [m.to for m in mailoutbox] == [[waiting.email]]
    # Both are listed as invited, alike: the rows differ only by the address.
    rows = re.findall(r"<tr><td>[^<]*elders\.example.*?</tr>", text)
    assert len(rows) == 2
    assert rows[0].replace(done.email, "X").replace(waiting.email, "X") == rows[1].replace(
        done.email, "X"
    ).replace(waiting.email, "X")


def test_externals_are_invited_only_after_the_manager_or_hr_approves(
    login, world, start_round, mailoutbox
):
    feedback_round = start_round(n=3)
    mailoutbox.clear()
    pending = services.rater_invite(
        actor=world.user("alice"),
        feedback_round=feedback_round,
        email="klant@elders.example",
        group=RaterGroup.OTHER,
    )
    refused = services.rater_invite(
        actor=world.user("alice"),
        feedback_round=feedback_round,
        email="nep@elders.example",
        group=RaterGroup.OTHER,
    )
    assert mailoutbox == []
    # Not the requester herself, not a colleague: only her manager (bob) or HR.
    for actor in ("alice", "carol", "dave"):
        with pytest.raises(PermissionDenied):
            services.external_decide(actor=world.user(actor), rater=pending, approve=True)
    bob = login(world.user("bob"))
    bob.cookies["django_language"] = "en"
    queue = bob.get("/feedback/goedkeuren/").content.decode()
    assert "klant@elders.example" in queue and "Alice Jansen" in queue
    assert bob.get("/api/v1/feedback/raters/pending").json()[0]["employee_number"] == "1002"
    carol = login(world.user("carol"))
    assert "klant@elders.example" not in carol.get("/feedback/goedkeuren/").content.decode()
    assert carol.post(f"/feedback/beoordelaars/{pending.pk}/goedkeuren/").status_code == 404
    assert carol.post(f"/api/v1/feedback/raters/{pending.pk}/approve").status_code == 404
    bob = login(world.user("bob"))
    assert bob.post(f"/feedback/beoordelaars/{pending.pk}/goedkeuren/").status_code == 302
    refused_api = bob.post(f"/api/v1/feedback/raters/{refused.pk}/refuse")
    assert refused_api.status_code == 200 and refused_api.json()["approval"] == "refused"
    assert [m.to for m in mailoutbox] == [["klant@elders.example"]]
    assert Rater.objects.get(pk=pending.pk).approval == Approval.APPROVED
    assert Rater.objects.get(pk=pending.pk).decided_by == world.user("bob")
    # Decided once: a second decision is refused and changes nothing.
    again = bob.post(f"/api/v1/feedback/raters/{pending.pk}/refuse")
    assert again.status_code == 404
    with pytest.raises(ValidationError):
        services.external_decide(actor=world.user("hanna"), rater=pending, approve=False)
    decisions = AuditEvent.objects.filter(object_type="feedback_rater", action="update")
    assert decisions.count() == 2
    assert all("elders" not in f"{d.summary} {d.changes}" for d in decisions)


def test_the_requesters_mail_and_pages_never_name_who_answered(
    login, world, start_round, add_rater, mailoutbox
):
    feedback_round = start_round(n=3)
    raters = [add_rater(feedback_round, RaterGroup.PEER, {world.listen: 3}) for _ in range(3)]
    to_alice = [m for m in mailoutbox if m.to == [world.alice.email]]
    for mail in to_alice:
        assert not any(r.email in mail.body for r in raters)
    client = login(world.user("alice"))
    client.cookies["django_language"] = "en"
    page = client.get(f"/feedback/rondes/{feedback_round.pk}/").content.decode()
    section = page.split('id="raters"', 1)[1].split("</section>", 1)[0]
    assert "Answered" not in section and "answered:" not in section.lower()


def test_the_command_lists_pending_externals_and_closes_past_rounds(world, start_round):
    import json
    from io import StringIO

    from django.core.management import call_command

    feedback_round = start_round(n=3)
    services.rater_invite(
        actor=world.user("alice"),
        feedback_round=feedback_round,
        email="klant@elders.example",
        group=RaterGroup.OTHER,
    )
    out = StringIO()
    call_command("feedback", "pending", "--json", stdout=out)
    (row,) = json.loads(out.getvalue())
    assert (row["email"], row["employee_number"]) == ("klant@elders.example", "1002")
    FeedbackRound.objects.filter(pk=feedback_round.pk).update(
        closes_on=timezone.localdate() - timedelta(days=1)
    )
    out = StringIO()
    call_command("feedback", "close-past", stdout=out)
    assert FeedbackRound.objects.get(pk=feedback_round.pk).status == RoundStatus.CLOSED
    out = StringIO()
    call_command("feedback", "pending", "--json", stdout=out)
    assert json.loads(out.getvalue()) == []  # a closed round has nothing to approve


def test_hr_sees_the_externals_to_approve_not_whom_the_employee_asked(login, world, start_round):
    feedback_round = start_round(n=3)
    for kwargs in ({"employee": world.carol}, {"email": "klant@elders.example"}):
        services.rater_invite(
            actor=world.user("alice"), feedback_round=feedback_round, group="peer", **kwargs
        )
    hr = login(world.user("hanna"))
    listed = hr.get(f"/api/v1/feedback/rounds/{feedback_round.pk}/raters").json()
    assert [r["email"] for r in listed] == ["klant@elders.example"]
    page = hr.get(f"/feedback/rondes/{feedback_round.pk}/").content.decode()
    assert "klant@elders.example" in page and "Carol Bakker" not in page
    alice = login(world.user("alice"))
    mine = alice.get(f"/api/v1/feedback/rounds/{feedback_round.pk}/raters").json()
    assert sorted(r["email"] for r in mine) == ["carol@example.nl", "klant@elders.example"]


def test_the_approval_queue_and_the_round_page_take_fixed_queries(login, world, start_round):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    feedback_round = start_round(n=3)

    def add(n):
        for i in range(n):
            services.rater_invite(
                actor=world.user("alice"),
                feedback_round=feedback_round,
                email=f"x{Rater.objects.count()}-{i}@elders.example",
                group=RaterGroup.OTHER,
            )

    def queries(client, url):
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        return len(captured)

    bob, alice = login(world.user("bob")), None
    add(2)
    few = queries(bob, "/feedback/goedkeuren/")
    alice = login(world.user("alice"))
    few_round = queries(alice, f"/feedback/rondes/{feedback_round.pk}/")
    add(6)
    bob = login(world.user("bob"))
    assert queries(bob, "/feedback/goedkeuren/") == few
    alice = login(world.user("alice"))
    assert queries(alice, f"/feedback/rondes/{feedback_round.pk}/") == few_round


def test_a_decision_returns_to_a_page_of_this_site_only(login, world, start_round):
    feedback_round = start_round(n=3)
    raters = [
        services.rater_invite(
            actor=world.user("alice"),
            feedback_round=feedback_round,
            email=f"k{i}@elders.example",
            group=RaterGroup.OTHER,
        )
        for i in range(2)
    ]
    hr = login(world.user("hanna"))
    back = f"/feedback/rondes/{feedback_round.pk}/"
    done = hr.post(f"/feedback/beoordelaars/{raters[0].pk}/goedkeuren/", {"next": back})
    assert done["Location"] == back
    away = hr.post(f"/feedback/beoordelaars/{raters[1].pk}/afwijzen/", {"next": "//evil.example"})
    assert away["Location"] == "/feedback/goedkeuren/"
