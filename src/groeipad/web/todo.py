"""The home page's to-do overview: what waits for the viewer, so no follow-up dies quietly.

Every read goes through the selectors of the app that owns it (scoped to the viewer there;
visibility itself is people.visibility's). This module only counts, words and links. The
number of queries is fixed per role: each line is one count or one small aggregate, never a
query per item.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from django.db.models import Count, Exists, OuterRef, Q
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from groeipad.budgets import selectors as budget_selectors
from groeipad.coaching import selectors as coaching_selectors
from groeipad.coaching.models import TrajectoryStatus
from groeipad.feedback import selectors as feedback_selectors
from groeipad.feedback.models import RoundStatus
from groeipad.learning import selectors as learning_selectors
from groeipad.learning.models import EnrolmentStatus, Evaluation, EvaluationLevel
from groeipad.mentoring import selectors as mentoring_selectors
from groeipad.mentoring.models import MatchStatus
from groeipad.mobility import selectors as mobility_selectors
from groeipad.mobility.models import Consent, Decision
from groeipad.people.visibility import is_hr
from groeipad.plans import selectors as plan_selectors
from groeipad.plans.models import PlanStatus
from groeipad.plans.services import cadence_weeks

# Actions due within this many days count as "near their deadline".
SOON_DAYS = 14
# A declined learning request stays on the list this long, so the employee sees the answer.
RECENT_DECISION_DAYS = 30


@dataclass(frozen=True)
class Todo:
    text: str
    url: str
    urgent: bool = False


@dataclass
class Overview:
    mine: list[Todo] = field(default_factory=list)
    decisions: list[Todo] | None = None  # None: the viewer manages nobody
    attention: list[Todo] | None = None  # None: the viewer is not HR

    @property
    def empty(self) -> bool:
        return not (self.mine or self.decisions or self.attention)


def _day(value: date, today: date) -> str:
    return formats.date_format(value, "j F" if value.year == today.year else "j F Y")


def _euros(amount) -> str:
    return "€ " + formats.number_format(amount, 0, use_l10n=True, force_grouping=True)


def todo_overview(user, *, own, has_team: bool, today: date | None = None) -> Overview:
    """``own``: the viewer's employee record (or None), ``has_team``: they manage someone."""
    today = today or timezone.localdate()
    overview = Overview()
    mentor_confirmations: list[Todo] = []
    if own is not None:
        overview.mine = _for_employee(user, own, today, mentor_confirmations)
    if has_team:
        overview.decisions = _for_manager(user, today) + mentor_confirmations
    else:
        overview.mine += mentor_confirmations
    if is_hr(user):
        overview.attention = _for_hr(user, today)
    return overview


# --- The employee: their own follow-up -------------------------------------------------


def _for_employee(user, own, today: date, mentor_confirmations: list[Todo]) -> list[Todo]:
    items: list[Todo] = []
    employee_id = user.employee_id
    my_plan = reverse("plans:mine")

    deadlines = plan_selectors.action_deadlines_of(employee_id, today, horizon_days=SOON_DAYS)
    if deadlines.overdue:
        items.append(
            Todo(
                ngettext(
                    "%(count)s action in your development plan is past its due date",
                    "%(count)s actions in your development plan are past their due date",
                    deadlines.overdue,
                )
                % {"count": deadlines.overdue},
                my_plan,
                urgent=True,
            )
        )
    if deadlines.soon:
        items.append(
            Todo(
                ngettext(
                    "%(count)s action is due within two weeks (first on %(date)s)",
                    "%(count)s actions are due within two weeks (first on %(date)s)",
                    deadlines.soon,
                )
                % {"count": deadlines.soon, "date": _day(deadlines.first_due, today)},
                my_plan,
            )
        )

    checkin = plan_selectors.next_checkin_of(employee_id)
    if checkin is not None:
        link = reverse("plans:checkin", args=[checkin.pk])
        if checkin.scheduled_for < today:
            items.append(
                Todo(
                    _("Your check-in planned for %(date)s has not been held yet")
                    % {"date": _day(checkin.scheduled_for, today)},
                    link,
                    urgent=True,
                )
            )
        else:
            items.append(
                Todo(
                    _("Your next check-in is on %(date)s")
                    % {"date": _day(checkin.scheduled_for, today)},
                    link,
                )
            )

    plan = plan_selectors.open_plan(own)
    if plan and plan.status == PlanStatus.DRAFT:
        if plan.goals.exists():
            text = _(
                "Your development plan is still a draft: it waits for your manager's signature"
            )
        else:
            text = _(
                "Your development plan is still a draft without goals: add them, then "
                "your manager co-signs"
            )
        items.append(Todo(text, reverse("plans:plan", args=[plan.pk])))

    for feedback_round in feedback_selectors.own_rounds_in_progress(user):
        link = reverse("feedback:round", args=[feedback_round.pk])
        if feedback_round.status == RoundStatus.DRAFT:
            items.append(
                Todo(_("Your 360-degree feedback round is ready: invite raters and open it"), link)
            )
        else:
            items.append(
                Todo(
                    ngettext(
                        "%(answered)s of %(invited)s rater answered your 360-degree feedback round "
                        "(closes on %(date)s)",
                        "%(answered)s of %(invited)s raters answered your 360-degree feedback round "
                        "(closes on %(date)s)",
                        feedback_round.invited,
                    )
                    % {
                        "answered": feedback_round.answered,
                        "invited": feedback_round.invited,
                        "date": _day(feedback_round.closes_on, today),
                    },
                    link,
                )
            )

    items += _own_learning(user, today)
    items += _own_mentoring(user, mentor_confirmations)
    items += _own_coaching(user)
    items += _own_rotations(user)
    return items


