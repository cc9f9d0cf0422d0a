from datetime import date

import pytest

from groeipad.mobility import services
from groeipad.mobility.models import OfferKind
from groeipad.skills.models import Competency
from groeipad.skills.services import framework_install_starter

START = date(2027, 3, 1)


@pytest.fixture
def competency(personas):
    framework = framework_install_starter(actor=None)

    def _get(name_en):
        return Competency.objects.get(framework=framework, name_en=name_en)

    return _get


@pytest.fixture
def make_offer(personas):
    """An offer by HR; Planning hosts by default (alice and bob decide there)."""

    def _make(**fields):
        defaults = {
            "actor": personas.hanna.user,
            "host_department": personas.planning,
            "kind": OfferKind.ROTATION,
            "title": "Planning rotation",
            "duration_weeks": 8,
            "start_date": START,
            "places": 1,
        }
        return services.offer_create(**{**defaults, **fields})

    return _make


@pytest.fixture
def consented(personas, make_offer):
    """Dave (Finance, no manager) applied to a Planning offer and HR consented."""

    def _make(offer=None, **offer_fields):
        offer = offer or make_offer(**offer_fields)
        application = services.application_create(
            actor=personas.dave.user, offer=offer, motivation="Broaden my view"
        )
        return services.application_consent(
            actor=personas.hanna.user, application=application, give=True
        )

    return _make
