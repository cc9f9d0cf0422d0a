"""Learning: completed learning activities (the catalogue follows in its own issue)."""

from __future__ import annotations

from decimal import Decimal

from django.db import models
from django.utils.translation import gettext_lazy as _

from groeipad.people.models import Employee


class Category(models.TextChoices):
    """The 70-20-10 model: experience (70), others (20), formal (10)."""

    EXPERIENCE = "experience", _("on the job (70)")
    SOCIAL = "social", _("through others (20)")
    FORMAL = "formal", _("formal (10)")


class ActivityKind(models.TextChoices):
    INTERNAL_TRAINING = "internal_training", _("internal training")
    EXTERNAL_TRAINING = "external_training", _("external training")
    MENTORING = "mentoring", _("mentoring")
    COACHING = "coaching", _("coaching")
    JOB_ROTATION = "job_rotation", _("job rotation")
    ON_THE_JOB = "on_the_job", _("on the job")


CATEGORY_OF_KIND = {
    ActivityKind.INTERNAL_TRAINING: Category.FORMAL,
    ActivityKind.EXTERNAL_TRAINING: Category.FORMAL,
    ActivityKind.MENTORING: Category.SOCIAL,
    ActivityKind.COACHING: Category.SOCIAL,
    ActivityKind.JOB_ROTATION: Category.EXPERIENCE,
    ActivityKind.ON_THE_JOB: Category.EXPERIENCE,
}


class LearningActivity(models.Model):
    employee = models.ForeignKey(
        Employee,
        verbose_name=_("employee"),
        on_delete=models.CASCADE,
        related_name="learning_activities",
    )
    date = models.DateField(_("completion date"))
    title = models.CharField(_("title"), max_length=300)
    kind = models.CharField(_("kind"), max_length=30, choices=ActivityKind.choices)
    # Stored, not only derived, so the KPI queries can group on it in the database.
    category = models.CharField(_("70-20-10 category"), max_length=20, choices=Category.choices)
    hours = models.DecimalField(_("hours"), max_digits=8, decimal_places=2, default=Decimal("0"))
    cost = models.DecimalField(_("cost"), max_digits=12, decimal_places=2, default=Decimal("0"))

    class Meta:
        verbose_name = _("learning activity")
        verbose_name_plural = _("learning activities")
        ordering = ["-date"]
        constraints = [
            models.UniqueConstraint(fields=["employee", "date", "title"], name="learning_key"),
            models.CheckConstraint(condition=models.Q(hours__gte=0), name="learning_hours_gte_0"),
            models.CheckConstraint(condition=models.Q(cost__gte=0), name="learning_cost_gte_0"),
        ]
        indexes = [
            models.Index(fields=["date"], name="learning_date_idx"),
            # Covers the KPI sums (hours, cost and mix by category over a period): the
            # database reads the index alone, not 350,000 table rows, for a large
            # organisation.
            models.Index(
                fields=["date", "category", "hours", "cost", "employee"],
                name="learning_kpi_cover_idx",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.title} ({self.date})"

    def save(self, *args, **kwargs):
        self.category = CATEGORY_OF_KIND[ActivityKind(self.kind)]
        super().save(*args, **kwargs)
