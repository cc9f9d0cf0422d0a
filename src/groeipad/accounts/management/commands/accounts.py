"""``groeipad accounts invite|deactivate|reactivate|list``: the HR accounts page's work."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management.base import BaseCommand, CommandError

from groeipad.accounts import selectors, services
from groeipad.accounts.selectors import STATUSES

LIST_LIMIT_MAX = 10_000


class Command(BaseCommand):
    requires_system_checks: list[str] = []
    help = "Invite employees, deactivate or reactivate accounts, list accounts."

    def add_arguments(self, parser):
        actions = parser.add_subparsers(dest="action", required=True)
        invite = actions.add_parser("invite", help="send invitations to set a password")
        invite.add_argument("numbers", nargs="*", metavar="EMPLOYEE_NUMBER")
        invite.add_argument(
            "--all-without-account",
            action="store_true",
            help="every current employee with an e-mail address and no (activated) account",
        )
        for name, text in (("deactivate", "end an account"), ("reactivate", "reopen an account")):
            sub = actions.add_parser(name, help=text)
            sub.add_argument("email")
        listing = actions.add_parser("list", help="list accounts")
        listing.add_argument("--status", choices=STATUSES)
        listing.add_argument("--search", default="")
        listing.add_argument("--limit", type=int, default=100)

    def handle(self, *args, action, **options):
        try:
            getattr(self, f"do_{action}")(**options)
        except (PermissionDenied, ValidationError) as error:
            messages = getattr(error, "messages", None) or [str(error)]
            raise CommandError(" ".join(messages)) from None

    def do_invite(self, *, numbers, all_without_account, **options):
        if bool(numbers) == bool(all_without_account):
            raise CommandError("give employee numbers or --all-without-account (not both)")
        if all_without_account:
            employees = list(selectors.employees_without_account())
        else:
            employees = selectors.employees_by_numbers(numbers)
            unknown = sorted(set(numbers) - {e.employee_number for e in employees})
            if unknown:
                raise CommandError(f"no employee with number {', '.join(unknown)}")
        report = services.invite(actor=None, employees=employees)
        for number, reason in report.skipped:
            self.stdout.write(f"skipped {number}: {services.skip_label(reason)}")
        self.stdout.write(report.summary())

    def _user(self, email: str):
        user = selectors.user_by_email(email)
        if user is None:
            raise CommandError(f"no account {email}")
        return user

    def do_deactivate(self, *, email, **options):
        user = self._user(email)
        changed = services.account_deactivate(actor=None, user=user)
        self.stdout.write(f"{user.email} deactivated" if changed else f"{user.email} was inactive")

    def do_reactivate(self, *, email, **options):
        user = self._user(email)
        changed = services.account_reactivate(actor=None, user=user)
        self.stdout.write(f"{user.email} reactivated" if changed else f"{user.email} was active")

    def do_list(self, *, status, search, limit, **options):
        if not 1 <= limit <= LIST_LIMIT_MAX:
            raise CommandError(f"--limit must be between 1 and {LIST_LIMIT_MAX}")
        users = list(selectors.account_users(search=search, status=status)[:limit])
        selectors.attach_invitations(users)
        for user in users:
            number = user.employee.employee_number if user.employee else "-"
            last = user.last_login.strftime("%Y-%m-%d %H:%M") if user.last_login else "-"
            self.stdout.write(
                f"{user.email}\t{number}\t{user.role}\t{selectors.status_of(user)}\t{last}"
            )
