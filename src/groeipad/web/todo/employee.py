"""The employee's own follow-up: plan, check-ins, 360, learning, mentoring, coaching, rotations."""

from __future__ import annotations

from datetime import date, timedelta

from django.db.models import Count, Exists, OuterRef, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from groeipad.coaching import selectors as coaching_selectors
from groeipad.coaching.models import TrajectoryStatus
from groeipad.feedback import selectors as feedback_selectors
from groeipad.feedback.anonymity import round_k
from groeipad.feedback.models import RoundStatus
from groeipad.learning import selectors as learning_selectors
from groeipad.learning.models import Enrolment, EnrolmentStatus
from groeipad.lib.rows import annotated
from groeipad.mentoring import selectors as mentoring_selectors
from groeipad.mentoring.models import MatchStatus
from groeipad.mobility import selectors as mobility_selectors
from groeipad.mobility.models import Consent, Decision
from groeipad.people.models import Employee, User
from groeipad.plans import selectors as plan_selectors
from groeipad.plans.models import PlanStatus
from groeipad.web.todo.items import RECENT_DECISION_DAYS, SOON_DAYS, Todo, day

# --- The employee: their own follow-up -------------------------------------------------


def for_employee(
    user: User, own: Employee, today: date, mentor_confirmations: list[Todo]
) -> list[Todo]:
    items: list[Todo] = []
    employee_id = own.pk
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
    if deadlines.soon and deadlines.first_due is not None:
        items.append(
            Todo(
                ngettext(
                    "%(count)s action is due within two weeks (first on %(date)s)",
                    "%(count)s actions are due within two weeks (first on %(date)s)",
                    deadlines.soon,
                )
                % {"count": deadlines.soon, "date": day(deadlines.first_due, today)},
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
                    % {"date": day(checkin.scheduled_for, today)},
                    link,
                    urgent=True,
                )
            )
        else:
            items.append(
                Todo(
                    _("Your next check-in is on %(date)s")
                    % {"date": day(checkin.scheduled_for, today)},
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
        elif annotated(feedback_round, "invited") < round_k(feedback_round):
            # Too few anonymous raters to say how many answered (specs/anonymity.md).
            items.append(
                Todo(
                    _("Your 360-degree feedback round is open (closes on %(date)s)")
                    % {"date": day(feedback_round.closes_on, today)},
                    link,
                )
            )
        else:
            items.append(
                Todo(
                    ngettext(
                        "%(answered)s of %(invited)s rater answered your 360-degree feedback round "
                        "(closes on %(date)s)",
                        "%(answered)s of %(invited)s raters answered your 360-degree feedback round "
                        "(closes on %(date)s)",
                        annotated(feedback_round, "invited"),
                    )
                    % {
                        "answered": annotated(feedback_round, "answered"),
                        "invited": annotated(feedback_round, "invited"),
                        "date": day(feedback_round.closes_on, today),
                    },
                    link,
                )
            )

    items += _own_learning(user, employee_id, today)
    items += _own_mentoring(employee_id, mentor_confirmations)
    items += _own_coaching(user)
    items += _own_rotations(user)
    return items


def _own_learning(user: User, employee_id: int, today: date) -> list[Todo]:
    # The anonymous answers are linked to nobody: the request's "answered" flags say what
    # is still asked, over all the person's requests of an offer (one answer per offer).
    def answered(flag: str) -> Exists:
        return Exists(
            Enrolment.objects.filter(
                employee_id=OuterRef("employee_id"), offer_id=OuterRef("offer_id"), **{flag: True}
            )
        )

    since = timezone.now() - timedelta(days=RECENT_DECISION_DAYS)
    counts = (
        learning_selectors.enrolments_for_viewer(user)
        .filter(employee_id=employee_id)
        .alias(
            has_reaction=answered("reaction_answered"),
            has_learning=answered("learning_answered"),
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


def _own_mentoring(employee_id: int, mentor_confirmations: list[Todo]) -> list[Todo]:
    items = []
    matches = list(mentoring_selectors.matches_of_employee(employee_id))
    mentors = mentoring_selectors.answered_mentors(matches)
    for match in matches:
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
            and not mentoring_selectors.feedback_given(match, employee_id, mentors)
        ):
            items.append(
                Todo(
                    _("Give your end feedback on the mentoring pair with %(name)s")
                    % {"name": other.full_name},
                    link,
                )
            )
    return items


def _own_coaching(user: User) -> list[Todo]:
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
            ) % {
                "held": annotated(trajectory, "session_count"),
                "planned": trajectory.planned_sessions,
            }
        items.append(Todo(text, link))
    return items


def _own_rotations(user: User) -> list[Todo]:
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
