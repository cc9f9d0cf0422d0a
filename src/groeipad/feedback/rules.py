"""Who may do what with a 360 round. The report is the employee's: others need their share.

Sharing is with a person, recorded when the employee shares: "my manager" is the
employee who was their manager at that moment (``shared_with_manager_employee``), and a
mentor is the account the employee named. Whoever becomes the employee's manager later
(a transfer, a correction in the admin, HR naming themselves) gets nothing from that:
the report stays with whom it was shared with, for as long as the employee leaves the
share standing. The employee may withdraw it, or share it anew with their new manager.
HR never reads a report through HR rights; HR sees invited and answered counts only.

Commands run as the system, named by a text label (as in import_data and mentoring);
such an actor is a ``str`` here.
"""

from __future__ import annotations

from groeipad.feedback.models import FeedbackRound
from groeipad.lib.actions import Actor
from groeipad.people import scope
from groeipad.people.models import Employee
from groeipad.people.scope import Viewer, viewer_for

# A signed-in person, their Viewer, the system (None) or the command line's label.
FeedbackActor = Actor | str


def _viewer(actor: FeedbackActor) -> Viewer:
    assert not isinstance(actor, str)
    return viewer_for(actor)


def is_command_line(actor: FeedbackActor) -> bool:
    return isinstance(actor, str)


def is_owner(actor: FeedbackActor, feedback_round: FeedbackRound) -> bool:
    if is_command_line(actor):
        return False
    employee_id = _viewer(actor).employee_id
    return employee_id is not None and employee_id == feedback_round.employee_id


def may_start_round(actor: FeedbackActor, employee: Employee) -> bool:
    # The employee for themself; HR for anyone (e.g. a whole team at once).
    if is_command_line(actor):
        return True
    v = _viewer(actor)
    return v.is_hr or (v.employee_id is not None and v.employee_id == employee.pk)


def may_start_group(actor: FeedbackActor) -> bool:
    return is_command_line(actor) or _viewer(actor).is_hr


def may_change_settings(actor: FeedbackActor) -> bool:
    return not is_command_line(actor) and _viewer(actor).is_hr


def may_manage_round(actor: FeedbackActor, feedback_round: FeedbackRound) -> bool:
    """Invite raters, send reminders, close: the employee, or HR when HR started it."""
    if is_owner(actor, feedback_round):
        return True
    if is_command_line(actor):
        return False
    v = _viewer(actor)
    return v.is_hr and v.pk is not None and feedback_round.started_by_id == v.pk


def may_see_counts(actor: FeedbackActor, feedback_round: FeedbackRound) -> bool:
    """Invited and answered per group, never who: the requester and HR."""
    if may_manage_round(actor, feedback_round):
        return True
    return not is_command_line(actor) and _viewer(actor).is_hr


def is_shared_with_manager(actor: FeedbackActor, feedback_round: FeedbackRound) -> bool:
    """The share stands and the viewer is the manager it was made with (not "the manager
    now": a new manager, HR included, never inherits it)."""
    if is_command_line(actor):
        return False
    employee_id = _viewer(actor).employee_id
    return bool(
        feedback_round.share_with_manager
        and employee_id is not None
        and feedback_round.shared_with_manager_employee_id == employee_id
    )


def is_shared_with_mentor(actor: FeedbackActor, feedback_round: FeedbackRound) -> bool:
    if is_command_line(actor):
        return False
    pk = _viewer(actor).pk
    return pk is not None and feedback_round.mentor_id == pk


def may_read_report(actor: FeedbackActor, feedback_round: FeedbackRound) -> bool:
    """The answers, aggregated: the employee, and whom they shared it with. Never HR as such."""
    return (
        is_owner(actor, feedback_round)
        or is_shared_with_manager(actor, feedback_round)
        or is_shared_with_mentor(actor, feedback_round)
    )


def may_decide_external(actor: FeedbackActor, feedback_round: FeedbackRound) -> bool:
    """Approve or refuse an external rater: the employee's current manager (while the
    employee is in their line) or HR; never the requester themself."""
    if is_command_line(actor) or is_owner(actor, feedback_round):
        return False
    v = _viewer(actor)
    if v.is_hr:
        return True
    employee = feedback_round.employee
    return (
        v.employee_id is not None
        and employee.manager_id == v.employee_id
        and scope.in_line(v, employee)
    )
