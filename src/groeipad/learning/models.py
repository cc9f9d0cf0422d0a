"""Learning: completed learning activities, the catalogue, requests and evaluation.

The budgets that requests draw on are the budgets app's (``groeipad.budgets``)."""

from __future__ import annotations

from decimal import Decimal

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from groeipad.budgets.models import Funding
from groeipad.people.models import Employee


class Category(models.TextChoices):
    """The 70-20-10 model: experience (70), others (20), formal (10)."""

    EXPERIENCE = "experience", _("on the job (70)")
    SOCIAL = "social", _("through others (20)")
    FORMAL = "formal", _("formal (10)")


class ActivityKind(models.TextChoices):
    INTERNAL_TRAINING = "internal_training", _("internal training")
    EXTERNAL_TRAINING = "external_training", _("external training")
    MENTORING = "mentoring", _("mentoring")
    COACHING = "coaching", _("coaching")
    JOB_ROTATION = "job_rotation", _("job rotation")
    ON_THE_JOB = "on_the_job", _("on the job")


CATEGORY_OF_KIND = {
    ActivityKind.INTERNAL_TRAINING: Category.FORMAL,
    ActivityKind.EXTERNAL_TRAINING: Category.FORMAL,
    ActivityKind.MENTORING: Category.SOCIAL,
    ActivityKind.COACHING: Category.SOCIAL,
    ActivityKind.JOB_ROTATION: Category.EXPERIENCE,
    ActivityKind.ON_THE_JOB: Category.EXPERIENCE,
}


class LearningActivity(models.Model):
    employee = models.ForeignKey(
        Employee,
        verbose_name=_("employee"),
        on_delete=models.CASCADE,
        related_name="learning_activities",
    )
    date = models.DateField(_("completion date"))
    title = models.CharField(_("title"), max_length=300)
    kind = models.CharField(_("kind"), max_length=30, choices=ActivityKind.choices)
    # Stored, not only derived, so the KPI queries can group on it in the database.
    category = models.CharField(_("70-20-10 category"), max_length=20, choices=Category.choices)
    hours = models.DecimalField(_("hours"), max_digits=8, decimal_places=2, default=Decimal("0"))
    cost = models.DecimalField(_("cost"), max_digits=12, decimal_places=2, default=Decimal("0"))
    # The catalogue offer it was, when known: a completed request, or an imported row
    # whose title matches an offer's. Completions count on the offer through it.
    offer = models.ForeignKey(
        "learning.LearningOffer",
        verbose_name=_("offer"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="activities",
    )

    class Meta:
        verbose_name = _("learning activity")
        verbose_name_plural = _("learning activities")
        ordering = ["-date"]
        constraints = [
            models.UniqueConstraint(fields=["employee", "date", "title"], name="learning_key"),
            models.CheckConstraint(condition=models.Q(hours__gte=0), name="learning_hours_gte_0"),
            models.CheckConstraint(condition=models.Q(cost__gte=0), name="learning_cost_gte_0"),
        ]
        indexes = [
            models.Index(fields=["date"], name="learning_date_idx"),
            # Covers the KPI sums (hours, cost and mix by category over a period): the
            # database reads the index alone, not 350,000 table rows, for a large
            # organisation.
            models.Index(
                fields=["date", "category", "hours", "cost", "employee"],
                name="learning_kpi_cover_idx",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.title} ({self.date})"

    def save(self, *args, **kwargs):
        self.category = CATEGORY_OF_KIND[ActivityKind(self.kind)]
        super().save(*args, **kwargs)


# --- The catalogue, requests and evaluation (issue 7) -------------------------


class OfferKind(models.TextChoices):
    INTERNAL_TRAINING = "internal_training", _("internal training")
    EXTERNAL_COURSE = "external_course", _("external course or education")
    E_LEARNING = "e_learning", _("e-learning")


# Completed catalogue learning becomes a LearningActivity of this kind, so it counts in
# the KPIs exactly like imported learning does.
ACTIVITY_KIND_OF_OFFER = {
    OfferKind.INTERNAL_TRAINING: ActivityKind.INTERNAL_TRAINING,
    OfferKind.EXTERNAL_COURSE: ActivityKind.EXTERNAL_TRAINING,
    OfferKind.E_LEARNING: ActivityKind.EXTERNAL_TRAINING,
}


class LearningOffer(models.Model):
    title = models.CharField(_("title"), max_length=300, unique=True)
    kind = models.CharField(_("kind"), max_length=30, choices=OfferKind.choices)
    provider = models.CharField(_("provider"), max_length=200, blank=True)
    format = models.CharField(_("format"), max_length=100, blank=True)
    description = models.TextField(_("description"), blank=True)
    duration_hours = models.DecimalField(
        _("duration in hours"), max_digits=7, decimal_places=2, default=Decimal("0")
    )
    cost = models.DecimalField(
        _("cost (euros)"), max_digits=10, decimal_places=2, default=Decimal("0")
    )
    language = models.CharField(_("language"), max_length=20, default="nl")
    mandatory = models.BooleanField(_("mandatory"), default=False)
    active = models.BooleanField(_("in the catalogue"), default=True)

    class Meta:
        verbose_name = _("learning offer")
        verbose_name_plural = _("learning offers")
        ordering = ["title"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(duration_hours__gte=0), name="offer_hours_gte_0"
            ),
            models.CheckConstraint(condition=models.Q(cost__gte=0), name="offer_cost_gte_0"),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def activity_kind(self) -> str:
        return ACTIVITY_KIND_OF_OFFER[OfferKind(self.kind)]


class OfferCompetency(models.Model):
    """A competency an offer develops, and to which level of its scale."""

    offer = models.ForeignKey(LearningOffer, on_delete=models.CASCADE, related_name="competencies")
    competency = models.ForeignKey(
        "skills.Competency",
        verbose_name=_("competency"),
        on_delete=models.CASCADE,
        related_name="learning_offers",
    )
    level = models.PositiveSmallIntegerField(_("target level"))

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["offer", "competency"], name="offer_competency_key")
        ]

    def __str__(self) -> str:
        return f"{self.competency_id} level {self.level}"


