from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoachingConfig(AppConfig):
    name = "groeipad.coaching"
    label = "coaching"
    verbose_name = _("Coaching")

    def ready(self):
        # Approved and completed coaching draws on the same department development
        # budget as learning: learning's budget_status adds it through this hook.
        from groeipad.coaching.selectors import budget_draw
        from groeipad.learning.selectors import register_budget_draw

        register_budget_draw(budget_draw)