def _own_learning(user, today: date) -> list[Todo]:
    def evaluated(level):
        return Exists(Evaluation.objects.filter(enrolment=OuterRef("pk"), level=level))

    since = timezone.now() - timedelta(days=RECENT_DECISION_DAYS)
    counts = (
        learning_selectors.enrolments_for_viewer(user)
        .filter(employee_id=user.employee_id)
        .alias(
            has_reaction=evaluated(EvaluationLevel.REACTION),
            has_learning=evaluated(EvaluationLevel.LEARNING),
        )
        .aggregate(
            waiting=Count(
                "pk", filter=Q(status__in=[EnrolmentStatus.REQUESTED, EnrolmentStatus.WAITLISTED])
            ),
            approved=Count("pk", filter=Q(status=EnrolmentStatus.APPROVED)),
            declined=Count("pk", filter=Q(status=EnrolmentStatus.DECLINED, decided_at__gte=since)),
            to_evaluate=Count(
                "pk",
                filter=Q(status=EnrolmentStatus.COMPLETED)
                & (Q(has_reaction=False) | Q(has_learning=False)),
            ),
        )
    )
    link = reverse("learning:mine")
    items = []
    if counts["to_evaluate"]:
        items.append(
            Todo(
                ngettext(
                    "%(count)s completed training still asks for your evaluation",
                    "%(count)s completed trainings still ask for your evaluation",
                    counts["to_evaluate"],
                )
                % {"count": counts["to_evaluate"]},
                link,
            )
        )
    if counts["waiting"]:
        items.append(
            Todo(
                ngettext(
                    "%(count)s learning request of yours waits for a decision",
                    "%(count)s learning requests of yours wait for a decision",
                    counts["waiting"],
                )
                % {"count": counts["waiting"]},
                link,
            )
        )
    if counts["approved"]:
        items.append(
            Todo(
                ngettext(
                    "%(count)s learning request has been approved and is still to be followed",
                    "%(count)s learning requests have been approved and are still to be followed",
                    counts["approved"],
                )
                % {"count": counts["approved"]},
                link,
            )
        )
    if counts["declined"]:
        items.append(
            Todo(
                ngettext(
                    "%(count)s learning request was declined in the past month",
                    "%(count)s learning requests were declined in the past month",
                    counts["declined"],
                )
                % {"count": counts["declined"]},
                link,
            )
        )
    return items


def _own_mentoring(user, mentor_confirmations: list[Todo]) -> list[Todo]:
    items = []
    employee_id = user.employee_id
    for match in mentoring_selectors.matches_of_employee(employee_id):
        link = reverse("mentoring:pair", args=[match.pk])
        i_am_mentor = match.mentor.employee_id == employee_id
        other = match.mentee.employee if i_am_mentor else match.mentor.employee
        i_confirmed = match.mentor_confirmed if i_am_mentor else match.mentee_confirmed
        if (
            match.status == MatchStatus.PROPOSED
            and not i_confirmed
            and match.programme.closed_at is None
        ):
            if i_am_mentor:
                mentor_confirmations.append(
                    Todo(
                        _("Confirm the mentoring pair with your mentee %(name)s (%(programme)s)")
                        % {"name": other.full_name, "programme": match.programme.name},
                        link,
                    )
                )
            else:
                items.append(
                    Todo(
                        _("Confirm the mentoring pair with your mentor %(name)s (%(programme)s)")
                        % {"name": other.full_name, "programme": match.programme.name},
                        link,
                    )
                )
        elif (
            match.status == MatchStatus.CONFIRMED
            and match.programme.has_ended()
            and mentoring_selectors.my_feedback(match, employee_id) is None
        ):
            items.append(
                Todo(
                    _("Give your end feedback on the mentoring pair with %(name)s")
                    % {"name": other.full_name},
                    link,
                )
            )
    return items


