"""360 feedback in a browser: a rater without an account answers through the e-mailed
link (saves, comes back, submits once); an expired or altered link shows a clear page;
the employee reads the report."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest

from groeipad.notifications.services import emails_deliver_due

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def feedback_world(organisation):
    from groeipad.skills.models import Competency, Framework, JobRequirement
    from groeipad.skills.services import scale_default

    scale = scale_default()
    framework = Framework.objects.create(name="Groeipad test")
    for nl, en in [("Luisteren", "Listening"), ("Plannen en organiseren", "Planning")]:
        competency = Competency.objects.create(
            framework=framework,
            name_nl=nl,
            name_en=en,
            scale=scale,
            description_nl="Hoe goed doet deze persoon dit in het dagelijks werk?",
        )
        JobRequirement.objects.create(
            job_profile=organisation.alice.job_profile, competency=competency, level=3
        )
    return organisation


def _token(mail) -> str:
    return re.search(r"/feedback/([A-Za-z0-9_-]+)/", mail.body).group(1)


def test_rater_answers_through_the_link_without_an_account(
    feedback_world, live_server, page, shot, mailoutbox
):
    from django.utils import timezone

    from groeipad.feedback import services
    from groeipad.feedback.models import Rater
    from groeipad.notifications.services import emails_deliver_due

    alice = feedback_world.alice
    feedback_round = services.round_start(
        actor=feedback_world.user("alice"),
        employee=alice,
        closes_on=timezone.localdate() + timedelta(days=14),
    )
    guest = services.rater_invite(
        actor=feedback_world.user("alice"),
        feedback_round=feedback_round,
        email="gast@partner.example",
        group="other",
    )
    # An external rater: invited once HR (or the manager) approved.
    services.external_decide(actor=feedback_world.user("hanna"), rater=guest, approve=True)
    emails_deliver_due()  # the outbox delivers after the commit, as the worker does
    link = f"{live_server.url}/feedback/{_token(mailoutbox[-1])}/"

    page.goto(link)
    # N is stated before anything is answered.
    assert "minstens 3" in page.inner_text("#anonymity")
    page.check("fieldset.fb-q >> nth=0 >> input[value='4']")
    page.fill("fieldset.fb-q >> nth=2 >> textarea", "Rustig en helder in drukke weken.")
    shot(page, "feedback-01-rater-form")
    page.click("button[value=save]")
    page.wait_for_load_state()
    # Come back later: the draft is still there.
    page.goto(link)
    assert page.is_checked("fieldset.fb-q >> nth=0 >> input[value='4']")
    assert "Rustig en helder" in page.input_value("fieldset.fb-q >> nth=2 >> textarea")
    page.check("fieldset.fb-q >> nth=1 >> input[value='3']")
    page.click("button[value=submit]")
    page.wait_for_selector("#submitted")
    shot(page, "feedback-02-rater-submitted")
    assert page.locator("#answers").count() == 0  # no second submit
    assert Rater.objects.get(group="other").answered is True

    # An altered link and an expired one get the same clear page.
    response = page.goto(link[:-3] + "xyz/")
    assert response.status == 404
    assert "Deze link werkt niet" in page.inner_text("main")
    Rater.objects.update(expires_at=timezone.now() - timedelta(minutes=1))
    response = page.goto(link)
    assert response.status == 404
    shot(page, "feedback-03-link-expired")


def test_employee_reads_the_report_with_blind_spot(
    feedback_world, log_in, live_server, page, shot, mailoutbox
):
    from django.utils import timezone

    from groeipad.feedback import services
    from groeipad.feedback.models import RaterGroup

    alice = feedback_world.alice
    actor = feedback_world.user("alice")
    feedback_round = services.round_start(
        actor=actor,
        employee=alice,
        closes_on=timezone.localdate() + timedelta(days=14),
    )
    questions = list(feedback_round.questions.order_by("position"))
    listen, plan = questions[0], questions[1]
    people = [
        (RaterGroup.SELF, alice.email, 5, 2, ""),
        ("peer", "p1@x.example", 3, 4, "Je houdt overzicht als het druk wordt."),
        ("peer", "p2@x.example", 3, 4, "Blijf collega's zo goed helpen."),
        ("peer", "p3@x.example", 2, 5, "Je planning is altijd op tijd klaar."),
        ("direct_report", "r1@x.example", 1, 1, "dit mag niemand lezen"),
        # Her manager: shown as his own rating, named.
        (RaterGroup.MANAGER, "bob@example.nl", 4, 2, "Neem vaker het woord in overleggen."),
    ]
    keep = questions[2]
    for group, email, a, b, text in people:
        rater = services.rater_invite(
            actor=actor, feedback_round=feedback_round, email=email, group=group
        )
        if rater.is_external:
            rater = services.external_decide(
                actor=feedback_world.user("hanna"), rater=rater, approve=True
            )
        services.answer_submit(
            rater=rater,
            answers={
                listen.pk: {"rating": a},
                plan.pk: {"rating": b},
                keep.pk: {"text": text},
            },
        )
    services.round_close(actor=actor, feedback_round=feedback_round)
    log_in("alice@example.nl")
    page.wait_for_url(f"{live_server.url}/")
    page.click("nav.mainnav >> text=Feedback")
    page.click(".fb-rounds a")
    shot(page, "feedback-04-round")
    page.click("text=Bekijk het rapport")
    page.wait_for_url(re.compile(r"/rapport/$"))
    text = page.inner_text("main")
    assert "dit mag niemand lezen" not in text
    assert "Je houdt overzicht" in text
    assert "Bob de Vries" in text and "Neem vaker het woord" in text
    shot(page, "feedback-05-report")


def test_hr_sets_n_starts_a_group_and_the_employee_opens_their_draft(
    feedback_world, log_in, live_server, page, shot, mailoutbox
):
    from groeipad.feedback.models import FeedbackRound

    # HR: N = 4 for the organisation, then draft rounds for Planning (alice and carol).
    log_in("hanna@example.nl")
    page.wait_for_url(f"{live_server.url}/")
    page.goto(f"{live_server.url}/feedback/hr/")
    page.click("a[href='/feedback/hr/instellingen/']")
    page.fill("#id_min_group_size", "4")
    shot(page, "feedback-06-settings")
    page.click("#settings-form button[type=submit]")
    page.wait_for_load_state()
    page.goto(f"{live_server.url}/feedback/hr/groep-starten/")
    page.select_option("#id_department", label="Operations/Planning")
    page.click("#group-form button[type=submit]")
    page.wait_for_url(f"{live_server.url}/feedback/hr/")
    shot(page, "feedback-07-group-started")
    draft = FeedbackRound.objects.get(employee=feedback_world.alice)
    assert draft.status == "draft"
    assert FeedbackRound.objects.filter(employee=feedback_world.carol, status="draft").exists()

    # Alice: adds a rater to her draft (nobody mailed yet) and opens the round.
    page.context.clear_cookies()
    emails_deliver_due()  # HR's draft notices to the group
    mailoutbox.clear()
    log_in("alice@example.nl")
    page.wait_for_url(f"{live_server.url}/")
    page.goto(f"{live_server.url}/feedback/rondes/{draft.pk}/")
    assert page.locator("#draft").count() == 1
    # A colleague is found by name (never a list of everyone) and added as a peer.
    page.fill("#id_zoek", "Bakker")
    page.click("#invite button")
    page.wait_for_load_state()
    assert "Carol Bakker" in page.inner_text(".fb-found")
    page.click(".fb-found form button")
    page.wait_for_load_state()
    emails_deliver_due()
    assert mailoutbox == []  # a draft round mails nobody
    shot(page, "feedback-08-draft-round")
    page.click(f"form[action='/feedback/rondes/{draft.pk}/openen/'] button")
    page.wait_for_load_state()
    assert page.locator("#draft").count() == 0
    draft.refresh_from_db()
    assert (draft.status, draft.min_group_size) == ("open", 4)
    emails_deliver_due()  # the outbox delivers after the commit, as the worker does
    invitation = next(m for m in mailoutbox if m.to == ["carol@example.nl"])

    # The rater sees N = 4 before answering.
    page.context.clear_cookies()
    page.goto(f"{live_server.url}/feedback/{_token(invitation)}/")
    assert "minstens 4" in page.inner_text("#anonymity")
