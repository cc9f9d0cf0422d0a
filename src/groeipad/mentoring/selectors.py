"""Reads for mentoring: the matcher's input in a fixed number of queries, and lists."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Count, Q, QuerySet

from groeipad.mentoring import rules
from groeipad.mentoring.matching import Person
from groeipad.mentoring.models import (
    Match,
    MatchStatus,
    PairFeedback,
    PairRule,
    Participant,
    Programme,
    Role,
)
from groeipad.mentoring.rules import MentoringActor
from groeipad.people import scope
from groeipad.people.models import Employee, ReportingLine
from groeipad.plans import selectors as plan_selectors
from groeipad.plans.models import DevelopmentPlan, Goal
from groeipad.privacy import anonymity
from groeipad.privacy.anonymity import Cell, Instrument
from groeipad.skills.models import Competency


def feedback_threshold() -> int:
    """k for mentoring end feedback (privacy.anonymity, default 3, never below 3): HR sees a
    role's average only from k answers by distinct people; fewer would point to people."""
    return anonymity.threshold(Instrument.MENTORING)


def manager_lines(employee_ids: list[int]) -> dict[int, frozenset[int]]:
    """Everyone above each employee in the management line: one indexed query of the
    reporting-line closure (people.scope keeps it), no walk up the managers."""
    above: dict[int, set[int]] = {employee_id: set() for employee_id in employee_ids}
    for employee_id, manager_id in ReportingLine.objects.filter(
        employee_id__in=employee_ids
    ).values_list("employee_id", "manager_id"):
        above[employee_id].add(manager_id)
    return {employee_id: frozenset(managers) for employee_id, managers in above.items()}


MatchingInput = tuple[list[Person], list[Person], set[tuple[int, int]], set[tuple[int, int]]]


def matching_input(programme: Programme) -> MatchingInput:
    """(mentors, mentees, locks, forbids) of a programme as ``matching.Person`` keyed by participant id.

    Confirmed pairs count as locks: a rematch never undoes what both have agreed on.
    """
    participants = list(
        Participant.objects.filter(programme=programme).values_list(
            "id",
            "role",
            "capacity",
            "languages",
            "employee_id",
            "employee__employee_number",
            "employee__department_id",
            "employee__hire_date",
        )
    )
    offers: dict[int, set[int]] = {}
    wants: dict[int, set[int]] = {}
    for through, target in (
        (Participant.offers.through, offers),
        (Participant.wants.through, wants),
    ):
        for pid, cid in through.objects.filter(participant__programme=programme).values_list(
            "participant_id", "competency_id"
        ):
            target.setdefault(pid, set()).add(cid)
    lines = manager_lines([p[4] for p in participants if p[1] == Role.MENTEE])
    mentors: list[Person] = []
    mentees: list[Person] = []
    for pk, role, capacity, languages, employee_id, number, department_id, hired in participants:
        person = Person(
            key=pk,
            number=number,
            employee_id=employee_id,
            department_id=department_id,
            hire_date=hired,
            offers=frozenset(offers.get(pk, ())),
            wants=frozenset(wants.get(pk, ())),
            languages=frozenset(
                part.strip().lower() for part in languages.split(",") if part.strip()
            ),
            capacity=capacity if role == Role.MENTOR else 1,
            line=lines.get(employee_id, frozenset()),
        )
        (mentors if role == Role.MENTOR else mentees).append(person)
    locks: set[tuple[int, int]] = set()
    forbids: set[tuple[int, int]] = set()
    for mentor_id, mentee_id, kind in PairRule.objects.filter(programme=programme).values_list(
        "mentor_id", "mentee_id", "kind"
    ):
        (locks if kind == "lock" else forbids).add((mentor_id, mentee_id))
    locks |= set(
        Match.objects.filter(programme=programme, status=MatchStatus.CONFIRMED).values_list(
            "mentor_id", "mentee_id"
        )
    )
    return mentors, mentees, locks, forbids


def programme_list() -> QuerySet[Programme]:
    return Programme.objects.order_by("name")


def programme_matches(programme: Programme) -> QuerySet[Match]:
    return (
        Match.objects.filter(programme=programme)
        .select_related("mentor__employee", "mentee__employee")
        .order_by("mentor__employee__employee_number", "mentee__employee__employee_number")
    )


def programme_participants(programme: Programme) -> QuerySet[Participant]:
    return (
        Participant.objects.filter(programme=programme)
        .select_related("employee")
        .prefetch_related("offers", "wants")
        .order_by("role", "employee__employee_number")
    )


