"""Competencies: frameworks, scales, job requirements, assessments, talent profiles, targets."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from groeipad.people.models import Department, Employee, JobProfile


class BilingualMixin:
    """Pick the Dutch or English text for the active language, Dutch first."""

    def _pick(self, base: str) -> str:
        dutch, english = getattr(self, f"{base}_nl"), getattr(self, f"{base}_en")
        if (get_language() or "nl").startswith("en"):
            return english or dutch
        return dutch or english


class ProficiencyScale(models.Model):
    name = models.CharField(_("name"), max_length=100, unique=True)
    min_level = models.PositiveSmallIntegerField(_("lowest level"), default=1)
    max_level = models.PositiveSmallIntegerField(_("highest level"), default=5)

    class Meta:
        verbose_name = _("proficiency scale")
        verbose_name_plural = _("proficiency scales")
        constraints = [
            models.CheckConstraint(
                condition=Q(max_level__gt=models.F("min_level")), name="scale_max_above_min"
            )
        ]

    def __str__(self) -> str:
        return self.name


class ScaleLevel(BilingualMixin, models.Model):
    scale = models.ForeignKey(
        ProficiencyScale, verbose_name=_("scale"), on_delete=models.CASCADE, related_name="levels"
    )
    level = models.PositiveSmallIntegerField(_("level"))
    label_nl = models.CharField(_("label (Dutch)"), max_length=100)
    label_en = models.CharField(_("label (English)"), max_length=100)

    class Meta:
        verbose_name = _("scale level")
        verbose_name_plural = _("scale levels")
        ordering = ["scale", "level"]
        constraints = [models.UniqueConstraint(fields=["scale", "level"], name="scale_level_key")]

    def __str__(self) -> str:
        return f"{self.level} {self.label}"

    @property
    def label(self) -> str:
        return self._pick("label")


class Framework(models.Model):
    name = models.CharField(_("name"), max_length=200, unique=True)
    description = models.TextField(_("description"), blank=True)
    source = models.CharField(_("source"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("competency framework")
        verbose_name_plural = _("competency frameworks")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Cluster(BilingualMixin, models.Model):
    framework = models.ForeignKey(
        Framework, verbose_name=_("framework"), on_delete=models.CASCADE, related_name="clusters"
    )
    name_nl = models.CharField(_("name (Dutch)"), max_length=200)
    name_en = models.CharField(_("name (English)"), max_length=200)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("competency cluster")
        verbose_name_plural = _("competency clusters")
        ordering = ["framework", "position", "name_nl"]
        constraints = [models.UniqueConstraint(fields=["framework", "name_en"], name="cluster_key")]

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return self._pick("name")


class EscoSkill(BilingualMixin, models.Model):
    """A skill of ESCO, the EU's multilingual skills taxonomy, as imported."""

    concept_uri = models.CharField(_("ESCO concept URI"), max_length=300, unique=True)
    esco_version = models.CharField(_("ESCO version"), max_length=20)
    skill_type = models.CharField(_("skill type"), max_length=100, blank=True)
    reuse_level = models.CharField(_("reuse level"), max_length=100, blank=True)
    name_en = models.CharField(_("name (English)"), max_length=500)
    name_nl = models.CharField(_("name (Dutch)"), max_length=500, blank=True)
    alt_labels_en = models.TextField(_("other names (English)"), blank=True)
    alt_labels_nl = models.TextField(_("other names (Dutch)"), blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)
    description_nl = models.TextField(_("description (Dutch)"), blank=True)

    class Meta:
        verbose_name = _("ESCO skill")
        verbose_name_plural = _("ESCO skills")
        ordering = ["name_en"]

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return self._pick("name")


class CompetencyKind(models.TextChoices):
    GENERIC = "generic", _("generic")
    TECHNICAL = "technical", _("technical")


