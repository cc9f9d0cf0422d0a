"""Reads for the learning catalogue: budgets, queues and evaluation summaries."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.conf import settings
from django.db.models import Avg, Count, Q, QuerySet, Sum
from django.utils import timezone

from groeipad.learning.models import (
    Budget,
    Enrolment,
    EnrolmentStatus,
    Evaluation,
    EvaluationLevel,
    Funding,
    LearningOffer,
    PersonalBudget,
)
from groeipad.people.models import Department, Employee
from groeipad.people.visibility import is_hr, visible_employees

ZERO = Decimal("0")

# Settings, not constants: an organisation sets its own threshold and benchmark.
DEFAULTS = {
    "LEARNING_HR_COST_THRESHOLD": Decimal("2500"),
    "LEARNING_PAYROLL_BENCHMARK": (Decimal("1"), Decimal("3")),
    "LEARNING_BUDGET_WARNING": Decimal("0.9"),
    "LEARNING_BEHAVIOUR_DAYS": (60, 90),
    # A mandatory offer is flagged when its average reaction is below this (1-5) ...
    "LEARNING_LOW_REACTION": Decimal("3"),
    # ... from at least this many ratings.
    "LEARNING_LOW_REACTION_MIN_N": 3,
}


def setting(name: str):
    return getattr(settings, name, DEFAULTS[name])


def in_year(year: int) -> Q:
    """Requests that belong to a budget year: the session's year, else the request's."""
    return Q(session__starts_on__year=year) | Q(session__isnull=True, requested_at__year=year)


class DepartmentTree:
    """The whole department tree in memory (one query): parents and children by id."""

    def __init__(self) -> None:
        self.parent: dict[int, int | None] = dict(Department.objects.values_list("id", "parent_id"))
        self.children: dict[int | None, list[int]] = defaultdict(list)
        for pk, parent_id in self.parent.items():
            self.children[parent_id].append(pk)

    def below(self, root: int, *, stop=frozenset()) -> list[int]:
        """``root`` and every department under it, not descending into ``stop``.

        A seen-set, like the recursive query's UNION: a cycle that slipped into the data
        ends the walk instead of looping.
        """
        seen = {root}
        todo = [root]
        while todo:
            for child in self.children.get(todo.pop(), ()):
                if child not in seen and child not in stop:
                    seen.add(child)
                    todo.append(child)
        return sorted(seen)

    def up(self, start: int | None) -> list[int]:
        """``start`` and every department above it, nearest first; a cycle ends the walk."""
        chain: list[int] = []
        step = start
        while step is not None and step not in chain:
            chain.append(step)
            step = self.parent.get(step)
        return chain


def _charged(tree: DepartmentTree, department_id: int, budgeted: set[int]) -> list[int]:
    """What a department's budget pays for: the department and everything below it,
    except sub-departments with a budget of their own (and whatever is below those)."""
    return tree.below(department_id, stop=budgeted - {department_id})


def charged_department_ids(department: Department, year: int) -> list[int]:
    """The departments whose requests draw on ``department``'s budget for ``year``.

    A request draws on the nearest budget up the tree: a sub-department with a budget
    of its own pays for itself, one without draws on its parent's.
    """
    budgeted = set(Budget.objects.filter(year=year).values_list("department_id", flat=True))
    return _charged(DepartmentTree(), department.pk, budgeted)


# Other development spend that draws on the same department budgets (coaching registers
# itself in its AppConfig.ready(); learning never imports the apps above it).
# A source takes department ids and the year and returns (committed, spent) in euros for
# those departments together. It may also register a grouped form: department ids and the
# year -> {department id: (committed, spent)}, ids without any left out, in a fixed number
# of queries however many ids. The budget reads use the grouped form, so a list of budgets
# costs the source one call; a source without one is asked once per budget.
BUDGET_DRAWS: list = []
_GROUPED_DRAWS: dict = {}


def register_budget_draw(source, *, grouped=None) -> None:
    if source not in BUDGET_DRAWS:
        BUDGET_DRAWS.append(source)
    if grouped is not None:
        _GROUPED_DRAWS[source] = grouped


def budget_for(department: Department, year: int) -> Budget | None:
    """The budget a request from ``department`` draws on: its own or the nearest above."""
    step = department
    while step is not None:
        budget = Budget.objects.filter(department=step, year=year).first()
        if budget:
            return budget
        step = step.parent
    return None


@dataclass
class BudgetStatus:
    budget: Budget | None
    department: Department
    year: int
    amount: Decimal | None
    committed: Decimal
    spent: Decimal
    fte: Decimal
    payroll: Decimal
    hours_set_aside: Decimal
    hours_used: Decimal

    @property
    def remaining(self) -> Decimal | None:
        if self.amount is None:
            return None
        return self.amount - self.committed - self.spent

    @property
    def per_fte(self) -> Decimal | None:
        if self.amount is None or not self.fte:
            return None
        return self.amount / self.fte

    @property
    def payroll_percent(self) -> Decimal | None:
        if self.amount is None or not self.payroll:
            return None
        return self.amount / self.payroll * 100

    @property
    def utilisation(self) -> Decimal | None:
        """Spent plus committed as a share of the amount (percent)."""
        if not self.amount:
            return None
        return (self.committed + self.spent) / self.amount * 100

    @property
    def benchmark(self) -> tuple[Decimal, Decimal]:
        return setting("LEARNING_PAYROLL_BENCHMARK")

    @property
    def below_benchmark(self) -> bool:
        pct = self.payroll_percent
        return pct is not None and pct < self.benchmark[0]

    @property
    def warning(self) -> bool:
        """Close to overspending (or over): the page warns before it happens."""
        util = self.utilisation
        return util is not None and util >= setting("LEARNING_BUDGET_WARNING") * 100


def _totals(per_department: dict[int, tuple], ids: list[int], width: int) -> list[Decimal]:
    totals = [ZERO] * width
    for pk in ids:
        for i, value in enumerate(per_department.get(pk, ())):
            totals[i] += value or ZERO
    return totals


def budget_statuses(departments, year: int) -> list[BudgetStatus]:
    """The budget status of each of ``departments`` for ``year``, in their order.

    A fixed number of queries however many departments: the tree and the year's budgets,
    then the requests, each registered draw (coaching) and the staff, each grouped by
    department and added up per budget in Python. ``budget_status`` is the one-department
    case, so a list and a single budget (an approval's check) can never disagree.
    """
    departments = list(departments)
    if not departments:
        return []
    tree = DepartmentTree()
    budgets = {b.department_id: b for b in Budget.objects.filter(year=year)}
    budgeted = set(budgets)
    # A department with a budget pays for itself and the sub-departments without one;
    # one without a budget shows only its own requests (there is no amount to draw on).
    charged = {
        d.pk: _charged(tree, d.pk, budgeted) if d.pk in budgeted else [d.pk] for d in departments
    }
    staffed = {d.pk: tree.below(d.pk) for d in departments}
    charged_ids = sorted({pk for ids in charged.values() for pk in ids})
    staffed_ids = sorted({pk for ids in staffed.values() for pk in ids})

    # Only requests the department pays: personal-funded ones count on the employee's
    # personal budget (personal_budget_status), never on both.
    requests = {
        row["department_id"]: (row["committed"], row["spent"], row["hours"])
        for row in Enrolment.objects.filter(
            in_year(year), department_id__in=charged_ids, funding=Funding.DEPARTMENT
        )
        .order_by()
        .values("department_id")
        .annotate(
            committed=Sum("cost", filter=Q(status=EnrolmentStatus.APPROVED)),
            spent=Sum("cost", filter=Q(status=EnrolmentStatus.COMPLETED)),
            hours=Sum("hours", filter=Q(status=EnrolmentStatus.COMPLETED)),
        )
    }
    draws = []
    for source in BUDGET_DRAWS:
        grouped = _GROUPED_DRAWS.get(source)
        if grouped is not None:
            draws.append(grouped(charged_ids, year))
        else:  # an ungrouped source: once per budget, keyed by the department itself
            draws.append({pk: source(ids, year) for pk, ids in charged.items()})
    # Euros per FTE and payroll share: the people in the department and everything below.
    today = timezone.localdate()
    people = {
        row["department_id"]: (row["fte"], row["payroll"])
        for row in Employee.objects.filter(department_id__in=staffed_ids, hire_date__lte=today)
        .filter(Q(leave_date__isnull=True) | Q(leave_date__gte=today))
        .order_by()
        .values("department_id")
        .annotate(fte=Sum("fte"), payroll=Sum("annual_salary"))
    }

    statuses = []
    for department in departments:
        ids = charged[department.pk]
        committed, spent, hours = _totals(requests, ids, 3)
        for source, draw in zip(BUDGET_DRAWS, draws, strict=True):
            if source in _GROUPED_DRAWS:
                other_committed, other_spent = _totals(draw, ids, 2)
            else:
                other_committed, other_spent = draw[department.pk]
            committed += other_committed
            spent += other_spent
        fte, payroll = _totals(people, staffed[department.pk], 2)
        budget = budgets.get(department.pk)
        if budget is not None:
            budget.department = department  # no query per row for budget.department
        statuses.append(
            BudgetStatus(
                budget=budget,
                department=department,
                year=year,
                amount=budget.amount if budget else None,
                committed=committed,
                spent=spent,
                fte=fte,
                payroll=payroll,
                hours_set_aside=budget.hours if budget else ZERO,
                hours_used=hours,
            )
        )
    return statuses


def budget_status(department: Department, year: int) -> BudgetStatus:
    """One department's budget status: ``budget_statuses`` for just this department."""
    [status] = budget_statuses([department], year)
    return status


def remaining_for_request(enrolment: Enrolment) -> tuple[Budget | None, Decimal | None]:
    """The department budget a request would draw on and what is left of it now."""
    budget = budget_for(enrolment.department, enrolment.budget_year)
    if budget is None:
        return None, None
    return budget, budget_status(budget.department, budget.year).remaining


def budgets_for_viewer(user, year: int) -> list[BudgetStatus]:
    from groeipad.learning.rules import budget_departments

    departments = budget_departments(user).filter(learning_budgets__year=year).order_by("name")
    return budget_statuses(departments, year)


@dataclass
class PersonalBudgetRow:
    """An employee's personal learning budget for a year and what personal-funded
    requests hold on it (committed: approved) and took from it (spent: completed)."""

    employee: Employee
    amount: Decimal
    committed: Decimal = ZERO
    spent: Decimal = ZERO
    year: int | None = None
    budget: PersonalBudget | None = None

    @property
    def used(self) -> Decimal:
        return self.committed + self.spent

    @property
    def remaining(self) -> Decimal:
        return self.amount - self.used

    @property
    def utilisation(self) -> Decimal | None:
        """Committed plus spent as a share of the amount (percent), as for departments."""
        return self.used / self.amount * 100 if self.amount else None


def _personal_sums(employee_ids, year: int) -> dict[int, dict]:
    rows = (
        Enrolment.objects.filter(
            in_year(year), employee_id__in=employee_ids, funding=Funding.PERSONAL
        )
        .values("employee_id")
        .annotate(
            committed=Sum("cost", filter=Q(status=EnrolmentStatus.APPROVED)),
            spent=Sum("cost", filter=Q(status=EnrolmentStatus.COMPLETED)),
        )
    )
    return {row["employee_id"]: row for row in rows}


def personal_budget_for(employee: Employee | int, year: int) -> PersonalBudget | None:
    employee_id = getattr(employee, "pk", employee)
    return PersonalBudget.objects.filter(employee_id=employee_id, year=year).first()


def personal_budget_status(employee: Employee, year: int) -> PersonalBudgetRow | None:
    """The employee's personal budget for ``year`` with what is committed, spent and left."""
    budget = personal_budget_for(employee, year)
    if budget is None:
        return None
    sums = _personal_sums([employee.pk], year).get(employee.pk, {})
    return PersonalBudgetRow(
        employee=employee,
        amount=budget.amount,
        committed=sums.get("committed") or ZERO,
        spent=sums.get("spent") or ZERO,
        year=year,
        budget=budget,
    )


def personal_budgets_for_viewer(user, year: int) -> list[PersonalBudgetRow]:
    budgets = list(
        PersonalBudget.objects.filter(year=year, employee__in=visible_employees(user))
        .select_related("employee")
        .order_by("employee__last_name", "employee__first_name", "employee_id")
    )
    sums = _personal_sums([b.employee_id for b in budgets], year)
    rows = []
    for b in budgets:
        row = sums.get(b.employee_id, {})
        rows.append(
            PersonalBudgetRow(
                employee=b.employee,
                amount=b.amount,
                committed=row.get("committed") or ZERO,
                spent=row.get("spent") or ZERO,
                year=year,
                budget=b,
            )
        )
    return rows


@dataclass
class PersonalBudgetTotals:
    """All personal budgets the viewer sees (HR: the organisation's) added up."""

    count: int
    amount: Decimal
    committed: Decimal
    spent: Decimal
    unused: int = 0  # budgets with nothing committed or spent on them yet

    @property
    def used(self) -> Decimal:
        return self.committed + self.spent

    @property
    def remaining(self) -> Decimal:
        return self.amount - self.used

    @property
    def utilisation(self) -> Decimal | None:
        return self.used / self.amount * 100 if self.amount else None


def personal_budget_totals(rows: list[PersonalBudgetRow]) -> PersonalBudgetTotals:
    totals = PersonalBudgetTotals(
        count=len(rows),
        amount=sum((r.amount for r in rows), ZERO),
        committed=sum((r.committed for r in rows), ZERO),
        spent=sum((r.spent for r in rows), ZERO),
        unused=sum(1 for r in rows if not r.used),
    )
    return totals


@dataclass
class Paying:
    """Which budget pays for a request and what is left of it (before deciding)."""

    funding: str
    budget: Budget | PersonalBudget | None
    remaining: Decimal | None

    @property
    def personal(self) -> bool:
        return self.funding == Funding.PERSONAL

    def covers(self, cost: Decimal) -> bool:
        return self.remaining is None or cost <= self.remaining


def paying_budget(enrolment: Enrolment) -> Paying:
    """The budget that pays for ``enrolment`` (its ``funding``) and what is left of it.

    Department: the nearest department budget up the tree (None: no budget set, no
    limit). Personal: the employee's personal budget for the budget year; None when
    there is none (the request cannot be approved on it).
    """
    if enrolment.funding == Funding.PERSONAL:
        status = personal_budget_status(enrolment.employee, enrolment.budget_year)
        if status is None:
            return Paying(Funding.PERSONAL, None, None)
        return Paying(Funding.PERSONAL, status.budget, status.remaining)
    budget, remaining = remaining_for_request(enrolment)
    return Paying(Funding.DEPARTMENT, budget, remaining)


def personal_budget_statuses(
    pairs: list[tuple[Employee, int]],
) -> dict[tuple[int, int], PersonalBudgetRow]:
    """``personal_budget_status`` for many (employee, year) pairs at once, keyed by
    (employee id, year); pairs without a personal budget are left out.

    One query for the budgets, then one per year that has any (the sums).
    """
    employees = {employee.pk: employee for employee, _ in pairs}
    years = {year for _, year in pairs}
    if not employees:
        return {}
    budgets = {
        (b.employee_id, b.year): b
        for b in PersonalBudget.objects.filter(employee_id__in=employees, year__in=years)
    }
    by_year: dict[int, list[int]] = defaultdict(list)
    for employee_id, year in budgets:
        by_year[year].append(employee_id)
    rows = {}
    for year, employee_ids in by_year.items():
        sums = _personal_sums(employee_ids, year)
        for employee_id in employee_ids:
            budget = budgets[(employee_id, year)]
            row = sums.get(employee_id, {})
            rows[(employee_id, year)] = PersonalBudgetRow(
                employee=employees[employee_id],
                amount=budget.amount,
                committed=row.get("committed") or ZERO,
                spent=row.get("spent") or ZERO,
                year=year,
                budget=budget,
            )
    return rows


@dataclass
class RequestBudgets:
    """What the queue shows for one request: the department budget it draws on and
    what is left of it, the employee's personal budget for the year, and which pays."""

    budget: Budget | None
    remaining: Decimal | None
    personal: PersonalBudgetRow | None
    paying: Paying


def request_budgets(enrolments) -> dict[int, RequestBudgets]:
    """For each request (by id): ``remaining_for_request``, ``personal_budget_status`` and
    ``paying_budget`` at once, in a fixed number of queries however many requests.

    The requests need their session loaded (the budget year). Per budget year of the
    requests: the nearest budget up the tree (as ``budget_for`` walks it), then
    ``budget_statuses`` for those budgets' departments, and the personal budgets grouped.
    """
    enrolments = list(enrolments)
    if not enrolments:
        return {}
    years = {e.pk: e.budget_year for e in enrolments}
    tree = DepartmentTree()
    budgets = {
        (b.year, b.department_id): b
        for b in Budget.objects.filter(year__in=set(years.values())).select_related("department")
    }
    drawn_on: dict[int, Budget] = {}
    for e in enrolments:
        for step in tree.up(e.department_id):
            budget = budgets.get((years[e.pk], step))
            if budget is not None:
                drawn_on[e.pk] = budget
                break
    wanted: dict[int, dict[int, Department]] = defaultdict(dict)
    for budget in drawn_on.values():
        wanted[budget.year][budget.department_id] = budget.department
    remaining = {
        (year, status.department.pk): status.remaining
        for year, departments in wanted.items()
        for status in budget_statuses(list(departments.values()), year)
    }
    personal = personal_budget_statuses([(e.employee, years[e.pk]) for e in enrolments])

    result = {}
    for e in enrolments:
        budget = drawn_on.get(e.pk)
        left = remaining[(budget.year, budget.department_id)] if budget else None
        own = personal.get((e.employee_id, years[e.pk]))
        if e.funding == Funding.PERSONAL:
            paying = Paying(
                Funding.PERSONAL, own.budget if own else None, own.remaining if own else None
            )
        else:
            paying = Paying(Funding.DEPARTMENT, budget, left)
        result[e.pk] = RequestBudgets(budget=budget, remaining=left, personal=own, paying=paying)
    return result


def default_funding(employee: Employee, year: int, cost: Decimal) -> str:
    """Personal when the employee has a personal budget whose rest covers the cost.

    Free learning (mandatory e-learning and the like) stays with the department: there
    is nothing to pay, so it should not look like a use of the personal budget.
    """
    if cost <= 0:
        return Funding.DEPARTMENT
    status = personal_budget_status(employee, year)
    if status is not None and cost <= status.remaining:
        return Funding.PERSONAL
    return Funding.DEPARTMENT


def enrolments_for_viewer(user) -> QuerySet[Enrolment]:
    return Enrolment.objects.filter(employee__in=visible_employees(user)).select_related(
        "employee", "offer", "session", "department"
    )


def approval_queue(user) -> QuerySet[Enrolment]:
    """Open requests of the viewer's line (HR: everyone's), the viewer's own left out."""
    queue = enrolments_for_viewer(user).filter(
        status__in=[EnrolmentStatus.REQUESTED, EnrolmentStatus.WAITLISTED]
    )
    if getattr(user, "employee_id", None):
        queue = queue.exclude(employee_id=user.employee_id)
    return queue.select_related("goal").order_by("requested_at", "id")


def hr_attention(user) -> QuerySet[Enrolment]:
    """Open requests above the cost threshold: HR sees these whoever decides."""
    if not is_hr(user):
        return Enrolment.objects.none()
    return approval_queue(user).filter(cost__gte=setting("LEARNING_HR_COST_THRESHOLD"))


def behaviour_due(user, today: date | None = None) -> QuerySet[Enrolment]:
    """Completed learning of the viewer's line now 60-90 days old without a behaviour rating."""
    from datetime import timedelta

    today = today or timezone.localdate()
    low, high = setting("LEARNING_BEHAVIOUR_DAYS")
    queue = (
        enrolments_for_viewer(user)
        .filter(
            status=EnrolmentStatus.COMPLETED,
            completed_on__lte=today - timedelta(days=low),
            completed_on__gte=today - timedelta(days=high),
        )
        .exclude(evaluations__level=EvaluationLevel.BEHAVIOUR)
    )
    if getattr(user, "employee_id", None):
        queue = queue.exclude(employee_id=user.employee_id)
    return queue


@dataclass
class OfferEvaluation:
    reaction_avg: float | None
    reaction_n: int
    learning_before: float | None
    learning_after: float | None
    learning_n: int
    behaviour_avg: float | None
    behaviour_n: int
    completed: int


def offer_evaluation(offer: LearningOffer) -> OfferEvaluation:
    rows = {
        row["level"]: row
        for row in Evaluation.objects.filter(enrolment__offer=offer)
        .values("level")
        .annotate(avg=Avg("rating"), before=Avg("before"), n=Count("id"))
    }

    def get(level, key):
        row = rows.get(level)
        return row[key] if row else None

    return OfferEvaluation(
        reaction_avg=get(EvaluationLevel.REACTION, "avg"),
        reaction_n=get(EvaluationLevel.REACTION, "n") or 0,
        learning_before=get(EvaluationLevel.LEARNING, "before"),
        learning_after=get(EvaluationLevel.LEARNING, "avg"),
        learning_n=get(EvaluationLevel.LEARNING, "n") or 0,
        behaviour_avg=get(EvaluationLevel.BEHAVIOUR, "avg"),
        behaviour_n=get(EvaluationLevel.BEHAVIOUR, "n") or 0,
        completed=completions(offer),
    )


def completions(offer: LearningOffer) -> int:
    """Completed requests of the offer, plus imported learning linked to it by its title."""
    from groeipad.learning.models import LearningActivity

    requested = offer.enrolments.filter(status=EnrolmentStatus.COMPLETED)
    imported = LearningActivity.objects.filter(offer=offer).exclude(
        pk__in=Enrolment.objects.filter(activity__isnull=False).values("activity_id")
    )
    return requested.count() + imported.count()


@dataclass
class CompetencyLearning:
    """The learning level of an offer for one competency (None: the overall row)."""

    competency: object | None
    target_level: int | None
    before: float
    after: float
    n: int

    @property
    def change(self) -> float:
        return self.after - self.before


def offer_learning_by_competency(offer: LearningOffer) -> list[CompetencyLearning]:
    """Per competency the offer develops: average self-assessment before and after, and n.

    Competencies in the offer's order of names, then the overall row of ratings given
    when the offer had no competencies linked (if any).
    """
    from groeipad.learning.models import LearningScore, OfferCompetency

    rows = {
        row["competency"]: row
        for row in LearningScore.objects.filter(evaluation__enrolment__offer=offer)
        .values("competency")
        .annotate(before=Avg("before"), after=Avg("after"), n=Count("id"))
    }
    links = list(OfferCompetency.objects.filter(offer=offer).select_related("competency"))
    competencies = {link.competency_id: link.competency for link in links}
    levels = {link.competency_id: link.level for link in links}
    missing = [c for c in rows if c is not None and c not in competencies]
    if missing:
        from groeipad.skills.models import Competency

        competencies.update(Competency.objects.in_bulk(missing))
    result = [
        CompetencyLearning(
            competency=competencies[c],
            target_level=levels.get(c),
            before=float(row["before"]),
            after=float(row["after"]),
            n=row["n"],
        )
        for c, row in rows.items()
        if c is not None
    ]
    result.sort(key=lambda r: r.competency.name.casefold())
    if None in rows:
        row = rows[None]
        result.append(
            CompetencyLearning(None, None, float(row["before"]), float(row["after"]), row["n"])
        )
    return result


def flagged_offer_ids() -> set[int]:
    """Mandatory offers without support: a low average reaction from enough ratings.

    Low: below ``LEARNING_LOW_REACTION`` (3 of 5); enough: ``LEARNING_LOW_REACTION_MIN_N``
    ratings (3). Both settings, not constants.
    """
    return set(
        LearningOffer.objects.filter(mandatory=True)
        .annotate(
            avg=Avg(
                "enrolments__evaluations__rating",
                filter=Q(enrolments__evaluations__level=EvaluationLevel.REACTION),
            ),
            n=Count(
                "enrolments__evaluations",
                filter=Q(enrolments__evaluations__level=EvaluationLevel.REACTION),
            ),
        )
        .filter(
            n__gte=setting("LEARNING_LOW_REACTION_MIN_N"),
            avg__lt=setting("LEARNING_LOW_REACTION"),
        )
        .values_list("id", flat=True)
    )


def catalogue(
    *, q: str = "", kind: str = "", competency_id: int | None = None, mandatory: bool | None = None
) -> QuerySet[LearningOffer]:
    offers = LearningOffer.objects.filter(active=True)
    if q:
        offers = offers.filter(Q(title__icontains=q) | Q(provider__icontains=q))
    if kind:
        offers = offers.filter(kind=kind)
    if competency_id:
        offers = offers.filter(competencies__competency_id=competency_id)
    if mandatory is not None:
        offers = offers.filter(mandatory=mandatory)
    return offers.distinct().order_by("title")


@dataclass
class Recommendation:
    competency: object
    current: int | None
    wanted: int | None
    source: str  # "assessment" or "plan"
    offers: list[LearningOffer]
    # Formal training is one answer of three (70-20-10): learn on the job and from others too.
    alternatives: list[str]


def recommendations_for(employee: Employee) -> list[Recommendation]:
    """Offers for the employee's gaps, with experience-based alternatives beside them.

    Gaps come from the competency assessments against the job profile when there are
    any; otherwise from the competencies of the open goals in their plans.
    """
    from django.utils.translation import gettext as _

    from groeipad.plans.models import Goal
    from groeipad.skills.selectors import employee_gaps

    wanted: list[tuple[object, int | None, int | None, str]] = [
        (row.competency, row.current, row.required, "assessment")
        for row in employee_gaps(employee).assessed
        if row.gap
    ]
    if not wanted:
        seen = set()
        for goal in (
            Goal.objects.filter(plan__employee=employee, competency__isnull=False, status="open")
            .select_related("competency")
            .order_by("deadline")
        ):
            if goal.competency_id not in seen:
                seen.add(goal.competency_id)
                wanted.append((goal.competency, None, None, "plan"))
    result = []
    for competency, current, level, source in wanted:
        offers = LearningOffer.objects.filter(active=True, competencies__competency=competency)
        if current is not None:
            # Only offers that lift the employee above where they are now.
            offers = offers.filter(competencies__level__gt=current)
        name = competency.name
        result.append(
            Recommendation(
                competency=competency,
                current=current,
                wanted=level,
                source=source,
                offers=list(offers.distinct().order_by("cost", "title")[:5]),
                alternatives=[
                    _("A stretch assignment in your own work that asks for %(c)s.") % {"c": name},
                    _("A mentor or colleague who is strong in %(c)s.") % {"c": name},
                ],
            )
        )
    return result