def matches_of_employee(employee_id: int | None) -> QuerySet[Match]:
    """The pairs someone is in, as mentor or mentee: what 'my mentoring' shows."""
    if not employee_id:
        return Match.objects.none()
    return (
        Match.objects.filter(
            Q(mentor__employee_id=employee_id) | Q(mentee__employee_id=employee_id)
        )
        .select_related("programme", "mentor__employee", "mentee__employee", "goal")
        .prefetch_related("meetings")
        .order_by("programme__name")
    )


def unmatched_mentees(
    programme: Programme, matches: list[Match] | None = None
) -> list[Participant]:
    """The programme's mentees without a pair; ``unmatched_reason`` says why (blank: not
    matched yet, or joined after the last matching)."""
    if matches is None:
        matched = set(Match.objects.filter(programme=programme).values_list("mentee_id", flat=True))
    else:
        matched = {m.mentee_id for m in matches}
    return [
        p
        for p in Participant.objects.filter(programme=programme, role=Role.MENTEE)
        .select_related("employee")
        .order_by("employee__employee_number")
        if p.pk not in matched
    ]


def answered_mentors(matches: list[Match]) -> set[int]:
    """The mentors (participant ids) of ``matches`` who gave their end feedback, on any of
    their pairs: one query (a mentor's participation is one programme's)."""
    ids = {m.mentor_id for m in matches}
    if not ids:
        return set()
    return set(
        Match.objects.filter(mentor_id__in=ids, mentor_answered=True).values_list(
            "mentor_id", flat=True
        )
    )


def feedback_given(match: Match, employee_id: int | None, mentors: set[int] | None = None) -> bool:
    """The viewer gave their end feedback for this pair: as mentee on it, as mentor on any
    of their pairs in the programme (one answer per person and role in a programme).

    Only "answered: yes": the answer itself is linked to nobody and not returned, not
    even to its author. ``mentors``: ``answered_mentors`` of the pairs shown (no query).
    """
    if employee_id != match.mentor.employee_id:
        return match.mentee_answered
    if mentors is None:
        mentors = answered_mentors([match])
    return match.mentor_id in mentors


@dataclass
class Shared:
    """What the viewer of a pair page sees of the mentee's development plan."""

    goal: Goal | None = None
    plan: DevelopmentPlan | None = None
    plan_goals: list[Goal] = field(default_factory=list)


def shared_for(viewer: MentoringActor, match: Match) -> Shared:
    """The mentee sees their linked goal; the mentor only what the mentee shares; others nothing.

    Read through the plans selectors, under the mentee's sharing choice: being a mentor gives
    no access to the mentee's plan pages (people.scope is not widened).
    """
    shared = Shared()
    mentee, mentor = rules.is_mentee_of(viewer, match), rules.is_mentor_of(viewer, match)
    goal = match.goal
    if goal is not None and (mentee or (mentor and match.share_goal)):
        shared.goal = next(
            (g for g in plan_selectors.plan_goals(goal.plan) if g.pk == goal.pk), None
        )
    if mentor and match.share_plan:
        plan = plan_selectors.open_plan(match.mentee.employee)
        if plan is not None:
            shared.plan = plan
            shared.plan_goals = plan_selectors.plan_goals(plan)
    return shared


def goal_choices(employee: Employee | None) -> list[Goal]:
    """Goals a mentee may link: those of their current (draft or active) plan."""
    plan = plan_selectors.open_plan(employee) if employee else None
    return plan_selectors.plan_goals(plan) if plan else []


@dataclass
class FeedbackRow:
    """One role's end feedback: ``cell`` holds the average usefulness (1-5, one decimal)
    and the number of answers behind it, or is hidden with its reason."""

    role: str
    label: str
    pairs: int
    # Who can answer in this role: the distinct people of the confirmed pairs (a mentor of
    # three pairs answers once), the "of N" next to the answers.
    people: int
    cell: Cell

    @property
    def answers(self) -> int | None:
        return self.cell.n

    @property
    def average(self) -> float | None:
        return self.cell.value


def feedback_closed(programme: Programme, role: str, answers: int, people: int) -> bool:
    """No end feedback of ``role`` can arrive any more: the programme has ended (no new
    pairs, no matching) and every person of that role in a confirmed pair has answered
    (``people``: the distinct mentors, or the mentees, of the confirmed pairs)."""
    return programme.has_ended() and people > 0 and answers >= people


