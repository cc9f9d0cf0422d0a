"""Who else reads an employee's report: the employee alone decides, person by person.

A share is with a person, recorded at the moment of sharing: "my manager" is stored as
the employee who was the manager then, a mentor as the account named. When the
employee's manager changes later (a transfer, a correction, HR in the admin), the
report stays with the manager it was shared with, for as long as the share stands; the
new manager gets nothing. Saving the form with "my manager" still ticked keeps the share
with that person; the employee withdraws it (untick) and shares anew to reach their new
manager.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from groeipad.feedback import rules, selectors
from groeipad.feedback.models import FeedbackRound
from groeipad.feedback.rules import FeedbackActor
from groeipad.feedback.services.common import account_of, record
from groeipad.lib.actions import action, ensure
from groeipad.people.models import Employee, User
from groeipad.privacy.models import AuditAction, ObjectType


def _mentor(
    actor: FeedbackActor, feedback_round: FeedbackRound, mentor_email: str, mentor_employee_id
) -> User | None:
    if mentor_employee_id:
        if mentor_employee_id not in {
            e.pk for e in selectors.mentors_of(feedback_round.employee_id)
        }:
            raise ValidationError(_("That person is not your mentor in a mentoring programme."))
        mentor = selectors.account_of_employee(mentor_employee_id)
        if mentor is None:
            raise ValidationError(_("Your mentor has no account yet; ask HR to create one."))
        return mentor
    if mentor_email.strip():
        mentor = selectors.account_by_email(mentor_email)
        if mentor is None:
            raise ValidationError(
                _("No account with the e-mail address %(email)s.") % {"email": mentor_email}
            )
        own = account_of(actor)
        if own is not None and mentor.pk == own.pk:
            raise ValidationError(_("You cannot be your own mentor."))
        return mentor
    return None


def _manager(feedback_round: FeedbackRound, with_manager: bool) -> Employee | None:
    if not with_manager:
        return None
    if feedback_round.share_with_manager and feedback_round.shared_with_manager_employee_id:
        # Already shared: it stays with that person, never handed on to a new manager.
        return feedback_round.shared_with_manager_employee
    current = feedback_round.employee.manager
    if current is None:
        raise ValidationError(_("You have no manager on record to share your report with."))
    return current


@action
def round_share(
    *,
    actor: FeedbackActor,
    feedback_round: FeedbackRound,
    with_manager: bool,
    mentor_email: str = "",
    mentor_employee_id: int | None = None,
) -> None:
    """The employee alone decides who else reads their report: their manager (the one of
    this moment, recorded), and/or one mentor (from their mentoring pair, or any
    colleague with an account by e-mail)."""
    ensure(
        rules.is_owner(actor, feedback_round),
        _("Only the employee can share their feedback report."),
    )
    mentor = _mentor(actor, feedback_round, mentor_email, mentor_employee_id)
    manager = _manager(feedback_round, with_manager)
    feedback_round.share_with_manager = manager is not None
    feedback_round.shared_with_manager_employee = manager
    feedback_round.mentor = mentor
    feedback_round.save(
        update_fields=["share_with_manager", "shared_with_manager_employee", "mentor"]
    )
    record(
        actor=actor,
        verb=AuditAction.UPDATE,
        object_type=ObjectType.FEEDBACK_ROUND,
        object_id=feedback_round.pk,
        summary="Changed who may read a 360 report",
        changes={
            "share_with_manager": manager is not None,
            "manager": manager.employee_number if manager else "",
            "mentor": mentor.email if mentor else "",
        },
    )
