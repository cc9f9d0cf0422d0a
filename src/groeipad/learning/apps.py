from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LearningConfig(AppConfig):
    name = "groeipad.learning"
    label = "learning"
    verbose_name = _("Learning")

    def ready(self):
        # Notifications must not import learning: learning hands its reminder to the scan.
        from groeipad.learning.reminders import behaviour_reminders
        from groeipad.notifications.reminders import reminder_provider_register

        reminder_provider_register(behaviour_reminders)
