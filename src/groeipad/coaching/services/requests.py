"""Coaching requests: asking, changing before the decision, deciding against the
department's development budget (the budgets app's, the same money as learning), and
cancelling."""

from __future__ import annotations

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils import timezone
from django.utils.translation import gettext as _

from groeipad.budgets import services as budget_services
from groeipad.coaching import rules
from groeipad.coaching.models import RUNNING, CoachingTrajectory, CoachKind, TrajectoryStatus
from groeipad.lib.actions import Actor, action, actor_user, audit, ensure
from groeipad.lib.concurrency import update_if_unchanged
from groeipad.people.models import Employee
from groeipad.privacy.models import AuditAction, ObjectType


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


@action
def trajectory_request(
    *,
    actor: Actor,
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
    ensure(
        rules.may_request_for(actor, employee),
        _("You can only request coaching for yourself or for someone in your line."),
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
    trajectory = CoachingTrajectory.objects.create(
        employee=employee,
        department_id=employee.department_id,
        reason=reason.strip(),
        requested_by=actor_user(actor),
        **fields,
    )
    audit(
        actor=actor,
        verb=AuditAction.CREATE,
        object_type=ObjectType.COACHING_TRAJECTORY,
        object_id=trajectory.pk,
        summary=(
            f"{employee.employee_number} coaching requested: {trajectory.coach_kind}, "
            f"{trajectory.planned_sessions} sessions, {trajectory.budget}"
        ),
    )
    return trajectory


@action
def trajectory_update(
    *, actor: Actor, trajectory: CoachingTrajectory, version: int | None, **changes
) -> CoachingTrajectory:
    """Change a request before it is decided. Two people editing: the second gets StaleEdit."""
    ensure(
        rules.may_edit(actor, trajectory),
        _("You can only change your own requests or those of your line."),
    )
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
    # Only a request still open may change: the status is part of the swap condition.
    if not CoachingTrajectory.objects.filter(
        pk=current.pk, status=TrajectoryStatus.REQUESTED
    ).exists():
        raise ValidationError(_("Only a request that is not decided yet can be changed."))
    update_if_unchanged(CoachingTrajectory, current, version, **fields)
    audit(
        actor=actor,
        verb=AuditAction.UPDATE,
        object_type=ObjectType.COACHING_TRAJECTORY,
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


def _decided(trajectory: CoachingTrajectory, actor: Actor, status: str, reason: str) -> None:
    trajectory.status = status
    trajectory.decided_by = actor_user(actor)
    trajectory.decided_at = timezone.now()
    trajectory.decision_reason = reason.strip()
    trajectory.version += 1


@action
def approve(
    *, actor: Actor, trajectory: CoachingTrajectory, reason: str = "", override_budget: bool = False
) -> CoachingTrajectory:
    """Approve a request if the department's development budget still allows it.

    The budget row is locked before the remaining amount is read, as learning's approve
    does, so a coaching and a learning approval at the same moment queue up.
    """
    ensure(
        rules.may_decide(actor, trajectory.employee),
        _("Only a manager in the employee's line or HR can decide."),
    )
    if override_budget:
        ensure(rules.may_override_budget(actor), _("Only HR can approve beyond the budget."))
    trajectory = _locked(trajectory)
    if trajectory.status != TrajectoryStatus.REQUESTED:
        raise _already(trajectory)
    check = budget_services.budget_hold(
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
    audit(
        actor=actor,
        verb=AuditAction.UPDATE,
        object_type=ObjectType.COACHING_TRAJECTORY,
        object_id=trajectory.pk,
        summary=summary,
        changes={"status": "approved", "budget_override": check.overridden},
    )
    return trajectory


@action
def decline(*, actor: Actor, trajectory: CoachingTrajectory, reason: str) -> CoachingTrajectory:
    ensure(
        rules.may_decide(actor, trajectory.employee),
        _("Only a manager in the employee's line or HR can decide."),
    )
    if not reason.strip():
        raise ValidationError(_("Say why the request is declined."))
    trajectory = _locked(trajectory)
    if trajectory.status != TrajectoryStatus.REQUESTED:
        raise _already(trajectory)
    _decided(trajectory, actor, TrajectoryStatus.DECLINED, reason)
    trajectory.save()
    audit(
        actor=actor,
        verb=AuditAction.UPDATE,
        object_type=ObjectType.COACHING_TRAJECTORY,
        object_id=trajectory.pk,
        summary=f"declined: {reason.strip()[:200]}",
    )
    return trajectory


@action
def cancel(*, actor: Actor, trajectory: CoachingTrajectory, reason: str = "") -> CoachingTrajectory:
    """Stop a request or a running trajectory: the money it held goes back to the budget."""
    ensure(
        (rules.may_cancel(actor, trajectory) or rules.may_decide(actor, trajectory.employee)),
        _("You may not cancel this coaching trajectory."),
    )
    trajectory = _locked(trajectory)
    if trajectory.status not in (TrajectoryStatus.REQUESTED, *RUNNING):
        raise ValidationError(_("Only open, approved or running coaching can be cancelled."))
    trajectory.status = TrajectoryStatus.CANCELLED
    trajectory.version += 1
    trajectory.save(update_fields=["status", "version"])
    audit(
        actor=actor,
        verb=AuditAction.UPDATE,
        object_type=ObjectType.COACHING_TRAJECTORY,
        object_id=trajectory.pk,
        summary=f"cancelled{': ' + reason.strip()[:200] if reason.strip() else ''}",
    )
    return trajectory
