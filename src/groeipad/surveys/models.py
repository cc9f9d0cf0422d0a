"""Surveys: eNPS answers, anonymous by design (no employee key)."""

from __future__ import annotations

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from groeipad.people.models import Department


class Survey(models.Model):
    name = models.CharField(_("name"), max_length=200, unique=True)
    closing_date = models.DateField(_("closing date"))

    class Meta:
        verbose_name = _("eNPS survey")
        verbose_name_plural = _("eNPS surveys")
        ordering = ["-closing_date"]

    def __str__(self) -> str:
        return self.name


class SurveyAnswer(models.Model):
    survey = models.ForeignKey(
        Survey, verbose_name=_("survey"), on_delete=models.CASCADE, related_name="answers"
    )
    score = models.PositiveSmallIntegerField(
        _("score"), validators=[MinValueValidator(0), MaxValueValidator(10)]
    )
    department = models.ForeignKey(
        Department,
        verbose_name=_("department"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        verbose_name = _("eNPS answer")
        verbose_name_plural = _("eNPS answers")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(score__gte=0) & models.Q(score__lte=10), name="answer_score_0_10"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.survey}: {self.score}"
