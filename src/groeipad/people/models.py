"""People and organisation: departments, job profiles, employees, their moves, accounts."""

from __future__ import annotations

import datetime
import hashlib
from decimal import Decimal
from typing import ClassVar

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models, transaction
from django.db.models import Q
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Organisation(models.Model):
    """The one organisation this installation serves, with its settings."""

    name = models.CharField(_("name"), max_length=200, default="Groeipad")
    replacement_cost_low = models.DecimalField(
        _("replacement cost, low estimate (share of annual salary)"),
        max_digits=4,
        decimal_places=2,
        default=Decimal("0.20"),
        validators=[MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("5"))],
    )
    replacement_cost_high = models.DecimalField(
        _("replacement cost, high estimate (share of annual salary)"),
        max_digits=4,
        decimal_places=2,
        default=Decimal("0.75"),
        validators=[MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("5"))],
    )
    version = models.PositiveIntegerField(_("version"), default=1)

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")

    def __str__(self) -> str:
        return self.name


class Department(models.Model):
    name = models.CharField(_("name"), max_length=200)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent department"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )

    class Meta:
        verbose_name = _("department")
        verbose_name_plural = _("departments")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["parent", "name"], name="department_unique_in_parent"),
            models.UniqueConstraint(
                fields=["name"],
                condition=Q(parent__isnull=True),
                name="department_unique_top_level",
            ),
        ]

    def __str__(self) -> str:
        return self.name


class JobProfile(models.Model):
    name = models.CharField(_("name"), max_length=200, unique=True)
    description = models.TextField(_("description"), blank=True)

    class Meta:
        verbose_name = _("job profile")
        verbose_name_plural = _("job profiles")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class LeaveReason(models.TextChoices):
    VOLUNTARY = "voluntary", _("voluntary")
    INVOLUNTARY = "involuntary", _("involuntary")


