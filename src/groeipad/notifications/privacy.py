"""What the notifications app holds about a person: reminders and e-mails to them."""

from __future__ import annotations

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from groeipad.notifications.models import OutgoingEmail, Reminder
from groeipad.people.models import Employee, User
from groeipad.privacy.registry import DataCategory, register


def _reminders(employee: Employee):
    return Reminder.objects.filter(user__employee_id=employee.pk)


def _reminders_export(employee: Employee) -> list[dict]:
    return [
        {
            "kind": r.get_kind_display(),
            "subject": r.subject,
            "text": r.body,
            "created_at": r.created_at,
            "dismissed_at": r.dismissed_at,
        }
        for r in _reminders(employee).order_by("created_at", "pk")
    ]


def _reminders_erase(employee: Employee, dry_run: bool) -> int:
    reminders = _reminders(employee)
    count = reminders.count()
    if not dry_run and count:
        reminders.delete()
    return count


def _emails(employee: Employee):
    addresses = Q(to__iexact=employee.email)
    for email in User.objects.filter(employee_id=employee.pk).values_list("email", flat=True):
        addresses |= Q(to__iexact=email)
    return OutgoingEmail.objects.filter(addresses)


def _emails_export(employee: Employee) -> list[dict]:
    # When and whether; not the texts, which may name others (such as whom a 360
    # invitation was about).
    return [
        {
            "to": m.to,
            "created_at": m.created_at,
            "status": m.get_status_display(),
            "sent_at": m.sent_at,
        }
        for m in _emails(employee).order_by("created_at", "pk")
    ]


def _emails_erase(employee: Employee, dry_run: bool) -> int:
    emails = _emails(employee)
    count = emails.count()
    if not dry_run and count:
        emails.delete()
    return count


register(
    DataCategory(
        key="reminders",
        app="notifications",
        label=_("reminders shown to you in the application"),
        purpose=_("to remind you of check-ins, actions and ratings that are due"),
        legal_basis=_("legitimate interest: your development (article 6(1)(f) GDPR)"),
        retention="development",
        seen_by=("own",),
        export=_reminders_export,
        erase=_reminders_erase,
    )
)
register(
    DataCategory(
        key="outgoing_emails",
        app="notifications",
        label=_("e-mails Groeipad sent you"),
        purpose=_("to deliver invitations, reminders and decisions by e-mail"),
        legal_basis=_("legitimate interest: your development (article 6(1)(f) GDPR)"),
        retention="development",
        seen_by=("own", "hr"),
        export=_emails_export,
        erase=_emails_erase,
        notes=(_("The export lists when mail was sent and whether it arrived, not its text."),),
    )
)
