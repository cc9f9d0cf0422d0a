"""Models of the accounts app: invitations (single-use links) and HR's deactivations."""

from __future__ import annotations

import hashlib
from datetime import datetime

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class AccountInvitation(models.Model):
    """A link to set one's first password, mailed to an employee.

    Only the SHA-256 of the token is stored: the database alone never yields a working
    link. An invitation is open until it is used, voided (a newer invitation, or the
    account was deactivated) or expired (``expires_at``).
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("account"),
        on_delete=models.CASCADE,
        related_name="invitations",
    )
    token_hash = models.CharField(_("token hash"), max_length=64, unique=True)
    created_at = models.DateTimeField(_("sent at"))
    expires_at = models.DateTimeField(_("expires at"))
    used_at = models.DateTimeField(_("used at"), null=True, blank=True)
    voided_at = models.DateTimeField(_("voided at"), null=True, blank=True)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("invited by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("account invitation")
        verbose_name_plural = _("account invitations")
        indexes = [models.Index(fields=["user", "created_at"], name="invitation_user_idx")]

    def __str__(self) -> str:
        return f"{self.user_id} {self.created_at:%Y-%m-%d}"

    @staticmethod
    def hash_token(token: str) -> str:
        return hashlib.sha256(token.encode()).hexdigest()

    def is_open(self, now: datetime) -> bool:
        return self.used_at is None and self.voided_at is None and self.expires_at > now


class AccountDeactivation(models.Model):
    """That HR (not the leaver process) deactivated an account on purpose.

    A returning employee's re-import reactivates an account the leaver process ended,
    never one HR ended: this row is the difference. Reactivation removes it.
    """

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("account"),
        on_delete=models.CASCADE,
        related_name="hr_deactivation",
    )
    deactivated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("deactivated by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    at = models.DateTimeField(_("at"))

    class Meta:
        verbose_name = _("account deactivation")
        verbose_name_plural = _("account deactivations")

    def __str__(self) -> str:
        return f"{self.user_id} {self.at:%Y-%m-%d}"
