"""The plans app's reminders: overdue actions and check-ins, check-ins due, the digest.

A reminder provider for the notifications engine (``notifications.reminders``),
registered in ``PlansConfig.ready``: ``plan_reminders`` finds the facts and writes one
reminder per person and fact under a deterministic key; the engine stores them (a second
scan inserts nothing), shows them on the bell page and queues each e-mail once.

Texts are written in the organisation's language: the engine calls providers inside
``translation.override(settings.LANGUAGE_CODE)``.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from django.conf import settings
from django.db.models import Max, Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import formats
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from groeipad.notifications.models import Reminder, ReminderKind
from groeipad.notifications.reminders import absolute
from groeipad.people.models import Employee
from groeipad.plans import selectors
from groeipad.plans.models import (
    Action,
    Cadence,
    CheckIn,
    CheckInStatus,
    DevelopmentPlan,
    PlanStatus,
)

__all__ = ["absolute", "checkin_link", "plan_link", "plan_reminders"]

DEFAULT_CADENCE_WEEKS: int = Cadence._meta.get_field("weeks").default
# Planned check-ins this close ahead are listed in a manager's weekly digest.
DIGEST_LOOKAHEAD = timedelta(days=7)


# --- Links -----------------------------------------------------------------------------


def plan_link(plan_id: int) -> str:
    return reverse("plans:plan", args=[plan_id])


def _employee_link(employee: Employee) -> str:
    return reverse("web:employee_detail", args=[employee.employee_number])


def checkin_link(checkin: CheckIn) -> str:
    return reverse("plans:checkin", args=[checkin.pk])


def _day(value: date) -> str:
    return formats.date_format(value, "j F Y")


# --- What is overdue -------------------------------------------------------------------


def _employed(today: date, prefix: str = "") -> Q:
    return Q(**{f"{prefix}leave_date__isnull": True}) | Q(**{f"{prefix}leave_date__gte": today})


def overdue_actions(today: date) -> list[Action]:
    return list(
        selectors.overdue_actions(today)
        .filter(_employed(today, "goal__plan__employee__"))
        .order_by("due_date", "pk")
    )


def overdue_checkins(today: date) -> list[CheckIn]:
    return list(
        selectors.overdue_checkins(today)
        .filter(_employed(today, "employee__"))
        .order_by("scheduled_for", "pk")
    )


def upcoming_checkins(today: date) -> list[CheckIn]:
    return list(
        CheckIn.objects.filter(
            status=CheckInStatus.PLANNED,
            scheduled_for__gte=today,
            scheduled_for__lte=today + DIGEST_LOOKAHEAD,
        )
        .filter(_employed(today, "employee__"))
        .select_related("employee", "manager")
        .defer("employee_private_notes", "manager_private_notes")
        .order_by("scheduled_for", "pk")
    )


@dataclass(frozen=True)
class CheckInDue:
    employee: Employee
    since: date  # the last check-in held, or the hire date when there was none
    held_before: bool
    weeks: int


def checkins_due(today: date) -> list[CheckInDue]:
    """Employees whose last check-in is longer ago than their manager's cadence, none planned."""
    employees = (
        Employee.objects.filter(manager__isnull=False, hire_date__lte=today)
        .filter(_employed(today))
        .exclude(checkins__status=CheckInStatus.PLANNED)
        .annotate(last_held=Max("checkins__held_on", filter=Q(checkins__status=CheckInStatus.HELD)))
        .select_related("manager")
        .order_by("pk")
    )
    weeks_of: dict[int, int] = dict(Cadence.objects.values_list("manager_id", "weeks"))
    due = []
    for employee in employees:
        assert employee.manager_id is not None  # the query asks for a manager
        weeks = weeks_of.get(employee.manager_id, DEFAULT_CADENCE_WEEKS)
        since = employee.last_held or employee.hire_date
        if today - since > timedelta(weeks=weeks):
            due.append(CheckInDue(employee, since, employee.last_held is not None, weeks))
    return due


def unsigned_plans() -> list[DevelopmentPlan]:
    return list(
        DevelopmentPlan.objects.exclude(status=PlanStatus.CLOSED)
        .filter(signed_by_manager__isnull=True)
        .select_related("employee")
        .order_by("pk")
    )


# --- Reminders from the facts ----------------------------------------------------------


def _action_reminders(actions, users) -> list[Reminder]:
    reminders = []
    for action in actions:
        plan = action.goal.plan
        values = {
            "action": action.description,
            "goal": action.goal.title,
            "due": _day(action.due_date),
            "name": plan.employee.full_name,
        }
        link = plan_link(plan.pk)
        own = users.get(action.owner_id)
        if own:
            reminders.append(
                Reminder(
                    key=f"action_overdue:{action.pk}:{own}",
                    user_id=own,
                    kind=ReminderKind.ACTION_OVERDUE,
                    subject=_("Action overdue: %(action)s") % values,
                    body=_(
                        "The action “%(action)s” for the goal “%(goal)s” was due on %(due)s "
                        "and is not done yet. Finish it, give it a new date or cancel it."
                    )
                    % values,
                    link=link,
                )
            )
        manager = users.get(action.owner.manager_id) if action.owner.manager_id else None
        if manager and manager != own:
            values["name"] = action.owner.full_name
            reminders.append(
                Reminder(
                    key=f"action_overdue:{action.pk}:{manager}",
                    user_id=manager,
                    kind=ReminderKind.ACTION_OVERDUE,
                    subject=_("Action of %(name)s overdue: %(action)s") % values,
                    body=_(
                        "The action “%(action)s” of %(name)s for the goal “%(goal)s” was due "
                        "on %(due)s and is not done yet."
                    )
                    % values,
                    link=link,
                )
            )
    return reminders


