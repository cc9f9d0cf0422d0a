"""Two hosts choosing at the same moment for the last place: exactly one succeeds."""

import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, connections

from groeipad.mobility import services
from groeipad.mobility.models import Application, Decision


@pytest.mark.django_db(transaction=True)
def test_the_last_place_goes_to_one_candidate(personas, make_offer):
    if connection.vendor != "postgresql":
        pytest.skip("two connections writing at once: PostgreSQL")
    p = personas
    offer = make_offer(host_department=p.finance, places=1)
    applications = []
    for applicant, manager in ((p.carol, p.alice), (p.alice, p.bob)):
        a = services.application_create(actor=applicant.user, offer=offer)
        services.application_consent(actor=manager.user, application=a, give=True)
        applications.append(a.pk)
    start = threading.Barrier(2)
    outcomes = []

    def choose(application_id, actor):
        try:
            application = Application.objects.select_related("offer", "employee").get(
                pk=application_id
            )
            start.wait()
            services.application_decide(actor=actor, application=application, choose=True)
            outcomes.append("chosen")
        except ValidationError:
            outcomes.append("refused")
        finally:
            connections.close_all()

    threads = [threading.Thread(target=choose, args=(pk, p.user("hanna"))) for pk in applications]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    assert sorted(outcomes) == ["chosen", "refused"]
    assert Application.objects.filter(decision=Decision.CHOSEN).count() == 1
