"""The outbox: every e-mail Groeipad sends is a row here first."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class OutgoingEmail(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", _("Pending")
        SENDING = "sending", _("Sending")
        SENT = "sent", _("Sent")
        FAILED = "failed", _("Failed")

    to = models.EmailField(_("to"), max_length=254)
    subject = models.CharField(_("subject"), max_length=300)
    text = models.TextField(_("text"))
    html = models.TextField(_("HTML"), blank=True)
    key = models.CharField(
        _("key"),
        max_length=200,
        unique=True,
        null=True,
        blank=True,
        help_text=_("Queues this mail only once: a second mail with the same key is dropped."),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    attempts = models.PositiveIntegerField(_("attempts"), default=0)
    next_attempt_at = models.DateTimeField(_("next attempt at"), default=timezone.now)
    claimed_until = models.DateTimeField(_("claimed until"), null=True, blank=True)
    last_error = models.TextField(_("last error"), blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)

    class Meta:
        verbose_name = _("outgoing e-mail")
        verbose_name_plural = _("outgoing e-mails")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["status", "next_attempt_at"])]

    def __str__(self) -> str:
        return f"{self.to}: {self.subject}"


class ReminderKind(models.TextChoices):
    # The plans app's reminders (plans.reminders, registered in PlansConfig.ready).
    CHECKIN_OVERDUE = "checkin_overdue", _("check-in overdue")
    CHECKIN_DUE = "checkin_due", _("check-in due")
    ACTION_OVERDUE = "action_overdue", _("action overdue")
    DIGEST = "digest", _("weekly digest")
    # The learning app's (learning.reminders, registered in LearningConfig.ready).
    BEHAVIOUR_RATING = "behaviour_rating", _("behaviour rating due")


class Reminder(models.Model):
    """A reminder shown in the application and, once, queued as an e-mail.

    ``key`` is unique: the reminder scan can run any number of times and a person still
    gets each reminder once. ``emailed_at`` is when its e-mail went into the outbox
    (``OutgoingEmail`` with key ``reminder:<id>``); the outbox does the sending.
    """

    key = models.CharField(_("key"), max_length=200, unique=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("for"),
        on_delete=models.CASCADE,
        related_name="reminders",
    )
    kind = models.CharField(_("kind"), max_length=30, choices=ReminderKind.choices)
    subject = models.CharField(_("subject"), max_length=300)
    body = models.TextField(_("text"), blank=True)
    link = models.CharField(_("link"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    emailed_at = models.DateTimeField(_("e-mailed at"), null=True, blank=True)
    dismissed_at = models.DateTimeField(_("dismissed at"), null=True, blank=True)

    class Meta:
        # The table the plans app created: the model moved here, its rows stayed.
        db_table = "plans_reminder"
        verbose_name = _("reminder")
        verbose_name_plural = _("reminders")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["user", "dismissed_at"], name="reminder_inbox_idx")]

    def __str__(self) -> str:
        return self.subject