def _checkin_reminders(checkins, users) -> list[Reminder]:
    reminders = []
    for checkin in checkins:
        link = checkin_link(checkin)
        for me, other in ((checkin.manager, checkin.employee), (checkin.employee, checkin.manager)):
            user_id = users.get(me.pk)
            if not user_id:
                continue
            values = {"name": other.full_name, "date": _day(checkin.scheduled_for)}
            reminders.append(
                Reminder(
                    key=f"checkin_overdue:{checkin.pk}:{user_id}",
                    user_id=user_id,
                    kind=ReminderKind.CHECKIN_OVERDUE,
                    subject=_("Check-in with %(name)s not held yet") % values,
                    body=_(
                        "The check-in with %(name)s planned for %(date)s has not been held. "
                        "Hold it, or plan a new date."
                    )
                    % values,
                    link=link,
                )
            )
    return reminders


def _due_reminders(due: list[CheckInDue], users) -> list[Reminder]:
    reminders = []
    for item in due:
        user_id = users.get(item.employee.manager_id)
        if not user_id:
            continue
        values = {"name": item.employee.full_name, "date": _day(item.since), "weeks": item.weeks}
        if item.held_before:
            body = _(
                "The last check-in with %(name)s was on %(date)s, longer ago than your "
                "rhythm of every %(weeks)s weeks, and no new one is planned."
            )
        else:
            body = _(
                "%(name)s has had no check-in since starting on %(date)s, and none is "
                "planned. Your rhythm is every %(weeks)s weeks."
            )
        reminders.append(
            Reminder(
                # The date in the key: after the next check-in a new reminder may follow.
                key=f"checkin_due:{item.employee.pk}:{item.since.isoformat()}:{user_id}",
                user_id=user_id,
                kind=ReminderKind.CHECKIN_DUE,
                subject=_("Time for a check-in with %(name)s") % values,
                body=body % values,
                link=_employee_link(item.employee),
            )
        )
    return reminders


@dataclass
class Digest:
    overdue_actions: list = field(default_factory=list)
    overdue_checkins: list = field(default_factory=list)
    upcoming_checkins: list = field(default_factory=list)
    checkins_due: list = field(default_factory=list)
    unsigned_plans: list = field(default_factory=list)

    @property
    def count(self) -> int:
        return sum(len(items) for items in vars(self).values())


def _digest_reminders(today, facts, users) -> list[Reminder]:
    """One overview a week for each manager of their direct reports, when there is news."""
    digests: dict[int, Digest] = defaultdict(Digest)
    for action in facts["actions"]:
        if action.goal.plan.employee.manager_id:
            digests[action.goal.plan.employee.manager_id].overdue_actions.append(action)
    for checkin in facts["overdue_checkins"]:
        digests[checkin.manager_id].overdue_checkins.append(checkin)
    for checkin in facts["upcoming_checkins"]:
        digests[checkin.manager_id].upcoming_checkins.append(checkin)
    for item in facts["due"]:
        digests[item.employee.manager_id].checkins_due.append(item)
    for plan in facts["unsigned"]:
        if plan.employee.manager_id:
            digests[plan.employee.manager_id].unsigned_plans.append(plan)
    year, week, _weekday = today.isocalendar()
    link = reverse("notifications:reminders")
    reminders = []
    for manager_id, digest in sorted(digests.items()):
        user_id = users.get(manager_id)
        if not user_id or not digest.count:
            continue
        reminders.append(
            Reminder(
                key=f"digest:{user_id}:{year}-W{week:02d}",
                user_id=user_id,
                kind=ReminderKind.DIGEST,
                subject=ngettext(
                    "Your team this week: %(count)d point for attention",
                    "Your team this week: %(count)d points for attention",
                    digest.count,
                )
                % {"count": digest.count},
                body=render_to_string(
                    "plans/email/digest_body.txt",
                    {"digest": digest, "week": week, "base_url": settings.BASE_URL},
                ).strip(),
                link=link,
            )
        )
    return reminders


# --- The provider ------------------------------------------------------------------------


def plan_reminders(*, today: date, users: dict[int, int]) -> list[Reminder]:
    """Every plans reminder due on ``today`` (the provider PlansConfig.ready registers)."""
    facts: dict[str, list[Any]] = {
        "actions": overdue_actions(today),
        "overdue_checkins": overdue_checkins(today),
        "upcoming_checkins": upcoming_checkins(today),
        "due": checkins_due(today),
        "unsigned": unsigned_plans(),
    }
    return [
        *_action_reminders(facts["actions"], users),
        *_checkin_reminders(facts["overdue_checkins"], users),
        *_due_reminders(facts["due"], users),
        *_digest_reminders(today, facts, users),
    ]
