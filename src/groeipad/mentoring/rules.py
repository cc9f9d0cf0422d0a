"""Who may do what in mentoring. Reads of people data still go through people.visibility."""

from __future__ import annotations

from groeipad.people.visibility import is_hr


def is_command_line(actor) -> bool:
    # Commands run as the system account, named by a text label (see import_data).
    return isinstance(actor, str)


def may_manage_programmes(actor) -> bool:
    return is_command_line(actor) or is_hr(actor)


def may_join(actor, employee) -> bool:
    """HR enrols anyone; an employee enrols themself."""
    return may_manage_programmes(actor) or (
        getattr(actor, "is_authenticated", False) and actor.employee_id == employee.pk
    )


def is_in_pair(actor, match) -> bool:
    employee_id = getattr(actor, "employee_id", None)
    return bool(employee_id) and employee_id in (
        match.mentor.employee_id,
        match.mentee.employee_id,
    )


def may_confirm(actor, match) -> bool:
    return is_in_pair(actor, match)


def may_log_meeting(actor, match) -> bool:
    return is_in_pair(actor, match)


def may_see_match(actor, match) -> bool:
    return is_in_pair(actor, match) or may_manage_programmes(actor)


def is_mentee_of(actor, match) -> bool:
    employee_id = getattr(actor, "employee_id", None)
    return bool(employee_id) and employee_id == match.mentee.employee_id


def is_mentor_of(actor, match) -> bool:
    employee_id = getattr(actor, "employee_id", None)
    return bool(employee_id) and employee_id == match.mentor.employee_id
