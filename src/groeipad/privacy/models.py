"""The audit log: who created, changed, imported or exported personal data, and when."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class AppendOnlyError(Exception):
    """Raised on any attempt to change or remove an audit entry."""


class AuditQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise AppendOnlyError("The audit log is append-only.")

    def delete(self):
        raise AppendOnlyError("The audit log is append-only.")


class AuditAction(models.TextChoices):
    CREATE = "create", _("created")
    UPDATE = "update", _("changed")
    DELETE = "delete", _("deleted")
    IMPORT = "import", _("imported")
    EXPORT = "export", _("exported")
    LOGIN = "login", _("logged in")
    LOGIN_FAILED = "login_failed", _("failed to log in")
    LOGOUT = "logout", _("logged out")
    TOKEN = "token", _("API token created")
    READ = "read", _("read")
    PRUNE = "prune", _("pruned")


class ObjectType(models.TextChoices):
    """What an audit entry is about: one name per kind of record, never a free string."""

    ACTION = "action", _("action")
    API_TOKEN = "api_token", _("API token")
    ASSESSMENT = "assessment", _("assessment")
    AUDIT_LOG = "audit_log", _("audit log")
    CADENCE = "cadence", _("check-in cadence")
    CHECKIN = "checkin", _("check-in")
    COACHING_EVALUATION = "coaching_evaluation", _("coaching evaluation")
    COACHING_SESSION = "coaching_session", _("coaching session")
    COACHING_TRAJECTORY = "coaching_trajectory", _("coaching trajectory")
    COMPETENCIES = "competencies", _("competencies")
    COMPETENCY = "competency", _("competency")
    DEMO_DATA = "demo-data", _("demo data")
    DEPARTMENT = "department", _("department")
    DEVELOPMENT_PLAN = "development_plan", _("development plan")
    EMAIL = "email", _("e-mail")
    EMPLOYEE = "employee", _("employee")
    EMPLOYEES = "employees", _("employees")
    ENPS = "enps", _("eNPS")
    ESCO = "esco", _("ESCO skills")
    FEEDBACK_RATER = "feedback_rater", _("360 rater")
    FEEDBACK_REPORT = "feedback_report", _("360 report")
    FEEDBACK_ROUND = "feedback_round", _("360 round")
    FEEDBACK_SETTINGS = "feedback_settings", _("360 settings")
    FRAMEWORK = "framework", _("competency framework")
    GOAL = "goal", _("goal")
    JOB_PROFILE = "job_profile", _("job profile")
    KPIS = "kpis", _("KPIs")
    LEARNING = "learning", _("learning")
    LEARNING_ACTIVITY = "learning_activity", _("learning activity")
    LEARNING_BUDGET = "learning_budget", _("learning budget")
    LEARNING_EVALUATION = "learning_evaluation", _("learning evaluation")
    LEARNING_OFFER = "learning_offer", _("learning offer")
    LEARNING_REQUEST = "learning_request", _("learning request")
    LEARNING_SESSION = "learning_session", _("learning session")
    MENTORING = "mentoring", _("mentoring")
    MENTORING_FEEDBACK = "mentoring_feedback", _("mentoring feedback")
    MENTORING_MATCH = "mentoring_match", _("mentoring pair")
    MENTORING_MEETING = "mentoring_meeting", _("mentoring meeting")
    MENTORING_PARTICIPANT = "mentoring_participant", _("mentoring participant")
    MENTORING_PROGRAMME = "mentoring_programme", _("mentoring programme")
    MOVEMENT = "movement", _("movement")
    MOVEMENTS = "movements", _("movements")
    ORGANISATION = "organisation", _("organisation")
    PERSONAL_BUDGET = "personal_budget", _("personal learning budget")
    PLAN_TEMPLATE = "plan_template", _("plan template")
    POTENTIAL_OBSERVATION = "potential_observation", _("potential observation")
    ROTATION_APPLICATION = "rotation_application", _("rotation application")
    ROTATION_OFFER = "rotation_offer", _("rotation offer")
    SESSION = "session", _("session")
    SKILLS_HEATMAP = "skills_heatmap", _("skills heat map")
    STRATEGIC_TARGET = "strategic_target", _("strategic target")
    TALENT_PROFILE = "talent_profile", _("talent profile")
    USER = "user", _("account")

    @classmethod
    def for_model(cls, model: type[models.Model] | models.Model) -> ObjectType:
        """The type of a model's records (the admin audits whatever it edits)."""
        name = model._meta.model_name or ""
        return cls(_MODEL_NAMES.get(name, name))


# Model names that differ from their audit name.
_MODEL_NAMES = {"jobprofile": "job_profile", "developmentplan": "development_plan"}


class AuditEvent(models.Model):
    at = models.DateTimeField(_("at"), default=timezone.now, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("actor"),
        null=True,
        blank=True,
        # DO_NOTHING without a constraint: removing an account must not rewrite
        # the log; actor_label keeps who it was.
        on_delete=models.DO_NOTHING,
        related_name="+",
        db_constraint=False,
    )
    # Kept apart from the foreign key so the entry still says who it was if the
    # account is ever removed.
    actor_label = models.CharField(_("actor"), max_length=254)
    action = models.CharField(_("action"), max_length=20, choices=AuditAction.choices)
    object_type = models.CharField(_("object type"), max_length=100)
    object_id = models.CharField(_("object"), max_length=100, blank=True)
    summary = models.CharField(_("summary"), max_length=500)
    changes = models.JSONField(_("details"), default=dict, blank=True)

    objects = AuditQuerySet.as_manager()

    class Meta:
        verbose_name = _("audit event")
        verbose_name_plural = _("audit log")
        ordering = ["-at", "-id"]
        indexes = [
            models.Index(fields=["object_type", "object_id"], name="audit_object_idx"),
            # "Has this viewer read this object today?" (privacy.services.audit_read).
            models.Index(fields=["actor", "object_type", "object_id", "at"], name="audit_read_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.actor_label} {self.action} {self.object_type}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise AppendOnlyError("The audit log is append-only.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnlyError("The audit log is append-only.")
