"""Rounds, invitations, tokens, saving and submitting once, reminders."""

from __future__ import annotations

import hashlib
import re
from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone, translation

from groeipad.feedback import services
from groeipad.feedback.access import LinkInvalid, get_rater_for
from groeipad.feedback.models import Answer, DraftAnswer, FeedbackRound, Rater, RaterGroup
from groeipad.feedback.tests.helpers import invite_approved


def _token_from(mail) -> str:
    return re.search(r"/feedback/([A-Za-z0-9_-]+)/", mail.body).group(1)


def test_round_asks_the_job_profile_competencies_and_four_open_questions(world, start_round):
    feedback_round = start_round()
    questions = list(feedback_round.questions.order_by("position"))
    assert [q.competency for q in questions[:2]] == [world.listen, world.plan]
    assert [q.open_kind for q in questions[2:]] == ["keep", "start", "stop", "unused_talent"]


def test_n_is_fixed_once_the_round_started(start_round):
    feedback_round = start_round(n=4)
    feedback_round.min_group_size = 2
    with pytest.raises(ValidationError):
        feedback_round.save()
    assert FeedbackRound.objects.get().min_group_size == 4


def test_n_below_two_is_refused_in_the_settings_and_nothing_changes(world, set_settings):
    set_settings(4)
    with pytest.raises(ValidationError):
        set_settings(1)
    from groeipad.feedback.models import FeedbackSettings

    assert FeedbackSettings.current().min_group_size == 4


def test_only_the_employee_or_hr_start_a_round(world):
    closes = timezone.localdate() + timedelta(days=9)
    with pytest.raises(PermissionDenied):
        services.round_start(actor=world.user("bob"), employee=world.alice, closes_on=closes)
    services.round_start(actor=world.user("hanna"), employee=world.alice, closes_on=closes)


def test_invitation_mails_a_link_stating_n_and_keeps_only_the_hash(start_round, mailoutbox):
    feedback_round = start_round(n=4)
    rater = invite_approved(
        actor=feedback_round.started_by,
        feedback_round=feedback_round,
        email="Extern@Elders.example",
        group=RaterGroup.OTHER,
    )
    mail = mailoutbox[-1]
    assert mail.to == ["extern@elders.example"]
    token = _token_from(mail)
    assert len(token) >= 43  # token_urlsafe(32)
    assert re.search(r"(at least|minstens) 4 ", mail.body)
    assert rater.token_hash == hashlib.sha256(token.encode()).hexdigest()
    assert token not in str(Rater.objects.values().get())
    assert get_rater_for(token).pk == rater.pk


def test_inviting_someone_twice_or_with_a_bad_address_changes_nothing(start_round):
    feedback_round = start_round()
    actor = feedback_round.started_by
    invite_approved(actor=actor, feedback_round=feedback_round, email="a@b.example", group="peer")
    for email, group in [
        ("a@b.example", "peer"),
        ("not-an-address", "peer"),
        ("c@d.example", "boss"),
    ]:
        with pytest.raises(ValidationError):
            invite_approved(actor=actor, feedback_round=feedback_round, email=email, group=group)
    assert Rater.objects.count() == 1


def test_altered_and_expired_tokens_are_refused(start_round, mailoutbox):
    feedback_round = start_round()
    invite_approved(
        actor=feedback_round.started_by,
        feedback_round=feedback_round,
        email="p@elders.example",
        group="peer",
    )
    token = _token_from(mailoutbox[-1])
    altered = token[:-1] + ("A" if token[-1] != "A" else "B")
    with pytest.raises(LinkInvalid):
        get_rater_for(altered)
    Rater.objects.update(expires_at=timezone.now() - timedelta(seconds=1))
    with pytest.raises(LinkInvalid):
        get_rater_for(token)


def test_save_and_come_back_then_submit_once(world, start_round):
    feedback_round = start_round()
    rater = invite_approved(
        actor=feedback_round.started_by,
        feedback_round=feedback_round,
        email="p@elders.example",
        group="peer",
    )
    question = feedback_round.questions.get(competency=world.listen)
    services.answer_save(rater=rater, answers={question.pk: {"rating": 2}})
    services.answer_save(rater=rater, answers={question.pk: {"rating": 4}})
    assert DraftAnswer.objects.get(rater=rater).rating == 4
    assert not Answer.objects.exists()  # a draft is no answer yet
    services.answer_submit(rater=rater, answers={question.pk: {"rating": 5}})
    with pytest.raises(ValidationError):
        services.answer_submit(rater=rater, answers={question.pk: {"rating": 1}})
    with pytest.raises(ValidationError):
        services.answer_save(rater=rater, answers={question.pk: {"rating": 1}})
    assert Answer.objects.get().rating == 5
    # The invitation keeps only "answered"; the draft is gone; no time is kept anywhere.
    assert Rater.objects.get().answered is True
    assert not DraftAnswer.objects.exists()


def test_a_rating_off_the_scale_is_refused_and_saves_nothing(world, start_round):
    feedback_round = start_round()
    rater = invite_approved(
        actor=feedback_round.started_by,
        feedback_round=feedback_round,
        email="p@elders.example",
        group="peer",
    )
    listen = feedback_round.questions.get(competency=world.listen)
    plan = feedback_round.questions.get(competency=world.plan)
    with translation.override("en"), pytest.raises(ValidationError, match="between 1 and 5"):
        services.answer_save(
            rater=rater, answers={listen.pk: {"rating": 3}, plan.pk: {"rating": 9}}
        )
    assert not Answer.objects.exists()


def test_reminders_go_to_who_has_not_answered_with_a_renewed_link(
    world, start_round, add_rater, mailoutbox
):
    feedback_round = start_round()
    add_rater(feedback_round, "peer", {world.listen: 3})
    waiting = add_rater(feedback_round, "peer", {world.listen: 3}, submit=False)
    old_hash = Rater.objects.get(pk=waiting.pk).token_hash
    mailoutbox.clear()
    # Not within REMIND_AFTER of the invitation: nobody gets two e-mails in a row.
    assert services.raters_remind(feedback_round=feedback_round) == 0
    soon = timezone.now() + services.REMIND_AFTER + timedelta(minutes=1)
    assert services.raters_remind(feedback_round=feedback_round, now=soon) == 1
    assert len(mailoutbox) == 1 and mailoutbox[0].to == [waiting.email]
    new_token = _token_from(mailoutbox[0])
    assert get_rater_for(new_token).pk == waiting.pk
    assert Rater.objects.get(pk=waiting.pk).token_hash != old_hash
    # Not again within a few days; the task covers all open rounds.
    assert services.reminders_for_open_rounds(now=soon) == 0
    assert services.reminders_for_open_rounds(now=soon + timedelta(days=1)) == 0
    later = soon + services.REMIND_AFTER + timedelta(minutes=1)
    assert services.reminders_for_open_rounds(now=later) == 1


def test_a_closed_round_refuses_links_and_invitations(start_round, mailoutbox):
    feedback_round = start_round()
    invite_approved(
        actor=feedback_round.started_by,
        feedback_round=feedback_round,
        email="p@elders.example",
        group="peer",
    )
    token = _token_from(mailoutbox[-1])
    services.round_close(actor=feedback_round.started_by, feedback_round=feedback_round)
    with pytest.raises(LinkInvalid):
        get_rater_for(token)
    with pytest.raises(ValidationError):
        invite_approved(
            actor=feedback_round.started_by,
            feedback_round=feedback_round,
            email="q@elders.example",
            group="peer",
        )
