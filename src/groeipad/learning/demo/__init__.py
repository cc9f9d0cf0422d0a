"""The learning catalogue of the demo organisation: offers, sessions, budgets, requests.

Runs after the people, competency and plan demos. Twelve offers (internal training,
external course, e-learning) that develop the starter framework's competencies; sessions
with capacity, some full with a waiting list; a budget per top-level department for this
year and last; personal budgets where "the collective agreement" gives them, spent on
cheap e-learning and small courses the employee pays from their own budget (some unused,
most 20-80 % used, none overspent); requests in every state; completed learning with
the three evaluations, so the catalogue, offer, budget and request pages look lived in. Deterministic for a seed and written in bulk:
the number of requests is capped, so a 50,000-person demo adds well under a second.

Parts: ``catalogue`` (offers, sessions), ``requests``, ``evaluations``; the budgets are
the budgets app's demo (``groeipad.budgets.demo``).
"""

from __future__ import annotations

import random
from datetime import date, timedelta

from django.db.models import Q
from django.utils import timezone

from groeipad.budgets.demo import (
    budgets_demo_remove,
    department_budgets_generate,
    personal_budgets_generate,
)
from groeipad.learning.demo.catalogue import offers_create, sessions_create
from groeipad.learning.demo.evaluations import evaluations_create
from groeipad.learning.demo.requests import DEMO_EMPLOYEE, requests_create
from groeipad.learning.models import (
    Enrolment,
    Evaluation,
    EvaluationAnswer,
    LearningActivity,
    LearningOffer,
    OfferCompetency,
    Session,
)
from groeipad.people.models import Employee, User
from groeipad.skills.models import Competency

__all__ = ["learning_demo_generate", "learning_demo_remove"]


def learning_demo_remove() -> None:
    """Requests point at departments with PROTECT: remove the catalogue data first."""
    Evaluation.objects.all().delete()
    EvaluationAnswer.objects.all().delete()
    Enrolment.objects.all().delete()
    Session.objects.all().delete()
    OfferCompetency.objects.all().delete()
    LearningActivity.objects.filter(offer__isnull=False).delete()
    LearningOffer.objects.all().delete()
    budgets_demo_remove()


def learning_demo_generate(*, seed: int, today: date | None = None) -> dict[str, int]:
    today = today or timezone.localdate()
    rng = random.Random(seed * 15485863 + 11)
    competencies = {c.name_nl: c for c in Competency.objects.all()}
    offers, linked = offers_create(competencies)
    sessions = sessions_create(rng, offers, today)
    staff = list(
        Employee.objects.filter(manager__isnull=False, hire_date__lte=today - timedelta(days=90))
        .filter(Q(leave_date__isnull=True) | Q(leave_date__gte=today))
        .order_by("pk")
        .values_list("pk", "department_id", "manager_id")
    )
    users = dict(User.objects.filter(employee__isnull=False).values_list("employee_id", "id"))
    persona = (
        Employee.objects.filter(user__email=DEMO_EMPLOYEE, manager__isnull=False)
        .values_list("pk", "department_id", "manager_id")
        .first()
    )
    personal_budgets = personal_budgets_generate(rng, staff, today, persona)
    enrolments, persona_ids = requests_create(
        rng, offers, sessions, staff, users, today, persona, personal_budgets
    )
    evaluations, scores = evaluations_create(rng, enrolments, linked, users, today, persona_ids)
    budgets = department_budgets_generate(rng, today)
    personal = len(personal_budgets)
    return {
        "offers": len(offers),
        "sessions": sum(len(s) for s in sessions.values()),
        "requests": len(enrolments),
        "evaluations": evaluations,
        "scores": scores,
        "budgets": budgets,
        "personal_budgets": personal,
    }
