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
        from django.contrib.auth import get_user_model
        from django.db.models.signals import pre_save

        from groeipad.accounts import oidc_checks  # noqa: F401  (registers the checks)
        from groeipad.accounts.signals import user_active_changed

        pre_save.connect(
            user_active_changed, sender=get_user_model(), dispatch_uid="accounts-active"
        )
