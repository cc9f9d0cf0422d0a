"""360-degree feedback: rounds, their questions, the raters and their answers.

Anonymity is designed in, not bolted on: a rater's answers are only ever read through
``feedback.anonymity.report_for``, which returns aggregates without rater ids,
timestamps or order. Tokens are stored as SHA-256 hashes only, so the database alone
never yields a working link.

Anonymous means unlinked: a submitted form becomes a ``Response`` (its round and rater
group, a random UUID, no time) with its ``Answer`` rows, and nothing points from there
to the ``Rater`` (the invitation). The invitation keeps only ``answered`` (for
reminders) until the round closes; then even that is cleared. Until submitting, a
rater's work in progress is a ``DraftAnswer`` of their invitation, deleted on submit.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from groeipad.people.models import Employee
from groeipad.skills.models import Competency

# The organisation's N lives in FeedbackSettings (set by HR); each round keeps a frozen
# copy taken when it opens, so a later change never alters an open or closed round. It is
# never below privacy.anonymity.MIN_K (3): fewer answers are never anonymous.
DEFAULT_MIN_GROUP_SIZE = 3
MIN_GROUP_SIZE_FLOOR = 3


class FeedbackSettings(models.Model):
    """The organisation's anonymity settings for 360 feedback: one row, set by HR."""

    min_group_size = models.PositiveSmallIntegerField(
        _("minimum raters per group"),
        default=DEFAULT_MIN_GROUP_SIZE,
        validators=[MinValueValidator(MIN_GROUP_SIZE_FLOOR)],
    )
    updated_at = models.DateTimeField(_("changed at"), default=timezone.now)

    class Meta:
        verbose_name = _("360-degree feedback settings")
        verbose_name_plural = _("360-degree feedback settings")
        constraints = [
            models.CheckConstraint(
                condition=Q(min_group_size__gte=MIN_GROUP_SIZE_FLOOR),
                name="feedback_settings_n_at_least_3",
            ),
            models.CheckConstraint(condition=Q(id=1), name="feedback_settings_one_row"),
        ]

    def __str__(self) -> str:
        return f"N={self.min_group_size}"

    @classmethod
    def current(cls) -> FeedbackSettings:
        """The stored settings, or the defaults when HR never changed them (not saved)."""
        return cls.objects.filter(pk=1).first() or cls(pk=1)


class RoundStatus(models.TextChoices):
    DRAFT = "draft", _("draft")
    OPEN = "open", _("open")
    CLOSED = "closed", _("closed")


