"""The demo's learning catalogue: every page has something real to show, the same each run."""

from collections import Counter
from datetime import date

from django.core.management import call_command

from groeipad.budgets import selectors as budget_selectors
from groeipad.budgets.models import Budget, PersonalBudget
from groeipad.learning import selectors
from groeipad.learning.models import (
    Enrolment,
    EnrolmentStatus,
    Evaluation,
    EvaluationAnswer,
    LearningActivity,
    LearningOffer,
    LearningScore,
    OfferKind,
)
from groeipad.people.models import Department, User

AS_OF = date(2026, 6, 1)


def _snapshot():
    return (
        Counter(Enrolment.objects.values_list("offer__title", "status")),
        sorted(Budget.objects.values_list("department__name", "year", "amount")),
        Counter(Evaluation.objects.values_list("level", "rating")),
        Counter(Enrolment.objects.values_list("employee__employee_number", "funding", "cost")),
        sorted(PersonalBudget.objects.values_list("employee__employee_number", "amount")),
    )


def test_demo_fills_the_catalogue_budgets_requests_and_evaluations(db):
    args = ["demo_data", "--employees", "150", "--seed", "3", "--as-of", AS_OF.isoformat()]
    call_command(*args)
    offers = LearningOffer.objects.prefetch_related("competencies", "sessions")
    assert offers.count() == 12
    assert set(offers.values_list("kind", flat=True)) == set(OfferKind.values)
    assert all(o.competencies.exists() for o in offers)
    # Sessions with capacity; a full one with a waiting list.
    full = [
        s
        for o in offers
        for s in o.sessions.all()
        if s.enrolments.filter(status__in=["approved", "completed"]).count() == s.capacity
        and s.enrolments.filter(status="waitlisted").exists()
    ]
    assert full
    # A budget for every top-level department this year; personal budgets too.
    tops = Department.objects.filter(parent__isnull=True).count()
    assert Budget.objects.filter(year=AS_OF.year).count() == tops
    assert PersonalBudget.objects.filter(year=AS_OF.year).exists()
    # Requests in every state; completions with all three levels and per-competency scores.
    assert set(Enrolment.objects.values_list("status", flat=True)) == set(EnrolmentStatus.values)
    assert set(Evaluation.objects.values_list("level", flat=True)) == {"behaviour"}
    # The participants' answers are anonymous: linked to nobody, the requests flagged.
    assert set(EvaluationAnswer.objects.values_list("level", flat=True)) == {
        "reaction",
        "learning",
    }
    assert Enrolment.objects.filter(reaction_answered=True).count() == (
        EvaluationAnswer.objects.filter(level="reaction").count()
    )
    assert Enrolment.objects.filter(learning_answered=True).count() == (
        EvaluationAnswer.objects.filter(level="learning").count()
    )
    assert LearningScore.objects.filter(competency__isnull=False).exists()
    completed = Enrolment.objects.filter(status="completed")
    assert LearningActivity.objects.filter(offer__isnull=False).count() == completed.count()
    assert not completed.filter(activity__isnull=True).exists()
    # Behaviour only from 60 days after completion.
    for evaluation in Evaluation.objects.filter(level="behaviour").select_related("enrolment"):
        assert (evaluation.rated_on - evaluation.enrolment.completed_on).days >= 60
    # The mandatory e-learning nobody likes is flagged.
    assert selectors.flagged_offer_ids()
    # Anonymous figures (k answers by distinct people, stepped): the demo has enough
    # answers that offers show each level and per-competency rows, not only reasons.
    shown = Counter()
    for offer in offers:
        ev = selectors.offer_evaluation(offer)
        for level in ("reaction", "learning", "behaviour"):
            shown[level] += not getattr(ev, level).suppressed
        shown["rows"] += sum(
            not r.cell.suppressed for r in selectors.offer_learning_by_competency(offer)
        )
    assert shown["reaction"] >= 6 and shown["learning"] >= 6 and shown["behaviour"] >= 3
    assert shown["rows"] >= 6
    # The demo manager has a request to decide and a behaviour rating due.
    manager = User.objects.get(email="manager@demo.groeipad.nl")
    assert selectors.approval_queue(manager).exists()
    assert selectors.behaviour_due(manager, today=AS_OF).exists()
    # Personal budgets pay only for what fits them: some unused, most 20-80 % used,
    # none overspent; the department budgets do not count those requests again.
    hr = User.objects.get(email="hr@demo.groeipad.nl")
    rows = budget_selectors.personal_budgets_for_viewer(hr, AS_OF.year)
    utilisation = [r.utilisation for r in rows]
    assert all(u <= 100 for u in utilisation)
    assert any(u == 0 for u in utilisation)
    assert sum(1 for u in utilisation if 20 <= u <= 80) > len(rows) / 2
    totals = budget_selectors.personal_budget_totals(rows)
    assert 25 <= totals.utilisation <= 75
    personal = Enrolment.objects.filter(funding="personal")
    assert personal.filter(status="completed").exists()
    assert not personal.filter(offer__cost__gt=450).exists()
    for budget in Budget.objects.filter(year=AS_OF.year).select_related("department"):
        status = budget_selectors.budget_status(budget.department, budget.year)
        assert status.remaining >= 0
    first = _snapshot()
    # The same seed gives the same catalogue, after --replace too.
    call_command(*args, "--replace")
    assert _snapshot() == first
