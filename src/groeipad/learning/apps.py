from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LearningConfig(AppConfig):
    name = "groeipad.learning"
    label = "learning"
    verbose_name = _("Learning")

    def ready(self):
        # Notifications must not import learning: learning hands its reminder to the scan.
        from groeipad.budgets.registry import (
            register_budget_draw,
            register_export_sheets,
            register_personal_draw,
        )
        from groeipad.learning.exports import request_sheet
        from groeipad.learning.reminders import behaviour_reminders
        from groeipad.learning.selectors import budget_draw, budget_draws, personal_draws
        from groeipad.notifications.reminders import reminder_provider_register

        reminder_provider_register(behaviour_reminders)
        # Department-funded requests draw on the department budgets, personal-funded
        # ones on the personal budgets; budgets never import learning.
        register_budget_draw(budget_draw, grouped=budget_draws)
        register_personal_draw(personal_draws)
        register_export_sheets(request_sheet)
