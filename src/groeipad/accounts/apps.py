"""Accounts for a real organisation: invitations, the HR accounts page, single sign-on.

Above ``people`` (whose users and employees it works on) and ``notifications`` (whose
outbox carries the invitation mails); below the pages, the API and the commands.
"""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "groeipad.accounts"
    label = "accounts"
    verbose_name = _("Accounts")

    def ready(self) -> None:
        from groeipad.accounts import oidc_checks  # noqa: F401  (registers the checks)
