"""Mentoring programmes: participants, HR's pair rules, proposed and confirmed matches, meetings."""

from __future__ import annotations

from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from groeipad.people.models import Employee
from groeipad.skills.models import Competency


class Programme(models.Model):
    name = models.CharField(_("name"), max_length=200, unique=True)
    start_date = models.DateField(_("start date"), null=True, blank=True)
    end_date = models.DateField(_("end date"), null=True, blank=True)
    goals = models.TextField(_("goals"), blank=True)
    eligibility = models.TextField(_("who may join"), blank=True)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)

    class Meta:
        verbose_name = _("mentoring programme")
        verbose_name_plural = _("mentoring programmes")
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True)
                | Q(start_date__isnull=True)
                | Q(end_date__gte=models.F("start_date")),
                name="programme_end_after_start",
            )
        ]

    def __str__(self) -> str:
        return self.name


class Role(models.TextChoices):
    MENTOR = "mentor", _("mentor")
    MENTEE = "mentee", _("mentee")


class MeetingForm(models.TextChoices):
    ANY = "any", _("no preference")
    IN_PERSON = "in_person", _("in person")
    ONLINE = "online", _("online")


class Participant(models.Model):
    programme = models.ForeignKey(
        Programme,
        verbose_name=_("programme"),
        on_delete=models.CASCADE,
        related_name="participants",
    )
    employee = models.ForeignKey(
        Employee,
        verbose_name=_("employee"),
        on_delete=models.CASCADE,
        related_name="mentoring_participations",
    )
    role = models.CharField(_("role"), max_length=10, choices=Role.choices)
    # How many mentees a mentor takes on; mentees keep 1.
    capacity = models.PositiveSmallIntegerField(
        _("capacity"), default=1, validators=[MinValueValidator(1)]
    )
    offers = models.ManyToManyField(
        Competency, verbose_name=_("offers"), blank=True, related_name="+"
    )
    wants = models.ManyToManyField(
        Competency, verbose_name=_("wants to develop"), blank=True, related_name="+"
    )
    # Lower-case language codes or names separated by commas, such as "nl, en".
    languages = models.CharField(_("languages"), max_length=200, blank=True)
    meeting_form = models.CharField(
        _("meeting form"), max_length=20, choices=MeetingForm.choices, default=MeetingForm.ANY
    )

    class Meta:
        verbose_name = _("participant")
        verbose_name_plural = _("participants")
        ordering = ["programme", "role", "employee__employee_number"]
        constraints = [
            # One role per person per programme: a mentor is never their own mentee.
            models.UniqueConstraint(fields=["programme", "employee"], name="participant_key"),
            models.CheckConstraint(condition=Q(capacity__gte=1), name="participant_capacity"),
        ]

    def __str__(self) -> str:
        return f"{self.employee} ({self.get_role_display()})"

    @property
    def language_set(self) -> set[str]:
        return {part.strip().lower() for part in self.languages.split(",") if part.strip()}


class RuleKind(models.TextChoices):
    LOCK = "lock", _("lock")
    FORBID = "forbid", _("forbid")


class PairRule(models.Model):
    programme = models.ForeignKey(
        Programme, verbose_name=_("programme"), on_delete=models.CASCADE, related_name="rules"
    )
    mentor = models.ForeignKey(
        Participant, verbose_name=_("mentor"), on_delete=models.CASCADE, related_name="+"
    )
    mentee = models.ForeignKey(
        Participant, verbose_name=_("mentee"), on_delete=models.CASCADE, related_name="+"
    )
    kind = models.CharField(_("kind"), max_length=10, choices=RuleKind.choices)

    class Meta:
        verbose_name = _("pair rule")
        verbose_name_plural = _("pair rules")
        constraints = [
            models.UniqueConstraint(fields=["mentor", "mentee"], name="pair_rule_key"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.mentor_id} - {self.mentee_id}"


class MatchStatus(models.TextChoices):
    PROPOSED = "proposed", _("proposed")
    CONFIRMED = "confirmed", _("confirmed")


class Match(models.Model):
    programme = models.ForeignKey(
        Programme, verbose_name=_("programme"), on_delete=models.CASCADE, related_name="matches"
    )
    mentor = models.ForeignKey(
        Participant, verbose_name=_("mentor"), on_delete=models.CASCADE, related_name="+"
    )
    mentee = models.ForeignKey(
        Participant, verbose_name=_("mentee"), on_delete=models.CASCADE, related_name="+"
    )
    score = models.FloatField(_("score"), default=0)
    reasons = models.JSONField(_("reasons"), default=dict, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=MatchStatus.choices, default=MatchStatus.PROPOSED
    )
    locked = models.BooleanField(_("locked"), default=False)
    mentor_confirmed = models.BooleanField(_("confirmed by mentor"), default=False)
    mentee_confirmed = models.BooleanField(_("confirmed by mentee"), default=False)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)

    class Meta:
        verbose_name = _("match")
        verbose_name_plural = _("matches")
        ordering = ["programme", "mentor", "mentee"]
        constraints = [
            # A mentee has one mentor per programme.
            models.UniqueConstraint(fields=["mentee"], name="match_one_per_mentee"),
        ]

    def __str__(self) -> str:
        return f"{self.mentor_id} - {self.mentee_id} ({self.get_status_display()})"


class Meeting(models.Model):
    match = models.ForeignKey(
        Match, verbose_name=_("match"), on_delete=models.CASCADE, related_name="meetings"
    )
    date = models.DateField(_("date"))
    notes = models.TextField(_("notes"), blank=True)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)

    class Meta:
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        ordering = ["-date"]

    def __str__(self) -> str:
        return f"{self.match_id} {self.date.isoformat()}"
