"""A round for alice (job profile Planner) with two competencies, and a helper that
adds submitted raters with given answers."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone


class DeliveredOutbox:
    """Django's test outbox as the worker leaves it: 360 mail is queued in the outbox
    (notifications) and delivered after the commit; reading this delivers what is due
    first, as the worker would have by then. Nothing that was not queued appears."""

    def __init__(self, outbox: list) -> None:
        self._outbox = outbox

    def _delivered(self) -> list:
        from groeipad.notifications.services import emails_deliver_due

        emails_deliver_due()
        return self._outbox

    def __len__(self) -> int:
        return len(self._delivered())

    def __iter__(self):
        return iter(self._delivered())

    def __getitem__(self, index):
        return self._delivered()[index]

    def __eq__(self, other) -> bool:
        return self._delivered() == other

    def clear(self) -> None:
        self._delivered().clear()


@pytest.fixture
def mailoutbox(mailoutbox, db):
    return DeliveredOutbox(mailoutbox)


@pytest.fixture
def world(personas, mailoutbox):
    from groeipad.skills.models import Competency, Framework, JobRequirement
    from groeipad.skills.services import scale_default

    scale = scale_default()
    framework = Framework.objects.create(name="Test")
    listen = Competency.objects.create(
        framework=framework, name_nl="Luisteren", name_en="Listening", scale=scale
    )
    plan = Competency.objects.create(
        framework=framework, name_nl="Plannen", name_en="Planning", scale=scale
    )
    for competency in (listen, plan):
        JobRequirement.objects.create(
            job_profile=personas.alice.job_profile, competency=competency, level=3
        )
    personas.listen, personas.plan = listen, plan
    return personas


@pytest.fixture
def set_settings(world):
    from groeipad.feedback import services

    def _set(n=3):
        return services.settings_update(actor=world.user("hanna"), min_group_size=n)

    return _set


@pytest.fixture
def start_round(world, set_settings):
    from groeipad.feedback import services
    from groeipad.feedback.models import FeedbackRound

    def _start(n=3):
        # N is the organisation's: HR sets it, the round copies it.
        set_settings(n)
        # One round in progress per person: tests that compare two rounds close the first.
        FeedbackRound.objects.filter(employee=world.alice, status__in=["draft", "open"]).update(
            status="closed"
        )
        return services.round_start(
            actor=world.user("alice"),
            employee=world.alice,
            closes_on=timezone.localdate() + timedelta(days=30),
        )

    return _start


@pytest.fixture
def add_rater(world):
    """add_rater(round, group, {competency: rating}, {open_kind: text}) -> a submitted rater.

    Self is alice; the manager is her manager bob; anyone else an external address that
    HR (hanna) approves, so that it is invited and counts."""
    from groeipad.feedback import services
    from groeipad.feedback.models import RaterGroup

    counter = {"n": 0}

    def _add(feedback_round, group, ratings=None, texts=None, submit=True):
        counter["n"] += 1
        if group in (RaterGroup.SELF, RaterGroup.MANAGER):
            employee = world.alice if group == RaterGroup.SELF else world.bob
            rater = services.rater_invite(
                actor=world.user("alice"),
                feedback_round=feedback_round,
                employee=employee,
                group=group,
            )
        else:
            rater = services.rater_invite(
                actor=world.user("alice"),
                feedback_round=feedback_round,
                email=f"rater{counter['n']}@elders.example",
                group=group,
            )
            rater = services.external_decide(actor=world.user("hanna"), rater=rater, approve=True)
        answers = {}
        for question in feedback_round.questions.select_related("competency"):
            if question.competency and ratings and question.competency in ratings:
                answers[question.pk] = {"rating": ratings[question.competency]}
            if question.open_kind and texts and question.open_kind in texts:
                answers[question.pk] = {"text": texts[question.open_kind]}
        if submit:
            services.answer_submit(rater=rater, answers=answers)
        else:
            services.answer_save(rater=rater, answers=answers)
        return rater

    return _add


@pytest.fixture(autouse=True)
def _fresh_organisation_domains():
    """The employees' domains are cached (one aggregate query per 10 minutes): each test
    starts from its own employees."""
    from django.core.cache import cache

    from groeipad.feedback.raters import DOMAINS_CACHE_KEY

    cache.delete(DOMAINS_CACHE_KEY)
    yield
    cache.delete(DOMAINS_CACHE_KEY)