class Employee(models.Model):
    employee_number = models.CharField(_("employee number"), max_length=50, unique=True)
    first_name = models.CharField(_("first name"), max_length=100)
    last_name = models.CharField(_("last name"), max_length=150)
    email = models.EmailField(_("e-mail address"), max_length=254)
    department = models.ForeignKey(
        Department, verbose_name=_("department"), on_delete=models.PROTECT, related_name="employees"
    )
    job_profile = models.ForeignKey(
        JobProfile,
        verbose_name=_("job profile"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="employees",
    )
    manager = models.ForeignKey(
        "self",
        verbose_name=_("manager"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="reports",
    )
    hire_date = models.DateField(_("hire date"))
    leave_date = models.DateField(_("leave date"), null=True, blank=True)
    leave_reason = models.CharField(
        _("leave reason"), max_length=20, choices=LeaveReason.choices, blank=True
    )
    annual_salary = models.DecimalField(
        _("annual salary"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    fte = models.DecimalField(
        _("FTE"),
        max_digits=4,
        decimal_places=2,
        default=Decimal("1"),
        validators=[MinValueValidator(Decimal("0.01")), MaxValueValidator(Decimal("1.2"))],
    )
    # Optimistic locking: an edit carries the version it started from.
    version = models.PositiveIntegerField(_("version"), default=1)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    updated_at = models.DateTimeField(_("updated at"), default=timezone.now)

    class Meta:
        verbose_name = _("employee")
        verbose_name_plural = _("employees")
        ordering = ["last_name", "first_name", "employee_number"]
        constraints = [
            models.UniqueConstraint(Lower("email"), name="employee_email_unique_ci"),
            models.CheckConstraint(
                condition=Q(leave_date__isnull=True) | Q(leave_date__gte=models.F("hire_date")),
                name="employee_leave_after_hire",
            ),
            models.CheckConstraint(
                condition=Q(fte__gt=0) & Q(fte__lte=Decimal("1.2")), name="employee_fte_range"
            ),
        ]
        indexes = [
            models.Index(fields=["hire_date"], name="employee_hire_idx"),
            models.Index(fields=["leave_date"], name="employee_leave_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.full_name} ({self.employee_number})"

    def save(self, *args, **kwargs) -> None:
        # Every save that changes the manager (services, transfers, the admin) keeps the
        # reporting-line closure true in the same transaction: a reader never sees a line
        # that the employee table does not have.
        from groeipad.people import reporting_lines
        from groeipad.people.accounts import leaver_accounts_deactivate

        loaded = getattr(self, "_loaded_manager_id", _UNKNOWN)
        with transaction.atomic():
            super().save(*args, **kwargs)
            if loaded is _UNKNOWN or loaded != self.manager_id:
                reporting_lines.moved([self.pk])
            today = timezone.localdate()
            if self.leave_date is not None and self.leave_date < today:
                leaver_accounts_deactivate(today=today, employee_ids=[self.pk])
        self._loaded_manager_id = self.manager_id

    @classmethod
    def from_db(cls, db, field_names, values):
        instance = super().from_db(db, field_names, values)
        # Remember the manager as loaded, so save() knows when the line changed.
        instance._loaded_manager_id = instance.__dict__.get("manager_id", _UNKNOWN)
        return instance

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}"

    def is_employed_on(self, day) -> bool:
        return self.hire_date <= day and (self.leave_date is None or self.leave_date >= day)


_UNKNOWN = object()


class ReportingLine(models.Model):
    """The closure of the reporting line: one row for every manager above an employee.

    ``depth`` 1 is the direct manager. Kept by ``people.reporting_lines`` whenever a
    manager changes, so "everyone in M's line" is one indexed lookup, not a walk.
    A leaver keeps the rows of the line as it stood when they left.
    """

    # No index of their own: the unique (manager, employee) index serves "M's line" and
    # the (employee, depth) index serves "E's managers"; fewer indexes, faster rebuilds.
    manager = models.ForeignKey(
        Employee,
        verbose_name=_("manager"),
        on_delete=models.CASCADE,
        related_name="+",
        db_index=False,
    )
    employee = models.ForeignKey(
        Employee,
        verbose_name=_("employee"),
        on_delete=models.CASCADE,
        related_name="+",
        db_index=False,
    )
    depth = models.PositiveSmallIntegerField(_("depth"))

    class Meta:
        verbose_name = _("reporting line")
        verbose_name_plural = _("reporting lines")
        constraints = [
            models.UniqueConstraint(fields=["manager", "employee"], name="reporting_line_unique")
        ]
        indexes = [models.Index(fields=["employee", "depth"], name="reporting_line_up_idx")]

    def __str__(self) -> str:
        return f"{self.manager_id} > {self.employee_id} ({self.depth})"


class MovementKind(models.TextChoices):
    TRANSFER = "transfer", _("transfer")
    PROMOTION = "promotion", _("promotion")


class Movement(models.Model):
    """An internal move: history only; the employee's present position is on Employee."""

    employee = models.ForeignKey(
        Employee, verbose_name=_("employee"), on_delete=models.CASCADE, related_name="movements"
    )
    date = models.DateField(_("date"))
    kind = models.CharField(_("kind"), max_length=20, choices=MovementKind.choices)
    department = models.ForeignKey(
        Department,
        verbose_name=_("new department"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    job_profile = models.ForeignKey(
        JobProfile,
        verbose_name=_("new job profile"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        verbose_name = _("internal move")
        verbose_name_plural = _("internal moves")
        ordering = ["date"]
        constraints = [
            models.UniqueConstraint(fields=["employee", "date", "kind"], name="movement_key"),
        ]
        indexes = [models.Index(fields=["date"], name="movement_date_idx")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.date}"


class Role(models.TextChoices):
    EMPLOYEE = "employee", _("employee")
    HR = "hr", _("HR adviser")
    ADMIN = "admin", _("administrator")
    # The works council or the privacy officer: reads the transparency page and the
    # audit log, nothing about people beyond what the log says.
    PRIVACY = "privacy", _("privacy officer or works council (read-only)")


class UserManager(BaseUserManager["User"]):
    use_in_migrations = True

    def create_user(self, email: str, password: str | None = None, **fields):
        if not email:
            raise ValueError("An e-mail address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def get_by_natural_key(self, username):
        # People type their address as they like; accounts are stored lowercased.
        return self.get(email__iexact=(username or "").strip())

    def create_superuser(self, email: str, password: str | None = None, **fields):
        fields.setdefault("role", Role.ADMIN)
        fields.setdefault("is_superuser", True)
        return self.create_user(email, password, **fields)


class User(AbstractBaseUser, PermissionsMixin):
    """An account. Being a manager is not a role: it follows from having reports."""

    email = models.EmailField(_("e-mail address"), unique=True)
    role = models.CharField(_("role"), max_length=20, choices=Role.choices, default=Role.EMPLOYEE)
    employee = models.OneToOneField(
        Employee,
        verbose_name=_("employee"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="user",
    )
    is_active = models.BooleanField(_("active"), default=True)
    date_joined = models.DateTimeField(_("date joined"), default=timezone.now)

    objects: ClassVar[UserManager] = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS: ClassVar[list[str]] = []

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def __str__(self) -> str:
        return self.email

    @property
    def is_staff(self) -> bool:
        # HR corrects data in the admin; administrators run the installation.
        return self.is_active and self.role in (Role.HR, Role.ADMIN)

    @property
    def is_hr(self) -> bool:
        return self.role in (Role.HR, Role.ADMIN)


class TokenScope(models.TextChoices):
    READ = "read", _("read only")
    READ_WRITE = "read-write", _("read and write")


class TokenStatus(models.TextChoices):
    ACTIVE = "active", _("active")
    EXPIRED = "expired", _("expired")
    REVOKED = "revoked", _("revoked")


def _token_expiry() -> datetime.datetime:
    return timezone.now() + datetime.timedelta(days=settings.GROEIPAD_API_TOKEN_DAYS)


class ApiToken(models.Model):
    """A bearer token for the API; only its SHA-256 is stored.

    A token works while it is neither expired (``expires_at``) nor revoked
    (``revoked_at``); a read-only token is refused for anything but GET/HEAD/OPTIONS.
    """

    user = models.ForeignKey(
        User, verbose_name=_("user"), on_delete=models.CASCADE, related_name="api_tokens"
    )
    name = models.CharField(_("name"), max_length=100, blank=True)
    prefix = models.CharField(_("prefix"), max_length=12)
    key_hash = models.CharField(_("key hash"), max_length=64, unique=True)
    scope = models.CharField(
        _("scope"), max_length=20, choices=TokenScope.choices, default=TokenScope.READ_WRITE
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    expires_at = models.DateTimeField(_("expires at"), default=_token_expiry)
    last_used_at = models.DateTimeField(_("last used at"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)
    revoked_by = models.ForeignKey(
        User,
        verbose_name=_("revoked by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["user", "created_at"], name="api_token_user_idx")]

    def __str__(self) -> str:
        return f"{self.prefix}… ({self.user})"

    @staticmethod
    def hash_key(key: str) -> str:
        return hashlib.sha256(key.encode()).hexdigest()

    def status_at(self, now: datetime.datetime) -> str:
        if self.revoked_at is not None:
            return TokenStatus.REVOKED
        if self.expires_at <= now:
            return TokenStatus.EXPIRED
        return TokenStatus.ACTIVE

    @property
    def status(self) -> str:
        return self.status_at(timezone.now())

    def get_status_display(self) -> str:
        return str(TokenStatus(self.status).label)

    @property
    def read_only(self) -> bool:
        return self.scope == TokenScope.READ


class UserSession(models.Model):
    """A logged-in browser session of an account, for the "My account" page.

    Made at login (the ``user_logged_in`` signal), removed at logout; ``last_seen_at``
    is written at most once a minute. The session itself lives in Django's session
    store under ``session_key``.
    """

    user = models.ForeignKey(
        User, verbose_name=_("user"), on_delete=models.CASCADE, related_name="browser_sessions"
    )
    session_key = models.CharField(_("session key"), max_length=40, unique=True)
    created_at = models.DateTimeField(_("started at"), default=timezone.now)
    last_seen_at = models.DateTimeField(_("last seen at"), default=timezone.now)
    user_agent = models.CharField(_("browser"), max_length=200, blank=True)
    ip = models.GenericIPAddressField(_("IP address"), null=True, blank=True)

    class Meta:
        verbose_name = _("session")
        verbose_name_plural = _("sessions")
        ordering = ["-last_seen_at", "-id"]

    def __str__(self) -> str:
        return f"{self.user} {self.created_at:%Y-%m-%d %H:%M}"


class DataErasure(models.Model):
    """That a retention rule (or HR's erasure) has been applied to a person's data.

    One row per (employee, rule, leave date); the retention task skips whoever already
    has one for their present leave date, so its daily run costs nothing for the leavers
    it handled before, and someone who is rehired and leaves again is handled again. It
    keeps no personal data: the employee is pseudonymised by then, or only their
    development data went.
    """

    employee = models.ForeignKey(
        Employee, verbose_name=_("employee"), on_delete=models.CASCADE, related_name="+"
    )
    rule = models.CharField(_("retention rule"), max_length=20)
    leave_date = models.DateField(_("leave date"), null=True, blank=True)
    done_at = models.DateTimeField(_("done at"), default=timezone.now)
    # Per category key: how many records went.
    counts = models.JSONField(_("counts"), default=dict, blank=True)

    class Meta:
        verbose_name = _("data erasure")
        verbose_name_plural = _("data erasures")
        constraints = [
            models.UniqueConstraint(
                fields=["employee", "rule", "leave_date"], name="data_erasure_once"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.employee_id} {self.rule} {self.done_at:%Y-%m-%d}"
