"""What the coaching app holds about a person: their coaching trajectories.

Erasure keeps what budgets and figures count (status, budget, sessions' dates and
hours, the evaluation ratings) under the pseudonymised employee record and removes the
texts: the goal, reasons, notes, the external coach's contact and evaluation comments.
"""

from __future__ import annotations

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from groeipad.coaching.models import (
    CoachingEvaluation,
    CoachingSession,
    CoachingTrajectory,
)
from groeipad.people.models import Employee
from groeipad.privacy.registry import DataCategory, register


def _export(employee: Employee) -> list[dict]:
    trajectories = list(
        CoachingTrajectory.objects.filter(employee=employee)
        .select_related("internal_coach")
        .order_by("requested_at", "pk")
    )
    ids = [t.pk for t in trajectories]
    sessions: dict[int, list[dict]] = {}
    for s in CoachingSession.objects.filter(trajectory_id__in=ids).order_by("date", "pk"):
        sessions.setdefault(s.trajectory_id, []).append(
            {"date": s.date, "hours": s.hours, "notes": s.notes}
        )
    # One's own end evaluation is anonymous (``CoachingAnswer``, linked to nobody): the
    # export says only whether it was given. The manager's evaluation is the manager's.
    rows = []
    for t in trajectories:
        rows.append(
            {
                "coach": t.coach_label,
                "coaching_goal": t.goal_text,
                "why_coaching": t.reason,
                "status": t.get_status_display(),
                "planned_sessions": t.planned_sessions,
                "budget": t.budget,
                "requested_at": t.requested_at,
                "reason_for_the_decision": t.decision_reason,
                "decided_at": t.decided_at,
                "completed_on": t.completed_on,
                "note_at_completion": t.completion_note,
                "sessions": sessions.get(t.pk, []),
                "my_evaluation_given": t.employee_answered,
            }
        )
    return rows


def _erase(employee: Employee, dry_run: bool) -> int:
    trajectories = CoachingTrajectory.objects.filter(employee=employee)
    texts = trajectories.filter(
        ~Q(goal_text="")
        | ~Q(reason="")
        | ~Q(decision_reason="")
        | ~Q(completion_note="")
        | ~Q(coach_name="")
        | ~Q(coach_email="")
    )
    sessions = CoachingSession.objects.filter(trajectory__employee=employee).filter(
        ~Q(notes="") | ~Q(beyond_plan_reason="")
    )
    evaluations = CoachingEvaluation.objects.filter(trajectory__employee=employee).filter(
        ~Q(behaviour_change="") | ~Q(comment="") | Q(rater__isnull=False)
    )
    count = texts.count() + sessions.count() + evaluations.count()
    if dry_run or not count:
        return count
    texts.update(
        goal_text="",
        reason="",
        decision_reason="",
        completion_note="",
        coach_name="",
        coach_email="",
    )
    sessions.update(notes="", beyond_plan_reason="")
    evaluations.update(behaviour_change="", comment="", rater=None)
    return count


register(
    DataCategory(
        key="coaching",
        app="coaching",
        label=_("coaching trajectories: goal, coach, sessions and evaluation"),
        purpose=_("to arrange and pay for coaching and to see what it brought"),
        legal_basis=_("legitimate interest: your development (article 6(1)(f) GDPR)"),
        retention="development",
        seen_by=("own", "line", "hr"),
        export=_export,
        erase=_erase,
    )
)