class Competency(BilingualMixin, models.Model):
    framework = models.ForeignKey(
        Framework,
        verbose_name=_("framework"),
        on_delete=models.CASCADE,
        related_name="competencies",
    )
    cluster = models.ForeignKey(
        Cluster,
        verbose_name=_("cluster"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="competencies",
    )
    kind = models.CharField(
        _("kind"), max_length=20, choices=CompetencyKind.choices, default=CompetencyKind.GENERIC
    )
    name_nl = models.CharField(_("name (Dutch)"), max_length=200)
    name_en = models.CharField(_("name (English)"), max_length=200)
    description_nl = models.TextField(_("description (Dutch)"), blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)
    scale = models.ForeignKey(
        ProficiencyScale, verbose_name=_("scale"), on_delete=models.PROTECT, related_name="+"
    )
    esco_skill = models.ForeignKey(
        EscoSkill,
        verbose_name=_("ESCO skill"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="competencies",
    )

    class Meta:
        verbose_name = _("competency")
        verbose_name_plural = _("competencies")
        ordering = ["name_nl"]
        constraints = [
            models.UniqueConstraint(fields=["framework", "name_en"], name="competency_key")
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return self._pick("name")

    @property
    def description(self) -> str:
        return self._pick("description")


class BehaviouralIndicator(BilingualMixin, models.Model):
    competency = models.ForeignKey(
        Competency,
        verbose_name=_("competency"),
        on_delete=models.CASCADE,
        related_name="indicators",
    )
    level = models.PositiveSmallIntegerField(_("level"))
    text_nl = models.TextField(_("text (Dutch)"))
    text_en = models.TextField(_("text (English)"))

    class Meta:
        verbose_name = _("behavioural indicator")
        verbose_name_plural = _("behavioural indicators")
        ordering = ["competency", "level"]

    def __str__(self) -> str:
        return self.text

    @property
    def text(self) -> str:
        return self._pick("text")


class JobRequirement(models.Model):
    job_profile = models.ForeignKey(
        JobProfile,
        verbose_name=_("job profile"),
        on_delete=models.CASCADE,
        related_name="requirements",
    )
    competency = models.ForeignKey(
        Competency, verbose_name=_("competency"), on_delete=models.CASCADE, related_name="+"
    )
    level = models.PositiveSmallIntegerField(_("required level"), validators=[MinValueValidator(1)])
    weight = models.DecimalField(_("weight"), max_digits=4, decimal_places=2, default=1)

    class Meta:
        verbose_name = _("job requirement")
        verbose_name_plural = _("job requirements")
        constraints = [
            models.UniqueConstraint(fields=["job_profile", "competency"], name="requirement_key"),
            models.CheckConstraint(condition=Q(weight__gt=0), name="requirement_weight_gt_0"),
        ]

    def __str__(self) -> str:
        return f"{self.job_profile}: {self.competency} {self.level}"


class JobProfileParent(models.Model):
    """A job profile that builds on another ("Senior planner" on "Planner").

    Kept in this app, beside the requirements it inherits, so people stays free of
    competency concepts.
    """

    job_profile = models.OneToOneField(
        JobProfile,
        verbose_name=_("job profile"),
        on_delete=models.CASCADE,
        related_name="inheritance",
    )
    parent = models.ForeignKey(
        JobProfile, verbose_name=_("builds on"), on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("job profile inheritance")
        verbose_name_plural = _("job profile inheritance")
        constraints = [
            models.CheckConstraint(
                condition=~Q(job_profile=models.F("parent")), name="profile_not_own_parent"
            )
        ]

    def __str__(self) -> str:
        return f"{self.job_profile} ← {self.parent}"


class AssessmentKind(models.TextChoices):
    SELF = "self", _("self-assessment")
    MANAGER = "manager", _("manager")
    PEER = "peer", _("peer")


class Assessment(models.Model):
    """One rating at one moment; history is kept, so growth shows."""

    employee = models.ForeignKey(
        Employee, verbose_name=_("employee"), on_delete=models.CASCADE, related_name="assessments"
    )
    competency = models.ForeignKey(
        Competency, verbose_name=_("competency"), on_delete=models.CASCADE, related_name="+"
    )
    kind = models.CharField(_("kind"), max_length=20, choices=AssessmentKind.choices)
    assessor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("assessed by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    level = models.PositiveSmallIntegerField(_("level"))
    note = models.TextField(_("note"), blank=True)
    evidence = models.TextField(_("evidence"), blank=True)
    assessed_on = models.DateField(_("date"), default=timezone.localdate)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    # A manager's rating stays with the manager until shared with the employee.
    shared_at = models.DateTimeField(_("shared with the employee at"), null=True, blank=True)

    class Meta:
        verbose_name = _("assessment")
        verbose_name_plural = _("assessments")
        ordering = ["-assessed_on", "-created_at"]
        indexes = [
            models.Index(
                fields=["employee", "competency", "kind", "-assessed_on"],
                name="assessment_latest_idx",
            )
        ]

    def __str__(self) -> str:
        return f"{self.employee} {self.competency} {self.level} ({self.kind})"


class CurrentLevel(models.Model):
    """Summary: each employee's current level per competency, kept up to date by services.

    The current level is the latest manager rating if there is one, else the latest
    self-assessment. Gap analysis over 50,000 people reads this table instead of
    finding the latest of each history; a test proves it equal to the live history.
    """

    employee = models.ForeignKey(
        Employee, verbose_name=_("employee"), on_delete=models.CASCADE, related_name="+"
    )
    competency = models.ForeignKey(
        Competency, verbose_name=_("competency"), on_delete=models.CASCADE, related_name="+"
    )
    level = models.PositiveSmallIntegerField(_("level"))
    source = models.CharField(_("source"), max_length=20, choices=AssessmentKind.choices)

    class Meta:
        verbose_name = _("current level")
        verbose_name_plural = _("current levels")
        constraints = [
            models.UniqueConstraint(fields=["employee", "competency"], name="current_level_key")
        ]
        indexes = [models.Index(fields=["competency", "level"], name="current_level_comp_idx")]

    def __str__(self) -> str:
        return f"{self.employee_id}/{self.competency_id}: {self.level}"


class TalentProfile(models.Model):
    """The employee's own view: strengths, ambitions, energy, unused talent."""

    employee = models.OneToOneField(
        Employee,
        verbose_name=_("employee"),
        on_delete=models.CASCADE,
        related_name="talent_profile",
    )
    strengths = models.TextField(_("strengths"), blank=True)
    ambitions = models.TextField(_("ambitions"), blank=True)
    energy_sources = models.TextField(_("what gives me energy"), blank=True)
    unused_talent = models.TextField(_("a talent of mine that we do not use yet"), blank=True)
    aspired_job_profile = models.ForeignKey(
        JobProfile,
        verbose_name=_("job I aspire to"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    version = models.PositiveIntegerField(_("version"), default=1)
    updated_at = models.DateTimeField(_("updated at"), default=timezone.now)

    class Meta:
        verbose_name = _("talent profile")
        verbose_name_plural = _("talent profiles")

    def __str__(self) -> str:
        return str(self.employee)


class PotentialSignal(models.TextChoices):
    CURIOSITY = "curiosity", _("curiosity")
    INITIATIVE = "initiative", _("initiative")
    EAGERNESS = "eagerness_to_learn", _("eagerness to learn")


class PotentialObservation(models.Model):
    """A dated, observed example of a potential signal: not a score, not a label."""

    employee = models.ForeignKey(
        Employee,
        verbose_name=_("employee"),
        on_delete=models.CASCADE,
        related_name="potential_observations",
    )
    signal = models.CharField(_("signal"), max_length=30, choices=PotentialSignal.choices)
    observed_on = models.DateField(_("observed on"))
    what_happened = models.TextField(_("what happened"))
    what_it_showed = models.TextField(_("what it showed"))
    observer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("observed by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now)

    class Meta:
        verbose_name = _("potential observation")
        verbose_name_plural = _("potential observations")
        ordering = ["-observed_on", "-created_at"]

    def __str__(self) -> str:
        return f"{self.get_signal_display()} {self.observed_on}"


class StrategicTarget(models.Model):
    """What the organisation will need: a competency at a level, for so many people, by a date."""

    competency = models.ForeignKey(
        Competency, verbose_name=_("competency"), on_delete=models.CASCADE, related_name="targets"
    )
    level = models.PositiveSmallIntegerField(_("level"))
    headcount = models.PositiveIntegerField(
        _("number of people"), validators=[MinValueValidator(1)]
    )
    due_date = models.DateField(_("needed by"))
    department = models.ForeignKey(
        Department,
        verbose_name=_("department"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        help_text=_("Empty: the whole organisation."),
    )
    note = models.TextField(_("why"), blank=True)
    version = models.PositiveIntegerField(_("version"), default=1)

    class Meta:
        verbose_name = _("strategic target")
        verbose_name_plural = _("strategic targets")
        ordering = ["due_date"]

    def __str__(self) -> str:
        return f"{self.competency} ≥ {self.level} × {self.headcount} ({self.due_date})"
