"""The coaching itself: sessions logged, completion (its cost then counts as learning,
social, the 20 of 70-20-10) and the evaluations at the end."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from groeipad.coaching import rules
from groeipad.coaching.models import (
    RUNNING,
    CoachingAnswer,
    CoachingEvaluation,
    CoachingSession,
    CoachingTrajectory,
    Perspective,
    TrajectoryStatus,
)
from groeipad.coaching.services.requests import _already, _locked
from groeipad.learning import services as learning_services
from groeipad.learning.models import ActivityKind
from groeipad.lib.actions import Actor, action, actor_user, audit, ensure
from groeipad.people import scope
from groeipad.privacy.models import AuditAction, ObjectType


@action
def session_log(
    *,
    actor: Actor,
    trajectory: CoachingTrajectory,
    on: date,
    notes: str = "",
    hours: Decimal = Decimal("1"),
    beyond_plan_reason: str = "",
) -> CoachingSession:
    """Log a session that took place. One beyond the planned number needs a reason."""
    ensure(
        rules.may_log_session(actor, trajectory),
        _("Only the employee, their coach, their manager or HR can log sessions."),
    )
    if on > timezone.localdate():
        raise ValidationError(_("Log a session after it took place, not in advance."))
    if hours is None or hours <= 0:
        raise ValidationError(_("A session takes some time: give the hours."))
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
        logged_by=actor_user(actor),
    )
    if trajectory.status == TrajectoryStatus.APPROVED:
        trajectory.status = TrajectoryStatus.IN_PROGRESS
        trajectory.version += 1
        trajectory.save(update_fields=["status", "version"])
    audit(
        actor=actor,
        verb=AuditAction.CREATE,
        object_type=ObjectType.COACHING_SESSION,
        object_id=session.pk,
        summary=(
            f"session {done + 1}/{trajectory.planned_sessions} on {on}"
            + (f"; beyond the plan: {beyond[:200]}" if beyond else "")
        ),
    )
    return session


@action
def complete(
    *,
    actor: Actor,
    trajectory: CoachingTrajectory,
    completed_on: date | None = None,
    note: str = "",
) -> CoachingTrajectory:
    """Close a trajectory whose sessions took place; its cost then counts as learning.

    At least one session must be logged and completion cannot predate the last one;
    ending before the planned number of sessions needs a note saying why.
    """
    ensure(
        rules.may_decide(actor, trajectory.employee),
        _("Only a manager in the employee's line or HR can record this."),
    )
    completed_on = completed_on or timezone.localdate()
    if completed_on > timezone.localdate():
        raise ValidationError(_("Completion cannot be dated in the future."))
    trajectory = _locked(trajectory)
    if trajectory.status == TrajectoryStatus.COMPLETED:
        raise _already(trajectory)
    if trajectory.status not in RUNNING:
        raise ValidationError(_("Only approved coaching can be completed."))
    sessions = list(trajectory.sessions.all())
    if not sessions:
        raise ValidationError(_("No session is logged yet: log the sessions before completing."))
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
    audit(
        actor=actor,
        verb=AuditAction.UPDATE,
        object_type=ObjectType.COACHING_TRAJECTORY,
        object_id=trajectory.pk,
        summary=f"completed on {completed_on} after {len(sessions)} sessions",
    )
    return trajectory


@action
def evaluate(
    *,
    actor: Actor,
    trajectory: CoachingTrajectory,
    perspective: str,
    goal_reached: int,
    behaviour_change: str = "",
    comment: str = "",
) -> CoachingEvaluation | CoachingAnswer:
    """At the end: the employee and the manager each say how far the goal was reached.

    The employee's is an anonymous answer (specs/anonymity.md): stored as a
    ``CoachingAnswer`` linked to nobody, the trajectory only marked answered; one per
    employee over all their trajectories (with no link a second answer could not be told
    from another person's). The manager's stays a ``CoachingEvaluation`` of the named
    employee by the manager who gave it.
    """
    trajectory = CoachingTrajectory.objects.select_related("employee").get(pk=trajectory.pk)
    if perspective not in Perspective.values:
        raise ValidationError(_("Unknown perspective: %(p)s.") % {"p": perspective})
    own = scope.as_viewer(actor).employee_id == trajectory.employee_id
    if perspective == Perspective.EMPLOYEE:
        ensure(own, _("Only the employee evaluates from their own perspective."))
    if perspective == Perspective.MANAGER:
        ensure(
            rules.may_decide(actor, trajectory.employee),
            _("Only a manager in the employee's line evaluates as manager."),
        )
    if trajectory.status != TrajectoryStatus.COMPLETED:
        raise ValidationError(_("Evaluate the coaching after it is completed."))
    if goal_reached is None or not 1 <= goal_reached <= 5:
        raise ValidationError(
            _("How far the goal was reached is 1 to 5, not %(value)s.") % {"value": goal_reached}
        )
    if perspective == Perspective.EMPLOYEE:
        return _answer(trajectory, goal_reached, behaviour_change, comment)
    if CoachingEvaluation.objects.filter(trajectory=trajectory, perspective=perspective).exists():
        raise ValidationError(_("This evaluation has already been given."))
    evaluation = CoachingEvaluation.objects.create(
        trajectory=trajectory,
        perspective=perspective,
        goal_reached=goal_reached,
        behaviour_change=behaviour_change.strip(),
        comment=comment.strip(),
        rater=actor_user(actor),
    )
    audit(
        actor=actor,
        verb=AuditAction.CREATE,
        object_type=ObjectType.COACHING_EVALUATION,
        object_id=evaluation.pk,
        # That it arrived, not what it says: an anonymous answer is never put to a name.
        summary=f"{perspective} evaluation arrived for {trajectory.pk}",
    )
    return evaluation


def _answer(
    trajectory: CoachingTrajectory, goal_reached: int, behaviour_change: str, comment: str
) -> CoachingAnswer:
    """The employee's anonymous end evaluation: stored unlinked, the trajectory flagged."""
    # The employee's trajectories, locked: one answer per person, also when two
    # submissions race.
    mine = list(
        CoachingTrajectory.objects.select_for_update()
        .filter(employee_id=trajectory.employee_id)
        .order_by("pk")
        .values_list("pk", "employee_answered")
    )
    if any(answered for _pk, answered in mine):
        if trajectory.employee_answered or len(mine) == 1:
            raise ValidationError(_("This evaluation has already been given."))
        raise ValidationError(
            _(
                "You already gave your end evaluation of a coaching. It is anonymous, so it "
                "is given once and cannot be changed or looked up."
            )
        )
    CoachingTrajectory.objects.filter(pk=trajectory.pk).update(employee_answered=True)
    answer = CoachingAnswer.objects.create(
        goal_reached=goal_reached,
        behaviour_change=behaviour_change.strip(),
        comment=comment.strip(),
    )
    # That an answer arrived, never who gave it: no actor, no trajectory, no answer id.
    audit(
        actor=None,
        verb=AuditAction.CREATE,
        object_type=ObjectType.COACHING_EVALUATION,
        object_id="",
        summary="anonymous employee evaluation of a coaching arrived",
    )
    return answer
