"""Internal mobility: rotations and internships a department offers, and applications.

An employee applies; their direct manager consents (HR when there is none); the host
department chooses among consented applications, up to the number of places. A chosen
application becomes an action in the employee's plan, and, for a transfer, a movement in
the employment history.
"""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from groeipad.people.models import Department, Employee, Movement
from groeipad.skills.models import Competency


class OfferKind(models.TextChoices):
    ROTATION = "rotation", _("job rotation")
    INTERNSHIP = "internship", _("internship")


class OfferStatus(models.TextChoices):
    OPEN = "open", _("open")
    CLOSED = "closed", _("closed")


class RotationOffer(models.Model):
    """A rotation or internship a (host) department offers to employees from elsewhere."""

    host_department = models.ForeignKey(
        Department,
        verbose_name=_("host department"),
        on_delete=models.PROTECT,
        related_name="rotation_offers",
    )
    kind = models.CharField(_("kind"), max_length=20, choices=OfferKind.choices)
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("what it involves"), blank=True)
    duration_weeks = models.PositiveSmallIntegerField(
        _("duration in weeks"), validators=[MinValueValidator(1), MaxValueValidator(104)]
    )
    start_date = models.DateField(_("start date"))
    places = models.PositiveSmallIntegerField(
        _("places"), default=1, validators=[MinValueValidator(1), MaxValueValidator(100)]
    )
    is_transfer = models.BooleanField(
        _("permanent move (transfer)"),
        default=False,
        help_text=_("On: the chosen employee moves to the host department for good."),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=OfferStatus.choices, default=OfferStatus.OPEN
    )
    competencies: models.ManyToManyField[Competency, OfferCompetency] = models.ManyToManyField(
        Competency,
        verbose_name=_("competencies it develops"),
        through="OfferCompetency",
        related_name="+",
        blank=True,
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now)

    class Meta:
        verbose_name = _("rotation or internship")
        verbose_name_plural = _("rotations and internships")
        ordering = ["start_date", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(places__gte=1), name="rotation_places_gte_1"),
            models.CheckConstraint(
                condition=Q(duration_weeks__gte=1), name="rotation_duration_gte_1"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def end_date(self):
        """The last day: ``duration_weeks`` weeks from the start, inclusive."""
        return self.start_date + timedelta(weeks=self.duration_weeks) - timedelta(days=1)


class OfferCompetency(models.Model):
    offer = models.ForeignKey(
        RotationOffer,
        verbose_name=_("rotation or internship"),
        on_delete=models.CASCADE,
        related_name="offer_competencies",
    )
    competency = models.ForeignKey(
        Competency, verbose_name=_("competency"), on_delete=models.CASCADE, related_name="+"
    )
    target_level = models.PositiveSmallIntegerField(_("target level"), null=True, blank=True)

    class Meta:
        verbose_name = _("competency developed")
        verbose_name_plural = _("competencies developed")
        constraints = [
            models.UniqueConstraint(fields=["offer", "competency"], name="rotation_competency_key")
        ]

    def __str__(self) -> str:
        return f"{self.competency} {self.target_level or ''}".strip()


class Consent(models.TextChoices):
    PENDING = "pending", _("awaiting the manager")
    GIVEN = "given", _("consent given")
    REFUSED = "refused", _("consent refused")


class Decision(models.TextChoices):
    PENDING = "pending", _("awaiting the host department")
    CHOSEN = "chosen", _("chosen")
    NOT_CHOSEN = "not_chosen", _("not chosen")


class TransferStatus(models.TextChoices):
    NONE = "", _("no transfer")
    PENDING = "pending", _("transfer planned")
    APPLIED = "applied", _("transfer carried out")
    SKIPPED = "skipped", _("transfer not carried out")


class Application(models.Model):
    offer = models.ForeignKey(
        RotationOffer,
        verbose_name=_("rotation or internship"),
        on_delete=models.CASCADE,
        related_name="applications",
    )
    employee = models.ForeignKey(
        Employee,
        verbose_name=_("employee"),
        on_delete=models.CASCADE,
        related_name="rotation_applications",
    )
    motivation = models.TextField(_("motivation"), blank=True)
    consent = models.CharField(
        _("manager's consent"), max_length=20, choices=Consent.choices, default=Consent.PENDING
    )
    consent_reason = models.TextField(_("reason for the consent decision"), blank=True)
    consent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("consent decided by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    consent_at = models.DateTimeField(_("consent decided at"), null=True, blank=True)
    decision = models.CharField(
        _("host decision"), max_length=20, choices=Decision.choices, default=Decision.PENDING
    )
    decision_reason = models.TextField(_("reason for the host decision"), blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("host decision by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("host decision at"), null=True, blank=True)
    withdrawn_at = models.DateTimeField(_("withdrawn at"), null=True, blank=True)
    plan_action = models.ForeignKey(
        "plans.Action",
        verbose_name=_("action in the development plan"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    movement = models.ForeignKey(
        Movement,
        verbose_name=_("internal move"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # A chosen transfer moves the employee on the offer's start date: straight away when
    # that date has come, else ``mobility.services.transfers_apply`` does it on the day.
    transfer_status = models.CharField(
        _("transfer"),
        max_length=20,
        choices=TransferStatus.choices,
        blank=True,
        default=TransferStatus.NONE,
    )
    transfer_from = models.ForeignKey(
        Department,
        verbose_name=_("department at the choice"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # The manager the employee gets in the host department when the transfer is carried
    # out (named at the choice), so the management line moves along with them.
    new_manager = models.ForeignKey(
        Employee,
        verbose_name=_("new manager"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    transfer_applied_at = models.DateTimeField(_("transfer settled at"), null=True, blank=True)
    transfer_note = models.CharField(
        _("why the transfer was not carried out"), max_length=500, blank=True
    )
    created_at = models.DateTimeField(_("applied at"), default=timezone.now)

    class Meta:
        verbose_name = _("application")
        verbose_name_plural = _("applications")
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["offer", "employee"], name="rotation_apply_once"),
        ]
        indexes = [
            models.Index(fields=["consent", "decision"], name="rotation_app_state_idx"),
            models.Index(fields=["transfer_status"], name="rotation_app_transfer_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.employee} → {self.offer}"

    @property
    def is_withdrawn(self) -> bool:
        return self.withdrawn_at is not None

    @property
    def state(self) -> str:
        """One word for the whole application: withdrawn, refused, pending, waiting, chosen..."""
        if self.withdrawn_at:
            return "withdrawn"
        if self.consent == Consent.REFUSED:
            return "refused"
        if self.consent == Consent.PENDING:
            return "awaiting_consent"
        return {"pending": "awaiting_host"}.get(self.decision, self.decision)

    def get_state_display(self) -> str:
        return str(STATE_LABELS[self.state])

    @property
    def transfer_date(self):
        """The day the employee moves: the offer's start date (None without a transfer)."""
        return self.offer.start_date if self.transfer_status else None

    def get_transfer_display(self) -> str:
        """ "Transfer on 1 March 2027 (planned)", "transferred on ...", or why not; else ""."""
        if not self.transfer_status:
            return ""
        day = date_format(self.offer.start_date, "DATE_FORMAT")
        if self.transfer_status == TransferStatus.PENDING:
            return gettext("transfer on %(date)s (planned)") % {"date": day}
        if self.transfer_status == TransferStatus.APPLIED:
            return gettext("transferred on %(date)s") % {"date": day}
        return gettext("transfer on %(date)s not carried out: %(reason)s") % {
            "date": day,
            "reason": self.transfer_note,
        }


STATE_LABELS = {
    "withdrawn": _("withdrawn"),
    "refused": _("manager did not consent"),
    "awaiting_consent": _("awaiting the manager's consent"),
    "awaiting_host": _("awaiting the host department"),
    "chosen": _("chosen"),
    "not_chosen": _("not chosen"),
}