def feedback_summary(programme: Programme) -> list[FeedbackRow]:
    """Per role, the average usefulness of the confirmed pairs' end feedback.

    Aggregates only, through privacy.anonymity: HR never sees a single person's rating
    or text. The answers are linked to nobody, and each is one person (the service takes
    one answer per person and role in a programme: a mentor of three pairs answers
    once); a figure needs k of them, and uses the first ``stepped(n, k)`` answers in arrival
    order (by id) until ``feedback_closed``: it moves only when k new answers have come
    in, and the count shown moves with it. The two roles are separate answer sets; no
    total over both is shown, so neither can be had by subtraction.
    """
    k = feedback_threshold()
    confirmed = Match.objects.filter(programme=programme, status=MatchStatus.CONFIRMED)
    counts = confirmed.aggregate(
        pairs=Count("pk"), mentors=Count("mentor", distinct=True), mentees=Count("mentee")
    )
    pairs = counts["pairs"]
    people = {Role.MENTOR: counts["mentors"], Role.MENTEE: counts["mentees"]}
    answers: dict[str, list[tuple[int, int]]] = {role: [] for role in Role.values}
    # Unlinked answers: each is one person (its own number in the arrival order).
    for pk, role, rating in (
        PairFeedback.objects.filter(programme=programme)
        .order_by("id")
        .values_list("id", "role", "rating")
    ):
        answers.setdefault(role, []).append((rating, pk))
    rows = []
    for role, label in Role.choices:
        given = answers.get(role, [])
        used = anonymity.first_answers(
            given,
            anonymity.stepped(
                len(given),
                k,
                closed=feedback_closed(programme, role, len(given), people[Role(role)]),
            ),
        )
        distinct = len({person for _rating, person in used})
        value = round(sum(r for r, _p in used) / len(used), 1) if used else None
        rows.append(
            FeedbackRow(
                role=role,
                label=str(label),
                pairs=pairs,
                people=people[Role(role)],
                cell=anonymity.cell(value, len(used), k, hidden=distinct < k),
            )
        )
    return rows


def programmes_awaiting_matching(user: MentoringActor) -> QuerySet[Programme]:
    """For HR: programmes still running with mentees but never matched yet."""
    if isinstance(user, str) or not scope.is_hr(user):
        return Programme.objects.none()
    return (
        Programme.objects.filter(closed_at__isnull=True, matched_at__isnull=True)
        .annotate(mentee_count=Count("participants", filter=Q(participants__role=Role.MENTEE)))
        .filter(mentee_count__gt=0)
        .order_by("name")
    )


# --- Lookups for the pages, the API and the command ---------------------------------


def programme_by_name(name: str) -> Programme | None:
    return Programme.objects.filter(name=name.strip()).first()


def participation(programme: Programme, employee_id: int | None) -> Participant | None:
    """The viewer's own participation in a programme, with their profile."""
    if employee_id is None:
        return None
    return (
        Participant.objects.filter(programme=programme, employee_id=employee_id)
        .prefetch_related("offers", "wants")
        .first()
    )


def participant_by_number(programme: Programme, number: str) -> Participant | None:
    return (
        Participant.objects.filter(programme=programme, employee__employee_number=number)
        .select_related("employee")
        .first()
    )


def participant_in(programme: Programme, participant_id: int) -> Participant | None:
    return (
        Participant.objects.filter(programme=programme, pk=participant_id)
        .select_related("employee")
        .first()
    )


def programme_rules(programme: Programme) -> QuerySet[PairRule]:
    return (
        PairRule.objects.filter(programme=programme)
        .select_related("mentor__employee", "mentee__employee")
        .order_by("pk")
    )


def competencies(ids: list[int]) -> list[Competency]:
    return list(Competency.objects.filter(pk__in=set(ids)))


def competency_names(matches: list[Match]) -> dict[int, str]:
    """Names of the competencies the matching gave as reasons, by id."""
    ids = {cid for m in matches for cid in m.reasons.get("competencies", [])}
    return {c.pk: c.name for c in Competency.objects.filter(pk__in=ids)}


def goal_with_plan(goal_id: int) -> Goal | None:
    """A goal to link (the service checks it is the mentee's own)."""
    return Goal.objects.select_related("plan").filter(pk=goal_id).first()


def employee_to_enrol(viewer: MentoringActor, employee_number: str) -> Employee | None:
    """Someone HR (or the employee) may enrol: among the employees the viewer may see."""
    if isinstance(viewer, str):
        return scope.organisation().filter(employee_number=employee_number).first()
    return scope.visible_employees(viewer).filter(employee_number=employee_number).first()


def own_employee(viewer: MentoringActor) -> Employee | None:
    if isinstance(viewer, str):
        return None
    return scope.own(viewer).first()
