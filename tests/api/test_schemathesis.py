"""Schemathesis against /api/v1/openapi.json: no operation ever answers a server error.

Every operation in the OpenAPI document (new routers are picked up on their own) gets
``GROEIPAD_FUZZ_EXAMPLES`` generated cases (100 in ``make test``, 1,000 in ``make fuzz``)
on top of Schemathesis' coverage cases (boundaries, wrong types, missing fields). Each
case is sent through the WSGI application in-process, with a Bearer token of an HR adviser
or of an employee (half each), in a savepoint that is rolled back afterwards: every case
starts from the access matrix's organisation, and paths with ids sometimes hit its real
objects (see ``flatmap_path_parameters``). Unsafe methods are fuzzed too.

Derandomized: a CI failure is reproduced locally by the same command.
"""

from __future__ import annotations

import os
import zlib
from datetime import timedelta
from typing import Any

import pytest
import schemathesis
from django.core import signals
from django.core.handlers.wsgi import WSGIHandler
from django.db import close_old_connections, transaction
from django.utils import timezone
from hypothesis import HealthCheck, Phase, settings
from hypothesis import strategies as st
from schemathesis.checks import not_a_server_error
from schemathesis.config import SchemathesisConfig

from groeipad.api.api import api
from tests.access.conftest import world  # noqa: F401  (the access matrix's organisation)

pytestmark = pytest.mark.fuzz

EXAMPLES = int(os.environ.get("GROEIPAD_FUZZ_EXAMPLES", "100"))

CONFIG = SchemathesisConfig.from_dict(
    {
        "phases": {
            "examples": {"enabled": True},
            "coverage": {"enabled": True},
            "fuzzing": {"enabled": True},
            "stateful": {"enabled": False},
        },
        "generation": {"mode": "all", "max-examples": EXAMPLES, "deterministic": True},
    }
)
schema = schemathesis.openapi.from_dict(api.get_openapi_schema(), config=CONFIG)

# Path parameter name -> the world's kind of object (tests/access/conftest.py).
KINDS = {
    "plan_id": "plan",
    "goal_id": "goal",
    "action_id": "action",
    "checkin_id": "checkin",
    "round_id": "round",
    "rater_id": "rater",
    "enrolment_id": "enrolment",
    "trajectory_id": "trajectory",
    "application_id": "application",
    "match_id": "pair",
    "offer_id": "offer",
    "rotation_id": "rotation",
    "programme_id": "programme",
    "rule_id": "rule",
    "competency_id": "competency",
    "employee_number": "employee",
}
# Filled per run by the ``real`` fixture; read when a case is drawn.
REAL: dict[str, list[Any]] = {}


@schema.hook
def flatmap_path_parameters(context, path_parameters):
    """Half of the time the ids in a path are those of real objects: the happy paths of
    unsafe operations (approve, close, join...) are fuzzed as well as the 404s."""
    if not path_parameters:
        return st.just(path_parameters)

    def real(chosen: dict) -> dict:
        return {**path_parameters, **chosen}

    choices = {
        name: st.sampled_from(REAL.get(KINDS.get(name, ""), REAL.get("any", [1])))
        for name in path_parameters
    }
    return st.one_of(st.just(path_parameters), st.fixed_dictionaries(choices).map(real))


class InProcess(WSGIHandler):
    """Django's WSGI application, called in the test's own thread and transaction."""


@pytest.fixture(scope="module")
def app():
    # Like Django's test client: a request must not close the connection that holds the
    # test's transaction.
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield InProcess()
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


@pytest.fixture(scope="module")
def tokens(world, django_db_blocker):  # noqa: F811
    from groeipad.people.services import api_token_create, api_token_touch

    keys = {}
    with django_db_blocker.unblock():
        for role in ("H", "E"):
            user = world.users[role]
            token, keys[role] = api_token_create(actor=user, user=user, name="fuzz")
            # Used just now: the requests do not each write last_used_at (a write that
            # every rolled-back case would repeat).
            api_token_touch(token, timezone.now() + timedelta(hours=1))
    return keys


@pytest.fixture(scope="module")
def real(world, django_db_blocker):  # noqa: F811
    from groeipad.learning.models import LearningOffer
    from groeipad.mentoring.models import Match, PairRule
    from groeipad.mobility.models import RotationOffer
    from groeipad.skills.models import Competency

    with django_db_blocker.unblock():
        match = Match.objects.get(pk=world.objects["pair"]["E"])
        REAL.update({kind: sorted(ids.values()) for kind, ids in world.objects.items()})
        REAL["employee"] = sorted(e.employee_number for e in world.employees.values())
        REAL["offer"] = list(LearningOffer.objects.values_list("pk", flat=True)[:5])
        REAL["rotation"] = list(RotationOffer.objects.values_list("pk", flat=True)[:5])
        REAL["programme"] = [match.programme_id]
        REAL["rule"] = list(PairRule.objects.values_list("pk", flat=True)[:5]) or [1]
        REAL["competency"] = list(Competency.objects.values_list("pk", flat=True)[:5]) or [1]
        REAL["any"] = sorted({pk for ids in world.objects.values() for pk in ids.values()})
    yield REAL
    REAL.clear()


@schema.parametrize()
@settings(
    max_examples=EXAMPLES,
    derandomize=True,
    deadline=None,
    database=None,
    phases=[Phase.explicit, Phase.generate],
    suppress_health_check=[
        HealthCheck.too_slow,
        HealthCheck.filter_too_much,
        HealthCheck.data_too_large,
        HealthCheck.function_scoped_fixture,
    ],
)
def test_api_never_answers_a_server_error(case, app, tokens, real, db):
    # Half the cases as the HR adviser, half as an employee: chosen from the case itself,
    # so a run is reproducible and every operation is fuzzed as both.
    role = ("H", "E")[zlib.crc32(repr(case).encode()) % 2]
    with transaction.atomic():
        response = case.call(app=app, headers={"Authorization": f"Bearer {tokens[role]}"})
        transaction.set_rollback(True)
    case.validate_response(response, checks=[not_a_server_error])
