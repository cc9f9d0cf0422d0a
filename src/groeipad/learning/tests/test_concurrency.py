"""Two managers approving the last place of a session at the same moment."""

import threading
from datetime import timedelta
from decimal import Decimal

import pytest
from django.db import connection, connections
from django.utils import timezone, translation

from groeipad.learning import services
from groeipad.learning.models import Enrolment, EnrolmentStatus

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="SQLite locks the whole database file and has no SELECT ... FOR UPDATE; "
        "the row-lock race needs PostgreSQL (set DATABASE_URL).",
    ),
]


def test_two_managers_approving_the_last_place_at_once_exactly_one_gets_it(personas):
    hr = personas.user("hanna")
    offer = services.offer_save(
        actor=hr, title="Leidinggeven", kind="internal_training", cost=Decimal("400")
    )
    today = timezone.localdate()
    session = services.session_add(
        actor=hr,
        offer=offer,
        starts_on=today + timedelta(days=5),
        ends_on=today + timedelta(days=5),
        place="Zwolle",
        capacity=1,
    )
    # carol's request goes to alice; alice's to bob: two managers, two threads.
    carol = services.request_offer(
        actor=personas.user("carol"), employee=personas.carol, offer=offer, session=session
    )
    alice = services.request_offer(
        actor=personas.user("alice"), employee=personas.alice, offer=offer, session=session
    )
    barrier = threading.Barrier(2)
    results, errors = {}, []

    def decide(manager, enrolment):
        try:
            barrier.wait(timeout=10)
            results[enrolment.pk] = services.approve(actor=manager, enrolment=enrolment).status
        except Exception as error:
            errors.append(error)
        finally:
            connections.close_all()

    threads = [
        threading.Thread(target=decide, args=(personas.user("alice"), carol)),
        threading.Thread(target=decide, args=(personas.user("bob"), alice)),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert errors == []
    assert sorted(results.values()) == ["approved", "waitlisted"]
    assert Enrolment.objects.filter(session=session, status=EnrolmentStatus.APPROVED).count() == 1


def test_two_managers_approving_the_last_of_a_personal_budget_at_once_exactly_one_fits(
    personas,
):
    """The personal budget row is locked like the department's: the second sees the first."""
    from django.core.exceptions import ValidationError

    from groeipad.budgets.models import PersonalBudget

    hr = personas.user("hanna")
    today = timezone.localdate()
    PersonalBudget.objects.create(employee=personas.carol, year=today.year, amount=Decimal("500"))
    first = services.offer_save(actor=hr, title="Excel online", kind="e_learning", cost=300)
    second = services.offer_save(actor=hr, title="Scrum online", kind="e_learning", cost=300)
    # Both carol's, both from her personal budget: 300 + 300 > 500, only one fits.
    requests = [
        services.request_offer(
            actor=personas.user("carol"), employee=personas.carol, offer=offer, funding="personal"
        )
        for offer in (first, second)
    ]
    barrier = threading.Barrier(2)
    results, refused, errors = {}, [], []

    def decide(manager, enrolment):
        try:
            barrier.wait(timeout=10)
            # Each thread starts in the site's language (Dutch); the message is read in English.
            with translation.override("en"):
                results[enrolment.pk] = services.approve(actor=manager, enrolment=enrolment).status
        except ValidationError as error:
            with translation.override("en"):
                refused.append(" ".join(error.messages))
        except Exception as error:
            errors.append(error)
        finally:
            connections.close_all()

    threads = [
        threading.Thread(target=decide, args=(personas.user("alice"), requests[0])),
        threading.Thread(target=decide, args=(personas.user("bob"), requests[1])),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert errors == []
    assert list(results.values()) == ["approved"] and len(refused) == 1
    assert "personal" in refused[0]
    approved = Enrolment.objects.filter(funding="personal", status=EnrolmentStatus.APPROVED)
    assert approved.count() == 1