class Session(models.Model):
    offer = models.ForeignKey(
        LearningOffer, verbose_name=_("offer"), on_delete=models.CASCADE, related_name="sessions"
    )
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"))
    place = models.CharField(_("place"), max_length=200, blank=True)
    capacity = models.PositiveIntegerField(_("capacity"))

    class Meta:
        verbose_name = _("session")
        verbose_name_plural = _("sessions")
        ordering = ["starts_on", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_on__gte=models.F("starts_on")),
                name="session_ends_after_start",
            ),
            models.CheckConstraint(
                condition=models.Q(capacity__gt=0), name="session_capacity_gt_0"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.offer.title} {self.starts_on}"


class EnrolmentStatus(models.TextChoices):
    REQUESTED = "requested", _("requested")
    APPROVED = "approved", _("approved")
    DECLINED = "declined", _("declined")
    WAITLISTED = "waitlisted", _("on the waiting list")
    COMPLETED = "completed", _("completed")
    CANCELLED = "cancelled", _("cancelled")


class Enrolment(models.Model):
    """A learning request; once approved it is an enrolment, once completed it is learning."""

    employee = models.ForeignKey(
        Employee, verbose_name=_("employee"), on_delete=models.CASCADE, related_name="enrolments"
    )
    offer = models.ForeignKey(
        LearningOffer,
        verbose_name=_("offer"),
        on_delete=models.PROTECT,
        related_name="enrolments",
    )
    session = models.ForeignKey(
        Session,
        verbose_name=_("session"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="enrolments",
    )
    goal = models.ForeignKey(
        "plans.Goal",
        verbose_name=_("plan goal"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=EnrolmentStatus.choices,
        default=EnrolmentStatus.REQUESTED,
    )
    # The employee's department when they asked: the budget it draws on.
    department = models.ForeignKey(
        "people.Department",
        verbose_name=_("department"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    # The budget that pays: the department's (above) or the employee's personal budget
    # for the budget year. Each request counts against exactly one of them.
    funding = models.CharField(
        _("paid from"), max_length=20, choices=Funding.choices, default=Funding.DEPARTMENT
    )
    reason = models.TextField(_("reason"), blank=True)
    decision_reason = models.TextField(_("reason for the decision"), blank=True)
    requested_at = models.DateTimeField(_("requested at"), default=timezone.now)
    decided_by = models.ForeignKey(
        "people.User",
        verbose_name=_("decided by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    # HR approved it beyond the budget that pays (department or personal).
    budget_override = models.BooleanField(_("approved beyond the budget by HR"), default=False)
    # The price when asked: a later price change must not move committed money.
    cost = models.DecimalField(_("cost"), max_digits=10, decimal_places=2)
    hours = models.DecimalField(_("hours"), max_digits=7, decimal_places=2)
    completed_on = models.DateField(_("completed on"), null=True, blank=True)
    activity = models.OneToOneField(
        LearningActivity, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # The participant answered the reaction / learning form (anonymous, see
    # ``EvaluationAnswer``): only "answered: yes", no date, for the to-do list, "you
    # answered" and refusing a second answer. The answer itself is not linked to this.
    reaction_answered = models.BooleanField(_("reaction answered"), default=False)
    learning_answered = models.BooleanField(_("learning answered"), default=False)

    class Meta:
        verbose_name = _("learning request")
        verbose_name_plural = _("learning requests")
        ordering = ["-requested_at", "-id"]
        indexes = [models.Index(fields=["department", "status"], name="enrolment_dept_status")]

    def __str__(self) -> str:
        return f"{self.employee} - {self.offer}"

    @property
    def budget_year(self) -> int:
        if self.session is not None:
            return self.session.starts_on.year
        return timezone.localtime(self.requested_at).year


class EvaluationLevel(models.TextChoices):
    REACTION = "reaction", _("reaction")
    LEARNING = "learning", _("learning")
    BEHAVIOUR = "behaviour", _("behaviour")


# The levels the participant answers on an anonymous form (EvaluationAnswer); the
# behaviour rating is the manager's rating of a named employee (Evaluation).
ANONYMOUS_LEVELS = (EvaluationLevel.REACTION, EvaluationLevel.LEARNING)
ANSWERED_FLAG = {
    EvaluationLevel.REACTION: "reaction_answered",
    EvaluationLevel.LEARNING: "learning_answered",
}


class Evaluation(models.Model):
    """The manager's behaviour rating of one named employee, 60+ days after the learning.

    A rating of that employee, not an anonymous answer: it stays linked to the request and
    to the manager who gave it (who alone reads it back). The participant's reaction and
    learning answers are ``EvaluationAnswer`` rows, linked to nobody.
    """

    enrolment = models.ForeignKey(Enrolment, on_delete=models.CASCADE, related_name="evaluations")
    level = models.CharField(_("level"), max_length=20, choices=EvaluationLevel.choices)
    # Reaction and behaviour: 1-5. Learning: the self-assessment after, with ``before``.
    rating = models.PositiveSmallIntegerField(_("rating"))
    before = models.PositiveSmallIntegerField(_("before"), null=True, blank=True)
    comment = models.TextField(_("comment"), blank=True)
    rater = models.ForeignKey(
        "people.User",
        verbose_name=_("rater"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    rated_on = models.DateField(_("date"), default=timezone.localdate)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["enrolment", "level"], name="evaluation_key"),
            models.CheckConstraint(
                condition=models.Q(rating__gte=1, rating__lte=5), name="evaluation_rating_1_5"
            ),
            models.CheckConstraint(
                condition=models.Q(before__isnull=True) | models.Q(before__gte=1, before__lte=5),
                name="evaluation_before_1_5",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.level} {self.rating}"


class EvaluationAnswer(models.Model):
    """A participant's answer on the anonymous reaction or learning form of an offer.

    Anonymous means unlinked (specs/anonymity.md, "Who answered"): the row keeps only what
    the offer's figures need (offer, level, rating, before, comment) and nothing that leads
    to the person: no enrolment, session, employee or user, and no date or time. The
    request keeps only "answered: yes" (``Enrolment.reaction_answered`` /
    ``learning_answered``), without a timestamp.

    The id stays an increasing number because the figures grow in steps
    (``privacy.anonymity.stepped``): each uses the first answers in arrival order, so that
    one new answer never moves a figure. Arrival order alone names no one: the flags carry
    no time, and the audit entry of an answer names neither the person nor the request.

    Each answer is one person: the service takes at most one answer per person, level and
    offer, whatever the number of their requests of that offer.
    """

    offer = models.ForeignKey(
        LearningOffer,
        verbose_name=_("offer"),
        on_delete=models.CASCADE,
        related_name="answers",
    )
    level = models.CharField(
        _("level"),
        max_length=20,
        choices=[(v, label) for v, label in EvaluationLevel.choices if v in ANONYMOUS_LEVELS],
    )
    # Reaction: 1-5. Learning: the self-assessment after (rounded average), with ``before``.
    rating = models.PositiveSmallIntegerField(_("rating"))
    before = models.PositiveSmallIntegerField(_("before"), null=True, blank=True)
    comment = models.TextField(_("comment"), blank=True)

    class Meta:
        verbose_name = _("anonymous evaluation answer")
        verbose_name_plural = _("anonymous evaluation answers")
        ordering = ["offer", "level", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(level__in=[str(v) for v in ANONYMOUS_LEVELS]),
                name="evaluation_answer_level",
            ),
            models.CheckConstraint(
                condition=models.Q(rating__gte=1, rating__lte=5),
                name="evaluation_answer_rating_1_5",
            ),
            models.CheckConstraint(
                condition=models.Q(before__isnull=True) | models.Q(before__gte=1, before__lte=5),
                name="evaluation_answer_before_1_5",
            ),
        ]
        indexes = [models.Index(fields=["offer", "level", "id"], name="evaluation_answer_idx")]

    def __str__(self) -> str:
        return f"{self.level} {self.rating}"


class LearningScore(models.Model):
    """The learning level per competency: the participant's level before and after (1-5).

    One row per competency the offer develops; ``competency`` is empty for the one
    overall row of an offer that has no competencies linked. The learning answer keeps
    the participant's averages in ``before`` and ``rating`` (rounded). Part of the
    anonymous answer: linked to the answer, never to the person.
    """

    answer = models.ForeignKey(
        EvaluationAnswer,
        verbose_name=_("answer"),
        on_delete=models.CASCADE,
        related_name="scores",
    )
    competency = models.ForeignKey(
        "skills.Competency",
        verbose_name=_("competency"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    before = models.PositiveSmallIntegerField(_("before"))
    after = models.PositiveSmallIntegerField(_("after"))

    class Meta:
        verbose_name = _("self-assessment")
        verbose_name_plural = _("self-assessments")
        constraints = [
            models.UniqueConstraint(fields=["answer", "competency"], name="learning_score_key"),
            models.UniqueConstraint(
                fields=["answer"],
                condition=models.Q(competency__isnull=True),
                name="learning_score_one_overall",
            ),
            models.CheckConstraint(
                condition=models.Q(before__gte=1, before__lte=5, after__gte=1, after__lte=5),
                name="learning_score_1_5",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.competency_id}: {self.before}->{self.after}"
