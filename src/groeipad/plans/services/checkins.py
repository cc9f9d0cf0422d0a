"""Check-ins: the rhythm of a manager, planning, the notes, next steps."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from groeipad.lib.actions import Actor, action, audit, ensure
from groeipad.lib.concurrency import update_if_unchanged
from groeipad.people.models import Employee
from groeipad.plans import rules, selectors
from groeipad.plans.models import (
    Action,
    Cadence,
    CheckIn,
    CheckInStatus,
    DevelopmentPlan,
    Goal,
    PlanStatus,
)
from groeipad.plans.services.actions import action_create
from groeipad.privacy.models import AuditAction, ObjectType


@action
def cadence_set(*, actor: Actor, manager: Employee, weeks: int) -> Cadence:
    ensure(
        rules.may_set_cadence(actor, manager), _("Only the manager sets their own check-in rhythm.")
    )
    if not isinstance(weeks, int) or not 1 <= weeks <= 52:
        raise ValidationError(_("Check-in rhythm: choose between 1 and 52 weeks."))
    cadence, _created = Cadence.objects.update_or_create(manager=manager, defaults={"weeks": weeks})
    audit(
        actor=actor,
        verb=AuditAction.UPDATE,
        object_type=ObjectType.CADENCE,
        object_id=manager.employee_number,
        summary=f"check-ins every {weeks} weeks",
    )
    return cadence


@action
def checkin_plan(*, actor: Actor, employee: Employee, scheduled_for: date | None) -> CheckIn:
    """Plan a check-in between the employee and their manager."""
    ensure(
        rules.may_plan_checkin(actor, employee),
        _("Only the employee or their manager plans a check-in."),
    )
    if employee.manager_id is None:
        raise ValidationError(
            _("%(name)s has no manager to hold a check-in with.") % {"name": employee.full_name}
        )
    if scheduled_for is None:
        raise ValidationError(_("Check-in: choose a date."))
    if scheduled_for < timezone.localdate():
        raise ValidationError(
            _("Check-in: the date %(date)s is in the past.") % {"date": scheduled_for.isoformat()}
        )
    plan = (
        DevelopmentPlan.objects.filter(employee=employee).exclude(status=PlanStatus.CLOSED).first()
    )
    checkin = CheckIn.objects.create(
        employee=employee,
        manager_id=employee.manager_id,
        plan=plan,
        scheduled_for=scheduled_for,
    )
    audit(
        actor=actor,
        verb=AuditAction.CREATE,
        object_type=ObjectType.CHECKIN,
        object_id=checkin.pk,
        summary=f"check-in planned for {employee.employee_number} on {scheduled_for}",
    )
    return checkin


@action
def checkin_record(
    *,
    actor: Actor,
    checkin: CheckIn,
    version: int | None,
    shared_notes: str,
    private_notes: str = "",
    held: bool = False,
    held_on: date | None = None,
    next_date: date | None = None,
) -> CheckIn:
    """Save the notes; when held, plan the next one (default: the manager's cadence)."""
    side = rules.checkin_side(actor, checkin)
    ensure(side is not None, _("Only the employee and the manager of a check-in write in it."))
    if checkin.status == CheckInStatus.CANCELLED:
        raise ValidationError(_("This check-in was cancelled."))
    fields: dict[str, Any] = {"shared_notes": shared_notes.strip()}
    # Each side writes only their own private notes; the other side's stay untouched.
    fields[f"{side}_private_notes"] = private_notes.strip()
    today = timezone.localdate()
    if held and checkin.status != CheckInStatus.HELD:
        held_on = held_on or today
        if held_on > today:
            raise ValidationError(
                _("Check-in: it cannot be held on a future date (%(date)s).")
                % {"date": held_on.isoformat()}
            )
        next_date = next_date or held_on + timedelta(
            weeks=selectors.cadence_weeks(checkin.manager_id)
        )
        if next_date <= held_on:
            raise ValidationError(_("Next check-in: the date must come after this one."))
        fields.update(status=CheckInStatus.HELD, held_on=held_on)
    else:
        next_date = None
    update_if_unchanged(CheckIn, checkin, version, **fields)
    if next_date:
        already = CheckIn.objects.filter(
            employee_id=checkin.employee_id, status=CheckInStatus.PLANNED
        ).exclude(pk=checkin.pk)
        if not already.exists():
            CheckIn.objects.create(
                employee_id=checkin.employee_id,
                manager_id=checkin.manager_id,
                plan=checkin.plan,
                scheduled_for=next_date,
            )
    audit(
        actor=actor,
        verb=AuditAction.UPDATE,
        object_type=ObjectType.CHECKIN,
        object_id=checkin.pk,
        summary=f"check-in {checkin.pk} notes by the {side}"
        + (" (held)" if "held_on" in fields else ""),
    )
    return checkin


@action
def checkin_add_next_step(
    *,
    actor: Actor,
    checkin: CheckIn,
    goal: Goal | None,
    description: str,
    instrument: str,
    due_date: date | None,
    owner: Employee | None = None,
    hours=0,
) -> Action:
    """An agreed next step becomes an action under one of the plan's goals."""
    ensure(
        rules.checkin_side(actor, checkin) is not None,
        _("Only the employee and the manager of a check-in add steps."),
    )
    if goal is not None and goal.plan.employee_id != checkin.employee_id:
        raise ValidationError(_("Next step: the goal belongs to someone else's plan."))
    return action_create(
        actor=actor,
        goal=goal,
        description=description,
        instrument=instrument,
        owner=owner or checkin.employee,
        due_date=due_date,
        hours=hours,
        source_checkin=checkin,
    )
