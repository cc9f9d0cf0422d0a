from django.core.exceptions import ValidationError
from django.core.management import BaseCommand, CommandError
from django.utils import timezone

from groeipad.people.models import TokenScope
from groeipad.people.selectors import (
    api_token_by_id_or_prefix,
    api_token_list_for_hr,
    user_by_email,
)
from groeipad.people.services import TOKEN_MAX_DAYS, api_token_create, api_token_revoke

LIST_MAX = 500


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
        create.add_argument(
            "--scope",
            choices=TokenScope.values,
            default=TokenScope.READ_WRITE,
            help="read: GET only; read-write: everything the account may do (default)",
        )
        create.add_argument(
            "--days",
            type=int,
            default=None,
            help=f"valid for this many days, 1-{TOKEN_MAX_DAYS} (default GROEIPAD_API_TOKEN_DAYS)",
        )
        listing = actions.add_parser("list", help="list tokens (newest first)")
        listing.add_argument("--user", metavar="EMAIL", help="only this account's tokens")
        listing.add_argument("--status", choices=["active", "expired", "revoked"], default="")
        revoke = actions.add_parser("revoke", help="revoke a token at once")
        revoke.add_argument("token", metavar="ID|PREFIX")

    def handle(self, *args, action, **options):
        getattr(self, action)(**options)

    def create(self, *, email, name, scope, days, **options):
        user = user_by_email(email)
        if user is None:
            raise CommandError(f"No account with e-mail {email}.")
        if not user.is_active:
            raise CommandError(f"The account {email} is not active.")
        try:
            _token, key = api_token_create(actor=None, user=user, name=name, scope=scope, days=days)
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from None
        self.stdout.write(key)

    def list(self, *, user, status, **options):
        tokens = api_token_list_for_hr(status=status)
        if user:
            account = user_by_email(user)
            if account is None:
                raise CommandError(f"No account with e-mail {user}.")
            tokens = tokens.filter(user=account)
        now = timezone.now()
        rows = list(tokens[: LIST_MAX + 1])
        self.stdout.write("id\tprefix\towner\tname\tscope\tcreated\texpires\tlast used\tstatus")
        for token in rows[:LIST_MAX]:
            self.stdout.write(
                "\t".join(
                    [
                        str(token.pk),
                        token.prefix,
                        token.user.email,
                        token.name,
                        token.scope,
                        _when(token.created_at),
                        _when(token.expires_at),
                        _when(token.last_used_at),
                        token.status_at(now),
                    ]
                )
            )
        if len(rows) > LIST_MAX:
            self.stdout.write(f"(only the newest {LIST_MAX}; narrow with --user or --status)")

    def revoke(self, *, token, **options):
        found = api_token_by_id_or_prefix(token)
        if found is None:
            raise CommandError(f"No API token with id or prefix {token}.")
        if found.revoked_at is not None:
            self.stdout.write(f"Token {found.prefix}… of {found.user.email} was already revoked.")
            return
        api_token_revoke(actor=None, token=found)
        self.stdout.write(f"Revoked token {found.prefix}… of {found.user.email}.")


def _when(moment) -> str:
    return timezone.localtime(moment).strftime("%Y-%m-%d %H:%M") if moment else "-"
