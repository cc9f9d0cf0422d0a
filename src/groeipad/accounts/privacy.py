"""What the accounts app holds about a person: the invitations to their account."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from groeipad.accounts.models import AccountInvitation
from groeipad.people.models import Employee
from groeipad.privacy.registry import DataCategory, register


def _export(employee: Employee) -> list[dict]:
    # When and what became of each link; never the link (only its hash is stored).
    return [
        {
            "sent_at": i.created_at,
            "expires_at": i.expires_at,
            "used_at": i.used_at,
            "voided_at": i.voided_at,
        }
        for i in AccountInvitation.objects.filter(user__employee_id=employee.pk).order_by(
            "created_at", "pk"
        )
    ]


def _erase(employee: Employee, dry_run: bool) -> int:
    # HR's deactivation record (``AccountDeactivation``) stays: it holds only that the
    # account was ended on purpose, and keeps an erased leaver's account off.
    invitations = AccountInvitation.objects.filter(user__employee_id=employee.pk)
    count = invitations.count()
    if not dry_run and count:
        invitations.delete()
    return count


register(
    DataCategory(
        key="account_invitations",
        app="accounts",
        label=_("invitations to your account"),
        purpose=_("to let you choose your own password, once, through a link sent by e-mail"),
        legal_basis=_("legitimate interest: your development (article 6(1)(f) GDPR)"),
        retention="employment",
        seen_by=("own", "hr"),
        export=_export,
        erase=_erase,
    )
)
