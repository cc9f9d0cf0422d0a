"""Coaching trajectories: a coach, a goal, sessions, a budget and an evaluation at the end."""

from __future__ import annotations

from decimal import Decimal

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from groeipad.people.models import Employee


class CoachKind(models.TextChoices):
    INTERNAL = "internal", _("internal coach (colleague)")
    EXTERNAL = "external", _("external coach")


class TrajectoryStatus(models.TextChoices):
    REQUESTED = "requested", _("requested")
    APPROVED = "approved", _("approved")
    DECLINED = "declined", _("declined")
    IN_PROGRESS = "in_progress", _("in progress")
    COMPLETED = "completed", _("completed")
    CANCELLED = "cancelled", _("cancelled")


# Money an approved trajectory holds on the budget until it is completed or cancelled.
COMMITTED = (TrajectoryStatus.APPROVED, TrajectoryStatus.IN_PROGRESS)
RUNNING = COMMITTED


class CoachingTrajectory(models.Model):
    employee = models.ForeignKey(
        Employee,
        verbose_name=_("employee"),
        on_delete=models.CASCADE,
        related_name="coaching_trajectories",
    )
    coach_kind = models.CharField(_("coach"), max_length=10, choices=CoachKind.choices)
    internal_coach = models.ForeignKey(
        Employee,
        verbose_name=_("internal coach"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="coaching_as_coach",
    )
    coach_name = models.CharField(_("name of the coach"), max_length=200, blank=True)
    coach_organisation = models.CharField(
        _("organisation of the coach"), max_length=200, blank=True
    )
    coach_email = models.EmailField(_("e-mail of the coach"), blank=True)
    goal_text = models.TextField(_("coaching goal"))
    plan_goal = models.ForeignKey(
        "plans.Goal",
        verbose_name=_("goal in the development plan"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    planned_sessions = models.PositiveSmallIntegerField(_("planned number of sessions"))
    budget = models.DecimalField(_("budget (euros)"), max_digits=10, decimal_places=2)
    # The employee's department when asked: the development budget it draws on.
    department = models.ForeignKey(
        "people.Department",
        verbose_name=_("department"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    reason = models.TextField(_("why coaching"), blank=True)
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=TrajectoryStatus.choices,
        default=TrajectoryStatus.REQUESTED,
    )
    requested_by = models.ForeignKey(
        "people.User",
        verbose_name=_("requested by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    requested_at = models.DateTimeField(_("requested at"), default=timezone.now)
    decision_reason = models.TextField(_("reason for the decision"), blank=True)
    decided_by = models.ForeignKey(
        "people.User",
        verbose_name=_("decided by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    budget_override = models.BooleanField(_("approved beyond the budget by HR"), default=False)
    completed_on = models.DateField(_("completed on"), null=True, blank=True)
    completion_note = models.TextField(_("note at completion"), blank=True)
    activity = models.OneToOneField(
        "learning.LearningActivity",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    version = models.PositiveIntegerField(_("version"), default=1)
    # The employee gave their end evaluation (anonymous, see ``CoachingAnswer``): only
    # "answered: yes", without a date, for "you answered" and refusing a second answer.
    employee_answered = models.BooleanField(_("employee gave their evaluation"), default=False)

    class Meta:
        verbose_name = _("coaching trajectory")
        verbose_name_plural = _("coaching trajectories")
        ordering = ["-requested_at", "-id"]
        indexes = [
            models.Index(fields=["department", "status"], name="coaching_dept_status"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(planned_sessions__gte=1), name="coaching_sessions_gte_1"
            ),
            models.CheckConstraint(condition=models.Q(budget__gte=0), name="coaching_budget_gte_0"),
            models.CheckConstraint(
                condition=(
                    models.Q(coach_kind="internal", internal_coach__isnull=False)
                    | models.Q(coach_kind="external", internal_coach__isnull=True)
                ),
                name="coaching_coach_matches_kind",
            ),
            models.CheckConstraint(
                condition=~models.Q(internal_coach=models.F("employee")),
                name="coaching_not_own_coach",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.employee} - {self.goal_text[:60]}"

    @property
    def budget_year(self) -> int:
        return timezone.localtime(self.requested_at).year

    @property
    def coach_label(self) -> str:
        if self.coach_kind == CoachKind.INTERNAL and self.internal_coach is not None:
            return self.internal_coach.full_name
        if self.coach_organisation:
            return f"{self.coach_name} ({self.coach_organisation})"
        return self.coach_name


class CoachingSession(models.Model):
    trajectory = models.ForeignKey(
        CoachingTrajectory,
        verbose_name=_("coaching trajectory"),
        on_delete=models.CASCADE,
        related_name="sessions",
    )
    date = models.DateField(_("date"))
    hours = models.DecimalField(_("hours"), max_digits=5, decimal_places=2, default=Decimal("1"))
    notes = models.CharField(_("short notes"), max_length=1000, blank=True)
    # A session beyond the planned number is allowed only when someone says why.
    beyond_plan_reason = models.CharField(
        _("why a session beyond the plan"), max_length=500, blank=True
    )
    logged_by = models.ForeignKey(
        "people.User",
        verbose_name=_("logged by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    logged_at = models.DateTimeField(_("logged at"), default=timezone.now)

    class Meta:
        verbose_name = _("coaching session")
        verbose_name_plural = _("coaching sessions")
        ordering = ["date", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(hours__gt=0), name="coaching_session_hours_gt_0"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.trajectory_id} {self.date}"


class Perspective(models.TextChoices):
    EMPLOYEE = "employee", _("employee")
    MANAGER = "manager", _("manager")


class CoachingEvaluation(models.Model):
    """The manager's end evaluation of one named employee's coaching.

    A judgement of that employee by their manager, like learning's behaviour rating: it
    stays linked to the trajectory and to the manager who gave it, who alone reads it back
    (HR sees averages only, counted by distinct rating manager). The employee's own end
    evaluation is a ``CoachingAnswer``, linked to nobody.
    """

    trajectory = models.ForeignKey(
        CoachingTrajectory,
        verbose_name=_("coaching trajectory"),
        on_delete=models.CASCADE,
        related_name="evaluations",
    )
    perspective = models.CharField(_("by"), max_length=10, choices=Perspective.choices)
    goal_reached = models.PositiveSmallIntegerField(_("goal reached (1-5)"))
    behaviour_change = models.TextField(_("what changed in behaviour"), blank=True)
    comment = models.TextField(_("comment"), blank=True)
    rater = models.ForeignKey(
        "people.User",
        verbose_name=_("rater"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    rated_on = models.DateField(_("date"), default=timezone.localdate)

    class Meta:
        verbose_name = _("coaching evaluation")
        verbose_name_plural = _("coaching evaluations")
        constraints = [
            models.UniqueConstraint(
                fields=["trajectory", "perspective"], name="coaching_evaluation_key"
            ),
            models.CheckConstraint(
                condition=models.Q(goal_reached__gte=1, goal_reached__lte=5),
                name="coaching_goal_reached_1_5",
            ),
            models.CheckConstraint(
                condition=models.Q(perspective="manager"), name="coaching_evaluation_manager"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.perspective} {self.goal_reached}"


class CoachingAnswer(models.Model):
    """An employee's end evaluation of their coaching, on a form that promises anonymity.

    Anonymous means unlinked (specs/anonymity.md, "Who answered"): the row keeps only what
    HR's averages need (how far the goal was reached) and the texts, nothing that leads to
    the person: no trajectory, employee, coach or user, and no date or time. The
    trajectory keeps only "answered: yes" (``CoachingTrajectory.employee_answered``).

    The id stays an increasing number because the averages grow in steps
    (``privacy.anonymity.stepped``, first answers in arrival order); the flag carries no
    time and the audit entry names nothing, so the order names no one.

    Each answer is one person: the service takes one per employee, over all their
    trajectories (with no link a second answer could not be told from another person's).
    """

    goal_reached = models.PositiveSmallIntegerField(_("goal reached (1-5)"))
    behaviour_change = models.TextField(_("what changed in behaviour"), blank=True)
    comment = models.TextField(_("comment"), blank=True)

    class Meta:
        verbose_name = _("anonymous coaching evaluation")
        verbose_name_plural = _("anonymous coaching evaluations")
        ordering = ["id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(goal_reached__gte=1, goal_reached__lte=5),
                name="coaching_answer_goal_reached_1_5",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.goal_reached}"
