import getpass
import sys

from django.core.exceptions import ValidationError
from django.core.management import BaseCommand, CommandError

from groeipad.people.models import Role
from groeipad.people.selectors import employee_by_number
from groeipad.people.services import user_create


class Command(BaseCommand):
    # System checks import every URL module (the API, charts, pages): seconds a
    # command does not need. `groeipad init` and the CI run them.
    requires_system_checks: list[str] = []
    help = "Manage accounts."

    def add_arguments(self, parser):
        actions = parser.add_subparsers(dest="action", required=True)
        create = actions.add_parser("create", help="create an account")
        create.add_argument("--email", required=True)
        create.add_argument("--role", choices=Role.values, default=Role.EMPLOYEE)
        create.add_argument("--employee", metavar="NUMBER", help="link to this employee number")
        create.add_argument(
            "--password-stdin", action="store_true", help="read the password from standard input"
        )

    def handle(self, *args, action, **options):
        if action == "create":
            self.create(**options)

    def create(self, *, email, role, employee, password_stdin, **options):
        linked = None
        if employee:
            linked = employee_by_number(employee)
            if linked is None:
                raise CommandError(f"No employee with number {employee}.")
        if password_stdin:
            password = sys.stdin.readline().rstrip("\r\n")
        elif sys.stdin.isatty():
            password = getpass.getpass("Password: ")
            if getpass.getpass("Password again: ") != password:
                raise CommandError("The passwords differ.")
        else:
            password = None
        try:
            user = user_create(
                actor=None, email=email, role=role, employee=linked, password=password
            )
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from None
        self.stdout.write(f"Created {user.email} ({user.get_role_display()}).")
        if password is None:
            self.stdout.write(
                "It has no password yet: set one with --password-stdin or in the admin."
            )
