"""The behaviour evaluation, asked automatically: a reminder to the manager 60 days on.

Registered with the reminder scan (``notifications.reminders.reminder_provider_register``,
wired in ``LearningConfig.ready``), so ``groeipad worker`` records it with the other
reminders and e-mails it once. The key holds only the enrolment: however often the scan
runs, a completed learning gets one reminder.
"""

from __future__ import annotations

from datetime import date, timedelta

from django.db.models import Q
from django.urls import reverse
from django.utils import formats
from django.utils.translation import gettext as _

from groeipad.learning.models import Enrolment, EnrolmentStatus, EvaluationLevel
from groeipad.learning.selectors import setting
from groeipad.notifications.models import Reminder, ReminderKind


def behaviour_link(enrolment_id: int) -> str:
    return reverse("learning:behaviour", args=[enrolment_id])


def behaviour_reminder_key(enrolment_id: int) -> str:
    return f"behaviour_rating:{enrolment_id}"


def behaviour_reminders(*, today: date, users: dict[int, int]) -> list[Reminder]:
    """Completed learning 60-90 days old without a behaviour rating: ask the manager."""
    low, high = setting("LEARNING_BEHAVIOUR_DAYS")
    enrolments = (
        Enrolment.objects.filter(
            status=EnrolmentStatus.COMPLETED,
            completed_on__lte=today - timedelta(days=low),
            completed_on__gte=today - timedelta(days=high),
            employee__manager__isnull=False,
        )
        .filter(Q(employee__leave_date__isnull=True) | Q(employee__leave_date__gte=today))
        .exclude(evaluations__level=EvaluationLevel.BEHAVIOUR)
        .select_related("employee", "offer")
        .order_by("completed_on", "pk")
    )
    reminders = []
    for enrolment in enrolments:
        manager_id, completed_on = enrolment.employee.manager_id, enrolment.completed_on
        if manager_id is None or completed_on is None:  # the query rules both out
            continue
        user_id = users.get(manager_id)
        if not user_id:
            continue
        values = {
            "name": enrolment.employee.full_name,
            "title": enrolment.offer.title,
            "date": formats.date_format(completed_on, "j F Y"),
            "days": (today - completed_on).days,
        }
        reminders.append(
            Reminder(
                key=behaviour_reminder_key(enrolment.pk),
                user_id=user_id,
                kind=ReminderKind.BEHAVIOUR_RATING,
                subject=_("How does %(name)s apply “%(title)s”?") % values,
                body=_(
                    "%(name)s completed “%(title)s” on %(date)s, %(days)s days ago. Rate how "
                    "%(name)s applies it in the work (1-5): it shows HR which learning changes "
                    "behaviour, not only attendance."
                )
                % values,
                link=behaviour_link(enrolment.pk),
            )
        )
    return reminders
