from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PrivacyConfig(AppConfig):
    name = "groeipad.privacy"
    label = "privacy"
    verbose_name = _("Privacy and audit")

    def ready(self) -> None:
        from groeipad.privacy import checks  # noqa: F401  (registers the system checks)
