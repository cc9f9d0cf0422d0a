from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlansConfig(AppConfig):
    name = "groeipad.plans"
    label = "plans"
    verbose_name = _("Development plans")

    def ready(self):
        # Notifications must not import plans: plans hands its reminders to the scan.
        from groeipad.notifications.reminders import reminder_provider_register
        from groeipad.plans.reminders import plan_reminders

        reminder_provider_register(plan_reminders)
