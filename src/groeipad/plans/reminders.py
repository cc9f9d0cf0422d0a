"""Reminders: find what is overdue, record one reminder per person and fact, e-mail each once.

``reminders_scan`` is safe to run any number of times, by any number of workers at once:
every reminder has a deterministic ``key`` (``action_overdue:<action>:<user>``) that the
database keeps unique, so a second scan inserts nothing. ``reminders_send`` claims unsent
reminders in a short transaction that also stamps ``emailed_at`` (rows another worker has
locked are skipped on PostgreSQL; SQLite's immediate transactions run one claim at a time),
and only then talks to the SMTP server: a reminder is e-mailed at most once. If sending
fails the claim is given back, so the next run tries again; a crash between claim and send
loses that e-mail, never doubles it, and the reminder still shows in the application.

Texts are written in the organisation's language (``LANGUAGE_CODE``, Dutch) when the
reminder is made: the e-mail and the in-app list say the same.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.db import transaction
from django.db.models import Max, Q
from django.http import Http404
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from groeipad.people.models import Employee, User
from groeipad.plans import selectors
from groeipad.plans.models import (
    Action,
    Cadence,
    CheckIn,
    CheckInStatus,
    DevelopmentPlan,
    PlanStatus,
    Reminder,
    ReminderKind,
)

logger = logging.getLogger(__name__)

DEFAULT_CADENCE_WEEKS = Cadence._meta.get_field("weeks").default
# Planned check-ins this close ahead are listed in a manager's weekly digest.
DIGEST_LOOKAHEAD = timedelta(days=7)
SEND_BATCH = 50


# --- Links -----------------------------------------------------------------------------


def plan_link(plan_id: int) -> str:
    return reverse("plans:plan", args=[plan_id])


def _employee_link(employee: Employee) -> str:
    return reverse("web:employee_detail", args=[employee.employee_number])


def checkin_link(checkin: CheckIn) -> str:
    return reverse("plans:checkin", args=[checkin.pk])


def absolute(link: str) -> str:
    return f"{settings.BASE_URL}{link}" if link.startswith("/") else link


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
    weeks_of = dict(Cadence.objects.values_list("manager_id", "weeks"))
    due = []
    for employee in employees:
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


def _users_by_employee() -> dict[int, int]:
    """employee id -> id of their active account with an e-mail address."""
    return dict(
        User.objects.filter(is_active=True, employee__isnull=False)
        .exclude(email="")
        .values_list("employee_id", "id")
    )


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
    link = reverse("plans_extra:reminders")
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


# --- Reminders from apps above plans ------------------------------------------------
#
# Plans sits below learning (and others) and must not import them. An app that has
# reminders of its own registers a provider in its AppConfig.ready(): a callable
# ``provider(*, today, users) -> list[Reminder]`` (``users``: employee id -> user id of
# an active account with an e-mail address). The scan calls each in the organisation's
# language and stores its reminders with the rest, under the same unique-key rule.

_PROVIDERS: list = []


def reminder_provider_register(provider):
    """Add ``provider`` to the scan (once, however often an app registers it)."""
    if provider not in _PROVIDERS:
        _PROVIDERS.append(provider)
    return provider


def reminder_providers() -> list:
    return list(_PROVIDERS)


def reminders_scan(*, today: date) -> int:
    """Record every reminder due on ``today``; returns how many are new."""
    users = _users_by_employee()
    facts = {
        "actions": overdue_actions(today),
        "overdue_checkins": overdue_checkins(today),
        "upcoming_checkins": upcoming_checkins(today),
        "due": checkins_due(today),
        "unsigned": unsigned_plans(),
    }
    with translation.override(settings.LANGUAGE_CODE):
        reminders = [
            *_action_reminders(facts["actions"], users),
            *_checkin_reminders(facts["overdue_checkins"], users),
            *_due_reminders(facts["due"], users),
            *_digest_reminders(today, facts, users),
        ]
        for provider in _PROVIDERS:
            reminders.extend(provider(today=today, users=users))
    before = Reminder.objects.count()
    # The unique key makes a repeated (or concurrent) scan insert nothing twice.
    Reminder.objects.bulk_create(reminders, ignore_conflicts=True, batch_size=500)
    return Reminder.objects.count() - before


# --- E-mail ----------------------------------------------------------------------------


def _claim(limit: int) -> list[Reminder]:
    """Take up to ``limit`` unsent reminders and mark them sent, in one transaction."""
    now = timezone.now()
    with transaction.atomic():
        claimed = list(
            Reminder.objects.select_for_update(skip_locked=True, of=("self",))
            .filter(emailed_at__isnull=True, dismissed_at__isnull=True, user__is_active=True)
            .exclude(user__email="")
            .select_related("user")
            .order_by("pk")[:limit]
        )
        Reminder.objects.filter(pk__in=[r.pk for r in claimed]).update(emailed_at=now)
    for reminder in claimed:
        reminder.emailed_at = now
    return claimed


def _message(reminder: Reminder, connection) -> EmailMultiAlternatives:
    context = {"reminder": reminder, "url": absolute(reminder.link)}
    with translation.override(settings.LANGUAGE_CODE):
        text = render_to_string("plans/email/reminder.txt", context)
        html = render_to_string("plans/email/reminder.html", context)
    message = EmailMultiAlternatives(
        subject=reminder.subject, body=text, to=[reminder.user.email], connection=connection
    )
    message.attach_alternative(html, "text/html")
    return message


def reminders_send(*, batch: int = SEND_BATCH) -> int:
    """E-mail every reminder not e-mailed yet, each at most once; returns how many went out.

    The SMTP connection opens only when there is something to send, and is reused for the
    run. If the server cannot be reached or refuses a message, the rest of that batch is
    given back and the run stops: the next scan tries again.
    """
    sent = 0
    connection = get_connection()
    try:
        while claimed := _claim(batch):
            for index, reminder in enumerate(claimed):
                try:
                    connection.open()  # once: an open connection is kept
                    _message(reminder, connection).send()
                except Exception:
                    logger.exception("Sending reminder %s failed", reminder.pk)
                    Reminder.objects.filter(
                        pk__in=[r.pk for r in claimed[index:]], emailed_at=reminder.emailed_at
                    ).update(emailed_at=None)
                    return sent
                sent += 1
    finally:
        connection.close()
    return sent


# --- In the application ----------------------------------------------------------------


def reminders_for_user(user, *, include_dismissed: bool = False):
    reminders = Reminder.objects.filter(user=user)
    if not include_dismissed:
        reminders = reminders.filter(dismissed_at__isnull=True)
    return reminders.order_by("-created_at", "-pk")


def reminder_for_user(user, reminder_id: int) -> Reminder:
    """The reminder, if it is ``user``'s own; 404 otherwise."""
    try:
        return Reminder.objects.get(pk=reminder_id, user=user)
    except Reminder.DoesNotExist:
        raise Http404(_("No such reminder.")) from None


def reminder_dismiss(*, actor, reminder: Reminder) -> None:
    if reminder.user_id != actor.pk:
        raise Http404(_("No such reminder."))
    if reminder.dismissed_at is None:
        reminder.dismissed_at = timezone.now()
        reminder.save(update_fields=["dismissed_at"])
