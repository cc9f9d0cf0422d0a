"""Development plans: goals, actions (70-20-10), check-ins, reflections, reminders."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from groeipad.people.models import Employee
from groeipad.skills.models import Competency, StrategicTarget


class CareerStage(models.TextChoices):
    STARTER = "starter", _("starter")
    EXPERIENCED = "experienced", _("experienced")
    SENIOR = "senior", _("senior or lead")


class PlanTemplate(models.Model):
    """HR's starting point for a plan: other prompts and goals for a starter than a senior."""

    name = models.CharField(_("name"), max_length=200, unique=True)
    career_stage = models.CharField(_("career stage"), max_length=20, choices=CareerStage.choices)
    introduction = models.TextField(_("introduction"), blank=True)
    strengths_prompt = models.TextField(_("question about strengths"), blank=True)
    ambitions_prompt = models.TextField(_("question about ambitions"), blank=True)
    development_points_prompt = models.TextField(_("question about development points"), blank=True)
    support = models.TextField(_("support offered"), blank=True)
    version = models.PositiveIntegerField(_("version"), default=1)

    class Meta:
        verbose_name = _("plan template")
        verbose_name_plural = _("plan templates")
        ordering = ["career_stage", "name"]

    def __str__(self) -> str:
        return self.name


class TemplateGoal(models.Model):
    template = models.ForeignKey(
        PlanTemplate,
        verbose_name=_("template"),
        on_delete=models.CASCADE,
        related_name="suggested_goals",
    )
    title = models.CharField(_("goal"), max_length=300)
    why = models.TextField(_("why"), blank=True)
    success_criterion = models.TextField(_("success criterion"), blank=True)
    instrument = models.CharField(_("suggested instrument"), max_length=30, blank=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("suggested goal")
        verbose_name_plural = _("suggested goals")
        ordering = ["template", "position"]

    def __str__(self) -> str:
        return self.title


class PlanStatus(models.TextChoices):
    DRAFT = "draft", _("draft")
    ACTIVE = "active", _("active")
    CLOSED = "closed", _("closed")


class DevelopmentPlan(models.Model):
    """The employee's plan for a period: theirs, drawn up with and co-signed by the manager."""

    employee = models.ForeignKey(
        Employee, verbose_name=_("employee"), on_delete=models.CASCADE, related_name="plans"
    )
    period_start = models.DateField(_("start"))
    period_end = models.DateField(_("end"))
    status = models.CharField(
        _("status"), max_length=20, choices=PlanStatus.choices, default=PlanStatus.DRAFT
    )
    template = models.ForeignKey(
        PlanTemplate,
        verbose_name=_("template"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    strengths = models.TextField(_("strengths"), blank=True)
    ambitions = models.TextField(_("ambitions"), blank=True)
    development_points = models.TextField(_("development points"), blank=True)
    previous_plan = models.ForeignKey(
        "self",
        verbose_name=_("previous plan"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    signed_by_manager = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("co-signed by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    signed_at = models.DateTimeField(_("co-signed at"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    closing_summary = models.TextField(_("looking back"), blank=True)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    version = models.PositiveIntegerField(_("version"), default=1)

    class Meta:
        verbose_name = _("development plan")
        verbose_name_plural = _("development plans")
        ordering = ["-period_start"]
        constraints = [
            # One plan in progress (draft or active) per employee at a time; closed plans
            # are history.
            models.UniqueConstraint(
                fields=["employee"],
                condition=~Q(status="closed"),
                name="plan_one_open_per_employee",
            ),
            models.CheckConstraint(
                condition=Q(period_end__gt=models.F("period_start")), name="plan_end_after_start"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.employee} {self.period_start:%Y}-{self.period_end:%Y}"


class Proposer(models.TextChoices):
    EMPLOYEE = "employee", _("employee")
    MANAGER = "manager", _("manager")


class GoalBasis(models.TextChoices):
    STRENGTH = "strength", _("builds on a strength")
    DEVELOPMENT = "development", _("a development point")


class GoalStatus(models.TextChoices):
    OPEN = "open", _("open")
    ACHIEVED = "achieved", _("achieved")
    PARTLY = "partly", _("partly achieved")
    NOT_ACHIEVED = "not_achieved", _("not achieved")
    DROPPED = "dropped", _("dropped")


class Goal(models.Model):
    """A development goal, written to be measured (SMART) and reflected on (STARRT)."""

    # Set on the goals a page or the agenda shows; never stored.
    overdue: bool
    smart: list[Any]
    action_form: Any

    plan = models.ForeignKey(
        DevelopmentPlan, verbose_name=_("plan"), on_delete=models.CASCADE, related_name="goals"
    )
    title = models.CharField(_("what"), max_length=300)
    why = models.TextField(_("why"), blank=True)
    success_criterion = models.TextField(_("success criterion"), blank=True)
    competency = models.ForeignKey(
        Competency,
        verbose_name=_("competency"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    strategic_target = models.ForeignKey(
        StrategicTarget,
        verbose_name=_("strategic target"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="goals",
    )
    basis = models.CharField(
        _("basis"), max_length=20, choices=GoalBasis.choices, default=GoalBasis.DEVELOPMENT
    )
    owner = models.ForeignKey(
        Employee, verbose_name=_("owner"), on_delete=models.PROTECT, related_name="+"
    )
    deadline = models.DateField(_("deadline"))
    proposed_by = models.CharField(_("proposed by"), max_length=20, choices=Proposer.choices)
    status = models.CharField(
        _("status"), max_length=20, choices=GoalStatus.choices, default=GoalStatus.OPEN
    )
    # STARRT reflection when the goal closes.
    situation = models.TextField(_("situation"), blank=True)
    task = models.TextField(_("task"), blank=True)
    action_taken = models.TextField(_("action"), blank=True)
    result = models.TextField(_("result"), blank=True)
    reflection = models.TextField(_("reflection"), blank=True)
    transfer = models.TextField(_("transfer"), blank=True)
    seeded_from = models.ForeignKey(
        "self",
        verbose_name=_("follows from"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="follow_ups",
    )
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    version = models.PositiveIntegerField(_("version"), default=1)

    class Meta:
        verbose_name = _("development goal")
        verbose_name_plural = _("development goals")
        ordering = ["deadline", "pk"]

    def __str__(self) -> str:
        return self.title


class Instrument(models.TextChoices):
    INTERNAL_TRAINING = "internal_training", _("internal training")
    EXTERNAL_TRAINING = "external_training", _("external training")
    MENTORING = "mentoring", _("mentoring")
    COACHING = "coaching", _("coaching")
    JOB_ROTATION = "job_rotation", _("job rotation or internship")
    ON_THE_JOB = "on_the_job", _("on the job / stretch assignment")
    FEEDBACK = "feedback", _("feedback")
    SELF_STUDY = "self_study", _("self-study")


class Category(models.TextChoices):
    """70-20-10: on the job (70), through others (20), formal (10)."""

    EXPERIENCE = "experience", _("on the job (70)")
    SOCIAL = "social", _("through others (20)")
    FORMAL = "formal", _("formal (10)")


CATEGORY_OF_INSTRUMENT = {
    Instrument.INTERNAL_TRAINING: Category.FORMAL,
    Instrument.EXTERNAL_TRAINING: Category.FORMAL,
    Instrument.SELF_STUDY: Category.FORMAL,
    Instrument.MENTORING: Category.SOCIAL,
    Instrument.COACHING: Category.SOCIAL,
    Instrument.FEEDBACK: Category.SOCIAL,
    Instrument.JOB_ROTATION: Category.EXPERIENCE,
    Instrument.ON_THE_JOB: Category.EXPERIENCE,
}


class ActionStatus(models.TextChoices):
    PLANNED = "planned", _("planned")
    IN_PROGRESS = "in_progress", _("in progress")
    DONE = "done", _("done")
    CANCELLED = "cancelled", _("cancelled")


class Action(models.Model):
    # Set on the actions a page or the agenda shows; never stored.
    overdue: bool

    goal = models.ForeignKey(
        Goal, verbose_name=_("goal"), on_delete=models.CASCADE, related_name="actions"
    )
    description = models.CharField(_("action"), max_length=300)
    instrument = models.CharField(_("instrument"), max_length=30, choices=Instrument.choices)
    category = models.CharField(_("70-20-10 category"), max_length=20, choices=Category.choices)
    owner = models.ForeignKey(
        Employee, verbose_name=_("owner"), on_delete=models.PROTECT, related_name="+"
    )
    due_date = models.DateField(_("due date"))
    status = models.CharField(
        _("status"), max_length=20, choices=ActionStatus.choices, default=ActionStatus.PLANNED
    )
    hours = models.DecimalField(
        _("hours"),
        max_digits=7,
        decimal_places=2,
        default=Decimal("0"),
        validators=[MinValueValidator(Decimal("0"))],
    )
    cost = models.DecimalField(
        _("cost"),
        max_digits=10,
        decimal_places=2,
        default=Decimal("0"),
        validators=[MinValueValidator(Decimal("0"))],
    )
    done_on = models.DateField(_("done on"), null=True, blank=True)
    source_checkin = models.ForeignKey(
        "CheckIn",
        verbose_name=_("agreed in check-in"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="next_steps",
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    version = models.PositiveIntegerField(_("version"), default=1)

    class Meta:
        verbose_name = _("action")
        verbose_name_plural = _("actions")
        ordering = ["due_date", "pk"]
        indexes = [models.Index(fields=["status", "due_date"], name="action_open_due_idx")]
        constraints = [
            models.CheckConstraint(condition=Q(hours__gte=0), name="action_hours_gte_0"),
            models.CheckConstraint(condition=Q(cost__gte=0), name="action_cost_gte_0"),
        ]

    def __str__(self) -> str:
        return self.description

    def save(self, *args, **kwargs):
        self.category = CATEGORY_OF_INSTRUMENT[Instrument(self.instrument)]
        super().save(*args, **kwargs)


class Cadence(models.Model):
    """How often a manager holds check-ins with their team (default every six weeks)."""

    manager = models.OneToOneField(
        Employee, verbose_name=_("manager"), on_delete=models.CASCADE, related_name="cadence"
    )
    weeks = models.PositiveSmallIntegerField(
        _("weeks between check-ins"),
        default=6,
        validators=[MinValueValidator(1), MaxValueValidator(52)],
    )

    class Meta:
        verbose_name = _("check-in cadence")
        verbose_name_plural = _("check-in cadences")

    def __str__(self) -> str:
        return f"{self.manager}: {self.weeks}"


class CheckInStatus(models.TextChoices):
    PLANNED = "planned", _("planned")
    HELD = "held", _("held")
    CANCELLED = "cancelled", _("cancelled")


class CheckIn(models.Model):
    """A short, regular conversation between employee and manager."""

    employee = models.ForeignKey(
        Employee, verbose_name=_("employee"), on_delete=models.CASCADE, related_name="checkins"
    )
    manager = models.ForeignKey(
        Employee, verbose_name=_("manager"), on_delete=models.PROTECT, related_name="+"
    )
    plan = models.ForeignKey(
        DevelopmentPlan,
        verbose_name=_("plan"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="checkins",
    )
    scheduled_for = models.DateField(_("planned for"))
    status = models.CharField(
        _("status"), max_length=20, choices=CheckInStatus.choices, default=CheckInStatus.PLANNED
    )
    held_on = models.DateField(_("held on"), null=True, blank=True)
    shared_notes = models.TextField(_("notes (shared)"), blank=True)
    # Each side's own notes: never shown to the other, nor to HR.
    employee_private_notes = models.TextField(_("my private notes (employee)"), blank=True)
    manager_private_notes = models.TextField(_("my private notes (manager)"), blank=True)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    version = models.PositiveIntegerField(_("version"), default=1)

    class Meta:
        verbose_name = _("check-in")
        verbose_name_plural = _("check-ins")
        ordering = ["-scheduled_for"]
        indexes = [models.Index(fields=["status", "scheduled_for"], name="checkin_open_idx")]

    def __str__(self) -> str:
        return f"{self.employee} {self.scheduled_for}"
