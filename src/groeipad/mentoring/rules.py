"""Who may do what in mentoring.

HR runs the programmes (rules, matching, closing) but never sees inside a pair: what a
pair logs, and what the mentee shares, is for the mentor and the mentee only. The
mentor of a pair is a participant fixed on the pair, so what the mentee shares stays
with that mentor; a manager, old or new (HR who makes themselves someone's manager
included), gets nothing from being the manager. Reads of people go through people.scope.

Commands run as the system, named by a text label (as in import_data); such an actor is
a ``str`` here.
"""

from __future__ import annotations

from groeipad.lib.actions import Actor
from groeipad.mentoring.models import Match
from groeipad.people.models import Employee
from groeipad.people.scope import viewer_for

# A signed-in person, their Viewer, the system (None) or the command line's label.
MentoringActor = Actor | str


def employee_id_of(actor: MentoringActor) -> int | None:
    """The employee behind the actor (None for the command line and the system)."""
    if isinstance(actor, str):
        return None
    return viewer_for(actor).employee_id


def is_command_line(actor: MentoringActor) -> bool:
    return isinstance(actor, str)


def may_manage_programmes(actor: MentoringActor) -> bool:
    return isinstance(actor, str) or viewer_for(actor).is_hr


def may_join(actor: MentoringActor, employee: Employee) -> bool:
    """HR enrols anyone; an employee enrols themself."""
    return may_manage_programmes(actor) or employee_id_of(actor) == employee.pk


def is_in_pair(actor: MentoringActor, match: Match) -> bool:
    employee_id = employee_id_of(actor)
    return employee_id is not None and employee_id in (
        match.mentor.employee_id,
        match.mentee.employee_id,
    )


def may_confirm(actor: MentoringActor, match: Match) -> bool:
    return is_in_pair(actor, match)


def may_log_meeting(actor: MentoringActor, match: Match) -> bool:
    return is_in_pair(actor, match)


def is_mentee_of(actor: MentoringActor, match: Match) -> bool:
    employee_id = employee_id_of(actor)
    return employee_id is not None and employee_id == match.mentee.employee_id


def is_mentor_of(actor: MentoringActor, match: Match) -> bool:
    employee_id = employee_id_of(actor)
    return employee_id is not None and employee_id == match.mentor.employee_id