class FeedbackRound(models.Model):
    employee = models.ForeignKey(
        Employee, verbose_name=_("employee"), on_delete=models.CASCADE, related_name="+"
    )
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("started by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    min_group_size = models.PositiveSmallIntegerField(
        _("minimum raters per group"),
        default=DEFAULT_MIN_GROUP_SIZE,
        validators=[MinValueValidator(MIN_GROUP_SIZE_FLOOR)],
    )
    status = models.CharField(
        _("status"), max_length=10, choices=RoundStatus.choices, default=RoundStatus.OPEN
    )
    closes_on = models.DateField(_("closes on"))
    started_at = models.DateTimeField(_("started at"), default=timezone.now)
    # The employee's choice; nobody else may see the report without it.
    share_with_manager = models.BooleanField(_("shared with my manager"), default=False)
    # Whom "my manager" meant when the employee shared: the report stays with that person
    # (while the share stands), whoever becomes the employee's manager later.
    shared_with_manager_employee = models.ForeignKey(
        Employee,
        verbose_name=_("shared with manager"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    mentor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("shared with mentor"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("360-degree feedback round")
        verbose_name_plural = _("360-degree feedback rounds")
        ordering = ["-started_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(min_group_size__gte=MIN_GROUP_SIZE_FLOOR), name="round_n_at_least_3"
            )
        ]

    def __str__(self) -> str:
        return f"{self.employee} {self.started_at:%Y-%m-%d}"

    def save(self, *args, **kwargs):
        # N is promised to raters before they answer: once the round has opened, it may
        # not change. A draft takes it afresh when it opens.
        if self.pk:
            stored = (
                FeedbackRound.objects.filter(pk=self.pk)
                .values_list("status", "min_group_size")
                .first()
            )
            if stored and stored[0] != RoundStatus.DRAFT and stored[1] != self.min_group_size:
                raise ValidationError(_("The minimum group size is fixed once a round starts."))
        super().save(*args, **kwargs)


class OpenKind(models.TextChoices):
    KEEP = "keep", _("What should I keep doing?")
    START = "start", _("What should I start doing?")
    STOP = "stop", _("What should I stop doing?")
    UNUSED = "unused_talent", _("Which talent of mine do we not use yet?")


class Question(models.Model):
    round = models.ForeignKey(
        FeedbackRound, verbose_name=_("round"), on_delete=models.CASCADE, related_name="questions"
    )
    position = models.PositiveSmallIntegerField(_("position"))
    competency = models.ForeignKey(
        Competency,
        verbose_name=_("competency"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    open_kind = models.CharField(
        _("open question"), max_length=20, blank=True, choices=OpenKind.choices
    )

    class Meta:
        verbose_name = _("question")
        verbose_name_plural = _("questions")
        ordering = ["round", "position"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(competency__isnull=False) & Q(open_kind=""))
                | (Q(competency__isnull=True) & ~Q(open_kind="")),
                name="question_rating_or_open",
            ),
            models.UniqueConstraint(fields=["round", "position"], name="question_position"),
        ]

    def __str__(self) -> str:
        return str(self.competency) if self.competency_id else self.get_open_kind_display()

    @property
    def is_open(self) -> bool:
        return not self.competency_id


class RaterGroup(models.TextChoices):
    SELF = "self", _("self")
    MANAGER = "manager", _("manager")
    PEER = "peer", _("peers")
    DIRECT_REPORT = "direct_report", _("direct reports")
    OTHER = "other", _("others")


class Approval(models.TextChoices):
    # An employee chosen from the organisation needs no approval; an external address
    # waits for the requester's manager or HR before its invitation goes out.
    NOT_NEEDED = "not_needed", _("not needed (a colleague)")
    PENDING = "pending", _("waiting for approval")
    APPROVED = "approved", _("approved")
    REFUSED = "refused", _("refused")


# Who a rater's answers count for: approved raters only (a colleague, or an approved
# external); a refused or waiting external is never invited.
COUNTING = [Approval.NOT_NEEDED, Approval.APPROVED]


class Rater(models.Model):
    """An invitation: who is asked, their link, and (until the round closes) whether
    they answered. It holds no answers: those are a Response, unlinked."""

    round = models.ForeignKey(
        FeedbackRound, verbose_name=_("round"), on_delete=models.CASCADE, related_name="raters"
    )
    group = models.CharField(_("group"), max_length=20, choices=RaterGroup.choices)
    email = models.EmailField(_("e-mail"))
    # The address as the person it reaches (feedback.raters.email_key): one per round.
    email_key = models.CharField(_("normalised e-mail"), max_length=254, blank=True)
    employee = models.ForeignKey(
        Employee,
        verbose_name=_("colleague"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    is_external = models.BooleanField(_("external"), default=False)
    approval = models.CharField(
        _("approval"), max_length=12, choices=Approval.choices, default=Approval.NOT_NEEDED
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("approved or refused by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("account"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # Only the SHA-256 of the link's token: a copy of the database opens no form.
    token_hash = models.CharField(_("token hash"), max_length=64, unique=True)
    expires_at = models.DateTimeField(_("link expires at"))
    # Answered yes/no, for reminders only; None once the round closed (forgotten).
    answered = models.BooleanField(_("answered"), null=True, default=False)
    # When the first link was e-mailed: None while the round is a draft (or an external
    # waits for approval).
    invited_at = models.DateTimeField(_("invited at"), null=True, blank=True)
    reminded_at = models.DateTimeField(_("last reminded at"), null=True, blank=True)

    class Meta:
        verbose_name = _("rater")
        verbose_name_plural = _("raters")
        constraints = [
            models.UniqueConstraint(fields=["round", "email"], name="rater_once_per_round"),
            models.UniqueConstraint(
                fields=["round", "employee"],
                condition=Q(employee__isnull=False),
                name="rater_colleague_once_per_round",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_group_display()}"

    @property
    def counts(self) -> bool:
        return self.approval in COUNTING


class DraftAnswer(models.Model):
    """A rater's work in progress, through their own link; deleted when they submit."""

    rater = models.ForeignKey(
        Rater, verbose_name=_("rater"), on_delete=models.CASCADE, related_name="drafts"
    )
    question = models.ForeignKey(
        Question, verbose_name=_("question"), on_delete=models.CASCADE, related_name="+"
    )
    rating = models.PositiveSmallIntegerField(_("rating"), null=True, blank=True)
    text = models.TextField(_("text"), blank=True)

    class Meta:
        verbose_name = _("draft answer")
        verbose_name_plural = _("draft answers")
        constraints = [
            models.UniqueConstraint(fields=["rater", "question"], name="draft_answer_once")
        ]

    def __str__(self) -> str:
        return str(self.question)


class Response(models.Model):
    """One submitted form: its round and rater group, nothing else. A random id (no
    order), no time, no link to the invitation."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    round = models.ForeignKey(
        FeedbackRound, verbose_name=_("round"), on_delete=models.CASCADE, related_name="responses"
    )
    group = models.CharField(_("group"), max_length=20, choices=RaterGroup.choices)

    class Meta:
        verbose_name = _("response")
        verbose_name_plural = _("responses")

    def __str__(self) -> str:
        return f"{self.get_group_display()}"


class Answer(models.Model):
    response = models.ForeignKey(
        Response, verbose_name=_("response"), on_delete=models.CASCADE, related_name="answers"
    )
    question = models.ForeignKey(
        Question, verbose_name=_("question"), on_delete=models.CASCADE, related_name="answers"
    )
    # None for "cannot judge" or an open question.
    rating = models.PositiveSmallIntegerField(_("rating"), null=True, blank=True)
    text = models.TextField(_("text"), blank=True)

    class Meta:
        verbose_name = _("answer")
        verbose_name_plural = _("answers")
        constraints = [
            models.UniqueConstraint(fields=["response", "question"], name="answer_once_per_form")
        ]

    def __str__(self) -> str:
        return str(self.question)
