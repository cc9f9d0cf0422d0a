"""Writes for coaching trajectories. Each checks who may, validates, saves and audits.

Requested and decided like a learning request: the manager in the line (or HR) decides,
approval checks the department's development budget through learning's selectors (the
same money), and only HR may approve beyond it, which the audit log records. Completion
records the cost as learning (social, the 20 of 70-20-10) through learning's service.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from groeipad.coaching import rules
from groeipad.coaching.models import (
    RUNNING,
    CoachingEvaluation,
    CoachingSession,
    CoachingTrajectory,
    CoachKind,
    Perspective,
    TrajectoryStatus,
)
from groeipad.learning import services as learning_services
from groeipad.learning.models import ActivityKind
from groeipad.lib.concurrency import update_if_unchanged
from groeipad.people.models import Employee
from groeipad.privacy.models import AuditAction
from groeipad.privacy.services import audit_record

OBJECT = "coaching_trajectory"


def _clean_coach(
    *,
    employee: Employee,
    coach_kind: str,
    internal_coach: Employee | None,
    coach_name: str,
    coach_organisation: str,
    coach_email: str,
) -> dict:
    if coach_kind == CoachKind.INTERNAL:
        if internal_coach is None:
            raise ValidationError(_("Choose the colleague who coaches."))
        if internal_coach.pk == employee.pk:
            raise ValidationError(_("Nobody can be their own coach."))
        today = timezone.localdate()
        if internal_coach.leave_date is not None and internal_coach.leave_date < today:
            raise ValidationError(
                _("%(name)s no longer works here.") % {"name": internal_coach.full_name}
            )
        return {
            "coach_kind": coach_kind,
            "internal_coach": internal_coach,
            "coach_name": "",
            "coach_organisation": "",
            "coach_email": "",
        }
    if coach_kind == CoachKind.EXTERNAL:
        if not coach_name.strip():
            raise ValidationError(_("Give the name of the external coach."))
        email = coach_email.strip()
        if email:
            try:
                validate_email(email)
            except ValidationError:
                raise ValidationError(
                    _("%(email)s is not an e-mail address.") % {"email": email}
                ) from None
        return {
            "coach_kind": coach_kind,
            "internal_coach": None,
            "coach_name": coach_name.strip()[:200],
            "coach_organisation": coach_organisation.strip()[:200],
            "coach_email": email,
        }
    raise ValidationError(_("Choose an internal or an external coach."))


def _clean_plan(*, employee: Employee, goal_text: str, plan_goal, planned_sessions, budget):
    if not goal_text.strip():
        raise ValidationError(_("Describe the goal of the coaching."))
    if plan_goal is not None and plan_goal.plan.employee_id != employee.pk:
        raise ValidationError(_("That goal is not in this employee's plan."))
    if planned_sessions is None or planned_sessions < 1:
        raise ValidationError(_("Plan at least one session."))
    if planned_sessions > 100:
        raise ValidationError(_("Plan at most 100 sessions."))
    if budget is None or budget < 0:
        raise ValidationError(_("The budget cannot be negative."))
    return {
        "goal_text": goal_text.strip(),
        "plan_goal": plan_goal,
        "planned_sessions": planned_sessions,
        "budget": Decimal(budget).quantize(Decimal("0.01")),
    }


def trajectory_request(
    *,
    actor,
    employee: Employee,
    coach_kind: str,
    goal_text: str,
    planned_sessions: int,
    budget: Decimal,
    internal_coach: Employee | None = None,
    coach_name: str = "",
    coach_organisation: str = "",
    coach_email: str = "",
    plan_goal=None,
    reason: str = "",
) -> CoachingTrajectory:
    """The employee, or their manager, asks for a coaching trajectory."""
    if not rules.may_request_for(actor, employee):
        raise PermissionDenied(
            _("You can only request coaching for yourself or for someone in your line.")
        )
    if employee.department_id is None:
        raise ValidationError(_("The employee has no department, so no budget to draw on."))
    fields = {
        **_clean_coach(
            employee=employee,
            coach_kind=coach_kind,
            internal_coach=internal_coach,
            coach_name=coach_name,
            coach_organisation=coach_organisation,
            coach_email=coach_email,
        ),
        **_clean_plan(
            employee=employee,
            goal_text=goal_text,
            plan_goal=plan_goal,
            planned_sessions=planned_sessions,
            budget=budget,
        ),
    }
    with transaction.atomic():
        trajectory = CoachingTrajectory.objects.create(
            employee=employee,
            department_id=employee.department_id,
            reason=reason.strip(),
            requested_by=actor if getattr(actor, "pk", None) else None,
            **fields,
        )
        audit_record(
            actor=actor,
            action=AuditAction.CREATE,
            object_type=OBJECT,
            object_id=trajectory.pk,
            summary=(
                f"{employee.employee_number} coaching requested: {trajectory.coach_kind}, "
                f"{trajectory.planned_sessions} sessions, {trajectory.budget}"
            ),
        )
    return trajectory


def trajectory_update(
    *, actor, trajectory: CoachingTrajectory, version: int | None, **changes
) -> CoachingTrajectory:
    """Change a request before it is decided. Two people editing: the second gets StaleEdit."""
    if not rules.may_edit(actor, trajectory):
        raise PermissionDenied(_("You can only change your own requests or those of your line."))
    allowed = {
        "coach_kind",
        "internal_coach",
        "coach_name",
        "coach_organisation",
        "coach_email",
        "goal_text",
        "plan_goal",
        "planned_sessions",
        "budget",
        "reason",
    }
    unknown = set(changes) - allowed
    if unknown:
        raise ValidationError(_("Unknown fields: %(f)s.") % {"f": ", ".join(sorted(unknown))})
    current = CoachingTrajectory.objects.get(pk=trajectory.pk)
    if current.status != TrajectoryStatus.REQUESTED:
        raise ValidationError(_("Only a request that is not decided yet can be changed."))

    def pick(name):
        return changes[name] if name in changes else getattr(current, name)

    employee = current.employee
    fields = {
        **_clean_coach(
            employee=employee,
            coach_kind=pick("coach_kind"),
            internal_coach=pick("internal_coach"),
            coach_name=pick("coach_name"),
            coach_organisation=pick("coach_organisation"),
            coach_email=pick("coach_email"),
        ),
        **_clean_plan(
            employee=employee,
            goal_text=pick("goal_text"),
            plan_goal=pick("plan_goal"),
            planned_sessions=pick("planned_sessions"),
            budget=pick("budget"),
        ),
        "reason": (pick("reason") or "").strip(),
    }
    with transaction.atomic():
        # Only a request still open may change: the status is part of the swap condition.
        if not CoachingTrajectory.objects.filter(
            pk=current.pk, status=TrajectoryStatus.REQUESTED
        ).exists():
            raise ValidationError(_("Only a request that is not decided yet can be changed."))
        update_if_unchanged(CoachingTrajectory, current, version, **fields)
        audit_record(
            actor=actor,
            action=AuditAction.UPDATE,
            object_type=OBJECT,
            object_id=current.pk,
            summary=f"request changed: {', '.join(sorted(changes)) or 'nothing'}",
        )
    return current


def _locked(trajectory: CoachingTrajectory) -> CoachingTrajectory:
    return (
        CoachingTrajectory.objects.select_for_update(of=("self",))
        .select_related("employee", "department")
        .get(pk=trajectory.pk)
    )


def _already(trajectory: CoachingTrajectory) -> ValidationError:
    return ValidationError(
        _("This coaching trajectory is already %(status)s.")
        % {"status": trajectory.get_status_display()}
    )


def _decided(trajectory: CoachingTrajectory, actor, status: str, reason: str) -> None:
    trajectory.status = status
    trajectory.decided_by = actor if getattr(actor, "pk", None) else None
    trajectory.decided_at = timezone.now()
    trajectory.decision_reason = reason.strip()
    trajectory.version += 1


def approve(
    *, actor, trajectory: CoachingTrajectory, reason: str = "", override_budget: bool = False
) -> CoachingTrajectory:
    """Approve a request if the department's development budget still allows it.

    The budget row is locked before the remaining amount is read, as learning's approve
    does, so a coaching and a learning approval at the same moment queue up.
    """
    if not rules.may_decide(actor, trajectory.employee):
        raise PermissionDenied(_("Only a manager in the employee's line or HR can decide."))
    if override_budget and not rules.may_override_budget(actor):
        raise PermissionDenied(_("Only HR can approve beyond the budget."))
    with transaction.atomic():
        trajectory = _locked(trajectory)
        if trajectory.status != TrajectoryStatus.REQUESTED:
            raise _already(trajectory)
        check = learning_services.budget_hold(
            department=trajectory.department,
            year=trajectory.budget_year,
            cost=trajectory.budget,
            override=override_budget,
            refusal=_(
                "Approving this coaching (%(cost)s) would exceed the development "
                "budget of %(department)s for %(year)s: %(left)s is left. "
                "Only HR can approve it beyond the budget."
            ),
        )
        _decided(trajectory, actor, TrajectoryStatus.APPROVED, reason)
        trajectory.budget_override = check.overridden
        trajectory.save()
        summary = f"approved coaching for {trajectory.employee.employee_number}"
        summary += check.audit_note(trajectory.budget)
        audit_record(
            actor=actor,
            action=AuditAction.UPDATE,
            object_type=OBJECT,
            object_id=trajectory.pk,
            summary=summary,
            changes={"status": "approved", "budget_override": check.overridden},
        )
    return trajectory


def decline(*, actor, trajectory: CoachingTrajectory, reason: str) -> CoachingTrajectory:
    if not rules.may_decide(actor, trajectory.employee):
        raise PermissionDenied(_("Only a manager in the employee's line or HR can decide."))
    if not reason.strip():
        raise ValidationError(_("Say why the request is declined."))
    with transaction.atomic():
        trajectory = _locked(trajectory)
        if trajectory.status != TrajectoryStatus.REQUESTED:
            raise _already(trajectory)
        _decided(trajectory, actor, TrajectoryStatus.DECLINED, reason)
        trajectory.save()
        audit_record(
            actor=actor,
            action=AuditAction.UPDATE,
            object_type=OBJECT,
            object_id=trajectory.pk,
            summary=f"declined: {reason.strip()[:200]}",
        )
    return trajectory


def cancel(*, actor, trajectory: CoachingTrajectory, reason: str = "") -> CoachingTrajectory:
    """Stop a request or a running trajectory: the money it held goes back to the budget."""
    if not (rules.may_cancel(actor, trajectory) or rules.may_decide(actor, trajectory.employee)):
        raise PermissionDenied(_("You may not cancel this coaching trajectory."))
    with transaction.atomic():
        trajectory = _locked(trajectory)
        if trajectory.status not in (TrajectoryStatus.REQUESTED, *RUNNING):
            raise ValidationError(_("Only open, approved or running coaching can be cancelled."))
        trajectory.status = TrajectoryStatus.CANCELLED
        trajectory.version += 1
        trajectory.save(update_fields=["status", "version"])
        audit_record(
            actor=actor,
            action=AuditAction.UPDATE,
            object_type=OBJECT,
            object_id=trajectory.pk,
            summary=f"cancelled{': ' + reason.strip()[:200] if reason.strip() else ''}",
        )
    return trajectory


def session_log(
    *,
    actor,
    trajectory: CoachingTrajectory,
    on: date,
    notes: str = "",
    hours: Decimal = Decimal("1"),
    beyond_plan_reason: str = "",
) -> CoachingSession:
    """Log a session that took place. One beyond the planned number needs a reason."""
    if not rules.may_log_session(actor, trajectory):
        raise PermissionDenied(
            _("Only the employee, their coach, their manager or HR can log sessions.")
        )
    if on > timezone.localdate():
        raise ValidationError(_("Log a session after it took place, not in advance."))
    if hours is None or hours <= 0:
        raise ValidationError(_("A session takes some time: give the hours."))
    with transaction.atomic():
        trajectory = _locked(trajectory)
        if trajectory.status not in RUNNING:
            raise ValidationError(_("Sessions are logged for approved coaching only."))
        if trajectory.decided_at and on < timezone.localdate(trajectory.decided_at):
            raise ValidationError(_("This session is dated before the coaching was approved."))
        done = trajectory.sessions.count()
        beyond = beyond_plan_reason.strip()
        if done >= trajectory.planned_sessions:
            if not beyond:
                raise ValidationError(
                    _(
                        "All %(n)s planned sessions are logged. Say why another session is "
                        "needed to log one more."
                    )
                    % {"n": trajectory.planned_sessions}
                )
        else:
            beyond = ""
        session = CoachingSession.objects.create(
            trajectory=trajectory,
            date=on,
            hours=hours,
            notes=notes.strip()[:1000],
            beyond_plan_reason=beyond[:500],
            logged_by=actor if getattr(actor, "pk", None) else None,
        )
        if trajectory.status == TrajectoryStatus.APPROVED:
            trajectory.status = TrajectoryStatus.IN_PROGRESS
            trajectory.version += 1
            trajectory.save(update_fields=["status", "version"])
        audit_record(
            actor=actor,
            action=AuditAction.CREATE,
            object_type="coaching_session",
            object_id=session.pk,
            summary=(
                f"session {done + 1}/{trajectory.planned_sessions} on {on}"
                + (f"; beyond the plan: {beyond[:200]}" if beyond else "")
            ),
        )
    return session


def complete(
    *, actor, trajectory: CoachingTrajectory, completed_on: date | None = None, note: str = ""
) -> CoachingTrajectory:
    """Close a trajectory whose sessions took place; its cost then counts as learning.

    At least one session must be logged and completion cannot predate the last one;
    ending before the planned number of sessions needs a note saying why.
    """
    if not rules.may_decide(actor, trajectory.employee):
        raise PermissionDenied(_("Only a manager in the employee's line or HR can record this."))
    completed_on = completed_on or timezone.localdate()
    if completed_on > timezone.localdate():
        raise ValidationError(_("Completion cannot be dated in the future."))
    with transaction.atomic():
        trajectory = _locked(trajectory)
        if trajectory.status == TrajectoryStatus.COMPLETED:
            raise _already(trajectory)
        if trajectory.status not in RUNNING:
            raise ValidationError(_("Only approved coaching can be completed."))
        sessions = list(trajectory.sessions.all())
        if not sessions:
            raise ValidationError(
                _("No session is logged yet: log the sessions before completing.")
            )
        last = max(s.date for s in sessions)
        if completed_on < last:
            raise ValidationError(
                _("The last session was on %(day)s: completion cannot be earlier.") % {"day": last}
            )
        if len(sessions) < trajectory.planned_sessions and not note.strip():
            raise ValidationError(
                _(
                    "%(done)s of %(planned)s planned sessions took place. Say why the "
                    "coaching ends early to complete it."
                )
                % {"done": len(sessions), "planned": trajectory.planned_sessions}
            )
        activity = learning_services.activity_record(
            actor=actor,
            employee=trajectory.employee,
            on=completed_on,
            title=_("Coaching #%(id)s: %(goal)s")
            % {"id": trajectory.pk, "goal": trajectory.goal_text[:200]},
            kind=ActivityKind.COACHING,
            hours=sum((s.hours for s in sessions), Decimal("0")),
            cost=trajectory.budget,
        )
        trajectory.status = TrajectoryStatus.COMPLETED
        trajectory.completed_on = completed_on
        trajectory.completion_note = note.strip()
        trajectory.activity = activity
        trajectory.version += 1
        trajectory.save()
        audit_record(
            actor=actor,
            action=AuditAction.UPDATE,
            object_type=OBJECT,
            object_id=trajectory.pk,
            summary=f"completed on {completed_on} after {len(sessions)} sessions",
        )
    return trajectory


def evaluate(
    *,
    actor,
    trajectory: CoachingTrajectory,
    perspective: str,
    goal_reached: int,
    behaviour_change: str = "",
    comment: str = "",
) -> CoachingEvaluation:
    """At the end: the employee and the manager each say how far the goal was reached."""
    trajectory = CoachingTrajectory.objects.select_related("employee").get(pk=trajectory.pk)
    if perspective not in Perspective.values:
        raise ValidationError(_("Unknown perspective: %(p)s.") % {"p": perspective})
    own = getattr(actor, "employee_id", None) == trajectory.employee_id
    if perspective == Perspective.EMPLOYEE and not own:
        raise PermissionDenied(_("Only the employee evaluates from their own perspective."))
    if perspective == Perspective.MANAGER and not rules.may_decide(actor, trajectory.employee):
        raise PermissionDenied(_("Only a manager in the employee's line evaluates as manager."))
    if trajectory.status != TrajectoryStatus.COMPLETED:
        raise ValidationError(_("Evaluate the coaching after it is completed."))
    if goal_reached is None or not 1 <= goal_reached <= 5:
        raise ValidationError(
            _("How far the goal was reached is 1 to 5, not %(value)s.") % {"value": goal_reached}
        )
    if CoachingEvaluation.objects.filter(trajectory=trajectory, perspective=perspective).exists():
        raise ValidationError(_("This evaluation has already been given."))
    with transaction.atomic():
        evaluation = CoachingEvaluation.objects.create(
            trajectory=trajectory,
            perspective=perspective,
            goal_reached=goal_reached,
            behaviour_change=behaviour_change.strip(),
            comment=comment.strip(),
            rater=actor if getattr(actor, "pk", None) else None,
        )
        audit_record(
            actor=actor,
            action=AuditAction.CREATE,
            object_type="coaching_evaluation",
            object_id=evaluation.pk,
            summary=f"{perspective}: goal reached {goal_reached}/5 for {trajectory.pk}",
        )
    return evaluation
