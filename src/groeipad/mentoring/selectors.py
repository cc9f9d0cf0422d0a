"""Reads for mentoring: the matcher's input in a fixed number of queries, and lists."""

from __future__ import annotations

from django.db.models import QuerySet

from groeipad.mentoring.matching import Person
from groeipad.mentoring.models import Match, MatchStatus, PairRule, Participant, Programme, Role
from groeipad.people.models import Employee


def manager_lines(employee_ids) -> dict[int, frozenset]:
    """Everyone above each employee in the management line, from one query of the manager map."""
    manager = dict(Employee.objects.values_list("id", "manager_id"))
    lines = {}
    for employee_id in employee_ids:
        above, step = set(), manager.get(employee_id)
        # A loop in bad data must not hang the matching: stop at a repeat.
        while step is not None and step not in above:
            above.add(step)
            step = manager.get(step)
        lines[employee_id] = frozenset(above)
    return lines


def matching_input(programme: Programme):
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
    offers: dict[int, set] = {}
    wants: dict[int, set] = {}
    for through, target in (
        (Participant.offers.through, offers),
        (Participant.wants.through, wants),
    ):
        for pid, cid in through.objects.filter(participant__programme=programme).values_list(
            "participant_id", "competency_id"
        ):
            target.setdefault(pid, set()).add(cid)
    lines = manager_lines([p[4] for p in participants if p[1] == Role.MENTEE])
    mentors, mentees = [], []
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
    locks, forbids = set(), set()
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
    from django.db.models import Q

    return (
        Match.objects.filter(
            Q(mentor__employee_id=employee_id) | Q(mentee__employee_id=employee_id)
        )
        .select_related("programme", "mentor__employee", "mentee__employee")
        .prefetch_related("meetings")
        .order_by("programme__name")
    )
