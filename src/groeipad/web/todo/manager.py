"""The manager's decisions that wait for them."""

from __future__ import annotations

from datetime import date, timedelta

from django.urls import reverse
from django.utils.translation import ngettext

from groeipad.coaching import selectors as coaching_selectors
from groeipad.feedback import selectors as feedback_selectors
from groeipad.learning import selectors as learning_selectors
from groeipad.lib.rows import annotated
from groeipad.mobility import selectors as mobility_selectors
from groeipad.people.models import User
from groeipad.plans import selectors as plan_selectors
from groeipad.plans.services import cadence_weeks
from groeipad.web.todo.items import Todo

# --- The manager: decisions that wait for them ----------------------------------------


def for_manager(user: User, today: date) -> list[Todo]:
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
    n = feedback_selectors.approval_queue(user).count()
    count_line(
        n,
        ngettext(
            "%(count)s external 360 rater waits for your approval",
            "%(count)s external 360 raters wait for your approval",
            n,
        )
        % {"count": n},
        reverse("feedback:approvals"),
        urgent=True,
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


def _team_checkins(user: User, today: date) -> tuple[int, int, int]:
    """Of the viewer's direct reports: planned check-ins past their date, and those with none
    planned whose last one (or hire date) is longer ago than the manager's rhythm."""
    weeks = cadence_weeks(user.employee_id)
    overdue = due = 0
    for row in plan_selectors.team_overview(user, today).filter(manager_id=user.employee_id):
        next_checkin = annotated(row, "next_checkin")
        if next_checkin is not None:
            overdue += next_checkin < today
        elif today - (annotated(row, "last_checkin") or row.hire_date) > timedelta(weeks=weeks):
            due += 1
    return overdue, due, weeks
