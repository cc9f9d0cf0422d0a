"""Rater reminders through ``groeipad worker`` (at most once per interval), a goal started
from a blind spot, and sharing the report with the manager or a mentor."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from groeipad.feedback import services
from groeipad.feedback.access import get_rater_for
from groeipad.feedback.models import Rater
from groeipad.feedback.tasks import schedule_rater_reminders
from groeipad.feedback.tests.helpers import invite_approved
from groeipad.notifications.services import emails_deliver_due

TASK_PATH = "groeipad.feedback.tasks.remind_raters"


def _token(message) -> str:
    return re.search(r"/feedback/([A-Za-z0-9_-]+)/", message.body).group(1)


# --- Reminders --------------------------------------------------------------------------


def test_a_rater_is_reminded_at_most_once_per_interval(world, start_round, add_rater, mailoutbox):
    feedback_round = start_round()
    add_rater(feedback_round, "peer", {world.listen: 3})
    waiting = add_rater(feedback_round, "peer", {world.listen: 3}, submit=False)
    mailoutbox.clear()
    now = timezone.now()
    step = services.REMIND_AFTER
    # Within the interval after the invitation: nothing, however often the scan runs.
    for hours in (0, 1, 24, 71):
        assert services.reminders_for_open_rounds(now=now + timedelta(hours=hours)) == 0
    # Once due: one e-mail, and the same scan again (a second worker) sends nothing.
    due = now + step + timedelta(minutes=1)
    assert services.reminders_for_open_rounds(now=due) == 1
    assert services.reminders_for_open_rounds(now=due) == 0
    assert services.reminders_for_open_rounds(now=due + step - timedelta(minutes=1)) == 0
    assert [m.to for m in mailoutbox] == [[waiting.email]]
    # The new link works; the reminder is stamped.
    assert get_rater_for(_token(mailoutbox[0])).pk == waiting.pk
    assert Rater.objects.get(pk=waiting.pk).reminded_at == due
    # A whole interval later: the next one.
    assert services.reminders_for_open_rounds(now=due + step) == 1
    assert len(mailoutbox) == 2


def test_a_stale_read_of_a_rater_sends_no_second_reminder(
    world, start_round, add_rater, mailoutbox
):
    """Two workers that read the same due rater: the compare-and-swap lets one send."""
    feedback_round = start_round()
    add_rater(feedback_round, "peer", {world.listen: 3}, submit=False)
    mailoutbox.clear()
    due = timezone.now() + services.REMIND_AFTER + timedelta(minutes=1)
    stale = Rater.objects.get()  # what the second worker read before the first one sent
    assert services.raters_remind(feedback_round=feedback_round, now=due) == 1
    claimed = Rater.objects.filter(pk=stale.pk, reminded_at=stale.reminded_at).update(
        reminded_at=due
    )
    assert claimed == 0  # the condition raters_remind uses no longer holds
    assert len(mailoutbox) == 1


def test_nobody_who_submitted_and_no_draft_round_is_reminded(world, set_settings, mailoutbox):
    set_settings(3)
    (draft,) = services.rounds_start_for_group(
        actor=world.user("hanna"),
        employees=[world.alice],
        closes_on=timezone.localdate() + timedelta(days=30),
    ).started
    invite_approved(
        actor=world.user("alice"), feedback_round=draft, email="p@elders.example", group="peer"
    )
    mailoutbox.clear()
    later = timezone.now() + timedelta(days=10)
    assert services.reminders_for_open_rounds(now=later) == 0
    assert mailoutbox == []


def test_no_reminder_after_the_closing_date(world, start_round, add_rater, mailoutbox):
    feedback_round = start_round()
    add_rater(feedback_round, "peer", {world.listen: 3}, submit=False)
    mailoutbox.clear()
    after = timezone.now() + timedelta(days=40)  # the round closes after 30 days
    assert services.reminders_for_open_rounds(now=after) == 0
    assert mailoutbox == []


@pytest.mark.django_db(transaction=True)
def test_groeipad_worker_runs_the_rater_reminders_once_per_slot(world):
    services.settings_update(actor=world.user("hanna"), min_group_size=3)
    feedback_round = services.round_start(
        actor=world.user("alice"),
        employee=world.alice,
        closes_on=timezone.localdate() + timedelta(days=30),
    )
    rater = invite_approved(
        actor=world.user("alice"),
        feedback_round=feedback_round,
        email="p@elders.example",
        group="peer",
    )
    # Invited long enough ago to be due.
    Rater.objects.filter(pk=rater.pk).update(invited_at=timezone.now() - timedelta(days=4))
    # The invitation goes out through the outbox after the commit: delivered before we count.
    emails_deliver_due()
    mail.outbox.clear()
    call_command("worker", batch=True, verbosity=0, scan_every=60)
    call_command("worker", batch=True, verbosity=0, scan_every=60)  # same hour: no new run
    runs = DBTaskResult.objects.filter(task_path=TASK_PATH)
    assert runs.count() == 1
    assert runs.get().status == "SUCCESSFUL" and runs.get().return_value == 1
    # (The plans scan runs beside it and may e-mail the personas: count only raters.)
    to_raters = [m.to for m in mail.outbox if m.to[0].endswith("elders.example")]
    assert to_raters == [["p@elders.example"]]
    # Another slot: the task runs again, but the rater was reminded just now: no e-mail.
    assert schedule_rater_reminders(now=timezone.now() + timedelta(hours=2), every_minutes=60)
    call_command("worker", batch=True, verbosity=0, scan_every=0)
    assert runs.count() == 2
    assert len([m for m in mail.outbox if m.to[0].endswith("elders.example")]) == 1


# --- A goal from a blind spot -----------------------------------------------------------


@pytest.fixture
def blind_spot_round(world, start_round, add_rater):
    feedback_round = start_round(n=3)
    add_rater(feedback_round, "self", {world.listen: 5})
    for rating in (3, 2, 3):
        add_rater(feedback_round, "peer", {world.listen: rating})
    services.round_close(actor=world.user("alice"), feedback_round=feedback_round)
    return feedback_round


def _open_plan(world):
    from groeipad.plans import services as plan_services

    today = timezone.localdate()
    return plan_services.plan_create(
        actor=world.user("alice"),
        employee=world.alice,
        period_start=today,
        period_end=today + timedelta(days=365),
    )


def test_a_blind_spot_opens_the_goal_form_with_its_competency(login, world, blind_spot_round):
    plan = _open_plan(world)
    client = login(world.user("alice"))
    client.cookies["django_language"] = "en"
    report = client.get(f"/feedback/rondes/{blind_spot_round.pk}/rapport/").content.decode()
    link = re.search(r'href="(/ontwikkeling/\?competentie=\d+[^"]*)"', report).group(1)
    link = link.replace("&amp;", "&")
    assert f"competentie={world.listen.pk}" in link
    landed = client.get(link, follow=True)
    assert landed.redirect_chain[-1][0].startswith(f"/ontwikkeling/plannen/{plan.pk}/")
    assert "competentie=" in landed.redirect_chain[-1][0]
    page = landed.content.decode()
    assert re.search(rf'<option value="{world.listen.pk}" selected>Listening</option>', page)
    assert "Grow in Listening" in page  # the title, to adapt
    assert "blind spot in your 360-degree feedback" in page
    # Only the plan's editors get it prefilled: nothing breaks for an unknown id.
    assert client.get(f"/ontwikkeling/plannen/{plan.pk}/?competentie=99999").status_code == 200


def test_without_a_plan_the_competency_survives_starting_one(login, world, blind_spot_round):
    client = login(world.user("alice"))
    client.cookies["django_language"] = "en"
    start = client.get(f"/ontwikkeling/?competentie={world.listen.pk}&bron=360")
    assert f'name="competentie" value="{world.listen.pk}"' in start.content.decode()
    today = timezone.localdate()
    created = client.post(
        "/ontwikkeling/medewerkers/1002/nieuw/",
        {
            "template": "",
            "period_start": today.isoformat(),
            "period_end": (today + timedelta(days=365)).isoformat(),
            "competentie": str(world.listen.pk),
            "bron": "360",
        },
    )
    assert created.status_code == 302
    assert f"?competentie={world.listen.pk}&bron=360#new-goal" in created["Location"]


# --- Sharing with the manager or a mentor -----------------------------------------------


@pytest.fixture
def mentor_pair(world):
    from groeipad.mentoring.models import Match, MatchStatus, Participant, Programme

    programme = Programme.objects.create(name="Mentoring 2026")
    mentor = Participant.objects.create(programme=programme, employee=world.dave, role="mentor")
    mentee = Participant.objects.create(programme=programme, employee=world.alice, role="mentee")
    return Match.objects.create(
        programme=programme, mentor=mentor, mentee=mentee, status=MatchStatus.CONFIRMED
    )


def test_the_employee_shares_with_their_mentor_from_the_mentoring_pair(
    login, world, blind_spot_round, mentor_pair
):
    url = f"/feedback/rondes/{blind_spot_round.pk}/rapport/"
    dave = login(world.user("dave"))
    assert dave.get(url).status_code == 404
    alice = login(world.user("alice"))
    alice.cookies["django_language"] = "en"
    page = alice.get(f"/feedback/rondes/{blind_spot_round.pk}/").content.decode()
    assert "Share with my mentor" in page and "Dave Visser" in page
    alice.post(
        f"/feedback/rondes/{blind_spot_round.pk}/delen/",
        {"mentor": str(world.dave.pk), "mentor_email": ""},
    )
    blind_spot_round.refresh_from_db()
    assert blind_spot_round.mentor == world.user("dave")
    assert not blind_spot_round.share_with_manager
    assert login(world.user("dave")).get(url).status_code == 200
    assert login(world.user("bob")).get(url).status_code == 404  # not the manager: not shared
    # Withdrawn: gone again.
    services.round_share(
        actor=world.user("alice"), feedback_round=blind_spot_round, with_manager=True
    )
    assert login(world.user("dave")).get(url).status_code == 404
    assert login(world.user("bob")).get(url).status_code == 200


def test_only_a_confirmed_mentor_of_the_employee_can_be_picked(
    world, blind_spot_round, mentor_pair
):
    from groeipad.mentoring.models import MatchStatus

    with pytest.raises(ValidationError):
        services.round_share(
            actor=world.user("alice"),
            feedback_round=blind_spot_round,
            with_manager=False,
            mentor_employee_id=world.carol.pk,
        )
    mentor_pair.status = MatchStatus.PROPOSED
    mentor_pair.save()
    with pytest.raises(ValidationError):
        services.round_share(
            actor=world.user("alice"),
            feedback_round=blind_spot_round,
            with_manager=False,
            mentor_employee_id=world.dave.pk,
        )
    blind_spot_round.refresh_from_db()
    assert blind_spot_round.mentor is None