def _own_coaching(user) -> list[Todo]:
    items = []
    open_statuses = [
        TrajectoryStatus.REQUESTED,
        TrajectoryStatus.APPROVED,
        TrajectoryStatus.IN_PROGRESS,
    ]
    for trajectory in (
        coaching_selectors.mine(user)
        .filter(status__in=open_statuses)
        .order_by("requested_at", "pk")
    ):
        link = reverse("coaching:detail", args=[trajectory.pk])
        if trajectory.status == TrajectoryStatus.REQUESTED:
            text = _("Your coaching request waits for a decision")
        elif trajectory.status == TrajectoryStatus.APPROVED:
            text = _("Your coaching trajectory has been approved: plan the first session")
        else:
            text = ngettext(
                "Your coaching trajectory is under way: %(held)s of %(planned)s session held",
                "Your coaching trajectory is under way: %(held)s of %(planned)s sessions held",
                trajectory.planned_sessions,
            ) % {"held": trajectory.session_count, "planned": trajectory.planned_sessions}
        items.append(Todo(text, link))
    return items


def _own_rotations(user) -> list[Todo]:
    counts = (
        mobility_selectors.my_applications(user)
        .filter(withdrawn_at__isnull=True, decision=Decision.PENDING)
        .aggregate(
            at_manager=Count("pk", filter=Q(consent=Consent.PENDING)),
            at_host=Count("pk", filter=Q(consent=Consent.GIVEN)),
        )
    )
    link = reverse("mobility:mine")
    items = []
    if counts["at_manager"]:
        items.append(
            Todo(
                ngettext(
                    "%(count)s rotation application waits for your manager's consent",
                    "%(count)s rotation applications wait for your manager's consent",
                    counts["at_manager"],
                )
                % {"count": counts["at_manager"]},
                link,
            )
        )
    if counts["at_host"]:
        items.append(
            Todo(
                ngettext(
                    "%(count)s rotation application waits for the host department's choice",
                    "%(count)s rotation applications wait for the host department's choice",
                    counts["at_host"],
                )
                % {"count": counts["at_host"]},
                link,
            )
        )
    return items


# --- The manager: decisions that wait for them ----------------------------------------


def _for_manager(user, today: date) -> list[Todo]:
    items: list[Todo] = []

    def count_line(count: int, text: str, url: str, urgent: bool = False) -> None:
        if count:
            items.append(Todo(text, url, urgent))

    queue = reverse("learning:queue")
    n = learning_selectors.approval_queue(user).count()
    count_line(
        n,
        ngettext(
            "%(count)s learning request waits for your approval",
            "%(count)s learning requests wait for your approval",
            n,
        )
        % {"count": n},
        queue,
        urgent=True,
    )
    n = coaching_selectors.approval_queue(user).count()
    count_line(
        n,
        ngettext(
            "%(count)s coaching request waits for your decision",
            "%(count)s coaching requests wait for your decision",
            n,
        )
        % {"count": n},
        reverse("coaching:list"),
        urgent=True,
    )
    n = mobility_selectors.consent_queue(user).count()
    count_line(
        n,
        ngettext(
            "%(count)s rotation application waits for your consent",
            "%(count)s rotation applications wait for your consent",
            n,
        )
        % {"count": n},
        reverse("mobility:consents"),
        urgent=True,
    )
    n = mobility_selectors.host_queue(user).count()
    count_line(
        n,
        ngettext(
            "%(count)s candidate for a rotation in your department waits for your choice",
            "%(count)s candidates for a rotation in your department wait for your choice",
            n,
        )
        % {"count": n},
        reverse("mobility:host_queue"),
    )
    plans = list(plan_selectors.plans_awaiting_cosign(user).values_list("pk", flat=True))
    n = len(plans)
    count_line(
        n,
        ngettext(
            "%(count)s development plan waits for your co-signature",
            "%(count)s development plans wait for your co-signature",
            n,
        )
        % {"count": n},
        reverse("plans:plan", args=[plans[0]]) if n == 1 else reverse("plans:team"),
    )
    overdue, due, weeks = _team_checkins(user, today)
    team = reverse("plans:team")
    count_line(
        overdue,
        ngettext(
            "%(count)s check-in with your team is past its planned date",
            "%(count)s check-ins with your team are past their planned date",
            overdue,
        )
        % {"count": overdue},
        team,
        urgent=True,
    )
    count_line(
        due,
        ngettext(
            "%(count)s direct report is due a check-in (your rhythm: every %(weeks)s weeks)",
            "%(count)s direct reports are due a check-in (your rhythm: every %(weeks)s weeks)",
            due,
        )
        % {"count": due, "weeks": weeks},
        team,
    )
    n = learning_selectors.behaviour_due(user, today).count()
    count_line(
        n,
        ngettext(
            "%(count)s completed training asks how it is applied now (60-90 days after)",
            "%(count)s completed trainings ask how they are applied now (60-90 days after)",
            n,
        )
        % {"count": n},
        queue,
    )
    return items


