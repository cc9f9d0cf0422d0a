"""What needs HR's attention across the organisation."""

from __future__ import annotations

from datetime import date

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from groeipad.budgets import selectors as budget_selectors
from groeipad.coaching import selectors as coaching_selectors
from groeipad.feedback import selectors as feedback_selectors
from groeipad.learning import selectors as learning_selectors
from groeipad.lib.rows import annotated
from groeipad.mentoring import selectors as mentoring_selectors
from groeipad.mobility import selectors as mobility_selectors
from groeipad.people.models import User
from groeipad.web.todo.items import Todo, euros

# --- HR: what needs attention across the organisation ---------------------------------


def for_hr(user: User, today: date) -> list[Todo]:
    items: list[Todo] = []
    threshold = euros(learning_selectors.setting("LEARNING_HR_COST_THRESHOLD"))

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
        remaining = status.remaining
        if not status.warning or remaining is None:
            continue
        if remaining < 0:
            text = _("The learning budget of %(department)s is over its limit by %(amount)s")
            amount = euros(-remaining)
        else:
            text = _(
                "The learning budget of %(department)s is %(percent)s%% used (%(amount)s left)"
            )
            amount = euros(remaining)
        items.append(
            Todo(
                text
                % {
                    "department": status.department.name,
                    "percent": int(status.utilisation or 0),
                    "amount": amount,
                },
                budgets,
                urgent=remaining < 0,
            )
        )

    pending = feedback_selectors.approval_queue(user).count()
    if pending:
        items.append(
            Todo(
                ngettext(
                    "%(count)s external 360 rater waits for approval",
                    "%(count)s external 360 raters wait for approval",
                    pending,
                )
                % {"count": pending},
                reverse("feedback:approvals"),
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
                    annotated(programme, "mentee_count"),
                )
                % {"name": programme.name, "count": annotated(programme, "mentee_count")},
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
