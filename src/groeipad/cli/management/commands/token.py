from django.core.management import BaseCommand, CommandError

from groeipad.people.selectors import user_by_email
from groeipad.people.services import api_token_create


class Command(BaseCommand):
    # System checks import every URL module (the API, charts, pages): seconds a
    # command does not need. `groeipad init` and the CI run them.
    requires_system_checks: list[str] = []
    help = "Manage API tokens (for the header 'Authorization: Bearer TOKEN')."

    def add_arguments(self, parser):
        actions = parser.add_subparsers(dest="action", required=True)
        create = actions.add_parser("create", help="create a token and print it once")
        create.add_argument("--email", required=True)
        create.add_argument("--name", default="")

    def handle(self, *args, action, email, name, **options):
        user = user_by_email(email)
        if user is None:
            raise CommandError(f"No account with e-mail {email}.")
        if not user.is_active:
            raise CommandError(f"The account {email} is not active.")
        _token, key = api_token_create(actor=None, user=user, name=name)
        self.stdout.write(key)
