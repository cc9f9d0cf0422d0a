from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "groeipad.accounts"
    label = "accounts"
    verbose_name = _("Accounts")

    def ready(self) -> None:
        from django.contrib.auth import get_user_model
        from django.db.models.signals import pre_save

        from groeipad.accounts.signals import user_active_changed

        pre_save.connect(
            user_active_changed, sender=get_user_model(), dispatch_uid="accounts-active"
        )
