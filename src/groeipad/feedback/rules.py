"""Who may do what with a 360 round. The report is the employee's: others need their share."""

from __future__ import annotations

from groeipad.feedback.models import FeedbackRound
from groeipad.people.models import Employee
from groeipad.people.visibility import is_hr


def is_owner(user, feedback_round: FeedbackRound) -> bool:
    return (
        bool(getattr(user, "employee_id", None)) and user.employee_id == feedback_round.employee_id
    )


def is_command_line(actor) -> bool:
    # Commands run as the system, named by a text label (as in import_data, mentoring).
    return isinstance(actor, str)


def may_start_round(user, employee: Employee) -> bool:
    # The employee for themself; HR for anyone (e.g. a whole team at once).
    return is_command_line(user) or getattr(user, "employee_id", None) == employee.pk or is_hr(user)


def may_start_group(user) -> bool:
    return is_command_line(user) or is_hr(user)


def may_change_settings(user) -> bool:
    return is_hr(user)


def may_manage_round(user, feedback_round: FeedbackRound) -> bool:
    """Invite raters, send reminders, close: the employee, or HR when HR started it."""
    return is_owner(user, feedback_round) or (
        is_hr(user) and feedback_round.started_by_id == user.pk
    )


def may_see_counts(user, feedback_round: FeedbackRound) -> bool:
    """Invited and answered per group, never who: the requester and HR."""
    return may_manage_round(user, feedback_round) or is_hr(user)


def may_read_report(user, feedback_round: FeedbackRound) -> bool:
    """The answers, aggregated: the employee, and whom they shared it with. Never HR as such."""
    if is_owner(user, feedback_round):
        return True
    if not getattr(user, "is_authenticated", False):
        return False
    if feedback_round.mentor_id and feedback_round.mentor_id == user.pk:
        return True
    manager_id = feedback_round.employee.manager_id
    return bool(
        feedback_round.share_with_manager
        and manager_id
        and getattr(user, "employee_id", None) == manager_id
    )
