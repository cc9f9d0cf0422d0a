"""The behaviour evaluation is asked automatically: a reminder to the manager at 60 days."""

from datetime import timedelta

import pytest
from django.core import mail
from django.core.management import call_command

from groeipad.learning import services
from groeipad.learning.models import EvaluationLevel
from groeipad.notifications.models import Reminder, ReminderKind
from groeipad.notifications.reminders import reminder_providers, reminders_scan, reminders_send
from groeipad.notifications.services import emails_deliver_due


@pytest.fixture(autouse=True)
def _english(settings):
    settings.LANGUAGE_CODE = "en"


def _completed(personas, offer, employee_name, manager_name, completed_on):
    enrolment = services.request_offer(
        actor=personas.user(employee_name), employee=getattr(personas, employee_name), offer=offer
    )
    services.approve(actor=personas.user(manager_name), enrolment=enrolment)
    services.complete(
        actor=personas.user(manager_name), enrolment=enrolment, completed_on=completed_on
    )
    enrolment.refresh_from_db()
    return enrolment


def _behaviour():
    return Reminder.objects.filter(kind=ReminderKind.BEHAVIOUR_RATING)


def test_learning_registers_its_provider_with_the_reminder_scan():
    from groeipad.learning.reminders import behaviour_reminders

    assert reminder_providers().count(behaviour_reminders) == 1


@pytest.mark.django_db
def test_the_manager_is_asked_once_when_completed_learning_reaches_60_days(personas, offer, today):
    enrolment = _completed(personas, offer, "carol", "alice", today - timedelta(days=59))
    # 59 days: not yet.
    reminders_scan(today=today)
    assert not _behaviour().exists()
    tomorrow = today + timedelta(days=1)
    reminders_scan(today=tomorrow)
    reminder = _behaviour().get()
    assert reminder.user == personas.user("alice")
    assert reminder.key == f"behaviour_rating:{enrolment.pk}"
    assert reminder.link == f"/leren/aanvragen/{enrolment.pk}/gedrag/"
    assert "Carol Bakker" in reminder.subject and "Plannen met Excel" in reminder.subject
    assert "60 days ago" in reminder.body
    # Run twice (and the day after): still one reminder, e-mailed once.
    reminders_scan(today=tomorrow)
    reminders_scan(today=tomorrow + timedelta(days=1))
    assert _behaviour().count() == 1
    mail.outbox.clear()
    reminders_send()
    reminders_send()
    emails_deliver_due()
    emails_deliver_due()
    sent = [m for m in mail.outbox if "Plannen met Excel" in m.subject]
    assert len(sent) == 1 and sent[0].to == [personas.user("alice").email]
    assert f"/leren/aanvragen/{enrolment.pk}/gedrag/" in sent[0].body


@pytest.mark.django_db
def test_no_reminder_once_rated_or_outside_the_60_to_90_day_window(personas, offer, today):
    rated = _completed(personas, offer, "carol", "alice", today - timedelta(days=70))
    services.evaluate(
        actor=personas.user("alice"), enrolment=rated, level=EvaluationLevel.BEHAVIOUR, rating=4
    )
    old = services.offer_save(actor=personas.user("hanna"), title="Oud", kind="e_learning")
    _completed(personas, old, "alice", "bob", today - timedelta(days=91))
    reminders_scan(today=today)
    assert not _behaviour().exists()


@pytest.mark.django_db(transaction=True)
def test_groeipad_worker_runs_the_behaviour_reminder(personas, offer, today):
    from groeipad.notifications.tasks import scan_reminders

    enrolment = _completed(personas, offer, "carol", "alice", today - timedelta(days=60))
    scan_reminders.enqueue(today=today.isoformat())
    call_command("worker", batch=True, verbosity=0, scan_every=0)
    assert _behaviour().get().key == f"behaviour_rating:{enrolment.pk}"
    assert _behaviour().get().emailed_at is not None


@pytest.mark.django_db
def test_the_reminder_link_opens_the_rating_form_for_the_manager_only(
    personas, offer, today, login, client
):
    client.cookies["django_language"] = "en"
    enrolment = _completed(personas, offer, "carol", "alice", today - timedelta(days=61))
    url = f"/leren/aanvragen/{enrolment.pk}/gedrag/"
    alice = login(personas.user("alice"))
    page = alice.get(url).content.decode()
    assert 'name="level" value="behaviour"' in page and "Carol Bakker" in page
    assert login(personas.user("dave")).get(url).status_code == 404
    assert login(personas.user("carol")).get(url).status_code == 403
    alice = login(personas.user("alice"))
    alice.post(f"/leren/aanvragen/{enrolment.pk}/evaluatie/", {"level": "behaviour", "rating": 4})
    page = alice.get(url).content.decode()
    assert "Rated 4/5 on" in page and 'value="behaviour"' not in page


@pytest.mark.django_db
def test_before_60_days_the_page_says_when_the_rating_opens(personas, offer, today, login, client):
    client.cookies["django_language"] = "en"
    enrolment = _completed(personas, offer, "carol", "alice", today - timedelta(days=10))
    page = login(personas.user("alice")).get(f"/leren/aanvragen/{enrolment.pk}/gedrag/")
    assert "The behaviour rating opens on" in page.content.decode()