def _team_checkins(user, today: date) -> tuple[int, int, int]:
    """Of the viewer's direct reports: planned check-ins past their date, and those with none
    planned whose last one (or hire date) is longer ago than the manager's rhythm."""
    weeks = cadence_weeks(user.employee_id)
    overdue = due = 0
    for row in plan_selectors.team_overview(user, today).filter(manager_id=user.employee_id):
        if row.next_checkin is not None:
            overdue += row.next_checkin < today
        elif today - (row.last_checkin or row.hire_date) > timedelta(weeks=weeks):
            due += 1
    return overdue, due, weeks


# --- HR: what needs attention across the organisation ---------------------------------


def _for_hr(user, today: date) -> list[Todo]:
    items: list[Todo] = []
    threshold = _euros(learning_selectors.setting("LEARNING_HR_COST_THRESHOLD"))

    learning = learning_selectors.hr_attention(user).count()
    if learning:
        items.append(
            Todo(
                ngettext(
                    "%(count)s learning request of %(amount)s or more waits for a decision",
                    "%(count)s learning requests of %(amount)s or more wait for a decision",
                    learning,
                )
                % {"count": learning, "amount": threshold},
                reverse("learning:queue"),
                True,
            )
        )
    coaching = coaching_selectors.hr_attention(user).count()
    if coaching:
        items.append(
            Todo(
                ngettext(
                    "%(count)s coaching request of %(amount)s or more waits for a decision",
                    "%(count)s coaching requests of %(amount)s or more wait for a decision",
                    coaching,
                )
                % {"count": coaching, "amount": threshold},
                reverse("coaching:list"),
                True,
            )
        )

    budgets = reverse("learning:budgets")
    for status in budget_selectors.budgets_for_viewer(user, today.year):
        if not status.warning:
            continue
        if status.remaining < 0:
            text = _("The learning budget of %(department)s is over its limit by %(amount)s")
            amount = _euros(-status.remaining)
        else:
            text = _(
                "The learning budget of %(department)s is %(percent)s%% used (%(amount)s left)"
            )
            amount = _euros(status.remaining)
        items.append(
            Todo(
                text
                % {
                    "department": status.department.name,
                    "percent": int(status.utilisation),
                    "amount": amount,
                },
                budgets,
                urgent=status.remaining < 0,
            )
        )

    rounds = feedback_selectors.rounds_with_low_response(user, today).count()
    if rounds:
        items.append(
            Todo(
                ngettext(
                    "%(count)s 360-degree feedback round closes within a week with fewer than half "
                    "of the raters answered",
                    "%(count)s 360-degree feedback rounds close within a week with fewer than half "
                    "of the raters answered",
                    rounds,
                )
                % {"count": rounds},
                reverse("feedback:hr"),
            )
        )

    for programme in mentoring_selectors.programmes_awaiting_matching(user)[:5]:
        items.append(
            Todo(
                ngettext(
                    "Mentoring programme %(name)s has %(count)s mentee waiting to be matched",
                    "Mentoring programme %(name)s has %(count)s mentees waiting to be matched",
                    programme.mentee_count,
                )
                % {"name": programme.name, "count": programme.mentee_count},
                reverse("mentoring:programme", args=[programme.pk]),
            )
        )

    offers = mobility_selectors.open_offers_without_applicants(user).count()
    if offers:
        items.append(
            Todo(
                ngettext(
                    "%(count)s open rotation has no applicants yet",
                    "%(count)s open rotations have no applicants yet",
                    offers,
                )
                % {"count": offers},
                reverse("mobility:offers"),
            )
        )
    return items
