"""Mentoring programmes: participants, HR's pair rules, proposed and confirmed matches, meetings."""

from __future__ import annotations

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from groeipad.people.models import Employee
from groeipad.plans.models import Goal
from groeipad.skills.models import Competency


class Programme(models.Model):
    name = models.CharField(_("name"), max_length=200, unique=True)
    start_date = models.DateField(_("start date"), null=True, blank=True)
    end_date = models.DateField(_("end date"), null=True, blank=True)
    goals = models.TextField(_("goals"), blank=True)
    eligibility = models.TextField(_("who may join"), blank=True)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    # When HR last ran the matching, and when HR closed the programme (end feedback opens).
    matched_at = models.DateTimeField(_("last matched at"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)

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

    def has_ended(self, today=None) -> bool:
        """HR closed it, or its end date has passed: the pairs are asked for feedback."""
        today = today or timezone.localdate()
        return self.closed_at is not None or (self.end_date is not None and self.end_date < today)


class UnmatchedReason(models.TextChoices):
    # The same texts as matching.py's explanations, so they share one translation.
    NO_ALLOWED_MENTOR = (
        "no_allowed_mentor",
        _("no allowed mentor: every mentor is in their management line or forbidden for them"),
    )
    FULL_WITH_LOCKS = "full_with_locks", _("every allowed mentor is full with locked pairs")
    CAPACITY_TAKEN = (
        "capacity_taken",
        _(
            "all capacity of the allowed mentors is taken by assignments that match more "
            "mentees or score better overall"
        ),
    )


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
    # Why the last matching left this mentee without a mentor (blank: matched or not run).
    unmatched_reason = models.CharField(
        _("why not matched"), max_length=30, choices=UnmatchedReason.choices, blank=True
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
    # A goal of the mentee's development plan the pair works on (the mentee links it).
    goal = models.ForeignKey(
        Goal,
        verbose_name=_("development goal"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # What the mentee shares with the mentor; nothing unless the mentee says so.
    share_goal = models.BooleanField(_("linked goal shared with the mentor"), default=False)
    share_plan = models.BooleanField(_("plan summary shared with the mentor"), default=False)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    # The end feedback (anonymous, see ``PairFeedback``) was given by this side: only
    # "answered: yes", without a date, for the to-do list and "you gave your feedback".
    mentor_answered = models.BooleanField(_("mentor gave feedback"), default=False)
    mentee_answered = models.BooleanField(_("mentee gave feedback"), default=False)

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


class PairFeedback(models.Model):
    """How useful a pair was, given once by a mentor and once by a mentee at the end.

    Anonymous means unlinked (specs/anonymity.md, "Who answered"): the row keeps only what
    HR's figures need (programme, role, rating, what it brought) and nothing that leads
    to the person: no pair, participant, employee or user, and no date or time. The pair
    keeps only "answered: yes" (``Match.mentor_answered`` / ``mentee_answered``), with no
    timestamp. No one reads an answer back, not even its author; HR sees per programme
    only aggregated ratings (``selectors.feedback_summary``).

    The id stays an increasing number because the figures grow in steps
    (``privacy.anonymity.stepped``, first answers in arrival order); the flags carry no
    time and the audit entry names the programme only, so the order names no one.

    Each answer is one person: the service takes one answer per person and role in a
    programme (a mentor of three pairs answers once).
    """

    programme = models.ForeignKey(
        Programme, verbose_name=_("programme"), on_delete=models.CASCADE, related_name="feedback"
    )
    role = models.CharField(_("given as"), max_length=10, choices=Role.choices)
    rating = models.PositiveSmallIntegerField(
        _("how useful (1-5)"), validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    brought = models.TextField(_("what it brought"), blank=True)

    class Meta:
        verbose_name = _("pair feedback")
        verbose_name_plural = _("pair feedback")
        ordering = ["programme", "role", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(rating__gte=1) & Q(rating__lte=5), name="pair_feedback_rating"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.programme_id} {self.role}: {self.rating}"
